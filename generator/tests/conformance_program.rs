//! The program `cargo xtask conformance` runs: generated apart from the
//! crate, calling every operation and asking for every documented error.

use generator::{conformance_program, generate, Config};

const NOTES: &str = include_str!("conformance/crud.yaml");

#[test]
fn the_program_of_each_conformance_spec_matches_its_snapshot() {
    insta::glob!("conformance/*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let program = conformance_program(&text, &Config::default()).unwrap();
        assert_eq!(program.file.path, "examples/conformance.rs");
        insta::assert_snapshot!(program.file.contents);
    });
}

#[test]
fn the_generated_crate_is_the_same_without_the_program() {
    let generated = generate(NOTES, &Config::default()).unwrap();
    assert!(
        generated
            .files
            .iter()
            .all(|file| !file.path.starts_with("examples/")),
        "{:?}",
        generated.files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
}

#[test]
fn every_operation_is_listed_in_the_order_it_is_called() {
    let program = conformance_program(NOTES, &Config::default()).unwrap();
    let listed: Vec<String> = program
        .operations
        .iter()
        .map(|op| format!("{} {} {}", op.operation_id, op.method, op.path))
        .collect();
    assert_eq!(
        listed,
        [
            "listNotes GET /notes",
            "createNote POST /notes",
            "getNote GET /notes/{note_id}",
            "updateNote PATCH /notes/{note_id}",
            "deleteNote DELETE /notes/{note_id}",
        ]
    );
    let contents = &program.file.contents;
    for op in &program.operations {
        let reported = format!("\"{}\",\n", op.operation_id);
        assert!(
            contents.contains(&reported),
            "{} is not called",
            op.operation_id
        );
    }
}

/// A spec whose one operation documents `status` (a code, a range or
/// `default`) beside a 404, each with its own error type.
fn with_error_responses(statuses: &[&str]) -> String {
    let responses: String = statuses
        .iter()
        .map(|status| {
            let name = format!("Error{}", status.replace('X', "x"));
            format!(
                "        '{status}':\n          description: e\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/{name}'}}\n"
            )
        })
        .collect();
    let schemas: String = statuses
        .iter()
        .map(|status| {
            let name = format!("Error{}", status.replace('X', "x"));
            format!("    {name}:\n      type: object\n      properties:\n        message_{}: {{type: string}}\n", status.to_lowercase())
        })
        .collect();
    format!(
        "openapi: 3.0.3\ninfo: {{title: Errors, version: '1'}}\npaths:\n  /things:\n    get:\n      operationId: listThings\n      responses:\n        '200':\n          description: ok\n{responses}components:\n  schemas:\n{schemas}"
    )
}

fn asked_statuses(spec: &str) -> Vec<String> {
    let program = conformance_program(spec, &Config::default()).unwrap();
    program
        .file
        .contents
        .lines()
        .zip(program.file.contents.lines().skip(1))
        .filter(|(line, _)| line.trim() == "Expect::Error(")
        .map(|(_, status)| status.trim().trim_end_matches(',').to_string())
        .collect()
}

#[test]
fn a_range_is_asked_for_by_its_first_status_not_documented_on_its_own() {
    let spec = with_error_responses(&["400", "4XX"]);
    assert_eq!(asked_statuses(&spec), ["400", "401"]);
}

#[test]
fn default_is_asked_for_by_a_server_error_no_other_response_documents() {
    let spec = with_error_responses(&["500", "default"]);
    assert_eq!(asked_statuses(&spec), ["500", "503"]);
}

/// A spec whose one POST takes `parameters` and an optional body of `Event`,
/// with `schemas` beside it.
fn with_post(parameters: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: Events, version: '1'}}\npaths:\n  /events:\n    post:\n      operationId: createEvent\n      parameters:\n{parameters}      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Event'}}\n      responses:\n        '204':\n          description: ok\ncomponents:\n  schemas:\n{schemas}"
    )
}

const ONE_EVENT: &str =
    "    Event:\n      type: object\n      properties:\n        at: {type: string}\n";

