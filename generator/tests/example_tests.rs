//! The examples of a spec become tests in the generated crate.

use generator::{generate, Config, Diagnostic, GeneratedFile};

const SPEC: &str = include_str!("../../spec/openapi.yaml");

/// The 200 response of the project's spec, to which the tests add examples.
const SUCCESS_CONTENT: &str = "
              schema:
                $ref: '#/components/schemas/RecordingResponse'
        '401':";

fn generate_spec(spec: &str) -> Result<Vec<GeneratedFile>, Vec<Diagnostic>> {
    generate(spec, &Config::new("telnyx")).map(|generated| generated.files)
}

fn file(files: &[GeneratedFile], path: &str) -> String {
    files
        .iter()
        .find(|file| file.path == path)
        .map(|file| file.contents.clone())
        .unwrap_or_else(|| panic!("{path} is not generated"))
}

fn with_success_examples(examples: &str) -> String {
    let edited = SPEC.replace(
        SUCCESS_CONTENT,
        &SUCCESS_CONTENT.replace("        '401':", &format!("{examples}        '401':")),
    );
    assert_ne!(edited, SPEC, "the 200 response is in the spec");
    edited
}

#[test]
fn adding_a_media_type_example_adds_a_test_of_the_response_type() {
    let spec = with_success_examples(
        "              example:\n                data: {id: 3fa85f64-5717-4562-b3fc-2c963f66afa6, record_type: recording}\n",
    );
    let before = file(&generate_spec(SPEC).unwrap(), "tests/spec_examples.rs");
    let after = file(&generate_spec(&spec).unwrap(), "tests/spec_examples.rs");

    let test = "    paths_recordings_recording_id_get_responses_200_content_application_json_example_round_trips: models::RecordingResponse = PATHS_RECORDINGS_RECORDING_ID_GET_RESPONSES_200_CONTENT_APPLICATION_JSON_EXAMPLE,\n";
    assert!(!before.contains(test));
    assert!(after.contains(test), "{after}");
    assert_eq!(after.lines().count(), before.lines().count() + 1);
}

#[test]
fn a_component_example_is_tested_where_it_is_defined() {
    let spec = with_success_examples(
        "              examples:\n                found:\n                  $ref: '#/components/examples/Found'\n",
    )
    .replace(
        "components:\n",
        "components:\n  examples:\n    Found:\n      value:\n        data: {id: 3fa85f64-5717-4562-b3fc-2c963f66afa6, record_type: recording}\n",
    );
    let files = generate_spec(&spec).unwrap();

    let examples = file(&files, "tests/examples/mod.rs");
    assert!(
        examples.contains(
            "    COMPONENTS_EXAMPLES_FOUND_VALUE = \"#/components/examples/Found/value\" r#\"{"
        ),
        "{examples}"
    );
    let tests = file(&files, "tests/spec_examples.rs");
    assert!(
        tests.contains("    components_examples_found_value_round_trips: models::RecordingResponse = COMPONENTS_EXAMPLES_FOUND_VALUE,\n"),
        "{tests}"
    );
}

#[test]
fn a_ref_to_a_missing_example_is_an_error_at_the_ref() {
    let spec = with_success_examples(
        "              examples:\n                found:\n                  $ref: '#/components/examples/Missing'\n",
    );
    let diagnostics: Vec<_> = generate_spec(&spec)
        .unwrap_err()
        .into_iter()
        .filter(|d| d.severity == generator::Severity::Error)
        .collect();

    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        diagnostics[0].pointer,
        "#/paths/~1recordings~1{recording_id}/get/responses/200/content/application~1json/examples/found"
    );
    assert!(diagnostics[0].message.contains("points nowhere"));
}

#[test]
fn examples_whose_pointers_name_alike_get_distinct_names() {
    let spec = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A-b: {type: string, example: one}
    A_b: {type: string, example: two}
";
    let files = generate_spec(spec).unwrap();
    let tests = file(&files, "tests/spec_examples.rs");
    assert!(
        tests.contains("    components_schemas_a_b_example_round_trips: "),
        "{tests}"
    );
    assert!(
        tests.contains("    components_schemas_a_b_example2_round_trips: "),
        "{tests}"
    );
}
