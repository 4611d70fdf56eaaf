//! JSON Schema 2020-12 schemas (OpenAPI 3.1) rewritten as OpenAPI 3.0 schemas.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Sequence, Value};

use super::origins::Tokens;
use super::types::{hoist_null_branch, type_keyword};
use super::{key, key_text, Cx, Loc};
use crate::load::ONE_SUBSCHEMA;

/// Keywords that describe a schema without constraining its values.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "externalDocs",
    "xml",
    "discriminator",
];

/// Identifiers and comments: nothing in them shapes the generated code.
const DROPPED: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$anchor",
    "$dynamicAnchor",
    "$vocabulary",
];

/// Keywords 3.0 cannot carry, and what becomes of the schema without them.
const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "prefixItems",
        "tuple items (`prefixItems`) are not typed: they are read as the array's `items`, or any JSON value",
    ),
    (
        "patternProperties",
        "`patternProperties` are not generated: those properties are not typed",
    ),
    (
        "if",
        "conditional schemas (`if`/`then`/`else`) are not generated: only the unconditional keywords shape the type",
    ),
    (
        "dependentSchemas",
        "`dependentSchemas` are not generated: only the unconditional keywords shape the type",
    ),
    (
        "$dynamicRef",
        "`$dynamicRef` cannot be followed: this schema is typed as any JSON value",
    ),
];

pub(super) fn is_annotation(field: &Value) -> bool {
    field
        .as_str()
        .is_some_and(|name| ANNOTATIONS.contains(&name) || name.starts_with("x-"))
}

/// Rewrites the schema at `node` and every schema inside it.
pub(super) fn schema(node: &mut Value, at: &Loc, cx: &mut Cx) {
    if let Value::Bool(accepts) = node {
        if *accepts {
            *node = Value::Mapping(Mapping::new());
        } else {
            cx.error(
                &at.was,
                "a `false` schema (one no value matches) cannot be represented",
                "leave the schema out where nothing may appear",
            );
        }
        return;
    }
    let Value::Mapping(map) = node else { return };
    let mut moves = Moves {
        at,
        moved: BTreeMap::new(),
    };
    for field in DROPPED {
        map.shift_remove(*field);
    }
    hoist_null_branch(map, &mut moves);
    const_to_enum(map, &mut moves, cx);
    first_example(map, &mut moves);
    exclusive_bound(map, "exclusiveMinimum", "minimum", f64::ge, &mut moves);
    exclusive_bound(map, "exclusiveMaximum", "maximum", f64::le, &mut moves);
    content_keywords(map, &mut moves, cx);
    type_keyword(map, &mut moves, cx);
    ref_siblings(map, &mut moves);
    for (field, message) in UNSUPPORTED {
        if map.contains_key(*field) {
            cx.warn(&moves.origin(&[field]), *message);
        }
    }
    for (now, was) in &moves.moved {
        let now: Tokens = at.now.iter().chain(now).cloned().collect();
        cx.origins.record(&now, was);
    }
    subschemas(map, &moves, cx);
}

/// Subtrees of one schema that a rewrite moved, relative to the schema.
pub(super) struct Moves<'a> {
    at: &'a Loc,
    /// Relative path now -> absolute path where the user wrote it.
    moved: BTreeMap<Tokens, Tokens>,
}

impl Moves<'_> {
    /// Where the user wrote the node now at the relative path `now`.
    pub(super) fn origin(&self, now: &[&str]) -> Tokens {
        let now: Tokens = now.iter().map(|token| token.to_string()).collect();
        for split in (0..=now.len()).rev() {
            let (head, tail) = now.split_at(split);
            if let Some(was) = self.moved.get(head) {
                return was.iter().chain(tail).cloned().collect();
            }
        }
        self.at.was.iter().chain(&now).cloned().collect()
    }

    pub(super) fn set(&mut self, now: &[&str], was: Tokens) {
        self.moved
            .insert(now.iter().map(|token| token.to_string()).collect(), was);
    }
}

/// The JSON type of a scalar value, as a schema `type`.
fn json_type(value: &Value) -> Option<&'static str> {
    match value {
        Value::Bool(_) => Some("boolean"),
        Value::Number(number) if number.is_i64() || number.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        Value::String(_) => Some("string"),
        _ => None,
    }
}

/// `const: v` is `enum: [v]`; the type is inferred when the schema has none.
fn const_to_enum(map: &mut Mapping, moves: &mut Moves<'_>, cx: &mut Cx) {
    let Some(value) = map.shift_remove("const") else {
        return;
    };
    let was = moves.origin(&["const"]);
    if value.is_null() {
        map.insert(key("type"), key("null"));
        return;
    }
    let Some(json_type) = json_type(&value) else {
        cx.warn(
            &was,
            "a `const` object or array is not checked: the schema is typed by its other keywords",
        );
        return;
    };
    if !map.contains_key("type") {
        map.insert(key("type"), key(json_type));
    }
    map.insert(key("enum"), Value::Sequence(vec![value]));
    moves.set(&["enum", "0"], was.clone());
    moves.set(&["enum"], was);
}

/// A schema's `examples` list: 3.0 has one `example`, so the first is kept.
fn first_example(map: &mut Mapping, moves: &mut Moves<'_>) {
    let Some(Value::Sequence(examples)) = map.shift_remove("examples") else {
        return;
    };
    if map.contains_key("example") {
        return;
    }
    if let Some(first) = examples.into_iter().next() {
        let was = moves.origin(&["examples", "0"]);
        moves.set(&["example"], was);
        map.insert(key("example"), first);
    }
}

