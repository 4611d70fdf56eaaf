//! OpenAPI 3.1 documents rewritten on the YAML tree into the 3.0 form `openapiv3` reads, so
//! that later stages never learn which version the user wrote; what 3.0 cannot express
//! becomes a diagnostic at the user's node, never a silent change of meaning.

mod origins;
mod refs;
mod schema;
mod types;

use serde_yaml::{Mapping, Value};

use super::document_checks::{key_text, METHODS};
use crate::diagnostics::{unescape_token, Diagnostic};
pub use origins::pointer;
pub use origins::PointerMap;
use origins::Tokens;

/// The dialect OpenAPI 3.1 documents use unless they name another.
const OAS_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

const PATH_ITEM_REF_PREFIX: &str = "#/components/pathItems/";

/// How many `$ref`s to path items may be followed in a row.
const MAX_REF_CHAIN: usize = 32;

/// A 3.1 document in 3.0 form, with what was found on the way.
#[derive(Debug)]
pub struct Normalized {
    pub value: Value,
    /// Things in the document that are accepted but not generated.
    pub warnings: Vec<Diagnostic>,
    /// Where the nodes that moved were written; see [`PointerMap`].
    pub origins: PointerMap,
}

/// Rewrites a parsed OpenAPI 3.1 document into OpenAPI 3.0.3, or gives every error (then
/// the warnings) when part of it cannot be represented.
pub fn normalize(mut value: Value) -> Result<Normalized, Vec<Diagnostic>> {
    let mut cx = Cx::default();
    if let Value::Mapping(root) = &mut value {
        document(root, &mut cx);
    }
    refs::follow_moves(&mut value, &cx.origins);
    if cx.errors.is_empty() {
        Ok(Normalized {
            value,
            warnings: cx.warnings,
            origins: cx.origins,
        })
    } else {
        cx.errors.append(&mut cx.warnings);
        Err(cx.errors)
    }
}

/// Where a node is in the normalised document, and where the user wrote it.
#[derive(Debug, Clone, Default)]
struct Loc {
    now: Tokens,
    was: Tokens,
}

impl Loc {
    fn push(&self, token: &str) -> Loc {
        let pushed = |tokens: &Tokens| [tokens.as_slice(), &[token.to_string()]].concat();
        Loc {
            now: pushed(&self.now),
            was: pushed(&self.was),
        }
    }
}

#[derive(Default)]
struct Cx {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    origins: PointerMap,
    /// `components.pathItems`, taken out of the document, since 3.0 has no such component.
    path_items: Mapping,
}

impl Cx {
    fn warn(&mut self, was: &[String], message: impl Into<String>) {
        self.warnings
            .push(Diagnostic::warning(pointer(was), message));
    }

    fn error(&mut self, was: &[String], message: impl Into<String>, hint: &str) {
        self.errors
            .push(Diagnostic::error(pointer(was), message).with_hint(hint));
    }
}

fn key(name: &str) -> Value {
    Value::String(name.to_string())
}

fn document(root: &mut Mapping, cx: &mut Cx) {
    let at = Loc::default();
    root.insert(key("openapi"), key("3.0.3"));
    if let Some(dialect) = root.shift_remove("jsonSchemaDialect") {
        if dialect.as_str() != Some(OAS_DIALECT) {
            cx.warn(
                &at.push("jsonSchemaDialect").was,
                "schemas are read in the OpenAPI 3.1 base dialect, not the one named here",
            );
        }
    }
    root.shift_remove("$schema");
    if let Some(Value::Mapping(info)) = root.get_mut("info") {
        self::info(info, &at.push("info"), cx);
    }
    if let Some(Value::Mapping(components)) = root.get_mut("components") {
        if let Some(Value::Mapping(path_items)) = components.shift_remove("pathItems") {
            cx.path_items = path_items;
        }
        self::components(components, &at.push("components"), cx);
    }
    // 3.1 lets a document describe only components or webhooks.
    root.entry(key("paths"))
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    each_entry(root, "paths", &at, cx, path_item);
    // `load` reads webhooks beside the document, since `openapiv3` has no place for them.
    each_entry(root, "webhooks", &at, cx, path_item);
}

fn info(info: &mut Mapping, at: &Loc, cx: &mut Cx) {
    // 3.0 has no summary; when there is no description it is the best one.
    if let Some(summary) = info.shift_remove("summary") {
        if !info.contains_key("description") {
            info.insert(key("description"), summary);
            cx.origins
                .record(&at.push("description").now, &at.push("summary").was);
        }
    }
    if let Some(Value::Mapping(license)) = info.get_mut("license") {
        license.shift_remove("identifier");
    }
}

fn components(components: &mut Mapping, at: &Loc, cx: &mut Cx) {
    let kinds: [(&str, Walk); 6] = [
        ("schemas", schema::schema),
        ("parameters", header),
        ("headers", header),
        ("requestBodies", request_body),
        ("responses", response),
        ("callbacks", callback),
    ];
    for (kind, walk) in kinds {
        each_entry(components, kind, at, cx, walk);
    }
    if let Some(Value::Mapping(schemes)) = components.get_mut("securitySchemes") {
        let at = at.push("securitySchemes");
        schemes.retain(|name, scheme| {
            let mutual_tls = scheme.get("type").and_then(Value::as_str) == Some("mutualTLS");
            if mutual_tls {
                cx.warn(
                    &at.push(&key_text(name)).was,
                    "`mutualTLS` security is not generated: configure the client certificate on the `reqwest::Client` you pass to the builder",
                );
            }
            !mutual_tls
        });
    }
}

