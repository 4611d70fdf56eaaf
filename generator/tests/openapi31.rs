//! OpenAPI 3.1 input: one fixture per construct in `fixtures_31/` (each
//! snapshotted and compiled), the recordings spec written in 3.1 form, and a
//! synthetic 3.1 spec of a thousand operations.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use generator::{generate, Config, Generated};
use serde_json::{json, Map, Value};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures_31")
}

fn fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(fixture_dir())
        .expect("fixtures_31 is readable")
        .map(|entry| entry.expect("fixture entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    paths
}

fn crate_name(fixture: &Path) -> String {
    let stem = fixture.file_stem().unwrap_or_default().to_string_lossy();
    format!("fixture31-{}", stem.replace('.', "-"))
}

fn generate_fixture(fixture: &Path) -> Generated {
    let text = fs::read_to_string(fixture).expect("fixture is readable");
    match generate(&text, &Config::new(crate_name(fixture))) {
        Ok(generated) => generated,
        Err(diagnostics) => panic!("{} does not generate: {diagnostics:#?}", fixture.display()),
    }
}

/// The generated files a fixture is about, and its warnings, as one text.
fn render(fixture: &Path, generated: &Generated) -> String {
    let mut out = String::new();
    for file in &generated.files {
        if !file.runtime {
            out.push_str(&format!("=== {} ===\n{}\n", file.path, file.contents));
        }
    }
    out.push_str("=== warnings ===\n");
    let name = fixture.file_name().unwrap_or_default().to_string_lossy();
    for warning in &generated.warnings {
        out.push_str(&warning.render(&name));
        out.push('\n');
    }
    out
}

#[test]
fn every_31_fixture_matches_its_snapshot() {
    insta::glob!("fixtures_31/*.yaml", |path| {
        insta::assert_snapshot!(render(path, &generate_fixture(path)));
    });
}

#[test]
fn every_31_fixture_generates_a_crate_that_compiles() {
    let crates: Vec<(String, Generated)> = fixtures()
        .iter()
        .map(|path| (crate_name(path), generate_fixture(path)))
        .collect();
    common::cargo_check("openapi31-fixtures", &crates);
}

#[test]
fn the_recordings_spec_in_31_form_generates_the_same_client_as_in_30() {
    let config = Config::from_yaml(include_str!("../../spec/codegen.yaml")).unwrap();
    let from_30 = generate(include_str!("../../spec/openapi.yaml"), &config).unwrap();
    let from_31 = generate(include_str!("fixtures_31/recordings-3.1.yaml"), &config).unwrap();
    assert_eq!(from_31.files, from_30.files);
}

#[test]
fn the_recordings_spec_in_31_form_generates_without_warnings() {
    let config = Config::from_yaml(include_str!("../../spec/codegen.yaml")).unwrap();
    let generated = generate(include_str!("fixtures_31/recordings-3.1.yaml"), &config).unwrap();
    // Only the note that `models::Error` is `ErrorModel`, beside the crate's own `Error`.
    let pointers: Vec<_> = generated
        .warnings
        .iter()
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(pointers, ["#/components/schemas/Error"]);
}

#[test]
fn a_lowering_diagnostic_points_at_the_users_node() {
    let spec = "openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    S:
      type: object
      properties:
        a:
          description: Missing, or null.
          oneOf:
            - {type: 'null'}
            - $ref: '#/components/schemas/Nowhere'
              description: An a.
";
    let diagnostics = generate(spec, &Config::new("t")).unwrap_err();
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/components/schemas/S/properties/a/oneOf/1"]);
}

#[test]
fn a_31_construct_that_cannot_be_represented_is_an_error_not_a_panic() {
    let spec = "openapi: 3.1.0
info: {title: T, version: '1'}
components:
  schemas:
    S: {type: [string, object], anyOf: [{required: [a]}]}
";
    let diagnostics = generate(spec, &Config::new("t")).unwrap_err();
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/components/schemas/S/type"]);
}

#[test]
fn a_31_document_openapiv3_cannot_read_is_an_error_at_the_nearest_pointer() {
    let spec = "openapi: 3.1.0\ninfo: {title: T}\n";
    let diagnostics = generate(spec, &Config::new("t")).unwrap_err();
    let found: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [("#/info", "the required field `version` is missing")]
    );
}

#[test]
fn a_schema_whose_ref_with_siblings_names_itself_is_an_error() {
    let spec = "openapi: 3.1.0
info: {title: T, version: '1'}
components:
  schemas:
    S: {$ref: '#/components/schemas/S', description: Itself.}
";
    let diagnostics = generate(spec, &Config::new("t")).unwrap_err();
    let pointers: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/components/schemas/S"]);
}

