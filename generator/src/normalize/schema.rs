//! JSON Schema 2020-12 schemas (OpenAPI 3.1) rewritten as OpenAPI 3.0 schemas.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Sequence, Value};

use super::origins::Tokens;
use super::{key, pushed, token, Cx, Loc};

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

/// The keywords that only constrain values of one JSON type.
fn keywords_of(json_type: &str) -> &'static [&'static str] {
    match json_type {
        "string" => &["pattern", "minLength", "maxLength"],
        "integer" | "number" => &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        "array" => &[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "minContains",
            "maxContains",
            "unevaluatedItems",
        ],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "patternProperties",
            "propertyNames",
            "unevaluatedProperties",
            "dependentRequired",
            "dependentSchemas",
        ],
        _ => &[],
    }
}

const JSON_TYPES: &[&str] = &["string", "integer", "number", "boolean", "array", "object"];

fn is_annotation(field: &Value) -> bool {
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
    exclusive_bound(
        map,
        "exclusiveMinimum",
        "minimum",
        |limit, bound| limit >= bound,
        &mut moves,
    );
    exclusive_bound(
        map,
        "exclusiveMaximum",
        "maximum",
        |limit, bound| limit <= bound,
        &mut moves,
    );
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
struct Moves<'a> {
    at: &'a Loc,
    /// Relative path now -> absolute path where the user wrote it.
    moved: BTreeMap<Tokens, Tokens>,
}

impl Moves<'_> {
    /// Where the user wrote the node now at the relative path `now`.
    fn origin(&self, now: &[&str]) -> Tokens {
        let now: Tokens = now.iter().map(|token| token.to_string()).collect();
        for split in (0..=now.len()).rev() {
            let (head, tail) = now.split_at(split);
            if let Some(was) = self.moved.get(head) {
                return was.iter().chain(tail).cloned().collect();
            }
        }
        self.at.was.iter().chain(&now).cloned().collect()
    }

    fn set(&mut self, now: &[&str], was: Tokens) {
        self.moved
            .insert(now.iter().map(|token| token.to_string()).collect(), was);
    }
}

/// `{type: "null"}` (or `const: null`) and nothing that constrains more.
fn is_null_schema(branch: &Value) -> bool {
    let Value::Mapping(map) = branch else {
        return false;
    };
    let null_type = match map.get("type") {
        Some(Value::String(name)) => name == "null",
        Some(Value::Sequence(names)) => {
            !names.is_empty() && names.iter().all(|name| name.as_str() == Some("null"))
        }
        _ => false,
    };
    let null_value = map.get("const").is_some_and(Value::is_null)
        || matches!(map.get("enum"), Some(Value::Sequence(values))
            if !values.is_empty() && values.iter().all(Value::is_null));
    (null_type || null_value)
        && map.keys().all(|field| {
            matches!(field.as_str(), Some("type" | "const" | "enum")) || is_annotation(field)
        })
}

