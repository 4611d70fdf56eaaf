//! Checks of the whole document that no single lowering step can make; they
//! only report, and lowering decides the names on its own.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, Parameter, PathStyle, ReferenceOr, Schema, SchemaKind, Type};
use rustc_hash::{FxHashMap, FxHashSet};

use super::every_schema::{component_schemas, listed_parameters, schemas, walk};
use super::operation::path_items;
use super::ref_targets::target;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::naming;

mod closed_all_of;
mod required;

use closed_all_of::closed_all_of;
use required::{for_parts, required_properties};

/// Methods the runtime's `Client`s already have, which a resource's accessor may not take.
pub const CLIENT_METHODS: &[&str] = &[
    "auth_credentials",
    "base",
    "base_url",
    "base_url_given",
    "block_on",
    "builder",
    "from_env",
    "headers",
    "http",
    "http_times_out",
    "max_retries",
    "new",
    "sleep",
    "timeout",
    "webhook_key",
    "webhook_tolerance",
    "with_defaults",
    "wrap",
];

/// Methods the runtime's `ClientBuilder` already has, which a generated setter may not take.
pub const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "build",
    "default_header",
    "http_client",
    "max_retries",
    "sleep_impl",
    "timeout",
    "webhook_key",
    "webhook_tolerance",
];

/// Every problem the checks find, in no particular order.
pub fn check(doc: &OpenAPI) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let operations = operations(doc);
    operation_ids(&operations, &mut diagnostics);
    path_templates(doc, &mut diagnostics);
    path_styles(doc, &operations, &mut diagnostics);
    tag_names(&operations, &mut diagnostics);
    component_names(doc, &mut diagnostics);
    // The properties a composition part's `required` may name besides its own, by the part's pointer.
    let mut siblings: FxHashMap<String, FxHashSet<String>> = FxHashMap::default();
    for (schema, pointer) in schemas(doc, &operations) {
        walk(target(schema), &pointer, &mut |schema, pointer| {
            property_names(schema, pointer, &mut diagnostics);
            let inherited = siblings.remove(pointer.as_str()).unwrap_or_default();
            required_properties(schema, pointer, &inherited, &mut diagnostics);
            for_parts(doc, schema, pointer, inherited, &mut siblings);
            closed_all_of(doc, schema, pointer, &mut diagnostics);
            known_type(schema, pointer, &mut diagnostics);
            enum_values(schema, pointer, &mut diagnostics);
        });
    }
    diagnostics
}

/// Every operation with its pointer, in path order.
fn operations(doc: &OpenAPI) -> Vec<(Pointer, &openapiv3::Operation)> {
    path_items(doc)
        .flat_map(|(_, pointer, item)| {
            item.iter()
                .map(move |(method, operation)| (pointer.push(method), operation))
        })
        .collect()
}

/// Paths that differ only in their parameters' names (`/roles/{name}`, `/roles/{role}`),
/// which OpenAPI forbids: a server cannot tell them apart, so a call may reach the other.
/// One warning per set, at its second path, since specs that do this do it by the dozen.
fn path_templates(doc: &OpenAPI, diagnostics: &mut Vec<Diagnostic>) {
    let mut by_shape: BTreeMap<String, Vec<(&str, Pointer)>> = BTreeMap::new();
    for (path, pointer, _) in path_items(doc) {
        by_shape
            .entry(path_shape(path))
            .or_default()
            .push((path, pointer));
    }
    for paths in by_shape.values() {
        let [(first, _), (_, second), rest @ ..] = paths.as_slice() else {
            continue;
        };
        let others = match rest.len() {
            0 => String::new(),
            more => format!(", as do {more} more"),
        };
        diagnostics.push(
            Diagnostic::warning(
                second,
                format!("this path differs from `{first}` only in its parameters' names{others}, so a server cannot tell them apart"),
            )
            .with_hint("write the operations of such paths under one path"),
        );
    }
}

/// `path` with its parameters' names left out: `/roles/{}/members`.
fn path_shape(path: &str) -> String {
    let parts = path.split('{').enumerate();
    parts
        .map(|(index, part)| match part.split_once('}') {
            Some((_, rest)) if index > 0 => format!("{{}}{rest}"),
            // A `{` that nothing closes is text.
            _ if index > 0 => format!("{{{part}"),
            _ => part.to_string(),
        })
        .collect()
}

