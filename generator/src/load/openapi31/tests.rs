//! One test per 3.1 construct: the YAML it is given and the YAML it becomes.

use serde_yaml::Value;

use super::{normalize, Normalized};
use crate::diagnostics::{Diagnostic, Severity};

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("test YAML parses")
}

fn document(body: &str) -> String {
    format!("openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\n{body}")
}

fn normalized(body: &str) -> Normalized {
    normalize(yaml(&document(body))).expect("the document normalises")
}

fn errors(body: &str) -> Vec<Diagnostic> {
    normalize(yaml(&document(body))).expect_err("the document is refused")
}

/// The document with `schema` as component `S`, and the normalised `S`.
fn schema(schema: &str) -> (Value, Normalized) {
    let indented = schema.replace('\n', "\n      ");
    let out = normalized(&format!(
        "components:\n  schemas:\n    S:\n      {indented}\n    T: {{type: object}}"
    ));
    let s = out.value["components"]["schemas"]["S"].clone();
    (s, out)
}

fn warning_pointers(out: &Normalized) -> Vec<(&str, Severity)> {
    out.warnings
        .iter()
        .map(|warning| (warning.pointer.as_str(), warning.severity))
        .collect()
}

#[test]
fn the_version_becomes_3_0_3() {
    assert_eq!(normalized("paths: {}").value["openapi"], yaml("'3.0.3'"));
}

#[test]
fn absent_paths_become_an_empty_paths_object() {
    assert_eq!(normalized("").value["paths"], yaml("{}"));
}

#[test]
fn an_operation_without_responses_gets_an_empty_responses_object() {
    let out = normalized("paths:\n  /a:\n    get: {operationId: A}");
    assert_eq!(out.value["paths"]["/a"]["get"]["responses"], yaml("{}"));
}

#[test]
fn a_type_array_with_null_becomes_the_type_made_nullable() {
    let (s, _) = schema("type: [string, 'null']\nformat: date-time");
    assert_eq!(s, yaml("{type: string, format: date-time, nullable: true}"));
}

#[test]
fn type_null_alone_becomes_a_nullable_schema_without_type() {
    let (s, _) = schema("type: 'null'\ndescription: always null");
    assert_eq!(s, yaml("{description: always null, nullable: true}"));
}

#[test]
fn several_types_become_one_of_with_each_types_keywords() {
    let (s, _) = schema(
        "type: [string, integer, 'null']\ndescription: An id\nmaxLength: 5\nminimum: 1\nformat: int64",
    );
    assert_eq!(
        s,
        yaml(
            "description: An id
nullable: true
oneOf:
  - {type: string, maxLength: 5}
  - {type: integer, format: int64, minimum: 1}"
        )
    );
}

#[test]
fn a_type_branch_no_listed_value_has_is_left_out() {
    let (s, _) = schema("type: [string, integer]\nenum: [a, b]");
    assert_eq!(s, yaml("oneOf: [{type: string, enum: [a, b]}]"));
}

#[test]
fn integer_and_number_together_become_number() {
    let (s, _) = schema("type: [integer, number]");
    assert_eq!(s, yaml("type: number"));
}

#[test]
fn a_type_array_beside_one_of_is_an_error_at_the_type() {
    let errors =
        errors("components:\n  schemas:\n    S: {type: [string, object], oneOf: [{type: string}]}");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].pointer, "#/components/schemas/S/type");
}

#[test]
fn const_becomes_a_one_value_enum_of_the_inferred_type() {
    let (s, _) = schema("const: recording");
    assert_eq!(s, yaml("{type: string, enum: [recording]}"));
}

#[test]
fn const_keeps_a_declared_type() {
    let (s, _) = schema("{type: number, const: 2}");
    assert_eq!(s, yaml("{type: number, enum: [2]}"));
}

#[test]
fn const_null_becomes_nullable() {
    let (s, _) = schema("const: null");
    assert_eq!(s, yaml("nullable: true"));
}

#[test]
fn a_const_object_is_reported() {
    let (_, out) = schema("const: {a: 1}");
    assert_eq!(
        warning_pointers(&out),
        [("#/components/schemas/S/const", Severity::Warning)]
    );
}

