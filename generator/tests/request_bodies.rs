//! How form and multipart request bodies are lowered and emitted, each on a
//! spec small enough to read in the test.

use generator::{generate, Config, Generated, Severity};

/// A spec with one `POST /things` whose body has this `content`, indented
/// as the request body's `content` value.
fn spec_with_body(openapi: &str, content: &str) -> String {
    format!(
        "openapi: {openapi}\ninfo:\n  title: T\n  version: '1'\npaths:\n  /things:\n    post:\n      \
         requestBody:\n        required: true\n        content:\n{content}      responses:\n        \
         '204':\n          description: ok\n"
    )
}

fn generated(text: &str) -> Generated {
    generate(text, &Config::new("t")).unwrap_or_else(|d| panic!("{d:#?}"))
}

fn things(generated: &Generated) -> &str {
    &generated
        .files
        .iter()
        .find(|f| f.path == "src/resources/things.rs")
        .expect("the operation is generated")
        .contents
}

const FORM: &str = "          application/x-www-form-urlencoded:\n";
const MULTIPART: &str = "          multipart/form-data:\n";

#[test]
fn a_form_bodys_encoding_becomes_the_style_table_it_is_sent_with() {
    let content = format!(
        "{FORM}            schema:\n              type: object\n              properties:\n                \
         meta:\n                  type: object\n                  additionalProperties:\n                    \
         type: string\n                ids:\n                  type: array\n                  items:\n                    \
         type: integer\n                tags:\n                  type: array\n                  items:\n                    \
         type: string\n            encoding:\n              meta:\n                style: deepObject\n                \
         explode: true\n              ids:\n                explode: false\n              tags:\n                \
         contentType: text/plain\n"
    );
    let out = generated(&spec_with_body("3.0.3", &content));
    let code = things(&out);
    assert!(
        code.contains("&[(\"ids\", QueryStyle::Form), (\"meta\", QueryStyle::DeepObject)]"),
        "{code}"
    );
    assert!(code.contains("use crate::params::QueryStyle;"), "{code}");
}

#[test]
fn a_form_body_without_encoding_sends_an_empty_style_table() {
    let content = format!(
        "{FORM}            schema:\n              type: object\n              properties:\n                \
         a:\n                  type: string\n"
    );
    let out = generated(&spec_with_body("3.0.3", &content));
    let code = things(&out);
    assert!(code.contains(".form_body(body, &[])"), "{code}");
    assert!(!code.contains("QueryStyle"), "{code}");
}

fn multipart(openapi: &str, properties: &str, encoding: &str) -> Generated {
    let content = format!(
        "{MULTIPART}            schema:\n              type: object\n              required: [file]\n              \
         properties:\n{properties}{encoding}"
    );
    generated(&spec_with_body(openapi, &content))
}

const FILE: &str =
    "                file:\n                  type: string\n                  format: binary\n";

