//! Snapshots of every file generated from the project's spec, and how the
//! output follows edits to it.

use generator::{generate, Config, GeneratedFile};

const SPEC: &str = include_str!("../../spec/openapi.yaml");
const CONFIG: &str = include_str!("../../spec/codegen.yaml");

fn generate_files(spec: &str) -> Vec<GeneratedFile> {
    let config = Config::from_yaml(CONFIG).expect("codegen.yaml parses");
    match generate(spec, &config) {
        Ok(generated) => generated.files,
        Err(diagnostics) => panic!("the spec does not generate: {diagnostics:#?}"),
    }
}

#[test]
fn every_generated_file_matches_its_snapshot() {
    for file in generate_files(SPEC) {
        let name = file.path.replace('/', "__");
        insta::assert_snapshot!(name, file.contents);
    }
}

#[test]
fn the_spec_generates_without_warnings() {
    let config = Config::from_yaml(CONFIG).unwrap();
    let warnings = generate(SPEC, &config)
        .map(|g| g.warnings)
        .unwrap_or_default();
    // Only the note that `models::Error` is `ErrorModel`, beside the crate's own `Error`.
    let pointers: Vec<_> = warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/components/schemas/Error"], "{warnings:#?}");
}

#[test]
fn editing_one_description_changes_exactly_that_doc_comment() {
    let edited = SPEC.replace(
        "description: The duration of the recording in milliseconds.",
        "description: How long the recording lasts, in milliseconds.",
    );
    assert_ne!(edited, SPEC, "the description to edit is in the spec");
    let before = generate_files(SPEC);
    let after = generate_files(&edited);

    let mut changed_lines = Vec::new();
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(old.path, new.path);
        for (old_line, new_line) in old.contents.lines().zip(new.contents.lines()) {
            if old_line != new_line {
                changed_lines.push((
                    old.path.clone(),
                    old_line.trim().to_string(),
                    new_line.trim().to_string(),
                ));
            }
        }
        assert_eq!(old.contents.lines().count(), new.contents.lines().count());
    }
    assert_eq!(
        changed_lines,
        [(
            "src/models.rs".to_string(),
            "/// The duration of the recording in milliseconds.".to_string(),
            "/// How long the recording lasts, in milliseconds.".to_string()
        )]
    );
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate_files(SPEC), generate_files(SPEC));
}

#[test]
fn only_operations_unsafe_to_repeat_document_that_they_are_not_retried() {
    let retrieve = |spec: &str| {
        generate_files(spec)
            .into_iter()
            .find(|file| file.path == "src/resources/recordings.rs")
            .expect("the recordings resource")
            .contents
    };
    let as_post = SPEC.replacen("    get:", "    post:", 1);
    assert_ne!(as_post, SPEC, "the operation's method is in the spec");
    assert!(!retrieve(SPEC).contains("Not retried by default"));
    assert!(retrieve(&as_post).contains("Not retried by default: sending a POST twice"));
}

#[test]
fn crates_io_metadata_comes_from_the_config_and_the_spec() {
    let config = Config::from_yaml(
        "crate_name: telnyx\nrepository: https://example.com/telnyx-rust\nkeywords: [telnyx, voice]\n",
    )
    .expect("the config parses");
    let files = generate(SPEC, &config).expect("the spec generates").files;
    let manifest = files
        .iter()
        .find(|file| file.path == "Cargo.toml")
        .map(|file| file.contents.as_str())
        .unwrap_or_default();
    for line in [
        "name = \"telnyx\"",
        "license = \"MIT\"",
        "repository = \"https://example.com/telnyx-rust\"",
        "readme = \"README.md\"",
        "keywords = [\"telnyx\", \"voice\"]",
        "categories = [\"api-bindings\", \"web-programming::http-client\"]",
        "rust-version = \"1.85\"",
        "[package.metadata.docs.rs]",
    ] {
        assert!(
            manifest.lines().any(|l| l == line),
            "{line} is missing:\n{manifest}"
        );
    }
}