fn operation_ids(
    operations: &[(Pointer, &openapiv3::Operation)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen = FxHashMap::default();
    let mut converted = FxHashMap::default();
    for (pointer, operation) in operations {
        let Some(id) = operation.operation_id.as_deref() else {
            continue;
        };
        let id_pointer = pointer.push("operationId");
        if let Some(first) = seen.get(id) {
            diagnostics.push(
                Diagnostic::error(
                    &id_pointer,
                    format!("operationId `{id}` is already used by {first}"),
                )
                .with_hint("operationIds must be unique; rename one of them"),
            );
            continue;
        }
        seen.insert(id, pointer);
        let rust = naming::snake_name(id);
        match converted.get(&rust) {
            Some((other, first)) => diagnostics.push(
                Diagnostic::warning(
                    &id_pointer,
                    format!(
                        "operationIds `{other}` ({first}) and `{id}` both become `{rust}` in Rust"
                    ),
                )
                .with_hint("rename one so that they differ by more than case or punctuation"),
            ),
            None => {
                converted.insert(rust, (id, pointer));
            }
        }
    }
}

/// The client sends path parameters as plain text (`style: simple`).
fn path_styles(
    doc: &OpenAPI,
    operations: &[(Pointer, &openapiv3::Operation)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let listed = listed_parameters(doc, operations);
    let components = Pointer::root().push("components").push("parameters");
    let named = doc
        .components
        .iter()
        .flat_map(|components| &components.parameters)
        .map(|(key, parameter)| (components.push(key), parameter));
    for (pointer, parameter) in listed.chain(named) {
        if let ReferenceOr::Item(Parameter::Path { style, .. }) = parameter {
            let name = match style {
                PathStyle::Simple => continue,
                PathStyle::Label => "label",
                PathStyle::Matrix => "matrix",
            };
            diagnostics.push(
                Diagnostic::error(
                    &pointer.push("style"),
                    format!("path parameters with `style: {name}` are not supported"),
                )
                .with_hint("use the default `style: simple`"),
            );
        }
    }
}

fn tag_names(operations: &[(Pointer, &openapiv3::Operation)], diagnostics: &mut Vec<Diagnostic>) {
    let mut tags: BTreeMap<&str, Pointer> = BTreeMap::new();
    for (pointer, operation) in operations {
        for (index, tag) in operation.tags.iter().enumerate() {
            let tag_pointer = pointer.push("tags").push(&index.to_string());
            tags.entry(tag.as_str()).or_insert(tag_pointer);
        }
    }
    // Tags alike but for case and word separators are one resource, named once.
    let mut keys = FxHashSet::default();
    tags.retain(|tag, _| keys.insert(naming::tag_key(tag)));
    collisions(
        tags.into_iter(),
        CLIENT_METHODS,
        naming::snake_name,
        "tags",
        "the module and accessor",
        diagnostics,
    );
}

fn component_names(doc: &OpenAPI, diagnostics: &mut Vec<Diagnostic>) {
    let schemas = Pointer::root().push("components").push("schemas");
    let keys = component_schemas(doc);
    for key in keys.keys() {
        let name = naming::type_name(key);
        if naming::is_reserved_rename(key) {
            diagnostics.push(
                Diagnostic::warning(
                    &schemas.push(key),
                    format!("schema `{key}` is named `{name}` in Rust"),
                )
                .with_hint(
                    "its name is the crate root's own, or one the generated code uses unqualified",
                ),
            );
        }
    }
    collisions(
        keys.into_keys().map(|key| (key, schemas.push(key))),
        &[],
        naming::type_name,
        "schemas",
        "the type",
        diagnostics,
    );
}

fn property_names(schema: &Schema, pointer: &Pointer, diagnostics: &mut Vec<Diagnostic>) {
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => &object.properties,
        SchemaKind::Any(any) => &any.properties,
        _ => return,
    };
    let base = pointer.push("properties");
    collisions(
        properties.keys().map(|key| (key.as_str(), base.push(key))),
        &[],
        naming::snake_name,
        "properties",
        "the field",
        diagnostics,
    );
}

/// openapiv3 reads an unknown `type` as any type, which is more likely a mistake.
fn known_type(schema: &Schema, pointer: &Pointer, diagnostics: &mut Vec<Diagnostic>) {
    const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];
    let SchemaKind::Any(any) = &schema.schema_kind else {
        return;
    };
    if let Some(typ) = any.typ.as_deref().filter(|typ| !TYPES.contains(typ)) {
        diagnostics.push(
            Diagnostic::error(
                &pointer.push("type"),
                format!("`type: {typ}` is not an OpenAPI 3.0 type"),
            )
            .with_hint("use `string`, `number`, `integer`, `boolean`, `array` or `object`"),
        );
    }
}

fn enum_values(schema: &Schema, pointer: &Pointer, diagnostics: &mut Vec<Diagnostic>) {
    let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
        return;
    };
    let base = pointer.push("enum");
    // A value listed twice is one variant, not a collision.
    let mut seen = BTreeSet::new();
    let values = string
        .enumeration
        .iter()
        .enumerate()
        .filter_map(|(index, value)| Some((value.as_deref()?, base.push(&index.to_string()))))
        .filter(|(value, _)| seen.insert(*value));
    collisions(
        values,
        &["Unknown"],
        naming::variant_name,
        "enum values",
        "the variant",
        diagnostics,
    );
}

/// Warns about each name whose Rust form another name or a `reserved` one took
/// first, and the numbered name lowering gives it instead.
fn collisions<'n>(
    names: impl Iterator<Item = (&'n str, Pointer)>,
    reserved: &[&str],
    convert: fn(&str) -> String,
    what: &str,
    becomes: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut first = FxHashMap::default();
    let mut taken: FxHashSet<String> = reserved.iter().map(|name| name.to_string()).collect();
    for (name, pointer) in names {
        let rust = convert(name);
        let given = naming::unique(rust.clone(), &mut taken);
        if given == rust {
            first.insert(rust, name);
            continue;
        }
        let diagnostic = match first.get(&rust) {
            Some(other) => Diagnostic::warning(
                &pointer,
                format!("{what} `{other}` and `{name}` both become {becomes} `{rust}`; this one is named `{given}`"),
            )
            .with_hint("rename one so that they differ by more than case or punctuation"),
            None => {
                first.insert(rust.clone(), name);
                Diagnostic::warning(
                    &pointer,
                    format!("`{name}` would become {becomes} `{rust}`, which the generated code keeps for itself; it is named `{given}`"),
                )
                .with_hint("rename it to keep the generated name predictable")
            }
        };
        diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::path_shape;

    #[test]
    fn a_path_s_shape_leaves_out_its_parameters_names_and_keeps_an_unclosed_brace() {
        assert_eq!(path_shape("/roles/{role}/members"), "/roles/{}/members");
        assert_eq!(path_shape("/e/{abc"), "/e/{abc");
        assert_ne!(path_shape("/e/{abc"), path_shape("/e/abc"));
    }
}