/// Ten operations on one resource, using the 3.1 constructs throughout.
fn synthetic_resource(i: usize, paths: &mut Map<String, Value>, components: &mut Value) {
    let thing = format!("Thing{i}");
    let thing_ref = json!({"$ref": format!("#/components/schemas/{thing}")});
    let tag = json!([format!("Things {i}")]);
    let id = json!({"name": "id", "in": "path", "required": true,
        "schema": {"type": "string", "format": "uuid", "examples": ["a"]}});
    let ok = |schema: Value| json!({"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}});
    let op = |operation_id: String, responses: Value| {
        json!({"tags": tag, "operationId": operation_id, "summary": "An operation.",
            "responses": responses})
    };
    let collection = format!("/things{i}");
    let item = format!("{collection}/{{id}}");
    paths.insert(
        collection.clone(),
        json!({
            "get": op(format!("List{thing}s"), ok(json!({"type": "object",
                "properties": {"data": {"type": "array", "items": thing_ref}}}))),
            "post": op(format!("Create{thing}"), ok(thing_ref.clone())),
        }),
    );
    paths.insert(
        item.clone(),
        json!({
            "parameters": [id],
            "get": op(format!("Get{thing}"), ok(thing_ref.clone())),
            "patch": op(format!("Update{thing}"), ok(thing_ref.clone())),
            "delete": op(format!("Delete{thing}"), json!({"204": {"description": "Deleted."}})),
        }),
    );
    paths.insert(
        format!("{item}/history"),
        json!({"parameters": [id], "get": op(format!("List{thing}History"),
            ok(json!({"type": ["array", "null"], "items": thing_ref})))}),
    );
    paths.insert(
        format!("{item}/media"),
        json!({"parameters": [id], "get": op(format!("Download{thing}Media"),
            json!({"200": {"description": "The bytes.", "content": {"audio/mpeg":
                {"schema": {"contentMediaType": "audio/mpeg"}}}}}))}),
    );
    for action in ["start", "stop"] {
        paths.insert(
            format!("{item}/actions/{action}"),
            json!({"parameters": [id], "post": op(format!("{action}{thing}"), ok(thing_ref.clone()))}),
        );
    }
    paths.insert(
        format!("{item}/summary"),
        json!({"$ref": format!("#/components/pathItems/{thing}Summary")}),
    );
    components["pathItems"][format!("{thing}Summary")] = json!({
        "parameters": [id],
        "get": op(format!("Summarize{thing}"), ok(json!({"type": "object",
            "properties": {"text": {"type": ["string", "null"]}}}))),
    });
    components["schemas"][&thing] = json!({
        "type": "object",
        "$comment": "Synthetic.",
        "description": "A thing.",
        "required": ["id", "kind", "owner"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "name": {"type": ["string", "null"], "examples": ["A name"]},
            "kind": {"const": "thing", "description": "Always `thing`."},
            "count": {"type": ["integer", "null"], "exclusiveMinimum": 0},
            "ratio": {"type": "number", "exclusiveMaximum": 1},
            "owner": {"$ref": format!("#/components/schemas/Owner{i}"), "description": "Who owns it."},
            "backup_owner": {"oneOf": [{"$ref": format!("#/components/schemas/Owner{i}")}, {"type": "null"}]},
            "status": {"anyOf": [{"type": "string", "enum": ["on", "off"]}, {"type": "null"}]},
            "payload": {"type": "string", "contentEncoding": "base64"},
            "label": {"type": ["string", "integer"]},
            "tags": {"type": ["array", "null"], "items": {"type": "string"}},
        },
    });
    components["schemas"][format!("Owner{i}")] = json!({
        "type": "object", "$id": format!("https://example.com/owner{i}"),
        "properties": {"name": {"type": "string"}},
    });
}

fn synthetic_spec(resources: usize) -> String {
    let mut paths = Map::new();
    let mut components = json!({"schemas": {}, "pathItems": {}});
    for i in 0..resources {
        synthetic_resource(i, &mut paths, &mut components);
    }
    let spec = json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {"title": "Synthetic", "summary": "Many things.", "version": "1",
            "license": {"name": "MIT", "identifier": "MIT"}},
        "paths": paths,
        "components": components,
        "webhooks": {"thingChanged": {"post": {"responses": {"200": {"description": "OK"}}}}},
    });
    spec.to_string()
}

#[test]
fn a_thousand_operation_31_spec_generates_a_crate_that_compiles() {
    let generated = match generate(&synthetic_spec(100), &Config::new("synthetic31")) {
        Ok(generated) => generated,
        Err(diagnostics) => panic!("the synthetic spec does not generate: {diagnostics:#?}"),
    };
    let operations: usize = generated
        .files
        .iter()
        .filter(|file| file.path.starts_with("src/resources/"))
        .map(|file| file.contents.matches("-> Request<'a,").count())
        .sum();
    assert_eq!(operations, 1000);
    common::cargo_check(
        "openapi31-synthetic",
        &[("synthetic31".to_string(), generated)],
    );
}