#[test]
fn the_first_of_a_schemas_examples_becomes_its_example() {
    let (s, _) = schema("type: string\nexamples: [first, second]");
    assert_eq!(s, yaml("{type: string, example: first}"));
}

#[test]
fn an_explicit_example_wins_over_examples() {
    let (s, _) = schema("type: string\nexample: mine\nexamples: [first]");
    assert_eq!(s, yaml("{type: string, example: mine}"));
}

#[test]
fn examples_outside_schemas_are_left_alone() {
    let out = normalized(
        "paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              examples: {one: {value: 1}}",
    );
    let media = &out.value["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"];
    assert_eq!(media["examples"], yaml("{one: {value: 1}}"));
}

#[test]
fn a_numeric_exclusive_minimum_becomes_the_boolean_form() {
    let (s, _) = schema("{type: integer, exclusiveMinimum: 0}");
    assert_eq!(
        s,
        yaml("{type: integer, exclusiveMinimum: true, minimum: 0}")
    );
}

#[test]
fn a_numeric_exclusive_maximum_stricter_than_maximum_replaces_it() {
    let (s, _) = schema("{type: number, maximum: 10, exclusiveMaximum: 5}");
    assert_eq!(
        s,
        yaml("{type: number, maximum: 5, exclusiveMaximum: true}")
    );
}

#[test]
fn an_exclusive_bound_looser_than_the_inclusive_one_is_dropped() {
    let (s, _) = schema("{type: number, minimum: 10, exclusiveMinimum: 5}");
    assert_eq!(s, yaml("{type: number, minimum: 10}"));
}

#[test]
fn a_ref_with_siblings_becomes_an_all_of_beside_them() {
    let (s, out) = schema("$ref: '#/components/schemas/T'\ndescription: The T");
    assert_eq!(
        s,
        yaml("{description: The T, allOf: [{$ref: '#/components/schemas/T'}]}")
    );
    assert_eq!(
        out.origins.translate("#/components/schemas/S/allOf/0"),
        "#/components/schemas/S"
    );
}

#[test]
fn a_ref_alone_is_unchanged() {
    let (s, _) = schema("$ref: '#/components/schemas/T'\n$comment: why");
    assert_eq!(s, yaml("$ref: '#/components/schemas/T'"));
}

#[test]
fn content_encoding_base64_becomes_format_byte() {
    let (s, _) = schema("{type: string, contentEncoding: base64, contentMediaType: image/png}");
    assert_eq!(s, yaml("{type: string, format: byte}"));
}

#[test]
fn content_media_type_alone_becomes_format_binary() {
    let (s, _) = schema("contentMediaType: application/octet-stream");
    assert_eq!(s, yaml("{format: binary, type: string}"));
}

