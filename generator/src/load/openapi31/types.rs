//! The 3.1 forms of `type`: `null` as a type, type arrays, and branches that only add `null`.

use serde_yaml::{Mapping, Sequence, Value};

use super::schema::{is_annotation, Moves};
use super::{key, key_text, Cx};

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

/// `oneOf: [X, {type: "null"}]` is `X` with `nullable: true`, hoisted when nothing but
/// annotations sits beside the `oneOf`.
pub(super) fn hoist_null_branch(map: &mut Mapping, moves: &mut Moves<'_>) {
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
                    let name = key_text(&field).into_owned();
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

/// `type: "null"` and `type: [..., "null"]` become `nullable: true`; a type array of
/// several types becomes a `oneOf` with one branch per type.
pub(super) fn type_keyword(map: &mut Mapping, moves: &mut Moves<'_>, cx: &mut Cx) {
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

/// One `oneOf` branch per type, with the keywords that constrain its values.
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