#[test]
fn a_multipart_body_is_a_struct_of_its_parts_with_new_and_setters() {
    let properties = format!(
        "{FILE}                note:\n                  type: string\n                meta:\n                  \
         type: object\n                  properties:\n                    a:\n                      type: string\n"
    );
    let out = multipart("3.0.3", &properties, "");
    let code = things(&out);
    assert!(code.contains("pub struct CreateBody {"), "{code}");
    assert!(code.contains("pub file: crate::FilePart,"), "{code}");
    assert!(
        code.contains("pub fn new(file: crate::FilePart) -> Self"),
        "{code}"
    );
    assert!(
        code.contains("pub fn with_note(mut self, note: impl Into<String>) -> Self"),
        "{code}"
    );
    assert!(
        code.contains(".files(\"file\", [body.file], \"application/octet-stream\")"),
        "{code}"
    );
    assert!(code.contains(".text(\"note\", &body.note)"), "{code}");
    assert!(
        code.contains(".json(\"meta\", &body.meta, \"application/json\")"),
        "{code}"
    );
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_3_1_content_media_type_is_a_file_part() {
    let properties = "                file:\n                  contentMediaType: image/png\n";
    let code = things(&multipart("3.1.0", properties, "")).to_string();
    assert!(code.contains("pub file: crate::FilePart,"), "{code}");
}

#[test]
fn an_encoding_content_type_makes_a_string_a_file_and_an_object_json_of_that_type() {
    let properties = "                file:\n                  type: string\n                meta:\n                  \
         type: object\n                  properties:\n                    a:\n                      type: string\n";
    let encoding = "            encoding:\n              file:\n                contentType: image/png, image/jpeg\n              \
         meta:\n                contentType: application/vnd.api+json\n";
    let code = things(&multipart("3.0.3", properties, encoding)).to_string();
    assert!(
        code.contains(".files(\"file\", [body.file], \"image/png\")"),
        "{code}"
    );
    assert!(
        code.contains(".json(\"meta\", &body.meta, \"application/vnd.api+json\")"),
        "{code}"
    );
}

#[test]
fn a_list_of_text_whose_items_may_be_null_is_still_sent_as_text_parts() {
    let properties = format!(
        "{FILE}                tags:\n                  type: array\n                  items:\n                    \
         type: string\n                    nullable: true\n"
    );
    let code = things(&multipart("3.0.3", &properties, "")).to_string();
    assert!(code.contains("pub tags: Option<Vec<String>>,"), "{code}");
    assert!(code.contains(".text(\"tags\", &body.tags)"), "{code}");
}

#[test]
fn arrays_of_files_and_of_text_repeat_their_part() {
    let properties = format!(
        "{FILE}                more:\n                  type: array\n                  items:\n                    \
         type: string\n                    format: binary\n                tags:\n                  type: array\n                  \
         items:\n                    type: string\n"
    );
    let code = things(&multipart("3.0.3", &properties, "")).to_string();
    assert!(
        code.contains("pub more: Option<Vec<crate::FilePart>>,"),
        "{code}"
    );
    assert!(code.contains("body.more.into_iter().flatten(),"), "{code}");
    assert!(code.contains(".text(\"tags\", &body.tags)"), "{code}");
}

#[test]
fn a_multipart_body_that_is_not_an_object_leaves_its_operation_out_with_a_warning() {
    let content = format!("{MULTIPART}            schema:\n              type: string\n");
    let out = generated(&spec_with_body("3.0.3", &content));
    assert!(!out
        .files
        .iter()
        .any(|f| f.path == "src/resources/things.rs"));
    let warning = &out.warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        warning.pointer,
        "#/paths/~1things/post/requestBody/content/multipart~1form-data/schema"
    );
}

/// A multipart body that is a `oneOf` of an inline object titled `Voice` and an untitled one.
fn multipart_union(second_variant: &str) -> Generated {
    let content = format!(
        "{MULTIPART}            schema:\n              oneOf:\n                - type: object\n                  \
         title: Voice\n                  required: [file]\n                  properties:\n{FILE_IN_VARIANT}\
         {second_variant}"
    );
    generated(&spec_with_body("3.0.3", &content))
}

const FILE_IN_VARIANT: &str =
    "                    file:\n                      type: string\n                      format: binary\n";

