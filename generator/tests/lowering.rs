//! Focused checks of how spec shapes become Rust, each on a spec small
//! enough to read in the test.

use generator::{generate, Config, Generated, Severity};

fn spec(paths: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n{paths}\ncomponents:\n  schemas:\n{schemas}"
    )
}

fn generated(text: &str) -> Generated {
    generate(text, &Config::new("t")).unwrap_or_else(|d| panic!("{d:#?}"))
}

fn file<'g>(generated: &'g Generated, path: &str) -> &'g str {
    &generated
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap()
        .contents
}

/// An operation's responses: one without content.
const NO_CONTENT: &str = "      responses:\n        '204':\n          description: ok\n";

const OBJECT: &str = "      type: object\n      properties:\n        x:\n          type: string\n";

#[test]
fn a_schema_reached_twice_through_all_of_is_not_a_cycle() {
    let schemas = format!(
        "    Root:\n{OBJECT}    Left:\n      allOf:\n        - $ref: '#/components/schemas/Root'\n    Right:\n      allOf:\n        - $ref: '#/components/schemas/Root'\n        - type: object\n    Both:\n      allOf:\n        - $ref: '#/components/schemas/Left'\n        - $ref: '#/components/schemas/Right'\n"
    );
    let models = generated(&spec("  {}", &schemas));
    assert!(file(&models, "src/models.rs").contains("pub struct Both {"));
}

#[test]
fn only_fields_that_close_a_cycle_are_boxed() {
    let schemas = "    Node:\n      type: object\n      properties:\n        next:\n          $ref: '#/components/schemas/Node'\n        leaf:\n          $ref: '#/components/schemas/Leaf'\n    Leaf:\n      type: object\n      properties:\n        x:\n          type: string\n";
    let models = generated(&spec("  {}", schemas));
    let models = file(&models, "src/models.rs");
    assert!(models.contains("pub next: Option<Box<Node>>"), "{models}");
    assert!(models.contains("pub leaf: Option<Leaf>"), "{models}");
}

#[test]
fn a_discriminator_that_cannot_name_inline_variants_falls_back_to_trying_each() {
    let schemas = format!(
        "    Cat:\n{OBJECT}    Pet:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n        - type: object\n          properties:\n            y:\n              type: integer\n      discriminator:\n        propertyName: kind\n"
    );
    let out = generated(&spec("  {}", &schemas));
    assert!(file(&out, "src/models.rs").contains("#[serde(untagged)]"));
    assert!(out
        .warnings
        .iter()
        .any(|w| w.pointer == "#/components/schemas/Pet/discriminator"));
}

#[test]
fn a_put_beside_a_patch_of_the_same_item_is_named_replace() {
    let op = NO_CONTENT;
    let paths = format!(
        "  /things/{{id}}:\n    parameters:\n      - name: id\n        in: path\n        required: true\n        schema:\n          type: string\n    put:\n{op}    patch:\n{op}"
    );
    let out = generated(&spec(&paths, "    {}"));
    let things = file(&out, "src/resources/things.rs");
    assert!(
        things.contains("pub fn replace(&self, id: &str)"),
        "{things}"
    );
    assert!(
        things.contains("pub fn update(&self, id: &str)"),
        "{things}"
    );
}

/// `POST /contacts/imports` and `POST /contacts/exports`, with these operationIds.
fn contacts_posts(import_id: &str, export_id: &str) -> String {
    let op = |id: &str| format!("    post:\n      operationId: {id}\n{NO_CONTENT}");
    format!(
        "  /contacts/imports:\n{}  /contacts/exports:\n{}",
        op(import_id),
        op(export_id)
    )
}

#[test]
fn an_operation_id_that_starts_with_its_resource_is_named_without_it() {
    let out = generated(&spec(
        &contacts_posts("contacts/create-import", "contacts/create-export"),
        "    {}",
    ));
    let contacts = file(&out, "src/resources/contacts.rs");
    assert!(
        contacts.contains("pub fn create_import(&self)"),
        "{contacts}"
    );
    assert!(
        contacts.contains("pub fn create_export(&self)"),
        "{contacts}"
    );
}

#[test]
fn an_operation_id_keeps_its_resource_where_the_shorter_name_is_taken() {
    let out = generated(&spec(
        &contacts_posts("import", "contacts_import"),
        "    {}",
    ));
    let contacts = file(&out, "src/resources/contacts.rs");
    assert!(
        contacts.contains("pub fn contacts_import(&self)"),
        "{contacts}"
    );
    assert!(contacts.contains("pub fn import(&self)"), "{contacts}");
}

#[test]
fn a_fragment_that_tells_operations_on_one_path_apart_is_not_sent() {
    let item =
        "    parameters:\n      - {name: id, in: path, required: true, schema: {type: string}}\n";
    let paths = format!("  /things/{{id}}#archive:\n{item}    put:\n      operationId: archiveThing\n{NO_CONTENT}  /things/{{id}}#restore:\n{item}    put:\n      operationId: restoreThing\n{NO_CONTENT}");
    let out = generated(&spec(&paths, "    {}"));
    let things = file(&out, "src/resources/things.rs");
    let sent = things.matches("Method::PUT, \"/things/{id}\")").count();
    assert_eq!(sent, 2, "{things}");
}