#[test]
fn content_encoding_binary_is_raw_content_format_binary() {
    let (s, out) = schema("{type: string, contentEncoding: binary}");
    assert_eq!(s, yaml("{type: string, format: binary}"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn an_unknown_content_encoding_is_reported_and_left_a_string() {
    let (s, out) = schema("{type: string, contentEncoding: base32}");
    assert_eq!(s, yaml("type: string"));
    assert_eq!(
        warning_pointers(&out),
        [("#/components/schemas/S/contentEncoding", Severity::Warning)]
    );
}

#[test]
fn one_of_a_schema_and_null_becomes_that_schema_made_nullable() {
    let (s, out) = schema(
        "description: Outer\noneOf:\n  - {type: 'null'}\n  - {type: object, description: Inner, properties: {a: {type: string}}}",
    );
    assert_eq!(
        s,
        yaml("{description: Outer, nullable: true, type: object, properties: {a: {type: string}}}")
    );
    assert_eq!(
        out.origins.translate("#/components/schemas/S/properties/a"),
        "#/components/schemas/S/oneOf/1/properties/a"
    );
}

#[test]
fn any_of_a_ref_and_null_becomes_a_nullable_all_of_the_ref() {
    let (s, out) =
        schema("description: A T\nanyOf:\n  - $ref: '#/components/schemas/T'\n  - type: 'null'");
    assert_eq!(
        s,
        yaml("{description: A T, nullable: true, allOf: [{$ref: '#/components/schemas/T'}]}")
    );
    assert_eq!(
        out.origins.translate("#/components/schemas/S/allOf/0"),
        "#/components/schemas/S/anyOf/0"
    );
}

#[test]
fn one_of_several_schemas_and_null_keeps_the_others_nullable() {
    let (s, out) = schema("oneOf: [{type: 'null'}, {type: string}, {type: integer}]");
    assert_eq!(
        s,
        yaml("{nullable: true, oneOf: [{type: string}, {type: integer}]}")
    );
    assert_eq!(
        out.origins.translate("#/components/schemas/S/oneOf/1"),
        "#/components/schemas/S/oneOf/2"
    );
}

#[test]
fn identifiers_and_comments_are_stripped() {
    let (s, _) = schema("{$schema: x, $id: y, $comment: z, $anchor: a, type: string}");
    assert_eq!(s, yaml("type: string"));
}

#[test]
fn the_schema_dialect_is_stripped_without_warning_when_it_is_the_default() {
    let out = normalized("jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base");
    assert!(out.value.get("jsonSchemaDialect").is_none());
    assert!(out.warnings.is_empty());
}

#[test]
fn another_schema_dialect_is_reported() {
    let out = normalized("jsonSchemaDialect: https://json-schema.org/draft/2020-12/schema");
    assert_eq!(
        warning_pointers(&out),
        [("#/jsonSchemaDialect", Severity::Warning)]
    );
}

#[test]
fn webhooks_are_kept_and_their_schemas_rewritten_like_the_paths() {
    let out = normalized(
        "webhooks:\n  a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {type: [string, 'null']}\n",
    );
    let schema =
        &out.value["webhooks"]["a"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(schema["nullable"], Value::Bool(true));
    assert!(out.value["webhooks"]["a"]["post"]
        .get("responses")
        .is_some());
    assert!(out.warnings.is_empty());
}

#[test]
fn info_summary_becomes_the_description_when_there_is_none() {
    let out = normalize(yaml(
        "openapi: 3.1.0\ninfo: {title: T, version: '1', summary: Short}",
    ))
    .unwrap();
    assert_eq!(
        out.value["info"],
        yaml("{title: T, version: '1', description: Short}")
    );
    assert_eq!(
        out.origins.translate("#/info/description"),
        "#/info/summary"
    );
}

#[test]
fn info_summary_is_dropped_beside_a_description() {
    let out = normalize(yaml(
        "openapi: 3.1.0\ninfo: {title: T, version: '1', summary: Short, description: Long}",
    ))
    .unwrap();
    assert_eq!(
        out.value["info"],
        yaml("{title: T, version: '1', description: Long}")
    );
}

#[test]
fn the_license_identifier_is_stripped() {
    let out = normalize(yaml(
        "openapi: 3.1.0\ninfo: {title: T, version: '1', license: {name: MIT, identifier: MIT}}",
    ))
    .unwrap();
    assert_eq!(out.value["info"]["license"], yaml("name: MIT"));
}

#[test]
fn a_path_item_ref_is_replaced_by_the_component_it_names() {
    let out = normalized(
        "paths:
  /a:
    $ref: '#/components/pathItems/A'
    summary: Mine
components:
  pathItems:
    A:
      summary: Theirs
      get:
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {type: [string, 'null']}",
    );
    let item = &out.value["paths"]["/a"];
    assert_eq!(item["summary"], yaml("Mine"));
    assert_eq!(
        item["get"]["responses"]["200"]["content"]["application/json"]["schema"],
        yaml("{type: string, nullable: true}")
    );
    assert!(out.value["components"].get("pathItems").is_none());
    assert_eq!(
        out.origins.translate("#/paths/~1a/get"),
        "#/components/pathItems/A/get"
    );
}

#[test]
fn a_path_item_ref_that_points_nowhere_is_an_error() {
    let errors = errors("paths:\n  /a: {$ref: '#/components/pathItems/B'}");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].pointer, "#/paths/~1a/$ref");
}

#[test]
fn path_item_refs_in_a_cycle_are_an_error() {
    let errors = errors(
        "paths:\n  /a: {$ref: '#/components/pathItems/A'}\ncomponents:\n  pathItems:\n    A: {$ref: '#/components/pathItems/A'}",
    );
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("cycle"), "{}", errors[0].message);
}

#[test]
fn a_true_schema_becomes_the_empty_schema() {
    let (s, _) = schema("{type: object, properties: {a: true}}");
    assert_eq!(s, yaml("{type: object, properties: {a: {}}}"));
}

#[test]
fn a_false_property_is_left_out_with_a_warning() {
    let (s, out) = schema("{type: object, properties: {a: false, b: {type: string}}}");
    assert_eq!(s, yaml("{type: object, properties: {b: {type: string}}}"));
    assert_eq!(
        warning_pointers(&out),
        [("#/components/schemas/S/properties/a", Severity::Warning)]
    );
}

#[test]
fn a_false_schema_elsewhere_is_an_error_at_its_pointer() {
    let errors = errors("components:\n  schemas:\n    S: {allOf: [false]}");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].pointer, "#/components/schemas/S/allOf/0");
}

