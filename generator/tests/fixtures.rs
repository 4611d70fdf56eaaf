//! The fixture corpus: every spec in `fixtures/` generates a crate whose
//! files are snapshotted and which passes clippy, tests included, without
//! warnings; every spec in `fixtures/invalid/` is refused with diagnostics
//! that name the place.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{generate, Config, Generated};

fn fixture_config(path: &Path) -> Config {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("fixture");
    Config::new(format!("fixture-{stem}"))
}

fn generate_fixture(path: &Path) -> Generated {
    let spec = fs::read_to_string(path).expect("the fixture is readable");
    generate(&spec, &fixture_config(path)).unwrap_or_else(|diagnostics| {
        panic!("{} does not generate: {diagnostics:#?}", path.display())
    })
}

/// The warnings and every file that depends on the spec, in one text.
fn render(generated: &Generated) -> String {
    let mut out = String::new();
    for warning in &generated.warnings {
        writeln!(out, "warning: {warning}").unwrap();
    }
    for file in &generated.files {
        if !file.runtime {
            write!(out, "\n=== {} ===\n{}", file.path, file.contents).unwrap();
        }
    }
    out
}

#[test]
fn every_fixture_matches_its_snapshot() {
    insta::glob!("fixtures/*.yaml", |path| {
        insta::assert_snapshot!(render(&generate_fixture(path)));
    });
}

#[test]
fn invalid_fixtures_are_refused_with_pointers() {
    insta::glob!("fixtures/invalid/*.yaml", |path| {
        let spec = fs::read_to_string(path).unwrap();
        let diagnostics =
            generate(&spec, &fixture_config(path)).expect_err("the invalid fixture is refused");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("spec");
        let rendered: Vec<String> = diagnostics.iter().map(|d| d.render(name)).collect();
        insta::assert_snapshot!(rendered.join("\n\n"));
    });
}

#[test]
fn generation_of_every_fixture_is_deterministic() {
    for path in fixture_paths() {
        assert_eq!(
            generate_fixture(&path),
            generate_fixture(&path),
            "{}",
            path.display()
        );
    }
}

/// rustdoc stops (E0275) on the ring's models at the default recursion limit; the other
/// fixtures' crates document without one.
#[test]
fn only_the_crate_of_deeply_nested_models_sets_a_recursion_limit() {
    for path in fixture_paths() {
        let generated = generate_fixture(&path);
        let lib = generated.files.iter().find(|f| f.path == "src/lib.rs");
        let sets_limit = lib.is_some_and(|f| f.contents.contains("#![recursion_limit = "));
        let ring = path.ends_with("expandable_ring.yaml");
        assert_eq!(sets_limit, ring, "{}", path.display());
    }
}

fn fixture_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn a_spec_of_a_thousand_operations_generates_every_resource_and_type_stably() {
    let generated = generate(&scale::spec(), &Config::new("fixture-scale")).unwrap();
    let again = generate(&scale::spec(), &Config::new("fixture-scale")).unwrap();
    assert!(generated == again, "generating the same spec twice differs");
    let resource_files = generated
        .files
        .iter()
        .filter(|f| f.path.starts_with("src/resources/") && !f.path.ends_with("mod.rs"))
        .count();
    assert_eq!(resource_files, scale::TAGS);
    let models = &generated
        .files
        .iter()
        .find(|f| f.path == "src/models.rs")
        .unwrap()
        .contents;
    assert_eq!(models.matches("pub struct ").count(), scale::SCHEMAS);
}

/// Writes every fixture's crate, and the scale spec's, into one cargo
/// workspace under `target/` and runs clippy over all of them at once, so
/// the dependencies are built once and unchanged crates are not rebuilt.
#[test]
fn every_fixture_compiles_without_warnings() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates");
    let mut crates: Vec<(String, Generated)> = fixture_paths()
        .iter()
        .map(|path| {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, generate_fixture(path))
        })
        .collect();
    let scale = generate(&scale::spec(), &Config::new("fixture-scale")).unwrap();
    crates.push(("scale".to_string(), scale));

    for (stem, generated) in &crates {
        for file in &generated.files {
            write_if_changed(&root.join(stem).join(&file.path), &file.contents);
        }
    }
    let members: Vec<String> = crates.iter().map(|(stem, _)| format!("{stem:?}")).collect();
    write_if_changed(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    // The project's lock file pins the same versions the generated client uses.
    let lock = root.join("Cargo.lock");
    if !lock.exists() {
        fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"),
            &lock,
        )
        .unwrap();
    }

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--keep-going",
            "--quiet",
            "--target-dir",
        ])
        .arg(root.join("target"))
        .args(["--", "-D", "warnings"])
        .current_dir(&root)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "a fixture's crate does not compile cleanly:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return;
    }
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

/// A synthetic spec the size of a real API description.
mod scale {
    use std::fmt::Write as _;

    pub const TAGS: usize = 50;
    pub const SCHEMAS: usize = 1000;
    const OPERATIONS_PER_TAG: usize = 20;

    /// `TAGS` resources of `OPERATIONS_PER_TAG` operations (list, create,
    /// retrieve, update, delete of four collections each) over `SCHEMAS` schemas.
    pub fn spec() -> String {
        let mut out = String::from(
            "openapi: 3.0.3\ninfo:\n  title: Scale\n  version: 1.0.0\nservers:\n  - url: https://scale.example.com\npaths:\n",
        );
        for tag in 0..TAGS {
            for collection in 0..OPERATIONS_PER_TAG / 5 {
                let schema = (tag * OPERATIONS_PER_TAG / 5 + collection) % SCHEMAS;
                let name = format!("things{tag}_{collection}");
                writeln!(out, "  /{name}:").unwrap();
                for (method, status) in [("get", "200"), ("post", "201")] {
                    write_operation(
                        &mut out,
                        method,
                        &format!("tag{tag}"),
                        &name,
                        schema,
                        status,
                        false,
                    );
                }
                writeln!(out, "  /{name}/{{id}}:").unwrap();
                for (method, status) in [("get", "200"), ("patch", "200"), ("delete", "204")] {
                    write_operation(
                        &mut out,
                        method,
                        &format!("tag{tag}"),
                        &name,
                        schema,
                        status,
                        true,
                    );
                }
            }
        }
        out.push_str("components:\n  schemas:\n");
        for schema in 0..SCHEMAS {
            // Rings of ten schemas: recursion at scale, as deep as real specs go.
            let next = schema / 10 * 10 + (schema + 1) % 10;
            write!(
                out,
                "    Schema{schema}:\n      type: object\n      required: [id]\n      properties:\n        id:\n          type: string\n        count:\n          type: integer\n        next:\n          $ref: '#/components/schemas/Schema{next}'\n"
            )
            .unwrap();
        }
        out
    }

    fn write_operation(
        out: &mut String,
        method: &str,
        tag: &str,
        name: &str,
        schema: usize,
        status: &str,
        item: bool,
    ) {
        writeln!(
            out,
            "    {method}:\n      tags: [{tag}]\n      operationId: {method}_{name}{}",
            if item { "_item" } else { "" }
        )
        .unwrap();
        if item {
            out.push_str("      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n");
        } else if method == "get" {
            out.push_str("      parameters:\n        - name: limit\n          in: query\n          schema:\n            type: integer\n");
        }
        if method == "post" || method == "patch" {
            writeln!(out, "      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Schema{schema}'").unwrap();
        }
        writeln!(
            out,
            "      responses:\n        '{status}':\n          description: ok"
        )
        .unwrap();
        if status != "204" {
            writeln!(out, "          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Schema{schema}'").unwrap();
        }
    }
}