/// A numeric `exclusiveMinimum: n` is 3.0's `minimum: n, exclusiveMinimum: true` (and
/// likewise for the maximum), unless `minimum` is the stricter bound.
fn exclusive_bound(
    map: &mut Mapping,
    exclusive: &str,
    bound: &str,
    stricter: fn(&f64, &f64) -> bool,
    moves: &mut Moves<'_>,
) {
    let Some(Value::Number(limit)) = map.get(exclusive).cloned() else {
        return;
    };
    let takes_over = match (limit.as_f64(), map.get(bound).and_then(Value::as_f64)) {
        (Some(limit), Some(bound)) => stricter(&limit, &bound),
        _ => true,
    };
    if takes_over {
        let was = moves.origin(&[exclusive]);
        moves.set(&[bound], was);
        map.insert(key(bound), Value::Number(limit));
        map.insert(key(exclusive), Value::Bool(true));
    } else {
        map.shift_remove(exclusive);
    }
}

/// Whether `type` allows strings (or is absent).
fn may_be_string(map: &Mapping) -> bool {
    match map.get("type") {
        None => true,
        Some(Value::String(name)) => name == "string",
        Some(Value::Sequence(names)) => names.iter().any(|name| name.as_str() == Some("string")),
        Some(_) => false,
    }
}

/// `contentEncoding: base64` is 3.0's `format: byte`; a `contentMediaType` without an
/// encoding, or with `binary`, `8bit` or `7bit`, is raw content, 3.0's `format: binary`.
fn content_keywords(map: &mut Mapping, moves: &mut Moves<'_>, cx: &mut Cx) {
    let encoding = map.shift_remove("contentEncoding");
    let media_type = map.shift_remove("contentMediaType");
    map.shift_remove("contentSchema");
    let format = match (&encoding, &media_type) {
        (Some(encoding), _) => match encoding.as_str() {
            Some("base64" | "base64url") => Some(("byte", "contentEncoding")),
            Some("binary" | "8bit" | "7bit") => Some(("binary", "contentEncoding")),
            other => {
                let name = other.unwrap_or("?");
                cx.warn(
                    &moves.origin(&["contentEncoding"]),
                    format!("`contentEncoding: {name}` is not decoded: the value is typed as the encoded string"),
                );
                None
            }
        },
        (None, Some(_)) => Some(("binary", "contentMediaType")),
        (None, None) => None,
    };
    let Some((format, from)) = format else { return };
    if map.contains_key("format") || !may_be_string(map) {
        return;
    }
    let was = moves.origin(&[from]);
    moves.set(&["format"], was);
    map.insert(key("format"), key(format));
    if !map.contains_key("type") {
        map.insert(key("type"), key("string"));
    }
}

/// A `$ref` with keywords beside it becomes an `allOf` branch, since 3.1 applies those
/// keywords too and 3.0 would ignore them.
fn ref_siblings(map: &mut Mapping, moves: &mut Moves<'_>) {
    if map.len() < 2 || !map.contains_key("$ref") {
        return;
    }
    let all_of = map
        .entry(key("allOf"))
        .or_insert_with(|| Value::Sequence(Sequence::new()));
    // A malformed `allOf` is left for `openapiv3` to report, with the ref.
    let Value::Sequence(all_of) = all_of else {
        return;
    };
    let index = all_of.len().to_string();
    let mut ref_origin = moves.origin(&["$ref"]);
    ref_origin.pop();
    moves.set(&["allOf", &index], ref_origin);
    if let (Some(reference), Some(Value::Sequence(all_of))) =
        (map.shift_remove("$ref"), map.get_mut("allOf"))
    {
        all_of.push(Value::Mapping(Mapping::from_iter([(
            key("$ref"),
            reference,
        )])));
    }
}

/// Rewrites the schemas inside `map`.
fn subschemas(map: &mut Mapping, moves: &Moves<'_>, cx: &mut Cx) {
    if map.get("items") == Some(&Value::Bool(false)) {
        // Closes a tuple: nothing beyond `prefixItems`, which is not typed anyway.
        map.shift_remove("items");
    }
    if let Some(Value::Mapping(properties)) = map.get_mut("properties") {
        properties.retain(|name, property| {
            let forbidden = *property == Value::Bool(false);
            if forbidden {
                let name = key_text(name);
                cx.warn(
                    &moves.origin(&["properties", &name]),
                    format!("property `{name}` may not appear (`false`): it is not generated"),
                );
            }
            !forbidden
        });
    }
    for (field, value) in map.iter_mut() {
        let Some(field) = field.as_str() else {
            continue;
        };
        match field {
            // Booleans are 3.0 values for `additionalProperties`, and shape no type elsewhere.
            _ if ONE_SUBSCHEMA.contains(&field) && (value.is_mapping() || field == "items") => {
                schema(value, &child(moves, &[field]), cx);
            }
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                if let Value::Sequence(items) = value {
                    for (index, item) in items.iter_mut().enumerate() {
                        schema(item, &child(moves, &[field, &index.to_string()]), cx);
                    }
                }
            }
            "properties" | "$defs" | "definitions" | "patternProperties" | "dependentSchemas" => {
                if let Value::Mapping(entries) = value {
                    for (name, entry) in entries.iter_mut() {
                        schema(entry, &child(moves, &[field, &key_text(name)]), cx);
                    }
                }
            }
            _ => {}
        }
    }
}

fn child(moves: &Moves<'_>, path: &[&str]) -> Loc {
    let now = path.iter().map(|token| token.to_string());
    Loc {
        now: moves.at.now.iter().cloned().chain(now).collect(),
        was: moves.origin(path),
    }
}