/// `oneOf: [X, {type: "null"}]` is `X` with `nullable: true`: the other branch
/// is hoisted when nothing but annotations sits beside the `oneOf`.
fn hoist_null_branch(map: &mut Mapping, moves: &mut Moves<'_>) {
    for combinator in ["oneOf", "anyOf"] {
        let Some(Value::Sequence(branches)) = map.get(combinator) else {
            continue;
        };
        if !branches.iter().any(is_null_schema) {
            continue;
        }
        let mut kept: Vec<(usize, Value)> = branches
            .iter()
            .enumerate()
            .filter(|(_, branch)| !is_null_schema(branch))
            .map(|(index, branch)| (index, branch.clone()))
            .collect();
        map.insert(key("nullable"), Value::Bool(true));
        let alone = map
            .keys()
            .all(|field| field.as_str() == Some(combinator) || is_annotation(field));
        match kept.pop() {
            Some((index, Value::Mapping(branch))) if kept.is_empty() && alone => {
                map.shift_remove(combinator);
                for (field, value) in branch {
                    if map.contains_key(&field) {
                        continue;
                    }
                    let name = token(&field);
                    let was = moves.origin(&[combinator, &index.to_string(), &name]);
                    moves.set(&[&name], was);
                    map.insert(field, value);
                }
            }
            None => {
                map.shift_remove(combinator);
            }
            Some(last) => {
                kept.push(last);
                for (now, (was, _)) in kept.iter().enumerate() {
                    if now != *was {
                        let origin = moves.origin(&[combinator, &was.to_string()]);
                        moves.set(&[combinator, &now.to_string()], origin);
                    }
                }
                let branches = kept.into_iter().map(|(_, branch)| branch).collect();
                map.insert(key(combinator), Value::Sequence(branches));
            }
        }
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

/// A numeric `exclusiveMinimum: n` is 3.0's `minimum: n, exclusiveMinimum:
/// true` (and likewise for the maximum), unless `minimum` is the stricter bound.
fn exclusive_bound(
    map: &mut Mapping,
    exclusive: &str,
    bound: &str,
    stricter: fn(f64, f64) -> bool,
    moves: &mut Moves<'_>,
) {
    let Some(Value::Number(limit)) = map.get(exclusive).cloned() else {
        return;
    };
    let takes_over = match (limit.as_f64(), map.get(bound).and_then(Value::as_f64)) {
        (Some(limit), Some(bound)) => stricter(limit, bound),
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

/// `contentEncoding: base64` is 3.0's `format: byte`; a `contentMediaType`
/// without an encoding is raw content, 3.0's `format: binary`.
fn content_keywords(map: &mut Mapping, moves: &mut Moves<'_>, cx: &mut Cx) {
    let encoding = map.shift_remove("contentEncoding");
    let media_type = map.shift_remove("contentMediaType");
    map.shift_remove("contentSchema");
    let format = match (&encoding, &media_type) {
        (Some(encoding), _) => match encoding.as_str() {
            Some("base64" | "base64url") => Some(("byte", "contentEncoding")),
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

/// `type: "null"` and `type: [..., "null"]` become `nullable: true`; a type
/// array of several types becomes a `oneOf` with one branch per type.
fn type_keyword(map: &mut Mapping, moves: &mut Moves<'_>, cx: &mut Cx) {
    match map.get("type") {
        Some(Value::String(name)) if name == "null" => {
            map.shift_remove("type");
            map.insert(key("nullable"), Value::Bool(true));
        }
        Some(Value::Sequence(names)) => {
            let names = names.clone();
            type_array(map, &names, moves, cx);
        }
        _ => {}
    }
}

fn type_array(map: &mut Mapping, names: &Sequence, moves: &mut Moves<'_>, cx: &mut Cx) {
    let mut types: Vec<&str> = Vec::new();
    for (index, name) in names.iter().enumerate() {
        match name.as_str() {
            Some("null") => {
                map.insert(key("nullable"), Value::Bool(true));
            }
            Some(name) if JSON_TYPES.contains(&name) => {
                if !types.contains(&name) {
                    types.push(name);
                }
            }
            _ => {
                cx.error(
                    &moves.origin(&["type", &index.to_string()]),
                    "this is not a JSON Schema type",
                    "use `string`, `integer`, `number`, `boolean`, `array`, `object` or `null`",
                );
                return;
            }
        }
    }
    // Every integer is a number: the union is the number type.
    if types.contains(&"integer") && types.contains(&"number") {
        types.retain(|name| *name != "integer");
    }
    match types.as_slice() {
        [] => {
            map.shift_remove("type");
        }
        [only] => {
            map.insert(key("type"), key(only));
        }
        several => split_by_type(map, several, moves, cx),
    }
}

/// One `oneOf` branch per type, each with the keywords that constrain its
/// values; annotations stay on the outer schema.
fn split_by_type(map: &mut Mapping, types: &[&str], moves: &mut Moves<'_>, cx: &mut Cx) {
    if map.contains_key("oneOf") || map.contains_key("anyOf") {
        cx.error(
            &moves.origin(&["type"]),
            format!(
                "a `type` array of several types ({}) beside `oneOf`/`anyOf` cannot be represented",
                types.join(", ")
            ),
            "describe each alternative as a `oneOf` branch",
        );
        return;
    }
    let format_type = map
        .get("format")
        .and_then(Value::as_str)
        .map(|format| match format {
            "int32" | "int64" => "integer",
            "float" | "double" => "number",
            _ => "string",
        });
    let enumeration = match map.get("enum") {
        Some(Value::Sequence(values)) => Some(values.clone()),
        _ => None,
    };
    let own_origin = moves.origin(&[]);
    let type_origin = moves.origin(&["type"]);
    let mut branches = Sequence::new();
    for json_type in types {
        let index = branches.len().to_string();
        let mut branch = Mapping::new();
        branch.insert(key("type"), key(json_type));
        if let Some(values) = &enumeration {
            let values: Sequence = values
                .iter()
                .filter(|value| has_type(value, json_type))
                .cloned()
                .collect();
            if values.is_empty() {
                // No listed value has this type: the branch would match nothing.
                continue;
            }
            branch.insert(key("enum"), Value::Sequence(values));
            moves.set(&["oneOf", &index, "enum"], moves.origin(&["enum"]));
        }
        if format_type == Some(json_type) {
            if let Some(format) = map.get("format") {
                branch.insert(key("format"), format.clone());
                moves.set(&["oneOf", &index, "format"], moves.origin(&["format"]));
            }
        }
        for field in keywords_of(json_type) {
            if let Some(value) = map.get(*field) {
                branch.insert(key(field), value.clone());
                moves.set(&["oneOf", &index, field], moves.origin(&[field]));
            }
        }
        moves.set(&["oneOf", &index, "type"], type_origin.clone());
        moves.set(&["oneOf", &index], own_origin.clone());
        branches.push(Value::Mapping(branch));
    }
    map.shift_remove("type");
    map.shift_remove("enum");
    map.shift_remove("format");
    for json_type in JSON_TYPES {
        for field in keywords_of(json_type) {
            map.shift_remove(*field);
        }
    }
    map.insert(key("oneOf"), Value::Sequence(branches));
}

fn has_type(value: &Value, json_type: &str) -> bool {
    match json_type {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_bool(),
        "array" => value.is_sequence(),
        "object" => value.is_mapping(),
        _ => false,
    }
}

/// In 3.1 a `$ref` applies together with the keywords beside it; in 3.0 they
/// would be ignored. The ref becomes an `allOf` branch so that they still apply
/// (lowering reads a one-branch `allOf` as the branch, with these keywords).
fn ref_siblings(map: &mut Mapping, moves: &mut Moves<'_>) {
    if map.len() < 2 {
        return;
    }
    let Some(reference) = map.shift_remove("$ref") else {
        return;
    };
    let mut ref_origin = moves.origin(&["$ref"]);
    ref_origin.pop();
    let mut target = Mapping::new();
    target.insert(key("$ref"), reference);
    let all_of = map
        .entry(key("allOf"))
        .or_insert_with(|| Value::Sequence(Sequence::new()));
    if let Value::Sequence(all_of) = all_of {
        let index = all_of.len().to_string();
        all_of.push(Value::Mapping(target));
        moves.set(&["allOf", &index], ref_origin);
    }
}

/// Keywords whose value is one schema.
const ONE_SUBSCHEMA: &[&str] = &[
    "items",
    "not",
    "contains",
    "if",
    "then",
    "else",
    "propertyNames",
    "additionalItems",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalProperties",
];

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
                let name = token(name);
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
            // Booleans are 3.0 values for `additionalProperties`, and in the
            // others they do not shape the type.
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
                        schema(entry, &child(moves, &[field, &token(name)]), cx);
                    }
                }
            }
            _ => {}
        }
    }
}

fn child(moves: &Moves<'_>, path: &[&str]) -> Loc {
    let now = path
        .iter()
        .fold(moves.at.now.clone(), |now, token| pushed(&now, token));
    Loc {
        now,
        was: moves.origin(path),
    }
}