#[test]
fn every_optional_parameter_is_sent_with_a_value_made_from_its_type_and_format() {
    let parameters = "        - {name: X-Flags, in: header, schema: {type: array, items: {type: string}}}\n        - {name: limit, in: query, schema: {type: integer}}\n        - {name: site, in: query, schema: {type: string, format: uri}}\n";
    let program = conformance_program(&with_post(parameters, ONE_EVENT), &Config::default())
        .unwrap()
        .file
        .contents;
    assert!(
        program.contains(r#".with_x_flags(vec!["string".to_string()])"#),
        "{program}"
    );
    assert!(program.contains(".with_limit(1)"), "{program}");
    assert!(
        program.contains(r#".with_site("https://example.com")"#),
        "{program}"
    );
}

/// `Event`, whose `owner` is a `Snowflake`: a string of digits named through `$ref`.
const SNOWFLAKES: &str = "    Event:\n      type: object\n      required: [owner]\n      properties:\n        owner: {$ref: '#/components/schemas/Snowflake'}\n    Snowflake: {type: string, pattern: '^[1-9][0-9]*$'}\n";

#[test]
fn a_parameter_whose_schema_names_a_patterned_string_is_sent_text_matching_the_pattern() {
    let parameters =
        "        - {name: site, in: query, schema: {$ref: '#/components/schemas/Snowflake'}}\n";
    let program = conformance_program(&with_post(parameters, SNOWFLAKES), &Config::default())
        .unwrap()
        .file
        .contents;
    assert!(
        program.contains(r#".with_site("1".to_string())"#),
        "{program}"
    );
}

#[test]
fn a_body_field_whose_schema_names_a_patterned_string_is_sent_text_matching_the_pattern() {
    let parameters = "        - {name: limit, in: query, schema: {type: integer}}\n";
    let program = conformance_program(&with_post(parameters, SNOWFLAKES), &Config::default())
        .unwrap()
        .file
        .contents;
    assert!(
        program.contains(r#"Event::new("1".to_string())"#),
        "{program}"
    );
}

#[test]
fn an_optional_body_whose_every_value_matches_two_one_of_variants_is_left_out() {
    let parameters = "        - {name: limit, in: query, schema: {type: integer}}\n";
    let schemas = "    Event:\n      oneOf:\n        - {$ref: '#/components/schemas/Started'}\n        - {$ref: '#/components/schemas/Ended'}\n    Started:\n      type: object\n      properties:\n        at: {type: string}\n    Ended:\n      type: object\n      properties:\n        at: {type: string}\n";
    // The call's text without the formatting's line breaks.
    let call = |schemas: &str| -> String {
        let program = conformance_program(&with_post(parameters, schemas), &Config::default());
        program.unwrap().file.contents.split_whitespace().collect()
    };
    let ambiguous = call(schemas);
    assert!(ambiguous.contains(".create(None,"), "{ambiguous}");
    let single = call(ONE_EVENT);
    assert!(single.contains(".create(Some("), "{single}");
}

#[test]
fn a_parameter_example_its_type_cannot_hold_is_sent_as_a_sample_instead() {
    let parameters = "        - {name: after, in: query, schema: {type: string}, example: ['2024-08-08', '*']}\n        - {name: uids, in: query, schema: {type: array, items: {type: integer}}, example: [231, '*']}\n";
    let program = conformance_program(&with_post(parameters, ONE_EVENT), &Config::default())
        .unwrap()
        .file
        .contents;
    assert!(program.contains(r#".with_after("string")"#), "{program}");
    assert!(program.contains(".with_uids(vec![0])"), "{program}");
}

#[test]
fn a_date_time_parameter_whose_example_is_a_date_is_sent_a_date_time() {
    let parameters = "        - {name: StartTime, in: query, schema: {type: string, format: date-time}, example: '2008-01-02'}\n";
    let program = conformance_program(&with_post(parameters, ONE_EVENT), &Config::default());
    // The call's text without the formatting's line breaks.
    let program: String = program.unwrap().file.contents.split_whitespace().collect();
    assert!(!program.contains("2008-01-02"), "{program}");
    assert!(
        program.contains(
            r#".with_start_time("2024-01-01T00:00:00Z".parse::<chrono::DateTime<chrono::Utc>>()"#
        ),
        "{program}"
    );
}

/// Vault's `ttl`: a string query parameter whose default (or example) is written as a
/// number, `3600`, is sent as that text; decoding the number as a `String` stopped the
/// program before it called the operation.
#[test]
fn a_string_parameter_given_as_a_number_is_sampled_as_its_text() {
    let spec = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /creds:\n    get:\n      operationId: getCreds\n      parameters:\n        - {name: ttl, in: query, schema: {type: string, default: 3600}}\n        - {name: note, in: query, example: 12, schema: {type: string}}\n        - {name: count, in: query, schema: {type: integer, default: 5}}\n      responses:\n        '204':\n          description: ok\n";
    let program = conformance_program(spec, &Config::default()).unwrap();
    let text = &program.file.contents;
    assert!(!text.contains(r#"<String>(r"3600")"#), "{text}");
    assert!(!text.contains(r#"<String>(r"12")"#), "{text}");
    assert!(text.contains("3600") && text.contains("12"), "{text}");
}
