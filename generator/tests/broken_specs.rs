//! Every spec under `tests/broken/` is wrong in one way (its first line says
//! how); the report a maintainer would see for it is snapshotted, so each
//! message, pointer, line and column is pinned.

use generator::{generate, report, Config, Diagnostic};

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    match generate(text, &Config::new("broken")) {
        Ok(generated) => generated.warnings,
        Err(diagnostics) => diagnostics,
    }
}

#[test]
fn every_broken_spec_reports_its_exact_diagnostics() {
    insta::glob!("broken/*.yaml", |path| {
        let text = std::fs::read_to_string(path).expect("the broken spec is readable");
        let name = Path::new("broken").join(path.file_name().expect("a file"));
        let diagnostics = diagnostics(&text);
        assert!(
            !diagnostics.is_empty(),
            "{} reports nothing",
            name.display()
        );
        insta::assert_snapshot!(report(&diagnostics, &name.display().to_string()));
    });
}
