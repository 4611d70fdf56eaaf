//! Real-world specs: constructs that are valid but unusual (`$ref`s into
//! other schemas or to parameters and responses), and mistakes whose meaning
//! is plain, repaired with a warning. One fixture per construct or repair in
//! `fixtures_repairs/`; each is snapshotted with its located warnings, and
//! all of them compile.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use generator::{generate, Config, Generated};

fn fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .expect("fixtures_repairs is readable")
        .map(|entry| entry.expect("fixture entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    paths
}

fn crate_name(fixture: &Path) -> String {
    let stem = fixture.file_stem().unwrap_or_default().to_string_lossy();
    format!("fixture-repairs-{stem}")
}

fn generate_fixture(fixture: &Path) -> Generated {
    let text = fs::read_to_string(fixture).expect("fixture is readable");
    match generate(&text, &Config::new(crate_name(fixture))) {
        Ok(generated) => generated,
        Err(diagnostics) => panic!("{} does not generate: {diagnostics:#?}", fixture.display()),
    }
}

/// The located warnings first, then the generated files the fixture is about.
fn render(fixture: &Path, generated: &Generated) -> String {
    let name = fixture.file_name().unwrap_or_default().to_string_lossy();
    let mut out = String::from("=== warnings ===\n");
    for warning in &generated.warnings {
        out.push_str(&warning.render(&name));
        out.push('\n');
    }
    for file in &generated.files {
        // The runtime and the crate root are snapshotted with the project's client.
        if file.path == "src/models.rs" || file.path.starts_with("src/resources/") {
            out.push_str(&format!("=== {} ===\n{}\n", file.path, file.contents));
        }
    }
    out
}

#[test]
fn every_repair_fixture_matches_its_snapshot() {
    insta::glob!("fixtures_repairs/*.yaml", |path| {
        insta::assert_snapshot!(render(path, &generate_fixture(path)));
    });
}

#[test]
fn every_repair_fixture_generates_a_crate_that_compiles() {
    let crates: Vec<(String, Generated)> = fixtures()
        .iter()
        .map(|path| (crate_name(path), generate_fixture(path)))
        .collect();
    common::cargo_check("repair-fixtures", &crates);
}

#[test]
fn a_deep_ref_and_the_place_it_names_share_one_type() {
    let generated = generate_fixture(&fixtures_dir().join("deep-refs.yaml"));
    let models = &generated
        .files
        .iter()
        .find(|file| file.path == "src/models.rs")
        .expect("models are generated")
        .contents;
    for name in [
        "OrderStatus",
        "OrderLinesItem",
        "OrderLabelsValue",
        "ExtendedExtra",
    ] {
        assert_eq!(
            models.matches(&format!("pub enum {name} ")).count()
                + models.matches(&format!("pub struct {name} ")).count(),
            1,
            "{name}"
        );
    }
    assert!(!models.contains("ArchiveStatus"));
}

/// The same API written in 3.0 and in 3.1 gives the same files.
fn assert_same_client(spec_30: &str, spec_31: &str) {
    let config = Config::new("t");
    let from_30 = generate(spec_30, &config).expect("the 3.0 spec generates");
    let from_31 = generate(spec_31, &config).expect("the 3.1 spec generates");
    assert_eq!(from_31.files, from_30.files);
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures_repairs")
}

#[test]
fn a_deep_ref_in_a_31_spec_generates_the_same_client_as_in_30() {
    let spec_30 = "openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Copy:
      type: object
      properties:
        note: {$ref: '#/components/schemas/Order/properties/note'}
        kind: {$ref: '#/components/schemas/Order/properties/kind'}
    Order:
      type: object
      properties:
        note: {type: string, nullable: true, example: hi}
        kind: {type: string, enum: [a, b]}
";
    let spec_31 = "openapi: 3.1.0
info: {title: T, version: '1'}
components:
  schemas:
    Copy:
      type: object
      properties:
        note: {$ref: '#/components/schemas/Order/properties/note'}
        kind: {$ref: '#/components/schemas/Order/properties/kind'}
    Order:
      type: object
      properties:
        note: {type: [string, 'null'], examples: [hi]}
        kind: {type: string, enum: [a, b]}
";
    assert_same_client(spec_30, spec_31);
}

#[test]
fn a_deep_ref_into_a_branch_that_31_normalisation_moved_names_that_branch() {
    let spec_31 = "openapi: 3.1.0
info: {title: T, version: '1'}
components:
  schemas:
    Copy:
      type: object
      required: [owner]
      properties:
        owner: {$ref: '#/components/schemas/Order/properties/owner/anyOf/0'}
    Order:
      type: object
      properties:
        owner:
          anyOf:
            - type: object
              properties:
                name: {type: string}
            - type: 'null'
";
    let spec_30 = "openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Copy:
      type: object
      required: [owner]
      properties:
        owner: {$ref: '#/components/schemas/Order/properties/owner'}
    Order:
      type: object
      properties:
        owner:
          type: object
          nullable: true
          properties:
            name: {type: string}
";
    assert_same_client(spec_30, spec_31);
}

#[test]
fn a_repair_in_a_31_spec_is_warned_about_at_the_users_line() {
    let spec = "openapi: 3.1.0
info: {title: T, version: '1'}
components:
  schemas:
    S:
      type: object
      properties:
        a:
          type: [string, 'null']
          required: true
";
    let generated = generate(spec, &Config::new("t")).expect("the spec generates");
    let warnings: Vec<(&str, Option<(usize, usize)>)> = generated
        .warnings
        .iter()
        .map(|d| (d.pointer.as_str(), d.location))
        .collect();
    assert_eq!(
        warnings,
        [(
            "#/components/schemas/S/properties/a/required",
            Some((10, 11))
        )]
    );
}
