//! A client of several resources compiles without warnings with each
//! resource's feature alone, with `full`, and with none, and its models are
//! gated on the resources that use them.

use std::fs;
use std::path::Path;
use std::process::Command;

use generator::{generate, Config, Generated};

const FIXTURE: &str = include_str!("fixtures_features/three_resources.yaml");

fn generated() -> Generated {
    generate(FIXTURE, &Config::new("fixture-features")).expect("the fixture generates")
}

fn file<'a>(generated: &'a Generated, path: &str) -> &'a str {
    &generated
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is generated"))
        .contents
}

/// The `#[cfg]` line just before `pub <kind> <name>` in `models.rs`, if any.
fn gate_of<'a>(models: &'a str, item: &str) -> Option<&'a str> {
    let lines: Vec<&str> = models.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.starts_with(item))
        .unwrap_or_else(|| panic!("`{item}` is in models.rs"));
    lines[..at]
        .iter()
        .rev()
        .take_while(|line| line.starts_with('#') || line.starts_with("///"))
        .find(|line| line.starts_with("#[cfg("))
        .copied()
}

#[test]
fn models_are_gated_on_the_features_that_use_them() {
    let generated = generated();
    let models = file(&generated, "src/models.rs");
    // Every resource and the webhook reach `Pet` and `Tags`: always compiled.
    assert_eq!(gate_of(models, "pub struct Pet "), None);
    assert_eq!(gate_of(models, "pub type Tags "), None);
    assert_eq!(
        gate_of(models, "pub struct Owner "),
        Some(r#"#[cfg(any(feature = "owners", feature = "pets"))]"#)
    );
    assert_eq!(
        gate_of(models, "pub struct Store "),
        Some(r#"#[cfg(feature = "stores")]"#)
    );
    assert_eq!(
        gate_of(models, "pub struct Unused "),
        Some(r#"#[cfg(feature = "full")]"#)
    );
    // Only `pets` pages, so only it compiles the paginator.
    assert!(file(&generated, "src/lib.rs")
        .contains("#[cfg(feature = \"pets\")]\n#[rustfmt::skip]\nmod pagination;"));
    let manifest = file(&generated, "Cargo.toml");
    assert!(manifest.contains("default = [\"rustls\", \"full\"]\n"));
    assert!(manifest.contains("full = [\"owners\", \"pets\", \"stores\", \"webhooks\"]\n"));
}

#[test]
fn error_bodies_and_what_they_reach_are_compiled_whatever_the_features() {
    // The crate-wide `ErrorBody` enum names every error body, so gating one
    // on the resource that documents it would leave the enum naming nothing.
    let generated = generated();
    let models = file(&generated, "src/models.rs");
    assert_eq!(gate_of(models, "pub struct Problem "), None);
    assert_eq!(gate_of(models, "pub struct ProblemDetail "), None);
}

#[test]
fn default_features_come_from_the_config_and_unknown_ones_are_refused() {
    let mut config = Config::new("fixture-features");
    config.default_features = Some(vec!["rustls".into(), "pets".into()]);
    let generated = generate(FIXTURE, &config).expect("the fixture generates");
    assert!(file(&generated, "Cargo.toml").contains("default = [\"rustls\", \"pets\"]\n"));
    config.default_features = Some(vec!["rustls".into(), "petz".into()]);
    let errors = generate(FIXTURE, &config).expect_err("an unknown feature is refused");
    assert!(errors[0].message.contains("`petz`"), "{errors:?}");
}

/// One crate in a scratch workspace, checked by clippy once per feature set;
/// the dependencies are built by the first run and reused by the others.
#[test]
fn each_resource_feature_alone_and_none_compile_without_warnings() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let root = tmp.join("resource-features");
    let _ = fs::remove_dir_all(&root);
    for file in &generated().files {
        let path = root.join(&file.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &file.contents).unwrap();
    }
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    fs::write(
        root.join("Cargo.toml"),
        format!("{manifest}\n[workspace]\n"),
    )
    .unwrap();
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    fs::copy(lock, root.join("Cargo.lock")).unwrap();
    let mut failures = Vec::new();
    for features in [
        "",
        "owners",
        "pets",
        "stores",
        "webhooks",
        "full",
        "blocking,pets",
    ] {
        let output = Command::new(env!("CARGO"))
            .args([
                "clippy",
                "--quiet",
                "--lib",
                "--no-default-features",
                "--features",
            ])
            .arg(format!("rustls,{features}"))
            .args(["--", "-D", "warnings"])
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", tmp.join("generated-crates-target"))
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs");
        if !output.status.success() {
            failures.push(format!(
                "features `{features}`:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