#[test]
fn a_head_operation_is_generated_and_returns_no_body_whatever_its_responses_describe() {
    let paths = "  /status:\n    head:\n      operationId: checkStatus\n      responses:\n        '200':\n          description: up\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Status'\n        '503':\n          description: down\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Status'\n";
    let out = generated(&spec(paths, &format!("    Status:\n{OBJECT}")));
    let status = file(&out, "src/resources/status.rs");
    assert!(
        status.contains("pub fn check_status(&self) -> Request<'a, (), C>"),
        "{status}"
    );
    assert!(status.contains("Method::HEAD"), "{status}");
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn an_operation_answered_only_by_a_redirect_returns_the_bytes_it_leads_to() {
    let paths = "  /archive:\n    get:\n      responses:\n        '302':\n          description: found\n          headers:\n            Location:\n              schema:\n                type: string\n";
    let out = generated(&spec(paths, "    {}"));
    let archive = file(&out, "src/resources/archive.rs");
    assert!(
        archive.contains("(&self) -> Request<'a, Vec<u8>, C>"),
        "{archive}"
    );
    assert!(archive.contains(".accept(\"*/*\")"), "{archive}");
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

/// A response whose body is the `Problem` schema.
fn problem(status: &str) -> String {
    format!("        '{status}':\n          description: no\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Problem'\n")
}

#[test]
fn three_or_more_consecutive_error_statuses_of_one_type_are_matched_as_a_range() {
    let errors: String = ["403", "404", "405", "409", "410"]
        .into_iter()
        .map(problem)
        .collect();
    let paths = format!("  /things:\n    get:\n{NO_CONTENT}{errors}");
    let out = generated(&spec(&paths, &format!("    Problem:\n{OBJECT}")));
    let things = file(&out, "src/resources/things.rs");
    assert!(things.contains("403..=405 | 409 | 410 => {"), "{things}");
}

#[test]
fn an_optional_raw_body_is_sent_as_the_raw_body_it_is() {
    let paths = "  /notes:\n    post:\n      requestBody:\n        content:\n          text/plain:\n            schema:\n              type: string\n      responses:\n        '204':\n          description: ok\n";
    let out = generated(&spec(paths, "    {}"));
    let notes = file(&out, "src/resources/notes.rs");
    assert!(notes.contains("body: Option<crate::RawBody>"), "{notes}");
    assert!(
        notes.contains("request.raw_body(body, \"text/plain\")"),
        "{notes}"
    );
}

#[test]
fn a_description_continuing_a_list_item_lazily_is_indented_under_it() {
    let paths = "  /roles:\n    get:\n      description: \"Roles:\\n- `reader`: reads\\nNote: no writers.\"\n      responses:\n        '204':\n          description: ok\n";
    let out = generated(&spec(paths, "    {}"));
    let roles = file(&out, "src/resources/roles.rs");
    assert!(
        roles.contains("    /// - `reader`: reads\n    ///   Note: no writers.\n"),
        "{roles}"
    );
}

#[test]
fn a_list_without_page_metadata_has_no_auto_paging() {
    let paths = "  /things:\n    get:\n      parameters:\n        - name: page[number]\n          in: query\n          schema:\n            type: integer\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  data:\n                    type: array\n                    items:\n                      type: string\n";
    let out = generated(&spec(paths, "    {}"));
    assert!(!file(&out, "src/resources/things.rs").contains("auto_paging"));
    assert!(!out.files.iter().any(|f| f.path == "src/pagination.rs"));
}

#[test]
fn a_path_parameter_named_like_a_generated_argument_is_renamed() {
    let paths = format!("  /things/{{body}}:\n    post:\n      parameters:\n        - name: body\n          in: path\n          required: true\n          schema:\n            type: string\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              type: object\n{NO_CONTENT}");
    let out = generated(&spec(&paths, "    {}"));
    let things = file(&out, "src/resources/things.rs");
    assert!(things.contains(".path_param(\"body\", body2)"), "{things}");
}

fn cookie_operation(schema: &str) -> String {
    format!("  /things:\n    get:\n      parameters:\n        - name: session\n          in: cookie\n          required: true\n          schema:\n            type: {schema}\n{NO_CONTENT}")
}

#[test]
fn a_cookie_parameter_is_sent_in_the_cookie_header() {
    let out = generated(&spec(&cookie_operation("string"), "    {}"));
    let things = file(&out, "src/resources/things.rs");
    assert!(
        things.contains(".cookie_param(\"session\", &params.session)"),
        "{things}"
    );
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_required_object_cookie_parameter_leaves_its_operation_out_with_a_warning() {
    let out = generated(&spec(&cookie_operation("object"), "    {}"));
    assert!(!out
        .files
        .iter()
        .any(|f| f.path == "src/resources/things.rs"));
    let warning = &out.warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.pointer, "#/paths/~1things/get/parameters/0");
}

#[test]
fn an_all_of_closed_to_its_parts_properties_is_warned_about_once() {
    let schemas = "    Params:\n      type: object\n      additionalProperties: false\n      allOf:\n        - type: object\n          additionalProperties: false\n          properties:\n            audio_url:\n              type: string\n        - $ref: '#/components/schemas/Optional'\n    Optional:\n      type: object\n      additionalProperties: false\n      properties:\n        punctuate:\n          type: boolean\n";
    let out = generated(&spec("  {}", schemas));
    let warnings: Vec<_> = out
        .warnings
        .iter()
        .filter(|w| w.message.contains("`additionalProperties: false`"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(
        warnings[0].pointer,
        "#/components/schemas/Params/additionalProperties"
    );
    assert!(
        warnings[0]
            .message
            .contains("forbids `audio_url`, `punctuate`"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn an_all_of_whose_closed_part_accepts_every_property_is_not_warned_about() {
    let schemas = "    Params:\n      allOf:\n        - $ref: '#/components/schemas/Optional'\n        - type: object\n          properties:\n            punctuate:\n              type: boolean\n    Optional:\n      type: object\n      additionalProperties: false\n      properties:\n        punctuate:\n          type: boolean\n";
    let out = generated(&spec("  {}", schemas));
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_cycle_through_two_types_is_boxed_once() {
    let schemas = "    Expr:\n      oneOf:\n        - type: integer\n        - $ref: '#/components/schemas/Sum'\n    Sum:\n      type: object\n      required: [left, right]\n      properties:\n        left:\n          $ref: '#/components/schemas/Expr'\n        right:\n          $ref: '#/components/schemas/Expr'\n";
    let models = generated(&spec("  {}", schemas));
    let models = file(&models, "src/models.rs");
    assert!(models.contains("Sum(Box<Sum>)"), "{models}");
    assert!(models.contains("pub left: Expr,"), "{models}");
    assert!(models.contains("pub right: Expr,"), "{models}");
}

#[test]
fn untagged_versioned_paths_are_grouped_by_the_resource_they_name() {
    let op = NO_CONTENT;
    let paths = format!("  /v1/customers:\n    get:\n{op}  /v2/invoices:\n    get:\n{op}");
    let out = generated(&spec(&paths, "    {}"));
    let resources: Vec<&str> = out
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.starts_with("src/resources/") && !p.ends_with("mod.rs"))
        .collect();
    assert_eq!(
        resources,
        ["src/resources/customers.rs", "src/resources/invoices.rs"]
    );
}

#[test]
fn a_resource_is_documented_by_the_first_tag_of_its_name() {
    let op = format!("      tags: [Calls]\n{NO_CONTENT}");
    let text = format!(
        "{}\ntags:\n  - name: Other\n    description: Not this one.\n  - name: Calls\n    description: Place and end calls.\n  - name: Calls\n    description: A later duplicate.\n",
        spec(&format!("  /calls:\n    get:\n{op}"), "    {}")
    );
    let calls = file(&generated(&text), "src/resources/calls.rs").to_string();
    assert!(calls.contains("//! Place and end calls."), "{calls}");
    assert!(!calls.contains("A later duplicate"), "{calls}");
}

#[test]
fn a_post_to_an_item_without_put_or_patch_is_named_update() {
    let paths = format!("  /customers/{{id}}:\n    post:\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n{NO_CONTENT}");
    let out = generated(&spec(&paths, "    {}"));
    assert!(file(&out, "src/resources/customers.rs").contains("pub fn update(&self, id: &str)"));
}

#[test]
fn on_a_resource_of_several_collections_only_the_one_it_is_named_after_gets_rest_names() {
    let item = |path: &str, id: &str| {
        format!("  {path}/{{id}}:\n    get:\n      operationId: {id}\n      tags: [Auth]\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n{NO_CONTENT}")
    };
    let paths = format!(
        "{}{}",
        item("/auth/token/roles", "tokenReadRole"),
        item("/v1/auths", "getAuth")
    );
    let out = generated(&spec(&paths, "    {}"));
    let auth = file(&out, "src/resources/auth.rs");
    assert!(auth.contains("pub fn token_read_role(&self"), "{auth}");
    assert!(auth.contains("pub fn retrieve(&self"), "{auth}");
}

#[test]
fn of_two_collections_named_like_the_resource_the_one_with_its_very_name_gets_rest_names() {
    let op = |method: &str, id: &str| {
        format!("    {method}:\n      operationId: {id}\n      tags: [Coupons]\n      responses:\n        '200':\n          description: Ok.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: string\n")
    };
    let paths = format!(
        "  /applied_coupons:\n{}  /coupons:\n{}  /coupons/{{code}}:\n    parameters:\n      - name: code\n        in: path\n        required: true\n        schema:\n          type: string\n{}",
        op("get", "findAllAppliedCoupons"),
        op("get", "findAllCoupons"),
        op("get", "findCoupon")
    );
    let out = generated(&spec(&paths, "    {}"));
    let coupons = file(&out, "src/resources/coupons.rs");
    assert!(coupons.contains("pub fn list(&self"), "{coupons}");
    assert!(
        coupons.contains("pub fn find_all_applied_coupons(&self"),
        "{coupons}"
    );
}

#[test]
fn a_resource_of_one_collection_with_items_gets_rest_names_whatever_it_is_called() {
    let paths = format!(
        "  /v1/batch/jobs:\n    get:\n      operationId: jobs_api_routes_batch_get_batch_jobs\n      tags: [batch]\n      responses:\n        '200':\n          description: Ok.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: string\n  /v1/batch/jobs/{{job_id}}:\n    get:\n      operationId: jobs_api_routes_batch_get_batch_job\n      tags: [batch]\n      parameters:\n        - name: job_id\n          in: path\n          required: true\n          schema:\n            type: string\n{NO_CONTENT}"
    );
    let out = generated(&spec(&paths, "    {}"));
    let batch = file(&out, "src/resources/batch.rs");
    assert!(batch.contains("pub fn list(&self"), "{batch}");
    assert!(batch.contains("pub fn retrieve(&self"), "{batch}");
}

#[test]
fn a_collection_named_with_the_noun_of_the_resources_verb_gets_rest_names() {
    let paths = format!(
        "  /fine-tunes:\n    get:\n      operationId: get-fine-tunes\n      tags: [Fine-tuning]\n      responses:\n        '200':\n          description: Ok.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: string\n  /fine-tunes/{{id}}:\n    get:\n      operationId: get-fine-tunes-id\n      tags: [Fine-tuning]\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n{NO_CONTENT}  /files:\n    get:\n      operationId: list-files\n      tags: [Fine-tuning]\n{NO_CONTENT}"
    );
    let out = generated(&spec(&paths, "    {}"));
    let fine_tuning = file(&out, "src/resources/fine_tuning.rs");
    assert!(fine_tuning.contains("pub fn list(&self"), "{fine_tuning}");
    assert!(
        fine_tuning.contains("pub fn retrieve(&self"),
        "{fine_tuning}"
    );
}

#[test]
fn a_resource_of_one_collection_naming_a_part_of_it_keeps_operation_ids() {
    let paths = format!(
        "  /projects/{{project_id}}/metric-groups:\n    parameters:\n      - name: project_id\n        in: path\n        required: true\n        schema:\n          type: string\n    get:\n      operationId: listMetricGroups\n      tags: [Metrics (beta)]\n      responses:\n        '200':\n          description: Ok.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: string\n  /projects/{{project_id}}/metric-groups/{{id}}:\n    parameters:\n      - name: project_id\n        in: path\n        required: true\n        schema:\n          type: string\n      - name: id\n        in: path\n        required: true\n        schema:\n          type: string\n    delete:\n      operationId: deleteMetricGroup\n      tags: [Metrics (beta)]\n{NO_CONTENT}"
    );
    let out = generated(&spec(&paths, "    {}"));
    let metrics = file(&out, "src/resources/metrics_beta.rs");
    assert!(
        metrics.contains("pub fn list_metric_groups(&self"),
        "{metrics}"
    );
    assert!(
        metrics.contains("pub fn delete_metric_group(&self"),
        "{metrics}"
    );
}

#[test]
fn a_resource_of_one_collection_without_items_not_named_like_it_keeps_operation_ids() {
    let paths = "  /museum-hours:\n    get:\n      operationId: getMuseumHours\n      tags: [Operations]\n      responses:\n        '200':\n          description: Ok.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: string\n";
    let out = generated(&spec(paths, "    {}"));
    let operations = file(&out, "src/resources/operations.rs");
    assert!(
        operations.contains("pub fn get_museum_hours(&self"),
        "{operations}"
    );
}

#[test]
fn a_delete_whose_operation_id_cancels_keeps_its_name() {
    let item = |id: &str| {
        format!("    parameters:\n      - name: id\n        in: path\n        required: true\n        schema:\n          type: string\n    delete:\n      operationId: {id}\n      tags: [messages]\n{NO_CONTENT}")
    };
    let paths = format!(
        "  /messages/{{id}}:\n{}  /drafts/{{id}}:\n{}",
        item("CancelMessage"),
        item("deleteDraft").replace("[messages]", "[drafts]")
    );
    let out = generated(&spec(&paths, "    {}"));
    let messages = file(&out, "src/resources/messages.rs");
    assert!(
        messages.contains("pub fn cancel_message(&self"),
        "{messages}"
    );
    let drafts = file(&out, "src/resources/drafts.rs");
    assert!(drafts.contains("pub fn delete(&self"), "{drafts}");
}

#[test]
fn rest_names_go_only_where_they_say_what_the_operation_does() {
    let op =
        |method: &str, id: &str| format!("    {method}:\n      operationId: {id}\n{NO_CONTENT}");
    let paths = format!(
        "  /markdown:\n{}  /stats:\n{}  /things:\n{}{}  /things/{{id}}:\n    parameters:\n      - name: id\n        in: path\n        required: true\n        schema:\n          type: string\n{}",
        op("post", "render"),
        op("get", "getStats"),
        op("get", "listThings"),
        op("post", "uploadThing"),
        op("put", "createThing")
    );
    let out = generated(&spec(&paths, "    {}"));
    let markdown = file(&out, "src/resources/markdown.rs");
    assert!(markdown.contains("pub fn render(&self"), "{markdown}");
    let stats = file(&out, "src/resources/stats.rs");
    assert!(stats.contains("pub fn get_stats(&self"), "{stats}");
    let things = file(&out, "src/resources/things.rs");
    // A collection with items of its own lists and creates them, whatever its ids say.
    assert!(things.contains("pub fn list(&self"), "{things}");
    assert!(things.contains("pub fn create(&self"), "{things}");
    // A PUT whose operationId says it creates is not called `update`.
    assert!(things.contains("pub fn create_thing(&self"), "{things}");
}

#[test]
fn a_post_to_a_collection_whose_summary_says_it_searches_is_not_named_create() {
    let paths = format!(
        "  /entries:\n    post:\n      operationId: postEntries\n      summary: Search entries\n{NO_CONTENT}  /entries/{{id}}:\n    get:\n      operationId: getEntry\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n{NO_CONTENT}"
    );
    let out = generated(&spec(&paths, "    {}"));
    let entries = file(&out, "src/resources/entries.rs");
    assert!(entries.contains("pub fn post_entries(&self"), "{entries}");
    assert!(!entries.contains("pub fn create(&self"), "{entries}");
}

#[test]
fn a_post_to_a_collection_with_items_whose_id_opens_with_a_read_is_not_named_create() {
    let paths = format!(
        "  /entries:\n    post:\n      operationId: searchEntries\n{NO_CONTENT}  /entries/{{id}}:\n    get:\n      operationId: getEntry\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n{NO_CONTENT}"
    );
    let out = generated(&spec(&paths, "    {}"));
    let entries = file(&out, "src/resources/entries.rs");
    assert!(entries.contains("pub fn search_entries(&self"), "{entries}");
}

#[test]
fn a_post_whose_id_opens_with_create_is_named_create_whatever_its_summary_says() {
    let paths = format!(
        "  /queries:\n    post:\n      operationId: createQuery\n      summary: Query builder\n{NO_CONTENT}  /queries/{{id}}:\n    get:\n      operationId: getQuery\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n{NO_CONTENT}"
    );
    let out = generated(&spec(&paths, "    {}"));
    let queries = file(&out, "src/resources/queries.rs");
    assert!(queries.contains("pub fn create(&self"), "{queries}");
}

#[test]
fn a_resource_of_one_collection_without_items_beside_another_item_path_keeps_operation_ids() {
    let paths = format!(
        "  /museum-hours:\n    get:\n      operationId: getMuseumHours\n      tags: [Operations]\n      responses:\n        '200':\n          description: Ok.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  type: string\n  /tickets/{{id}}:\n    post:\n      operationId: cancelTicket\n      tags: [Operations]\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n{NO_CONTENT}"
    );
    let out = generated(&spec(&paths, "    {}"));
    let operations = file(&out, "src/resources/operations.rs");
    assert!(
        operations.contains("pub fn get_museum_hours(&self"),
        "{operations}"
    );
}

/// `path:` with one operation per `(method, operationId)`, each with a `{name}` path parameter
/// per template name and no content.
fn ops_at(path: &str, tag: &str, ops: &[(&str, &str)]) -> String {
    let params: String = path
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}'))
        .map(|(name, _)| format!("        - name: {name}\n          in: path\n          required: true\n          schema:\n            type: string\n"))
        .collect();
    let ops: String = ops
        .iter()
        .map(|(method, id)| {
            format!("    {method}:\n      operationId: {id}\n      tags: [{tag}]\n      parameters:\n{params}{NO_CONTENT}")
                .replace("      parameters:\n      responses", "      responses")
        })
        .collect();
    format!("  {path}:\n{ops}")
}

#[test]
fn a_nested_collection_gets_rest_names_on_its_own_resource() {
    let paths = [
        ops_at(
            "/v1/files/{file_key}/comments",
            "comments",
            &[("get", "getComments"), ("post", "postComment")],
        ),
        ops_at(
            "/v1/files/{file_key}/comments/{comment_id}",
            "comments",
            &[("delete", "deleteComment")],
        ),
    ]
    .concat();
    let out = generated(&spec(&paths, "    {}"));
    let comments = file(&out, "src/resources/comments.rs");
    for method in ["list", "create", "delete"] {
        assert!(
            comments.contains(&format!("pub fn {method}(")),
            "{method}: {comments}"
        );
    }
}

#[test]
fn a_collection_under_another_s_items_is_no_rival_to_it() {
    let paths = [
        ops_at(
            "/chat/completions",
            "chat",
            &[
                ("get", "listChatCompletions"),
                ("post", "createChatCompletion"),
            ],
        ),
        ops_at(
            "/chat/completions/{completion_id}",
            "chat",
            &[("get", "getChatCompletion")],
        ),
        ops_at(
            "/chat/completions/{completion_id}/messages",
            "chat",
            &[("get", "getChatCompletionMessages")],
        ),
    ]
    .concat();
    let out = generated(&spec(&paths, "    {}"));
    let chat = file(&out, "src/resources/chat.rs");
    for method in ["list", "create", "retrieve", "get_chat_completion_messages"] {
        assert!(
            chat.contains(&format!("pub fn {method}(")),
            "{method}: {chat}"
        );
    }
}

#[test]
fn a_top_level_collection_named_like_the_resource_beats_a_nested_one_with_its_very_name() {
    let paths = [
        ops_at(
            "/advisories",
            "security-advisories",
            &[("get", "listGlobalAdvisories")],
        ),
        ops_at(
            "/advisories/{ghsa_id}",
            "security-advisories",
            &[("get", "getGlobalAdvisory")],
        ),
        ops_at(
            "/orgs/{org}/security-advisories",
            "security-advisories",
            &[("get", "listOrgRepositoryAdvisories")],
        ),
    ]
    .concat();
    let out = generated(&spec(&paths, "    {}"));
    let advisories = file(&out, "src/resources/security_advisories.rs");
    for method in ["list", "retrieve", "list_org_repository_advisories"] {
        assert!(
            advisories.contains(&format!("pub fn {method}(")),
            "{method}: {advisories}"
        );
    }
}

#[test]
fn a_put_whose_id_says_it_adds_is_not_named_update() {
    let paths = [
        ops_at(
            "/teams/{team}/organizations",
            "team-organizations",
            &[("get", "teams/list-organizations")],
        ),
        ops_at(
            "/teams/{team}/organizations/{org}",
            "team-organizations",
            &[("put", "teams/add-organization")],
        ),
    ]
    .concat();
    let out = generated(&spec(&paths, "    {}"));
    let organizations = file(&out, "src/resources/team_organizations.rs");
    assert!(!organizations.contains("pub fn update("), "{organizations}");
    assert!(
        organizations.contains("pub fn teams_add_organization("),
        "{organizations}"
    );
}

#[test]
fn a_rest_name_another_operation_s_id_spells_is_not_given() {
    let paths = [
        ops_at("/{index}/_doc", "document", &[("post", "index")]),
        ops_at("/{index}/_doc/{id}", "document", &[("get", "get")]),
        ops_at("/{index}/_create/{id}", "document", &[("put", "create")]),
    ]
    .concat();
    let out = generated(&spec(&paths, "    {}"));
    let document = file(&out, "src/resources/document.rs");
    for method in ["index", "retrieve", "create"] {
        assert!(
            document.contains(&format!("pub fn {method}(")),
            "{method}: {document}"
        );
    }
    assert!(!document.contains("pub fn create2("), "{document}");
}

#[test]
fn a_collection_answering_with_a_named_list_is_listed() {
    let paths = "  /models:\n    get:\n      operationId: models\n      responses:\n        '200':\n          description: Ok.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/ModelList'\n";
    let schemas = "    ModelList:\n      type: array\n      items:\n        type: string\n";
    let out = generated(&spec(paths, schemas));
    let models = file(&out, "src/resources/models.rs");
    assert!(models.contains("pub fn list(&self"), "{models}");
}

#[test]
fn a_collection_answering_with_an_object_holding_its_items_is_listed() {
    let paths = "  /tags:\n    get:\n      operationId: getTags\n      responses:\n        '200':\n          description: Ok.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  items:\n                    type: array\n                    items:\n                      type: string\n                  totalCount:\n                    type: integer\n";
    let out = generated(&spec(paths, "    {}"));
    let tags = file(&out, "src/resources/tags.rs");
    assert!(tags.contains("pub fn list(&self"), "{tags}");
}

#[test]
fn an_enum_without_a_type_is_typed_by_its_values() {
    let schemas =
        "    Status:\n      enum: [queued, in-progress]\n    Level:\n      enum: [1, 2]\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub enum Status {"), "{models}");
    assert!(models.contains("Unknown(String)"), "{models}");
    assert!(models.contains("pub enum Level {"), "{models}");
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

/// A small client whose files name `command` as the one that regenerates them.
fn generated_by(command: &str) -> Generated {
    let config = Config {
        command: Some(command.into()),
        ..Config::new("t")
    };
    generate(&spec("  {}", &format!("    A:\n{OBJECT}")), &config).unwrap()
}

#[test]
fn every_file_opens_with_a_header_naming_the_command_that_regenerates_it() {
    let generated = generated_by("cargo xtask codegen --spec a.yaml --out b");
    for file in &generated.files {
        let first = file.contents.lines().next().unwrap_or_default();
        assert!(
            first.contains("@generated by `cargo xtask codegen --spec a.yaml --out b`")
                && generator::is_generated_header(first),
            "{}: {first}",
            file.path
        );
    }
}

#[test]
fn a_header_naming_any_command_is_recognised_as_generated() {
    assert!(generator::is_generated_header(
        "// @generated by `cargo xtask codegen` from the OpenAPI spec; do not edit by hand."
    ));
    assert!(generator::is_generated_header(
        "<!-- @generated by `x --out y` from the OpenAPI spec; do not edit by hand. -->"
    ));
    assert!(!generator::is_generated_header("// written by hand"));
}

#[test]
fn a_line_break_in_the_command_stays_inside_the_header_comment() {
    let generated = generated_by("cargo xtask codegen --out a\nb");
    let lib = file(&generated, "src/lib.rs");
    assert!(
        lib.starts_with("// @generated by `cargo xtask codegen --out a b` "),
        "{lib}"
    );
}

/// The first line of the `things` resource's docs that calls `call`.
fn call_line(paths: &str, schemas: &str, call: &str) -> String {
    let generated = generated(&spec(paths, schemas));
    let resource = file(&generated, "src/resources/things.rs");
    let line = resource.lines().find(|line| line.contains(call)).unwrap();
    line.to_string()
}

/// The doc example of `POST /things`, which takes a required body.
fn create_example(body: &str, schemas: &str) -> String {
    let paths = format!(
        "  /things:\n    post:\n      operationId: createThing\n      requestBody:\n        required: true\n        content:\n          application/json:\n{body}{NO_CONTENT}"
    );
    call_line(&paths, schemas, "client.things().create(")
}

const THING: &str = "    Thing:\n      type: object\n      required: [name, kind, size]\n      properties:\n        name:\n          type: string\n          example: Rex\n        kind:\n          type: string\n          enum: [small, large]\n        size:\n          type: integer\n        note:\n          type: string\n";

/// A JSON body of type `Thing`.
const THING_BODY: &str = "            schema:\n              $ref: '#/components/schemas/Thing'\n";

#[test]
fn a_required_body_example_sends_the_required_fields() {
    let line = create_example(THING_BODY, THING);
    assert!(
        line.contains(r#"&t::models::Thing::new(t::models::ThingKind::Small, "Rex", 0)"#),
        "{line}"
    );
}

#[test]
fn a_required_body_example_is_the_specs_own_when_it_has_one() {
    let body = format!(
        "{THING_BODY}            example:\n              name: Fido\n              kind: large\n              size: 3\n"
    );
    let line = create_example(&body, THING);
    assert!(
        line.contains(r#"&t::models::Thing::new(t::models::ThingKind::Large, "Fido", 3)"#),
        "{line}"
    );
}

#[test]
fn an_optional_field_in_the_specs_example_is_set_with_its_setter() {
    let body = format!(
        "{THING_BODY}            example:\n              name: Fido\n              kind: large\n              size: 3\n              note: good\n"
    );
    let line = create_example(&body, THING);
    assert!(
        line.contains(r#"Thing::new(t::models::ThingKind::Large, "Fido", 3).with_note("good")"#),
        "{line}"
    );
}

#[test]
fn structs_users_send_get_new_and_setters_and_those_only_received_do_not() {
    let paths = format!(
        "  /things:\n    post:\n      operationId: createThing\n      requestBody:\n        required: true\n        content:\n          application/json:\n{THING_BODY}      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Receipt'\n"
    );
    let schemas = format!("{THING}    Receipt:\n      type: object\n      properties:\n        thing:\n          $ref: '#/components/schemas/Thing'\n");
    let generated = generated(&spec(&paths, &schemas));
    let models = file(&generated, "src/models.rs");
    assert_eq!(
        models.matches("#[non_exhaustive]\npub struct").count(),
        2,
        "{models}"
    );
    assert!(models.contains("impl Thing {\n"), "{models}");
    assert!(
        models.contains("pub fn new(kind: ThingKind, name: impl Into<String>, size: i64) -> Self"),
        "{models}"
    );
    assert!(
        models.contains("pub fn with_note(mut self, note: impl Into<String>) -> Self"),
        "{models}"
    );
    assert!(!models.contains("impl Receipt {"), "{models}");
}

#[test]
fn webhook_payloads_are_received_so_they_get_no_constructor() {
    let text = "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\nwebhooks:\n  thingCreated:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/ThingCreated'\n      responses:\n        '200':\n          description: ok\ncomponents:\n  schemas:\n    ThingCreated:\n      type: object\n      required: [id]\n      properties:\n        id:\n          type: string\n";
    let generated = generated(text);
    let models = file(&generated, "src/models.rs");
    assert!(models.contains("pub struct ThingCreated"), "{models}");
    assert!(!models.contains("impl ThingCreated {"), "{models}");
}

#[test]
fn a_required_enum_parameter_example_is_its_first_value() {
    let paths = format!("  /things:\n    get:\n      operationId: listThings\n      parameters:\n        - name: sort\n          in: query\n          required: true\n          schema:\n            type: string\n            enum: [asc, desc]\n{NO_CONTENT}");
    let generated = generated(&spec(&paths, "    {}\n"));
    let resource = file(&generated, "src/resources/things.rs");
    assert!(
        resource.contains("ListThingsParams::new(t::models::ListThingsSort::Asc)"),
        "{resource}"
    );
}

/// The doc example of `GET /things/{id}`, its path parameter written as `param`.
fn retrieve_example(param: &str, schemas: &str) -> String {
    let paths = format!(
        "  /things/{{id}}:\n    get:\n      operationId: getThing\n      parameters:\n        - name: id\n          in: path\n          required: true\n{param}{NO_CONTENT}"
    );
    call_line(&paths, schemas, "client.things().retrieve(")
}

#[test]
fn a_number_parameter_with_a_minimum_is_called_with_a_value_at_or_above_it() {
    let param = "          schema:\n            type: number\n            minimum: 2.5\n";
    let line = retrieve_example(param, "    {}\n");
    assert!(line.contains("retrieve(2.5)"), "{line}");
}

#[test]
fn an_integer_parameter_with_an_exclusive_minimum_is_called_above_it() {
    let param = "          schema:\n            type: integer\n            minimum: 4\n            exclusiveMinimum: true\n";
    let line = retrieve_example(param, "    {}\n");
    assert!(line.contains("retrieve(5)"), "{line}");
}

#[test]
fn a_body_with_min_properties_is_sampled_with_an_optional_field() {
    let schemas = "    Patch:\n      type: object\n      minProperties: 1\n      properties:\n        note:\n          type: string\n          minLength: 8\n";
    let body = "            schema:\n              $ref: '#/components/schemas/Patch'\n";
    let line = create_example(body, schemas);
    assert!(
        line.contains(r#"&t::models::Patch::new().with_note("ssssssss")"#),
        "{line}"
    );
}

#[test]
fn a_body_list_of_patterned_items_with_min_items_is_sampled_with_that_many_matching_items() {
    let schemas = "    Check:\n      type: object\n      required: [numbers]\n      properties:\n        numbers:\n          type: array\n          minItems: 2\n          items:\n            type: string\n            pattern: '^\\+1\\d{3}$'\n";
    let body = "            schema:\n              $ref: '#/components/schemas/Check'\n";
    let line = create_example(body, schemas);
    assert!(
        line.contains(r#"&t::models::Check::new(vec!["+1000".to_string(), "+1000".to_string()])"#),
        "{line}"
    );
}

#[test]
fn a_list_body_without_an_example_is_called_with_one_item() {
    let body = "            schema:\n              type: array\n              minItems: 1\n              items:\n                $ref: '#/components/schemas/Thing'\n";
    let line = create_example(body, THING);
    assert!(
        line.contains(r#"create(&[t::models::Thing::new(t::models::ThingKind::Small, "Rex", 0)])"#),
        "{line}"
    );
}

const SCHEMA_WITH_EXAMPLE: &str =
    "          schema:\n            type: string\n            example: from-schema\n";

#[test]
fn a_parameter_without_an_example_of_its_own_takes_its_schemas() {
    let line = retrieve_example(SCHEMA_WITH_EXAMPLE, "    {}\n");
    assert!(line.contains(r#"retrieve("from-schema")"#), "{line}");
}

#[test]
fn a_parameter_takes_the_example_of_the_schema_it_refers_to() {
    let param = "          schema:\n            $ref: '#/components/schemas/ThingId'\n";
    let schemas = "    ThingId:\n      type: string\n      example: thing-8\n";
    let line = retrieve_example(param, schemas);
    assert!(line.contains(r#"retrieve("thing-8")"#), "{line}");
}

#[test]
fn a_parameters_own_example_comes_before_its_schemas() {
    let param = format!("{SCHEMA_WITH_EXAMPLE}          example: own\n");
    let line = retrieve_example(&param, "    {}\n");
    assert!(line.contains(r#"retrieve("own")"#), "{line}");
}

#[test]
fn a_parameters_named_examples_come_before_its_schemas() {
    let param =
        format!("{SCHEMA_WITH_EXAMPLE}          examples:\n            first:\n              value: named\n");
    let line = retrieve_example(&param, "    {}\n");
    assert!(line.contains(r#"retrieve("named")"#), "{line}");
}

#[test]
fn a_parameters_first_named_example_is_followed_through_its_ref() {
    let param = format!(
        "{SCHEMA_WITH_EXAMPLE}          examples:\n            a:\n              $ref: '#/components/examples/Shared'\n            b:\n              value: inline\n"
    );
    let components = "    {}\n  examples:\n    Shared:\n      value: shared\n";
    let line = retrieve_example(&param, components);
    assert!(line.contains(r#"retrieve("shared")"#), "{line}");
}

#[test]
fn a_query_parameter_is_documented_with_its_schemas_example() {
    let paths = format!(
        "  /things:\n    get:\n      operationId: listThings\n      parameters:\n        - name: q\n          in: query\n{SCHEMA_WITH_EXAMPLE}{NO_CONTENT}"
    );
    let generated = generated(&spec(&paths, "    {}\n"));
    let resource = file(&generated, "src/resources/things.rs");
    assert!(
        resource.contains("/// Example: `\"from-schema\"`"),
        "{resource}"
    );
}

/// A list whose paging no detection knows: a token at `page.token`.
const UNKNOWN_PAGING: &str = "  /logs:\n    get:\n      operationId: listLogs\n      parameters:\n        - {name: from, in: query, schema: {type: string}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  lines: {type: array, items: {type: string}}\n                  page: {type: object, properties: {token: {type: string}}}\n";

fn with_paging(yaml: &str) -> Config {
    let mut config = Config::from_yaml(yaml).unwrap();
    config.crate_name = Some("t".into());
    config
}

#[test]
fn declared_paging_makes_a_paginator_and_a_mismatch_is_an_error_at_the_operation() {
    let text = spec(UNKNOWN_PAGING, "    {}\n");
    let undeclared = generated(&text);
    assert!(!file(&undeclared, "src/resources/logs.rs").contains("auto_paging"));

    let declared =
        "pagination: {operations: {listLogs: {style: cursor, param: from, next: page.token}}}";
    let paged = generate(&text, &with_paging(declared)).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(file(&paged, "src/resources/logs.rs").contains("pub fn list_auto_paging("));

    for (declaration, problem) in [
        (
            "{style: cursor, param: to, next: page.token}",
            "`param: to` is not an optional query parameter",
        ),
        (
            "{style: cursor, param: from, next: page.cursor}",
            "no field `page.cursor`",
        ),
        (
            "{style: offset, param: from, next: page.token}",
            "`param` is not an integer",
        ),
    ] {
        let config = with_paging(&format!(
            "pagination: {{operations: {{listLogs: {declaration}}}}}"
        ));
        let errors = generate(&text, &config).unwrap_err();
        let error = errors
            .iter()
            .find(|d| d.severity == Severity::Error)
            .unwrap();
        assert_eq!(error.pointer, "#/paths/~1logs/get", "{declaration}");
        assert!(error.location.is_some(), "{declaration}");
        assert!(
            error.message.contains(problem),
            "{declaration}: {}",
            error.message
        );
    }

    let unknown = with_paging("pagination: {operations: {listLgos: {style: link_header}}}");
    let errors = generate(&text, &unknown).unwrap_err();
    assert!(errors[0].message.contains("`listLgos`"), "{errors:#?}");
}

#[test]
fn a_spec_wide_paging_declaration_applies_to_lists_it_fits() {
    let text = spec(UNKNOWN_PAGING, "    {}\n");
    let config = with_paging(
        "pagination: {default: {style: cursor, param: from, next: page.token, items: lines}}",
    );
    let paged = generate(&text, &config).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(file(&paged, "src/resources/logs.rs").contains("pub fn list_auto_paging("));
}

/// A spec whose only server is at `url`, with one operation.
fn served_at(url: &str) -> String {
    spec(&format!("  /things:\n    get:\n{NO_CONTENT}"), "    {}")
        .replace("paths:\n", &format!("servers:\n  - url: {url}\npaths:\n"))
}

#[test]
fn a_relative_server_has_no_default_host_and_the_docs_say_a_base_url_is_needed() {
    let out = generated(&served_at("/v1"));
    let lib = file(&out, "src/lib.rs");
    assert!(
        lib.contains(r#"pub const DEFAULT_BASE_URL: &str = "/v1";"#),
        "{lib}"
    );
    assert!(
        lib.contains("is relative, so the client has no default"),
        "{lib}"
    );
}

#[test]
fn a_fixed_server_needs_no_servers_module_nor_operation_servers() {
    let out = generated(&served_at("https://api.example.com/"));
    assert!(file(&out, "src/lib.rs")
        .contains(r#"pub const DEFAULT_BASE_URL: &str = "https://api.example.com";"#));
    assert!(!out.files.iter().any(|f| f.path == "src/servers.rs"));
    assert!(!file(&out, "src/resources/things.rs").contains(".server("));
}

#[test]
fn server_problems_are_warnings_located_in_the_spec() {
    let out = generated(&served_at("'https://{tenant}.example.com'"));
    let located: Vec<_> = out
        .warnings
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.pointer == "#/servers/0/url")
        .collect();
    assert_eq!(located.len(), 1, "{:#?}", out.warnings);
    assert!(located[0].location.is_some());
}

#[test]
fn an_error_range_takes_in_the_codes_of_it_that_decode_into_the_same_type() {
    let error = "          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Problem'}\n";
    let paths = format!(
        "  /things:\n    get:\n      tags: [things]\n      responses:\n        '204':\n          description: ok\n        '404':\n          description: gone\n{error}        '4XX':\n          description: bad\n{error}        '500':\n          description: down\n{error}"
    );
    let generated = generated(&spec(&paths, &format!("    Problem:\n{OBJECT}")));
    let resource = file(&generated, "src/resources/things.rs");
    assert!(
        resource.contains("500 => crate::ErrorBody::decode")
            && resource.contains("400..=499 => crate::ErrorBody::decode")
            && !resource.contains("404"),
        "{resource}"
    );
}

#[test]
fn a_response_of_any_media_type_written_as_a_star_asks_for_every_type() {
    let paths = "  /files/{id}:\n    get:\n      tags: [files]\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200':\n          description: the file\n          content:\n            '*':\n              schema: {type: string, format: binary}\n";
    let out = generated(&spec(paths, &format!("    A:\n{OBJECT}")));
    let resource = file(&out, "src/resources/files.rs");
    assert!(resource.contains(r#".accept("*/*")"#), "{resource}");
    assert!(
        out.warnings
            .iter()
            .any(|w| w.pointer == "#/paths/~1files~1{id}/get/responses/200/content/*"),
        "{:#?}",
        out.warnings
    );
}

#[test]
fn a_raw_body_of_any_media_type_is_sent_as_octet_stream() {
    let paths = "  /files:\n    post:\n      tags: [files]\n      requestBody:\n        required: true\n        content:\n          '*/*':\n            schema: {type: string, format: binary}\n      responses:\n        '204':\n          description: ok\n";
    let out = generated(&spec(paths, &format!("    A:\n{OBJECT}")));
    let resource = file(&out, "src/resources/files.rs");
    assert!(
        resource.contains(r#"raw_body(body.into(), "application/octet-stream")"#),
        "{resource}"
    );
}

#[test]
fn an_empty_path_parameter_example_gives_way_to_the_parameters_name_in_example_calls() {
    let paths = "  /buckets/{bucketName}:\n    get:\n      tags: [buckets]\n      parameters:\n        - {name: bucketName, in: path, required: true, example: '', schema: {type: string}}\n      responses:\n        '204':\n          description: ok\n";
    let out = generated(&spec(paths, &format!("    A:\n{OBJECT}")));
    let resource = file(&out, "src/resources/buckets.rs");
    assert!(
        resource.contains(r#"client.buckets().retrieve("bucketName")"#),
        "{resource}"
    );
}

/// Pinecone's `X-Pinecone-Api-Version`: a required header whose schema gives only a default.
#[test]
fn a_parameter_default_is_passed_in_example_calls_when_there_is_no_example() {
    let paths = "  /indexes:\n    get:\n      tags: [indexes]\n      parameters:\n        - {name: X-Api-Version, in: header, required: true, schema: {type: string, default: 2026-04}}\n      responses:\n        '204':\n          description: ok\n";
    let out = generated(&spec(paths, &format!("    A:\n{OBJECT}")));
    let resource = file(&out, "src/resources/indexes.rs");
    assert!(
        resource.contains(r#"GetIndexesParams::new("2026-04")"#),
        "{resource}"
    );
}

#[test]
fn a_sampled_body_field_follows_its_format() {
    let paths = "  /hooks:\n    post:\n      tags: [hooks]\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Hook'}\n      responses:\n        '204':\n          description: ok\n";
    let schemas = "    Hook:\n      type: object\n      required: [url]\n      properties:\n        url: {type: string, format: uri}\n";
    let out = generated(&spec(paths, schemas));
    let resource = file(&out, "src/resources/hooks.rs");
    assert!(
        resource.contains(r#"Hook::new("https://example.com")"#),
        "{resource}"
    );
}

#[test]
fn a_property_required_by_one_all_of_part_and_declared_by_another_is_not_reported() {
    let schemas = format!(
        "    Base:\n{OBJECT}    Create:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n        - type: object\n          required: [x, y, z]\n          properties:\n            y:\n              type: string\n        - type: object\n          properties:\n            z:\n              type: string\n"
    );
    let out = generated(&spec("  {}", &schemas));
    let unknown: Vec<_> = out
        .warnings
        .iter()
        .filter(|w| w.message.contains("is not one of the properties"))
        .collect();
    assert!(unknown.is_empty(), "{unknown:#?}");
    assert!(file(&out, "src/models.rs").contains("pub x: String"));
}

#[test]
fn a_property_required_by_an_all_of_part_and_declared_by_no_part_is_reported() {
    let schemas = format!(
        "    Base:\n{OBJECT}    Create:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n        - type: object\n          required: [w]\n          properties:\n            y:\n              type: string\n"
    );
    let out = generated(&spec("  {}", &schemas));
    assert!(out.warnings.iter().any(|w| w.pointer
        == "#/components/schemas/Create/allOf/1/required/0"
        && w.message
            .contains("`w` is required but is not one of the properties")));
}

/// Lob's `creative`: `allOf` of a union and an object requiring what the union's variants
/// declare.
#[test]
fn a_property_required_beside_a_union_in_all_of_and_declared_by_its_variants_is_not_reported() {
    let schemas = "    Kind:\n      oneOf:\n        - type: object\n          properties:\n            name:\n              type: string\n            kind:\n              type: string\n              enum: [postcard]\n        - allOf:\n            - $ref: '#/components/schemas/Named'\n            - type: object\n              properties:\n                kind:\n                  type: string\n                  enum: [letter]\n    Named:\n      type: object\n      properties:\n        name:\n          type: string\n    Creative:\n      allOf:\n        - $ref: '#/components/schemas/Kind'\n        - type: object\n          required: [id, kind, name]\n          properties:\n            id:\n              type: string\n";
    let out = generated(&spec("  {}", schemas));
    let unknown: Vec<_> = out
        .warnings
        .iter()
        .filter(|w| w.message.contains("is not one of the properties"))
        .collect();
    assert!(unknown.is_empty(), "{unknown:#?}");
}

/// Ably's `Recipient.registrationToken`: `type: string` with `properties`, sent as a string.
#[test]
fn properties_beside_another_type_than_object_are_ignored_with_a_warning() {
    let schemas = "    Recipient:\n      type: object\n      properties:\n        token:\n          type: string\n          properties:\n            auth:\n              type: string\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub token: Option<String>"), "{models}");
    assert!(!models.contains("RecipientToken"), "{models}");
    assert!(
        out.warnings.iter().any(|w| w.pointer
            == "#/components/schemas/Recipient/properties/token/properties"
            && w.message.contains("`type: string` schema ignores them")),
        "{:#?}",
        out.warnings
    );
}

/// Lob's `tracking_event.object`: `allOf` of a `$ref` to a plain string and an inline `enum`.
#[test]
fn an_all_of_narrowing_a_referenced_plain_string_to_an_enum_is_the_enum() {
    let schemas = "    Kind:\n      type: string\n      description: The resource type.\n    Event:\n      type: object\n      properties:\n        object:\n          allOf:\n            - $ref: '#/components/schemas/Kind'\n            - type: string\n              enum: [tracking_event]\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(
        models.contains("pub object: Option<EventObject>"),
        "{models}"
    );
    assert!(models.contains("TrackingEvent"), "{models}");
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn properties_beside_a_one_of_that_only_constrains_them_are_a_struct() {
    let schemas = "    Contact:\n      type: object\n      properties:\n        email:\n          type: string\n        id:\n          type: string\n      anyOf:\n        - required: [email]\n        - type: object\n          required: [id]\n          properties:\n            email:\n              enum: [a, b]\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub struct Contact {"), "{models}");
    assert!(models.contains("pub email: Option<String>"), "{models}");
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

/// `Contact`, whose required `email` is written beside a `oneOf` of `Pet`, an inline
/// object and a string.
const CONTACT_BESIDE_VARIANTS: &str = "    Pet:\n      type: object\n      properties:\n        name:\n          type: string\n    Contact:\n      type: object\n      required: [email]\n      properties:\n        email:\n          type: string\n      oneOf:\n        - $ref: '#/components/schemas/Pet'\n        - properties:\n            id:\n              type: string\n        - type: string\n";

#[test]
fn properties_beside_a_one_of_belong_to_each_object_variant() {
    let out = generated(&spec("  {}", CONTACT_BESIDE_VARIANTS));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("    Pet(Box<ContactPet>),"), "{models}");
    assert!(
        models.contains("pub struct ContactPet {\n    /// The `email` field.\n    pub email: String,\n    /// The `name` field.\n    pub name: Option<String>,"),
        "{models}"
    );
    assert!(
        models.contains("pub struct ContactVariant2 {\n    /// The `email` field.\n    pub email: String,\n    /// The `id` field.\n    pub id: Option<String>,"),
        "{models}"
    );
}

#[test]
fn a_variant_that_is_not_an_object_has_no_properties_beside_it_with_a_warning() {
    let out = generated(&spec("  {}", CONTACT_BESIDE_VARIANTS));
    assert!(file(&out, "src/models.rs").contains("    String(String),"));
    assert!(out
        .warnings
        .iter()
        .any(|w| w.pointer == "#/components/schemas/Contact/oneOf/2"
            && w.message.contains("not an object")));
}

#[test]
fn an_example_call_sets_the_properties_the_first_constraining_one_of_part_requires() {
    let paths = format!(
        "  /contacts:\n    post:\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Contact'\n{NO_CONTENT}"
    );
    let schemas = "    Contact:\n      type: object\n      properties:\n        email:\n          type: string\n        phone:\n          type: string\n      oneOf:\n        - required: [phone]\n        - required: [email]\n";
    let out = generated(&spec(&paths, schemas));
    let contacts = file(&out, "src/resources/contacts.rs");
    assert!(
        contacts.contains("create(&t::models::Contact::new().with_phone(\"string\"))"),
        "{contacts}"
    );
}

#[test]
fn a_header_parameter_openapi_ignores_is_left_out_with_a_warning() {
    let paths = format!(
        "  /files:\n    get:\n      parameters:\n        - name: Accept\n          in: header\n          required: true\n          schema:\n            type: string\n{NO_CONTENT}"
    );
    let out = generated(&spec(&paths, "    {}"));
    assert!(!file(&out, "src/resources/files.rs").contains("\"Accept\""));
    assert!(out
        .warnings
        .iter()
        .any(|w| w.pointer == "#/paths/~1files/get/parameters/0"
            && w.message.contains("`Accept` is ignored")));
}

#[test]
fn union_variants_holding_objects_are_boxed_and_others_are_not() {
    let schemas = "    Card:\n      type: object\n      properties:\n        last4:\n          type: string\n    \
                   Kind:\n      type: string\n      enum: [card, bank]\n    Source:\n      anyOf:\n        \
                   - type: string\n        - $ref: '#/components/schemas/Card'\n        - $ref: '#/components/schemas/Kind'\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("    Card(Box<Card>),"), "{models}");
    assert!(models.contains("    String(String),"), "{models}");
    assert!(models.contains("    Kind(Kind),"), "{models}");
}

#[test]
fn paging_declared_for_a_list_whose_body_is_required_is_an_error_at_the_operation() {
    let body = "      requestBody:\n        required: true\n        content:\n          application/json:\n            \
                schema: {type: object, properties: {q: {type: string}}}\n      responses:\n";
    let text = spec(
        &UNKNOWN_PAGING.replace("      responses:\n", body),
        "    {}\n",
    );
    let declared =
        "pagination: {operations: {listLogs: {style: cursor, param: from, next: page.token}}}";
    let errors = generate(&text, &with_paging(declared)).unwrap_err();
    let error = errors
        .iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap();
    assert_eq!(error.pointer, "#/paths/~1logs/get");
    assert!(
        error.message.contains("required request body"),
        "{}",
        error.message
    );
}

/// `POST /calls` answered by `201` with a `Call`, `202` with a `Queued` and `204` without a body;
/// `resource` is its tag.
fn calls_by_status(resource: &str) -> String {
    let body = |status: &str, schema: &str| {
        format!("        '{status}':\n          description: the {schema}\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/{schema}'\n")
    };
    let paths = format!(
        "  /calls:\n    post:\n      tags: [{resource}]\n      operationId: create\n      responses:\n{}{}        '204':\n          description: nothing to do\n",
        body("201", "Call"),
        body("202", "Queued")
    );
    spec(&paths, &format!("    Call:\n{OBJECT}    Queued:\n{OBJECT}"))
}

#[test]
fn an_operation_whose_2xx_bodies_differ_returns_an_enum_decoded_by_status() {
    let out = generated(&calls_by_status("calls"));
    let calls = file(&out, "src/resources/calls.rs");
    assert!(
        calls.contains("-> Request<'a, CreateResponse, C>"),
        "{calls}"
    );
    let variants = [
        "Created(models::Call),",
        "Accepted(models::Queued),",
        "NoContent,",
        "Other(serde_json::Value),",
    ];
    for variant in variants {
        assert!(calls.contains(variant), "{variant} in {calls}");
    }
    assert!(
        calls.contains("204 => CreateResponse::NoContent,"),
        "{calls}"
    );
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_response_enum_takes_another_name_where_its_module_has_one() {
    let out = generated(&calls_by_status("create_response"));
    let module = file(&out, "src/resources/create_response.rs");
    assert!(module.contains("pub struct CreateResponse<"), "{module}");
    assert!(module.contains("pub enum CreateResponse2 {"), "{module}");
}

#[test]
fn a_2xx_range_takes_every_status_not_listed_on_its_own() {
    let paths = "  /calls:\n    get:\n      responses:\n        '200':\n          description: one\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Call'\n        '2XX':\n          description: other\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Queued'\n";
    let out = generated(&spec(
        paths,
        &format!("    Call:\n{OBJECT}    Queued:\n{OBJECT}"),
    ));
    let calls = file(&out, "src/resources/calls.rs");
    assert!(
        calls
            .replace(char::is_whitespace, "")
            .contains("_=>{GetCallsResponse::Success(crate::request::decode_json(body)?)"),
        "{calls}"
    );
}

/// `HitsInfo` is a `oneOf` of two inline objects; `SearchResult` adds `hits` to it.
const HITS_INFO: &str = "    HitsInfo:\n      oneOf:\n        - type: object\n          properties:\n            page:\n              type: integer\n        - type: object\n          properties:\n            offset:\n              type: integer\n    SearchResult:\n      allOf:\n        - $ref: '#/components/schemas/HitsInfo'\n        - type: object\n          required: [hits]\n          properties:\n            hits:\n              type: array\n              items:\n                type: string\n";

#[test]
fn an_all_of_of_a_union_and_an_object_gives_each_variant_the_object_s_properties() {
    let out = generated(&spec("  {}", HITS_INFO));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub enum SearchResult {"), "{models}");
    for variant in ["SearchResultVariant1", "SearchResultVariant2"] {
        let start = models.find(&format!("pub struct {variant} {{")).unwrap();
        let body = &models[start..start + models[start..].find('}').unwrap()];
        assert!(body.contains("pub hits: Vec<String>"), "{body}");
    }
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn an_all_of_reaching_a_union_through_another_all_of_is_a_union_too() {
    let schemas = format!(
        "{HITS_INFO}    SearchResultWithIndex:\n      allOf:\n        - $ref: '#/components/schemas/SearchResult'\n        - type: object\n          properties:\n            index_uid:\n              type: string\n"
    );
    let out = generated(&spec("  {}", &schemas));
    let models = file(&out, "src/models.rs");
    assert!(
        models.contains("pub enum SearchResultWithIndex {"),
        "{models}"
    );
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_union_in_an_all_of_keeps_its_discriminator_s_tags() {
    let schemas = format!(
        "    Cat:\n{OBJECT}    Dog:\n{OBJECT}    Pet:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n        - $ref: '#/components/schemas/Dog'\n      discriminator:\n        propertyName: kind\n        mapping:\n          cat: '#/components/schemas/Cat'\n          dog: '#/components/schemas/Dog'\n    OwnedPet:\n      allOf:\n        - $ref: '#/components/schemas/Pet'\n        - type: object\n          properties:\n            owner:\n              type: string\n"
    );
    let models = generated(&spec("  {}", &schemas));
    let models = file(&models, "src/models.rs");
    assert!(
        models.contains(r#"Some("cat") => serde_json::from_value(value).map(Self::Cat)"#),
        "{models}"
    );
}

#[test]
fn an_all_of_of_two_unions_is_any_json_with_a_warning() {
    let schemas = format!(
        "{HITS_INFO}    Sort:\n      oneOf:\n        - {{type: object, properties: {{field: {{type: string}}}}}}\n        - {{type: object, properties: {{rank: {{type: integer}}}}}}\n    Both:\n      allOf:\n        - $ref: '#/components/schemas/HitsInfo'\n        - $ref: '#/components/schemas/Sort'\n"
    );
    let out = generated(&spec("  {}", &schemas));
    assert!(file(&out, "src/models.rs").contains("pub type Both = serde_json::Value;"));
    assert!(out
        .warnings
        .iter()
        .any(|w| w.message.contains("not an object")));
}

#[test]
fn a_body_example_its_type_cannot_hold_is_replaced_by_a_sample_in_the_example_call() {
    let paths = "  /things:\n    post:\n      operationId: create_thing\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Thing'\n            example:\n              color: red\n      responses:\n        '204':\n          description: ok\n";
    let schemas = "    Thing:\n      type: object\n      required: [name]\n      properties:\n        name:\n          type: string\n        color:\n          type: string\n";
    let out = generated(&spec(paths, schemas));
    let things = file(&out, "src/resources/things.rs");
    assert!(
        things.contains("models::Thing::new(\"string\")"),
        "{things}"
    );
    assert!(!things.contains("serde_json::from_str"), "{things}");
}

#[test]
fn a_parameter_example_its_type_cannot_hold_stays_in_its_docs() {
    let paths = "  /things:\n    get:\n      operationId: list_things\n      parameters:\n        - name: after\n          in: query\n          schema:\n            type: string\n          example: ['2024-08-08T16:37:09Z', '*']\n      responses:\n        '204':\n          description: ok\n";
    let out = generated(&spec(paths, "    Unused:\n      type: string\n"));
    let things = file(&out, "src/resources/things.rs");
    assert!(
        things.contains("Example: `[\"2024-08-08T16:37:09Z\",\"*\"]`"),
        "{things}"
    );
}

#[test]
fn a_raw_text_body_of_a_scalar_schema_is_sent_as_a_value_of_its_type_in_the_example_call() {
    let paths = "  /settings/facet-search:\n    put:\n      operationId: put_facet_search\n      requestBody:\n        required: true\n        content:\n          text/plain:\n            schema:\n              type: boolean\n      responses:\n        '204':\n          description: ok\n  /settings/greeting:\n    put:\n      operationId: put_greeting\n      requestBody:\n        required: true\n        content:\n          text/plain:\n            schema:\n              type: string\n            examples:\n              hello:\n                value: hello there\n      responses:\n        '204':\n          description: ok\n  /settings/cutoff:\n    put:\n      operationId: put_cutoff\n      requestBody:\n        required: true\n        content:\n          text/plain:\n            schema:\n              type: integer\n            example: 150\n      responses:\n        '204':\n          description: ok\n";
    let out = generated(&spec(paths, "    Unused:\n      type: string\n"));
    let settings = file(&out, "src/resources/settings.rs");
    assert!(
        settings.contains(r#"put_facet_search("true".as_bytes().to_vec())"#),
        "{settings}"
    );
    assert!(
        settings.contains(r#"put_cutoff("150".as_bytes().to_vec())"#),
        "{settings}"
    );
    assert!(
        settings.contains(r#"put_greeting("hello there".as_bytes().to_vec())"#),
        "{settings}"
    );
}

#[test]
fn a_content_length_header_parameter_is_left_to_the_http_client_with_a_warning() {
    let paths = format!(
        "  /write:\n    post:\n      parameters:\n        - name: Content-Length\n          in: header\n          schema:\n            type: integer\n{NO_CONTENT}"
    );
    let out = generated(&spec(&paths, "    {}"));
    assert!(!file(&out, "src/resources/write.rs").contains("Content-Length"));
    assert!(out
        .warnings
        .iter()
        .any(|w| w.pointer == "#/paths/~1write/post/parameters/0"
            && w.message.contains("sets `Content-Length` from the body")));
}

#[test]
fn a_schema_with_items_but_no_type_is_a_list() {
    let schemas = "    Session:\n      type: object\n      properties:\n        modalities:\n          description: The modalities.\n          items:\n            type: string\n            enum: [text, audio]\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(
        models.contains("pub modalities: Option<Vec<SessionModalitiesItem>>"),
        "{models}"
    );
}

/// `Pet` is a `oneOf` of `Cat` and `Dog`, each an `allOf` of `Pet` and its own properties.
const INHERITANCE: &str = "    Pet:\n      oneOf:\n        - $ref: '#/components/schemas/Cat'\n        - $ref: '#/components/schemas/Dog'\n      discriminator:\n        propertyName: kind\n    Cat:\n      allOf:\n        - $ref: '#/components/schemas/Pet'\n        - type: object\n          properties:\n            kind: {type: string}\n            meow: {type: boolean}\n    Dog:\n      allOf:\n        - $ref: '#/components/schemas/Pet'\n        - type: object\n          properties:\n            kind: {type: string}\n            bark: {type: boolean}\n";

#[test]
fn an_all_of_reaching_one_union_twice_is_that_union() {
    let schemas = format!(
        "{HITS_INFO}    Both:\n      allOf:\n        - $ref: '#/components/schemas/HitsInfo'\n        - $ref: '#/components/schemas/SearchResult'\n"
    );
    let out = generated(&spec("  {}", &schemas));
    assert!(file(&out, "src/models.rs").contains("pub enum Both {"));
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_variant_that_is_an_all_of_of_its_own_union_is_a_struct_of_its_own_properties() {
    let out = generated(&spec("  {}", INHERITANCE));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub struct Cat {"), "{models}");
    assert!(models.contains("pub meow: Option<bool>"), "{models}");
    assert!(models.contains("pub enum Pet {"), "{models}");
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn an_all_of_of_a_union_whose_variants_include_it_gives_each_variant_the_properties() {
    let schemas = format!(
        "{INHERITANCE}    Owned:\n      allOf:\n        - $ref: '#/components/schemas/Pet'\n        - type: object\n          properties:\n            owner: {{type: string}}\n"
    );
    let out = generated(&spec("  {}", &schemas));
    let models = file(&out, "src/models.rs");
    let start = models
        .find("pub struct OwnedCat {")
        .expect("OwnedCat is a struct");
    let owned_cat = &models[start..start + models[start..].find('}').unwrap()];
    assert!(
        owned_cat.contains("pub owner: Option<String>"),
        "{owned_cat}"
    );
    assert!(owned_cat.contains("pub meow: Option<bool>"), "{owned_cat}");
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_schema_example_its_type_cannot_hold_is_replaced_by_a_sample_in_the_example_call() {
    let paths = "  /reports:\n    post:\n      operationId: create_report\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Window'\n      responses:\n        '204':\n          description: ok\n";
    let schemas = "    Window:\n      type: object\n      required: [start]\n      properties:\n        start:\n          type: string\n          format: date-time\n      example:\n        start: '2008-01-02'\n";
    let out = generated(&spec(paths, schemas));
    let reports = file(&out, "src/resources/reports.rs");
    assert!(!reports.contains("2008-01-02"), "{reports}");
    assert!(reports.contains("2024-01-01T00:00:00Z"), "{reports}");
}

#[test]
fn a_field_default_that_fits_two_variants_of_its_union_is_still_used() {
    let paths = "  /runs:\n    post:\n      operationId: create_run\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Run'\n      responses:\n        '204':\n          description: ok\n";
    let schemas = "    Run:\n      type: object\n      required: [model]\n      properties:\n        model:\n          default: gpt-4o\n          anyOf:\n            - type: string\n            - $ref: '#/components/schemas/ModelIds'\n    ModelIds:\n      type: string\n      enum: [gpt-4o-mini, gpt-4o]\n";
    let out = generated(&spec(paths, schemas));
    let runs = file(&out, "src/resources/runs.rs");
    assert!(runs.contains("gpt-4o"), "{runs}");
    assert!(!runs.contains("gpt-4o-mini"), "{runs}");
}

#[test]
fn a_union_variant_of_one_text_value_is_named_by_it() {
    let schemas = "    Update:\n      type: object\n      properties:\n        address:\n          anyOf:\n            - type: object\n              properties:\n                city:\n                  type: string\n            - type: string\n              enum: ['']\n";
    let models = generated(&spec("  {}", schemas));
    let models = file(&models, "src/models.rs");
    assert!(
        models.contains("    Empty(UpdateAddressEmpty),"),
        "{models}"
    );
    assert!(models.contains("pub enum UpdateAddressEmpty {"), "{models}");
}

#[test]
fn the_only_inline_success_body_keeps_the_method_s_name_after_a_status_without_one() {
    let paths = "  /things:\n    post:\n      operationId: createThing\n      responses:\n        '200':\n          description: Nothing new.\n        '201':\n          description: Made.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  id:\n                    type: string\n";
    let out = generated(&spec(paths, "    {}"));
    let models = file(&out, "src/models.rs");
    assert!(
        models.contains("pub struct CreateThingResponse {"),
        "{models}"
    );
}

#[test]
fn content_documented_for_a_204_is_ignored_with_a_warning() {
    let paths = "  /things/{id}:\n    delete:\n      operationId: deleteThing\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '204':\n          description: Gone.\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  id:\n                    type: string\n";
    let out = generated(&spec(paths, "    {}"));
    let resource = file(&out, "src/resources/things.rs");
    assert!(resource.contains("-> Request<'a, (), C>"), "{resource}");
    let warning = out
        .warnings
        .iter()
        .find(|w| w.message.contains("has no body"));
    assert!(warning.is_some(), "{:#?}", out.warnings);
}

#[test]
fn paths_that_differ_only_in_parameter_names_are_reported() {
    let item = |id: &str, name: &str| {
        format!("    get:\n      operationId: {id}\n      parameters:\n        - name: {name}\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '204':\n          description: Ok.\n")
    };
    let paths = format!(
        "  /roles/{{name}}:\n{}  /roles/{{role}}:\n{}  /roles/{{role_id}}:\n{}  /roles/{{role}}/members:\n{}",
        item("get_role", "name"),
        item("get_role_again", "role"),
        item("get_role_by_id", "role_id"),
        item("get_members", "role")
    );
    let out = generated(&spec(&paths, "    {}"));
    let reported: Vec<_> = out
        .warnings
        .iter()
        .filter(|w| w.message.contains("only in its parameters' names"))
        .collect();
    assert_eq!(reported.len(), 1, "{:#?}", out.warnings);
    let message = &reported[0].message;
    assert!(message.contains("`/roles/{name}`"), "{message}");
    assert!(message.contains("as do 1 more"), "{message}");
}

#[test]
fn the_media_type_of_a_204_s_ignored_body_is_not_asked_for() {
    let body = |media: &str| {
        format!("          content:\n            {media}:\n              schema:\n                type: object\n                properties:\n                  id:\n                    type: string\n")
    };
    let paths = format!(
        "  /things:\n    post:\n      operationId: makeThing\n      responses:\n        '200':\n          description: Made.\n{}        '204':\n          description: Nothing.\n{}",
        body("application/json"),
        body("application/vnd.api+json")
    );
    let out = generated(&spec(&paths, "    {}"));
    let resource = file(&out, "src/resources/things.rs");
    assert!(!resource.contains("vnd.api+json"), "{resource}");
}

#[test]
fn a_union_whose_variants_are_all_one_type_is_that_type() {
    let paths = "  /customers/{customer}:\n    get:\n      operationId: getCustomer\n      parameters:\n        - name: customer\n          in: path\n          required: true\n          schema:\n            $ref: '#/components/schemas/IdOrKey'\n      responses:\n        '204':\n          description: Ok.\n";
    let schemas = "    IdOrKey:\n      description: An id or a key.\n      anyOf:\n        - type: string\n          pattern: '^[0-9A-Z]{26}$'\n        - type: string\n          maxLength: 256\n    Audio:\n      type: object\n      properties:\n        ref:\n          nullable: true\n          anyOf:\n            - type: string\n            - type: string\n              format: binary\n";
    let out = generated(&spec(paths, schemas));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub type IdOrKey = String;"), "{models}");
    assert!(models.contains("pub ref_: Option<String>,"), "{models}");
    assert!(!models.contains("String2"), "{models}");
    let resource = file(&out, "src/resources/customers.rs");
    assert!(resource.contains("customer: &str"), "{resource}");
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_union_of_references_to_aliases_of_one_scalar_is_that_scalar() {
    let schemas = "    Ulid:\n      type: string\n      pattern: '^[0-9A-Z]{26}$'\n    Key:\n      type: string\n      maxLength: 64\n    Stamp:\n      type: string\n      format: date-time\n    UlidOrKey:\n      oneOf:\n        - $ref: '#/components/schemas/Ulid'\n        - $ref: '#/components/schemas/Key'\n    KeyOrStamp:\n      oneOf:\n        - $ref: '#/components/schemas/Key'\n        - $ref: '#/components/schemas/Stamp'\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub type UlidOrKey = String;"), "{models}");
    assert!(models.contains("pub enum KeyOrStamp {"), "{models}");
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_path_parameter_borrowed_from_siblings_that_disagree_names_the_one_not_used() {
    let declared = |ty: &str| {
        format!("      parameters:\n        - name: app_id\n          in: path\n          required: true\n          schema:\n            type: {ty}\n")
    };
    let op = |id: &str| {
        format!("      operationId: {id}\n      responses:\n        '204':\n          description: Ok.\n")
    };
    let paths = format!(
        "  /apps/{{app_id}}:\n    get:\n{}    put:\n{}{}    delete:\n{}{}    patch:\n{}{}",
        op("getApp"),
        op("putApp"),
        declared("string"),
        op("deleteApp"),
        declared("integer"),
        op("patchApp"),
        declared("string").replace("type: string", "$ref: '#/components/schemas/AppId'")
    );
    let out = generated(&spec(&paths, "    AppId:\n      type: string\n"));
    let borrowed: Vec<_> = out
        .warnings
        .iter()
        .filter(|w| w.message.contains("declares no path parameter `app_id`"))
        .collect();
    assert_eq!(borrowed.len(), 1, "{:#?}", out.warnings);
    assert!(
        borrowed[0]
            .message
            .contains("`#/paths/~1apps~1{app_id}/delete/parameters/0` declares it differently"),
        "{}",
        borrowed[0].message
    );
    // The `$ref` to a schema equal to the one written out agrees with it.
    assert!(
        !borrowed[0].message.contains("patch"),
        "{}",
        borrowed[0].message
    );
}

#[test]
fn a_boolean_that_may_only_be_true_is_sampled_as_true() {
    let paths = "  /domains:\n    post:\n      operationId: addDomain\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                is_satellite:\n                  type: boolean\n                  enum: [true]\n                primary:\n                  type: boolean\n              required: [is_satellite, primary]\n      responses:\n        '204':\n          description: Ok.\n";
    let out = generated(&spec(paths, "    {}"));
    let resource = file(&out, "src/resources/domains.rs");
    assert!(
        resource.contains("AddDomainBody::new(true, false)"),
        "{resource}"
    );
}

#[test]
fn a_body_that_requires_one_of_two_properties_is_sampled_with_the_one_not_deprecated() {
    let paths = "  /saml:\n    post:\n      operationId: createSaml\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                name:\n                  type: string\n                domain:\n                  type: string\n                  deprecated: true\n                domains:\n                  type: array\n                  items:\n                    type: string\n              required: [name]\n              anyOf:\n                - required: [domain]\n                - required: [domains]\n      responses:\n        '204':\n          description: Ok.\n";
    let out = generated(&spec(paths, "    {}"));
    let resource = file(&out, "src/resources/saml.rs");
    assert!(
        resource
            .contains("CreateSamlBody::new(\"string\").with_domains(vec![\"string\".to_string()])"),
        "{resource}"
    );
}

#[test]
fn nullable_items_and_map_values_are_options() {
    let schemas = "    Limit:\n      type: object\n      properties:\n        amount:\n          type: integer\n    Plan:\n      type: object\n      properties:\n        limits:\n          type: array\n          items:\n            nullable: true\n            allOf:\n              - $ref: '#/components/schemas/Limit'\n        files:\n          type: object\n          additionalProperties:\n            type: string\n            nullable: true\n        anything:\n          type: array\n          items:\n            nullable: true\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(
        models.contains("pub limits: Option<Vec<Option<Limit>>>,"),
        "{models}"
    );
    assert!(
        models.contains("pub files: Option<std::collections::HashMap<String, Option<String>>>,"),
        "{models}"
    );
    // Any JSON value holds `null` already.
    assert!(
        models.contains("pub anything: Option<Vec<serde_json::Value>>,"),
        "{models}"
    );
}

#[test]
fn a_path_parameter_of_one_value_or_a_list_of_them_is_a_list() {
    let paths = "  /{index}/_search:\n    get:\n      operationId: search\n      parameters:\n        - name: index\n          in: path\n          required: true\n          schema:\n            $ref: '#/components/schemas/Indices'\n      responses:\n        '204':\n          description: Ok.\n";
    let schemas = "    IndexName:\n      type: string\n    Indices:\n      oneOf:\n        - $ref: '#/components/schemas/IndexName'\n        - type: array\n          items:\n            $ref: '#/components/schemas/IndexName'\n";
    let out = generated(&spec(paths, schemas));
    let resource = file(&out, "src/resources/search.rs");
    assert!(
        resource.contains(".path_list_param(\"index\""),
        "{resource}"
    );
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_list_path_parameter_whose_example_is_one_value_is_called_with_a_list_of_it() {
    let paths = "  /{index}/_search:\n    get:\n      operationId: search\n      parameters:\n        - name: index\n          in: path\n          required: true\n          example: my-index\n          schema:\n            $ref: '#/components/schemas/Indices'\n      responses:\n        '204':\n          description: Ok.\n";
    let schemas = "    Indices:\n      oneOf:\n        - type: string\n        - type: array\n          items:\n            type: string\n";
    let out = generated(&spec(paths, schemas));
    let resource = file(&out, "src/resources/search.rs");
    assert!(
        resource.contains("index: &[impl AsRef<str>])"),
        "{resource}"
    );
    assert!(resource.contains(".search(&[\"my-index\"])"), "{resource}");
}

#[test]
fn tags_that_differ_only_in_case_are_one_resource() {
    let op = |id: &str, tag: &str| {
        format!("      operationId: {id}\n      tags: [{tag}]\n      responses:\n        '204':\n          description: Ok.\n")
    };
    let paths = format!(
        "  /responses:\n    post:\n{}  /responses/{{id}}/cancel:\n    post:\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n{}",
        op("createResponse", "Responses"),
        op("cancelResponse", "responses")
    );
    let text = format!(
        "{}\ntags:\n  - name: responses\n    description: Model responses.\n",
        spec(&paths, "    {}")
    );
    let out = generated(&text);
    let resource = file(&out, "src/resources/responses.rs");
    assert!(resource.contains("//! Model responses."), "{resource}");
    assert!(resource.contains("pub fn create(&self"), "{resource}");
    assert!(
        resource.contains("pub fn cancel_response(&self"),
        "{resource}"
    );
    assert!(
        !out.files.iter().any(|f| f.path.ends_with("responses2.rs")),
        "a second resource"
    );
}

#[test]
fn tags_in_another_script_stay_apart() {
    let op = |path: &str, id: &str, tag: &str| {
        format!("  {path}:\n    get:\n      operationId: {id}\n      tags: [{tag}]\n      responses:\n        '204':\n          description: Ok.\n")
    };
    let paths = format!(
        "{}{}",
        op("/users", "listUsers", "用户"),
        op("/orders", "listOrders", "订单")
    );
    let out = generated(&spec(&paths, "    {}"));
    let resources: Vec<&str> = out
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|path| path.starts_with("src/resources/") && !path.ends_with("mod.rs"))
        .collect();
    assert_eq!(resources.len(), 2, "{resources:?}");
}

#[test]
fn a_reference_whose_user_requires_more_of_its_properties_is_a_struct_of_its_own() {
    let schemas = "    AddOnBase:\n      type: object\n      properties:\n        name:\n          type: string\n        code:\n          type: string\n    AddOnCreate:\n      type: object\n      required: [add_on]\n      properties:\n        add_on:\n          required: [name]\n          allOf:\n            - $ref: '#/components/schemas/AddOnBase'\n    AddOnUpdate:\n      type: object\n      properties:\n        add_on:\n          allOf:\n            - $ref: '#/components/schemas/AddOnBase'\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub add_on: AddOnCreateAddOn,"), "{models}");
    assert!(models.contains("pub struct AddOnCreateAddOn {"), "{models}");
    assert!(models.contains("    pub name: String,"), "{models}");
    assert!(
        models.contains("pub add_on: Option<AddOnBase>,"),
        "{models}"
    );
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn a_reference_to_a_schema_built_by_all_of_is_copied_when_its_user_requires_more() {
    let schemas = "    Named:\n      type: object\n      properties:\n        name:\n          type: string\n    Plan:\n      allOf:\n        - $ref: '#/components/schemas/Named'\n        - type: object\n          properties:\n            code:\n              type: string\n    PlanCreate:\n      type: object\n      required: [plan]\n      properties:\n        plan:\n          required: [name]\n          allOf:\n            - $ref: '#/components/schemas/Plan'\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub plan: PlanCreatePlan,"), "{models}");
    let copy = &models[models.find("pub struct PlanCreatePlan {").expect("copy")..];
    let copy = &copy[..copy.find('}').unwrap_or(copy.len())];
    assert!(copy.contains("    pub name: String,"), "{copy}");
    assert!(copy.contains("    pub code: Option<String>,"), "{copy}");
}

#[test]
fn a_reference_to_an_object_keeping_other_properties_is_not_copied_for_its_required() {
    let schemas = "    Open:\n      type: object\n      properties:\n        name:\n          type: string\n      additionalProperties:\n        type: integer\n    Holder:\n      type: object\n      required: [open]\n      properties:\n        open:\n          required: [name]\n          allOf:\n            - $ref: '#/components/schemas/Open'\n";
    let out = generated(&spec("  {}", schemas));
    let models = file(&out, "src/models.rs");
    assert!(models.contains("pub open: Open,"), "{models}");
    assert!(!models.contains("struct HolderOpen"), "{models}");
}

#[test]
fn an_operation_id_that_is_the_resource_s_name_and_a_number_keeps_its_whole_name() {
    let op = |id: &str| {
        format!("      operationId: {id}\n      tags: [search]\n      responses:\n        '204':\n          description: Ok.\n")
    };
    let paths = format!(
        "  /_search:\n    get:\n{}    post:\n{}  /{{index}}/_search:\n    parameters:\n      - name: index\n        in: path\n        required: true\n        schema:\n          type: string\n    get:\n{}",
        op("search"),
        op("search-1"),
        op("search-2")
    );
    let out = generated(&spec(&paths, "    {}"));
    let resource = file(&out, "src/resources/search.rs");
    assert!(resource.contains("pub fn search_2(&self"), "{resource}");
    assert!(!resource.contains("pub fn _2("), "{resource}");
}

#[test]
fn an_example_inside_a_nullable_item_is_tested() {
    let schemas = "    Plan:\n      type: object\n      example: {limits: [null]}\n      properties:\n        limits:\n          type: array\n          items:\n            type: object\n            nullable: true\n            properties:\n              amount:\n                type: integer\n                example: 10\n";
    let out = generated(&spec("  {}", schemas));
    let tests = file(&out, "tests/spec_examples.rs");
    assert!(tests.contains("items_properties_amount_example"), "{tests}");
}

#[test]
fn a_webhooks_resource_leaves_the_receiving_method_names_to_the_events() {
    let text = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /payloads/{id}/unwrap:\n    post:\n      operationId: unwrap\n      tags: [Webhooks]\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        '204': {description: ok}\nwebhooks:\n  a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object, properties: {type: {const: x}}}\n      responses:\n        '200': {description: ok}\n";
    let out = generated(text);
    let resource = file(&out, "src/resources/webhooks.rs");
    assert!(resource.contains("pub fn unwrap2(&self"), "{resource}");
    let receiving = file(&out, "src/webhooks.rs");
    assert!(
        receiving.contains("impl<C: crate::Transport> crate::resources::Webhooks<'_, C>"),
        "{receiving}"
    );
}
