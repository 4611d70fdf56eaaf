//! Synthetic specs of any size, shaped like Telnyx's: resources of five
//! operations (list, create, retrieve, update, delete), each operation with
//! its own schemas, descriptions everywhere, enums, dates and nested objects.
//!
//! Written as JSON, which is also YAML, so every tool under test can read it.
//! Errors are described under `4XX` rather than `default`: progenitor, the
//! peer measured in the same run, cannot read a `default` response beside a
//! success response of another type.

use std::fmt::Write;

/// Operations per resource (one tag, one collection path).
const OPS_PER_RESOURCE: usize = 5;

/// The text of a spec with `operations` operations.
pub fn spec(operations: usize) -> String {
    let mut paths = Vec::new();
    let mut schemas = Vec::new();
    let mut tags = Vec::new();
    for resource in 0..operations.div_ceil(OPS_PER_RESOURCE) {
        let first = resource * OPS_PER_RESOURCE;
        let ops: Vec<usize> = (first..operations.min(first + OPS_PER_RESOURCE)).collect();
        tags.push(format!(
            r#"{{"name":"Things{resource}","description":"Things of kind {resource}, and what can be done with them."}}"#
        ));
        let mut collection = Vec::new();
        let mut item = Vec::new();
        for &op in &ops {
            let (method, on_item) = match op % OPS_PER_RESOURCE {
                0 => ("get", false),
                1 => ("post", false),
                2 => ("get", true),
                3 => ("patch", true),
                _ => ("delete", true),
            };
            let target = if on_item { &mut item } else { &mut collection };
            target.push(format!(
                r#""{method}":{}"#,
                operation(op, resource, method, on_item)
            ));
            schemas.extend(op_schemas(op, method));
        }
        if !collection.is_empty() {
            paths.push(format!(
                r#""/things{resource}":{{{}}}"#,
                collection.join(",")
            ));
        }
        if !item.is_empty() {
            paths.push(format!(
                r#""/things{resource}/{{thing_id}}":{{{}}}"#,
                item.join(",")
            ));
        }
    }
    schemas.push(ERRORS_SCHEMAS.to_string());
    format!(
        r##"{{"openapi":"3.0.3",
"info":{{"title":"Synthetic API","version":"1.0.0","description":"A generated spec of {operations} operations for benchmarks."}},
"servers":[{{"url":"https://api.example.com/v2"}}],
"tags":[{}],
"paths":{{{}}},
"components":{{"responses":{{"Error":{{"description":"Something went wrong.","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/Errors"}}}}}}}}}},
"schemas":{{{}}}}}}}"##,
        tags.join(",\n"),
        paths.join(",\n"),
        schemas.join(",\n"),
    )
}