/// Rewrites one kind of node in place.
type Walk = fn(&mut Value, &Loc, &mut Cx);

/// Walks every value of the mapping `parent[field]`.
fn each_entry(parent: &mut Mapping, field: &str, at: &Loc, cx: &mut Cx, walk: Walk) {
    if let Some(Value::Mapping(entries)) = parent.get_mut(field) {
        let at = at.push(field);
        for (name, value) in entries.iter_mut() {
            walk(value, &at.push(&key_text(name)), cx);
        }
    }
}

/// Walks every item of the sequence `parent[field]`.
fn each_item(parent: &mut Mapping, field: &str, at: &Loc, cx: &mut Cx, walk: Walk) {
    if let Some(Value::Sequence(items)) = parent.get_mut(field) {
        let at = at.push(field);
        for (index, item) in items.iter_mut().enumerate() {
            walk(item, &at.push(&index.to_string()), cx);
        }
    }
}

fn path_item(node: &mut Value, at: &Loc, cx: &mut Cx) {
    let at = inline_path_item_ref(node, at, cx);
    let Value::Mapping(item) = node else { return };
    each_item(item, "parameters", &at, cx, header);
    for method in METHODS {
        if let Some(Value::Mapping(operation)) = item.get_mut(*method) {
            self::operation(operation, &at.push(method), cx);
        }
    }
}

/// Replaces a `$ref` to `#/components/pathItems/...` with a copy of the path item it names
/// (the referring object's own fields win), and gives where the path item now comes from.
fn inline_path_item_ref(node: &mut Value, at: &Loc, cx: &mut Cx) -> Loc {
    let mut at = at.clone();
    let mut seen = Vec::new();
    while let Value::Mapping(item) = node {
        let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(name) = reference.strip_prefix(PATH_ITEM_REF_PREFIX) else {
            break;
        };
        let name = unescape_token(name).into_owned();
        let ref_at = at.push("$ref").was;
        if seen.contains(&name) || seen.len() >= MAX_REF_CHAIN {
            let message = format!("`$ref: {reference}` is part of a cycle of references");
            cx.error(&ref_at, message, "make one of the path items concrete");
            break;
        }
        let Some(Value::Mapping(target)) = cx.path_items.get(name.as_str()) else {
            let message = format!("`$ref: {reference}` points nowhere");
            cx.error(
                &ref_at,
                message,
                "it must name an entry of `#/components/pathItems`",
            );
            break;
        };
        let mut merged = target.clone();
        for (field, value) in item.iter() {
            if field.as_str() != Some("$ref") {
                merged.insert(field.clone(), value.clone());
            }
        }
        at.was = vec!["components".into(), "pathItems".into(), name.clone()];
        cx.origins.record(&at.now, &at.was);
        seen.push(name);
        *node = Value::Mapping(merged);
    }
    at
}

fn operation(operation: &mut Mapping, at: &Loc, cx: &mut Cx) {
    // 3.1 no longer requires an operation to list its responses.
    if !operation.contains_key("responses") {
        operation.insert(key("responses"), Value::Mapping(Mapping::new()));
    }
    each_item(operation, "parameters", at, cx, header);
    if let Some(body) = operation.get_mut("requestBody") {
        request_body(body, &at.push("requestBody"), cx);
    }
    each_entry(operation, "responses", at, cx, response);
    each_entry(operation, "callbacks", at, cx, callback);
}

fn callback(node: &mut Value, at: &Loc, cx: &mut Cx) {
    if let Value::Mapping(expressions) = node {
        for (expression, item) in expressions.iter_mut() {
            path_item(item, &at.push(&key_text(expression)), cx);
        }
    }
}

/// Headers and parameters hold their schema the same way.
fn header(node: &mut Value, at: &Loc, cx: &mut Cx) {
    let Value::Mapping(header) = node else { return };
    if let Some(schema) = header.get_mut("schema") {
        schema::schema(schema, &at.push("schema"), cx);
    }
    each_entry(header, "content", at, cx, media_type);
}

fn request_body(node: &mut Value, at: &Loc, cx: &mut Cx) {
    if let Value::Mapping(body) = node {
        each_entry(body, "content", at, cx, media_type);
    }
}

fn response(node: &mut Value, at: &Loc, cx: &mut Cx) {
    let Value::Mapping(response) = node else {
        return;
    };
    each_entry(response, "headers", at, cx, header);
    each_entry(response, "content", at, cx, media_type);
}

fn media_type(node: &mut Value, at: &Loc, cx: &mut Cx) {
    let Value::Mapping(media) = node else { return };
    if let Some(schema) = media.get_mut("schema") {
        schema::schema(schema, &at.push("schema"), cx);
    }
    each_entry(media, "encoding", at, cx, encoding);
}

fn encoding(node: &mut Value, at: &Loc, cx: &mut Cx) {
    if let Value::Mapping(encoding) = node {
        each_entry(encoding, "headers", at, cx, header);
    }
}

#[cfg(test)]
mod tests;