#[test]
fn a_keyword_3_0_cannot_carry_is_reported_where_it_was_written() {
    let (_, out) =
        schema("oneOf:\n  - {type: 'null'}\n  - {type: array, prefixItems: [{type: string}]}");
    assert_eq!(
        warning_pointers(&out),
        [(
            "#/components/schemas/S/oneOf/1/prefixItems",
            Severity::Warning
        )]
    );
}

#[test]
fn schemas_in_parameters_bodies_and_headers_are_normalised() {
    let out = normalized(
        "paths:
  /a:
    parameters:
      - {name: p, in: query, schema: {type: [integer, 'null']}}
    post:
      requestBody:
        content:
          application/json:
            schema: {const: x}
      responses:
        '200':
          description: ok
          headers:
            H: {schema: {type: [string, 'null']}}",
    );
    let item = &out.value["paths"]["/a"];
    assert_eq!(
        item["parameters"][0]["schema"],
        yaml("{type: integer, nullable: true}")
    );
    assert_eq!(
        item["post"]["requestBody"]["content"]["application/json"]["schema"],
        yaml("{type: string, enum: [x]}")
    );
    assert_eq!(
        item["post"]["responses"]["200"]["headers"]["H"]["schema"],
        yaml("{type: string, nullable: true}")
    );
}

#[test]
fn mutual_tls_security_is_dropped_with_a_warning() {
    let out = normalized(
        "components:\n  securitySchemes:\n    m: {type: mutualTLS}\n    b: {type: http, scheme: bearer}",
    );
    assert_eq!(
        out.value["components"]["securitySchemes"],
        yaml("b: {type: http, scheme: bearer}")
    );
    assert_eq!(
        warning_pointers(&out),
        [("#/components/securitySchemes/m", Severity::Warning)]
    );
}

#[test]
fn malformed_schemas_give_diagnostics_inside_them_never_a_panic() {
    let odd = [
        "null",
        "5",
        "x",
        "[1]",
        "{type: 5}",
        "{type: [5, 'null']}",
        "{type: [string, 'null', {}]}",
        "{oneOf: 5}",
        "{anyOf: [5, null, {type: 'null'}]}",
        "{properties: 5}",
        "{properties: {a: 5, b: false}}",
        "{const: [1]}",
        "{examples: 5}",
        "{exclusiveMinimum: x, exclusiveMaximum: .nan}",
        "{$ref: 5, description: d}",
        "{allOf: 5, $ref: '#/components/schemas/T', description: d}",
        "{contentEncoding: 5, contentMediaType: [1]}",
        "{items: false, prefixItems: 3}",
        "{type: [object, array], properties: {a: {type: [integer, string]}}}",
    ];
    for schema in odd {
        let text = document(&format!(
            "components:\n  schemas:\n    S: {schema}\n    T: {{}}\npaths:\n  /a:\n    get:\n      parameters: [{{name: p, in: query, schema: {schema}}}]"
        ));
        let diagnostics = match normalize(yaml(&text)) {
            Ok(out) => out.warnings,
            Err(diagnostics) => diagnostics,
        };
        for diagnostic in diagnostics {
            assert!(
                diagnostic.pointer.starts_with("#/components/schemas/S")
                    || diagnostic
                        .pointer
                        .starts_with("#/paths/~1a/get/parameters/0/schema"),
                "{schema}: {diagnostic:?}"
            );
        }
    }
}