fn operation(op: usize, resource: usize, method: &str, on_item: bool) -> String {
    let mut out = format!(
        r#"{{"tags":["Things{resource}"],"operationId":"Op{op}","summary":"Operation {op}","description":"Does {method} on things of kind {resource}, and explains it at some length so that the docs are as long as real ones.","#
    );
    let mut params = Vec::new();
    if on_item {
        params.push(
            r#"{"name":"thing_id","in":"path","required":true,"description":"Identifies the thing.","schema":{"type":"string","format":"uuid"},"example":"3fa85f64-5717-4562-b3fc-2c963f66afa6"}"#,
        );
    } else if method == "get" {
        params.push(r#"{"name":"page[number]","in":"query","description":"The page number to load.","schema":{"type":"integer","format":"int32","minimum":1,"default":1}}"#);
        params.push(r#"{"name":"page[size]","in":"query","description":"The size of the page.","schema":{"type":"integer","format":"int32","minimum":1,"maximum":250,"default":20}}"#);
    }
    let _ = write!(out, r#""parameters":[{}],"#, params.join(","));
    if method == "post" || method == "patch" {
        let _ = write!(
            out,
            r##""requestBody":{{"required":true,"content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/Op{op}Input"}}}}}}}},"##
        );
    }
    let success = if method == "delete" {
        r#""204":{"description":"The thing was deleted."}"#.to_string()
    } else {
        let status = if method == "post" { "201" } else { "200" };
        format!(
            r##""{status}":{{"description":"The result.","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/Op{op}Response"}}}}}}}}"##
        )
    };
    let _ = write!(
        out,
        r##""responses":{{{success},"4XX":{{"$ref":"#/components/responses/Error"}}}}}}"##
    );
    out
}

/// The schemas operation `op` owns: its resource, response and input bodies.
fn op_schemas(op: usize, method: &str) -> Vec<String> {
    let mut out = vec![format!(r#""Op{op}Thing":{}"#, thing(op))];
    if method != "delete" {
        let data = if method == "get" && op % OPS_PER_RESOURCE == 0 {
            format!(
                r##"{{"type":"array","description":"The things on this page.","items":{{"$ref":"#/components/schemas/Op{op}Thing"}}}}"##
            )
        } else {
            format!(r##"{{"$ref":"#/components/schemas/Op{op}Thing"}}"##)
        };
        out.push(format!(
            r#""Op{op}Response":{{"type":"object","description":"The response of operation {op}.","required":["data"],"properties":{{"data":{data},"meta":{{"type":"object","description":"Paging details.","properties":{{"total_pages":{{"type":"integer","description":"How many pages there are.","example":3}},"page_number":{{"type":"integer","description":"This page's number.","example":1}}}}}}}}}}"#
        ));
    }
    if method == "post" || method == "patch" {
        out.push(format!(
            r#""Op{op}Input":{{"type":"object","description":"What operation {op} takes.","required":["name"],"properties":{{"name":{{"type":"string","description":"A name for the thing.","example":"my thing"}},"enabled":{{"type":"boolean","description":"Whether the thing is on."}},"status":{{"type":"string","description":"The status to set.","enum":["active","inactive"]}}}}}}"#
        ));
    }
    out
}

fn thing(op: usize) -> String {
    format!(
        r#"{{"type":"object","description":"A thing that operation {op} deals in.","required":["id","record_type"],"properties":{{
"id":{{"type":"string","format":"uuid","description":"Uniquely identifies the thing.","example":"3fa85f64-5717-4562-b3fc-2c963f66afa6"}},
"record_type":{{"type":"string","description":"Identifies the type of the resource.","enum":["thing{op}"]}},
"name":{{"type":"string","description":"The thing's name, as given when it was created.","example":"my thing"}},
"count":{{"type":"integer","format":"int64","description":"How many there are.","example":60000}},
"ratio":{{"type":"number","description":"A fraction between 0 and 1.","example":0.5}},
"enabled":{{"type":"boolean","description":"Whether the thing is on."}},
"created_at":{{"type":"string","format":"date-time","description":"ISO 8601 formatted date of when the thing was created.","example":"2018-02-02T22:25:27.521Z"}},
"status":{{"type":"string","description":"Where the thing is in its life.","enum":["active","inactive","archived"],"example":"active"}},
"labels":{{"type":"array","description":"Free-form labels.","items":{{"type":"string"}}}},
"settings":{{"type":"object","description":"How the thing behaves.","properties":{{"mode":{{"type":"string","description":"The mode.","enum":["fast","slow"]}},"limit":{{"type":"integer","format":"int32","description":"The limit."}}}}}},
"metadata":{{"type":"object","description":"Anything else.","additionalProperties":true}}
}}}}"#
    )
}

const ERRORS_SCHEMAS: &str = r##""Errors":{"type":"object","description":"The error envelope.","properties":{"errors":{"type":"array","description":"Every problem found.","items":{"$ref":"#/components/schemas/ErrorObject"}}}},
"ErrorObject":{"type":"object","description":"One problem.","required":["code","title"],"properties":{"code":{"type":"string","description":"An error code."},"title":{"type":"string","description":"A short summary."},"detail":{"type":"string","description":"An explanation."}}}"##;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every size the benchmark uses must generate, or it measures a failure.
    #[test]
    fn synthetic_specs_generate_with_one_method_per_operation() {
        for operations in [1, 7, 10] {
            let generated = generator::generate(&spec(operations), &generator::Config::new("s"))
                .unwrap_or_else(|d| panic!("{operations} operations: {d:#?}"));
            let methods: usize = generated
                .files
                .iter()
                .filter(|f| f.path.starts_with("src/resources/") && !f.path.ends_with("mod.rs"))
                // Operation methods return a `Request`; params structs' `new` and setters do not.
                .map(|f| f.contents.matches("-> Request<'a").count())
                .sum();
            assert_eq!(methods, operations);
        }
    }
}