#[test]
fn each_object_variant_of_a_multipart_union_is_sent_by_a_method_named_after_it() {
    let out = multipart_union(
        "                - type: object\n                  properties:\n                    \
         note:\n                      type: string\n",
    );
    let code = things(&out);
    assert!(
        code.contains("pub fn create_voice(&self, body: CreateVoiceBody)"),
        "{code}"
    );
    assert!(
        code.contains("pub fn create_form2(&self, body: CreateForm2Body)"),
        "{code}"
    );
    assert!(
        code.contains(".files(\"file\", [body.file], \"application/octet-stream\")"),
        "{code}"
    );
    assert!(code.contains(".text(\"note\", &body.note)"), "{code}");
    assert!(
        code.contains("Sends the body in its `Voice` form"),
        "{code}"
    );
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_multipart_union_with_a_variant_that_is_not_an_object_leaves_its_operation_out() {
    let out = multipart_union("                - type: string\n");
    assert!(!out
        .files
        .iter()
        .any(|f| f.path == "src/resources/things.rs"));
    assert_eq!(
        out.warnings[0].pointer,
        "#/paths/~1things/post/requestBody/content/multipart~1form-data/schema"
    );
}

#[test]
fn example_calls_give_a_multipart_text_part_its_example_or_a_value_fitting_its_pattern() {
    let content = format!(
        "{MULTIPART}            schema:\n              type: object\n              \
         required: [language, title]\n              properties:\n                \
         language:\n                  type: string\n                  pattern: '^[a-z]{{2}}$'\n                \
         title:\n                  type: string\n                  example: Q3 report\n"
    );
    let out = generated(&spec_with_body("3.0.3", &content));
    let call = things(&out)
        .lines()
        .find(|line| line.contains("CreateBody::new("))
        .unwrap_or_default();
    assert!(
        call.contains("CreateBody::new(\"aa\", \"Q3 report\")"),
        "{call}"
    );
}

#[test]
fn a_crate_with_multipart_bodies_streams_and_encodes_them_itself() {
    let out = multipart("3.0.3", FILE, "");
    let manifest = &out
        .files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents;
    assert!(
        manifest.contains(
            "reqwest = { version = \"0.13\", default-features = false, features = [\"stream\"] }"
        ),
        "{manifest}"
    );
    assert!(manifest.contains("tokio-util"), "{manifest}");
    assert!(manifest.contains("futures-core"), "{manifest}");
    assert!(out.files.iter().any(|f| f.path == "src/multipart.rs"));
    assert!(out
        .files
        .iter()
        .any(|f| f.path == "src/multipart/encode.rs"));
}

#[test]
fn a_crate_without_multipart_bodies_keeps_reqwest_lean() {
    let content = format!(
        "{FORM}            schema:\n              type: object\n              properties:\n                \
         a:\n                  type: string\n"
    );
    let out = generated(&spec_with_body("3.0.3", &content));
    assert!(!out
        .files
        .iter()
        .any(|f| f.path.starts_with("src/multipart")));
    let manifest = &out
        .files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents;
    assert!(!manifest.contains("tokio-util"), "{manifest}");
}

#[test]
fn a_union_of_a_string_and_listed_values_is_a_text_part() {
    let properties = format!(
        "{FILE}                model:\n                  anyOf:\n                    - type: string\n                    \
         - type: string\n                      enum: [whisper-1]\n"
    );
    let code = things(&multipart("3.0.3", &properties, "")).to_string();
    assert!(code.contains(".text(\"model\", &body.model)"), "{code}");
}

/// `application/json` with an object of one string, `note`, beside `multipart`.
fn json_and(multipart: &str) -> Generated {
    let content = format!(
        "          application/json:\n            schema:\n              type: object\n              \
         properties:\n                note:\n                  type: string\n{multipart}"
    );
    generated(&spec_with_body("3.0.3", &content))
}

#[test]
fn a_json_body_also_offered_as_multipart_with_a_file_gets_a_method_sending_that_form() {
    let out = json_and(&format!(
        "{MULTIPART}            schema:\n              type: object\n              properties:\n                \
         note:\n                  type: string\n{FILE}"
    ));
    let code = things(&out);
    assert!(code.contains(".json_body(body)"), "{code}");
    assert!(
        code.contains("pub fn create_multipart(&self, body: CreateMultipartBody)"),
        "{code}"
    );
    assert!(
        code.contains(".files(\"file\", body.file, \"application/octet-stream\")"),
        "{code}"
    );
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_multipart_form_without_a_file_part_adds_no_method() {
    let out = json_and(&format!(
        "{MULTIPART}            schema:\n              type: object\n              properties:\n                \
         note:\n                  type: string\n"
    ));
    let code = things(&out);
    assert!(!code.contains("multipart"), "{code}");
    assert!(!out
        .files
        .iter()
        .any(|f| f.path.starts_with("src/multipart")));
}

#[test]
fn a_multipart_body_that_is_an_all_of_has_the_parts_of_every_member() {
    let content = format!(
        "{MULTIPART}            schema:\n              allOf:\n                - type: object\n                  \
         required: [note]\n                  properties:\n                    note:\n                      \
         type: string\n                - type: object\n                  properties:\n                    \
         file:\n                      type: string\n                      format: binary\n"
    );
    let out = generated(&spec_with_body("3.0.3", &content));
    let code = things(&out);
    assert!(code.contains(".text(\"note\", &body.note)"), "{code}");
    assert!(
        code.contains("pub file: Option<crate::FilePart>,"),
        "{code}"
    );
    assert!(
        code.contains("pub fn new(note: impl Into<String>) -> Self"),
        "{code}"
    );
}

#[test]
fn a_wildcard_body_whose_schema_is_an_object_is_sent_as_json() {
    let content =
        "          '*/*':\n            schema:\n              type: object\n              \
         properties:\n                note:\n                  type: string\n";
    let out = generated(&spec_with_body("3.0.3", content));
    let code = things(&out);
    assert!(code.contains(".json_body(body)"), "{code}");
    assert!(!code.contains("RawBody"), "{code}");
}

#[test]
fn a_wildcard_body_whose_schema_is_a_string_stays_raw_bytes() {
    let content =
        "          '*/*':\n            schema:\n              type: string\n              \
         format: binary\n";
    let code = things(&generated(&spec_with_body("3.0.3", content))).to_string();
    assert!(
        code.contains(".raw_body(body.into(), \"application/octet-stream\")"),
        "{code}"
    );
}

#[test]
fn a_wildcard_response_whose_schema_is_an_object_is_decoded_as_json() {
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /things:\n    get:\n      \
         responses:\n        '200':\n          description: ok\n          content:\n            '*/*':\n              \
         schema:\n                type: object\n                properties:\n                  id:\n                    \
         type: string\n";
    let code = things(&generated(text)).to_string();
    assert!(code.contains("Request::json("), "{code}");
    assert!(!code.contains(".accept("), "{code}");
}

/// A spec with one `GET /things` listing items after `starting_after` while `has_more`,
/// whose optional form body has this `schema`, indented as the media type's `schema` value.
fn list_with_optional_body(schema: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /things:\n    get:\n      \
         operationId: listThings\n      parameters:\n        - {{name: starting_after, in: query, schema: {{type: string}}}}\n      \
         requestBody:\n        required: false\n        content:\n{FORM}            schema:\n{schema}      \
         responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              \
         schema:\n                type: object\n                required: [data, has_more]\n                properties:\n                  \
         has_more: {{type: boolean}}\n                  data:\n                    type: array\n                    items:\n                      \
         type: object\n                      required: [id]\n                      properties:\n                        \
         id: {{type: string}}\n"
    )
}

#[test]
fn an_optional_body_that_can_only_be_an_empty_object_is_no_argument() {
    let schema = "              type: object\n              properties: {}\n              \
                  additionalProperties: false\n";
    let out = generated(&list_with_optional_body(schema));
    let code = things(&out);
    assert!(
        code.contains("pub fn list(\n        &self,\n        params: ListParams,\n    )"),
        "{code}"
    );
    assert!(!code.contains("form_body"), "{code}");
}

#[test]
fn a_list_with_an_optional_body_walks_its_pages_without_sending_one() {
    let schema = "              type: object\n              properties:\n                \
                  note: {type: string}\n";
    let out = generated(&list_with_optional_body(schema));
    let code = things(&out);
    assert!(
        code.contains("body: Option<&models::ListThingsBody>"),
        "{code}"
    );
    assert!(code.contains(".list(None, params)"), "{code}");
}

#[test]
fn a_list_whose_body_is_required_has_no_auto_paging() {
    let schema = "              type: object\n              properties:\n                \
                  note: {type: string}\n";
    let text = list_with_optional_body(schema).replace("required: false", "required: true");
    let code = things(&generated(&text)).to_string();
    assert!(code.contains("body: &models::ListThingsBody"), "{code}");
    assert!(!code.contains("auto_paging"), "{code}");
}

#[test]
fn a_json_lines_body_whose_schema_is_one_line_takes_a_list_of_lines() {
    let content = "          application/x-ndjson:\n            schema:\n              type: object\n              \
         required: [id]\n              properties:\n                id:\n                  type: string\n";
    let out = generated(&spec_with_body("3.0.3", content));
    let code = things(&out);
    assert!(code.contains("body: &[models::"), "{code}");
    assert!(
        code.contains(".json_lines_body(body, \"application/x-ndjson\")"),
        "{code}"
    );
}

#[test]
fn a_json_lines_body_without_a_schema_takes_lines_of_any_json() {
    let content = "          application/jsonl: {}\n";
    let out = generated(&spec_with_body("3.0.3", content));
    let code = things(&out);
    assert!(code.contains("body: &[serde_json::Value]"), "{code}");
    assert!(
        code.contains(".json_lines_body(body, \"application/jsonl\")"),
        "{code}"
    );
}

#[test]
fn a_json_lines_example_written_as_its_lines_is_the_example_calls_list() {
    let content = "          application/x-ndjson:\n            schema:\n              type: array\n              \
         items:\n                type: integer\n            example: \"1\\n2\\n\"\n";
    let out = generated(&spec_with_body("3.0.3", content));
    let code = things(&out);
    assert!(code.contains(".create(&[1, 2])"), "{code}");
}

#[test]
fn a_json_lines_body_referring_to_a_list_component_takes_that_lists_items() {
    let spec = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /things:\n    post:\n      \
         requestBody:\n        required: true\n        content:\n          application/x-ndjson:\n            \
         schema:\n              $ref: '#/components/schemas/Things'\n      responses:\n        '204':\n          \
         description: ok\ncomponents:\n  schemas:\n    Things:\n      type: array\n      items:\n        \
         $ref: '#/components/schemas/Thing'\n    Thing:\n      type: object\n      properties:\n        \
         id:\n          type: string\n";
    let out = generated(spec);
    let code = things(&out);
    assert!(code.contains("body: &[models::Thing]"), "{code}");
}

#[test]
fn a_json_lines_body_whose_schema_is_text_is_sent_as_the_bytes_given() {
    let content =
        "          application/x-ndjson:\n            schema:\n              type: string\n";
    let out = generated(&spec_with_body("3.0.3", content));
    let code = things(&out);
    assert!(code.contains("impl Into<crate::RawBody>"), "{code}");
    assert!(!code.contains("json_lines_body"), "{code}");
}
