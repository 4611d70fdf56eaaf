//! Mistakes real-world specs make often, and whose meaning is plain, repaired with a warning
//! on the user's tree, before 3.1 normalisation and key sorting, so that pointers are the
//! user's and document order is still known.

use rustc_hash::{FxHashMap, FxHashSet};
use serde_yaml::{Mapping, Value};

use super::document_checks::{key_text, METHODS};
use super::openapi31::PointerMap;
use super::{is_extension, names_below, operations_mut, Trail, DATA_KEYS, ONE_SUBSCHEMA};
use crate::diagnostics::{Diagnostic, Pointer};

/// Schema keywords that say a response object is a schema written in the wrong place.
const SCHEMA_KEYWORDS: &[&str] = &[
    "properties",
    "type",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "additionalProperties",
];

/// Maps of schemas by name.
const SCHEMA_MAPS: &[&str] = &[
    "schemas",
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Lists of schemas: a composition's parts.
const SCHEMA_LISTS: &[&str] = &["allOf", "oneOf", "anyOf", "prefixItems"];

/// Repairs `root`, with a warning for each repair and where the nodes that moved were written.
pub fn repair(root: &mut Value) -> (Vec<Diagnostic>, PointerMap) {
    let mut warnings = Vec::new();
    let mut origins = PointerMap::default();
    // A response's bare schema moves under `content` first, so that the schema repairs reach it.
    schema_responses(root, &mut warnings, &mut origins);
    let mut in_schemas = Vec::new();
    schema_keywords(root, &Trail::Root, None, false, &mut in_schemas);
    origins.translate_diagnostics(&mut in_schemas);
    warnings.append(&mut in_schemas);
    duplicate_operation_ids(root, &mut warnings);
    empty_scope_lists(root, &mut warnings);
    referenced_contents(root, &mut warnings, &mut origins);
    (warnings, origins)
}

/// `content: {$ref: '#/components/mediaTypes/NAME'}`, a whole content map given by
/// reference to an entry of `components/mediaTypes` (Lob's bundled spec, 52 times), which
/// OpenAPI 3.0 and 3.1 do not define: read as the media types that entry maps.
fn referenced_contents(root: &mut Value, warnings: &mut Vec<Diagnostic>, origins: &mut PointerMap) {
    let Some(media_types) = root
        .get("components")
        .and_then(|components| components.get("mediaTypes"))
        .and_then(Value::as_mapping)
        .cloned()
    else {
        return;
    };
    each_holder(root, true, |holder, at| {
        referenced_content(holder, at, &media_types, warnings, origins);
    });
}

/// Calls `visit` on each response of the document (and, with `bodies`, each request body),
/// written under an operation or shared under `components`, with where it is.
fn each_holder(root: &mut Value, bodies: bool, mut visit: impl FnMut(&mut Value, &[&str])) {
    let sections: &[&str] = if bodies {
        &["responses", "requestBodies"]
    } else {
        &["responses"]
    };
    for section in sections {
        let shared = root
            .get_mut("components")
            .and_then(|components| components.get_mut(section))
            .and_then(Value::as_mapping_mut);
        for (name, holder) in shared.into_iter().flat_map(Mapping::iter_mut) {
            if let Some(name) = name.as_str() {
                visit(holder, &["components", section, name]);
            }
        }
    }
    for (path, method, operation) in operations_mut(root, "paths") {
        if let Some(body) = operation.get_mut("requestBody").filter(|_| bodies) {
            visit(body, &["paths", path, method, "requestBody"]);
        }
        let Some(Value::Mapping(statuses)) = operation.get_mut("responses") else {
            continue;
        };
        for (status, response) in statuses.iter_mut() {
            visit(
                response,
                &["paths", path, method, "responses", &key_text(status)],
            );
        }
    }
}

/// Repairs the response or request body at `at` if its `content` is a `$ref` to one of
/// `media_types`.
fn referenced_content(
    holder: &mut Value,
    at: &[&str],
    media_types: &Mapping,
    warnings: &mut Vec<Diagnostic>,
    origins: &mut PointerMap,
) {
    let Some(content) = holder.get_mut("content") else {
        return;
    };
    let reference = content
        .as_mapping()
        .filter(|content| content.len() == 1)
        .and_then(|content| content.get("$ref"))
        .and_then(Value::as_str);
    let Some(name) = reference.and_then(|r| r.strip_prefix("#/components/mediaTypes/")) else {
        return;
    };
    let name = crate::diagnostics::unescape_token(name).into_owned();
    let Some(entry) = media_types.get(&name).filter(|entry| entry.is_mapping()) else {
        return;
    };
    *content = entry.clone();
    let mut now: Vec<String> = at.iter().map(|token| token.to_string()).collect();
    now.push("content".to_string());
    let was = ["components", "mediaTypes", &name].map(str::to_string);
    origins.record(&now, &was);
    now.push("$ref".to_string());
    warnings.push(
        Diagnostic::warning(
            super::openapi31::pointer(&now),
            format!("`content` is a `$ref` to `#/components/mediaTypes/{name}`, which OpenAPI does not define; it is read as the media types written there"),
        )
        .with_hint("write the media types under `content`, each `$ref`ing its schema"),
    );
}

/// A response with no `content` but with schema keywords (`properties`...)
/// is a JSON body's schema written without its `content` wrapper: the
/// keywords become the schema of its `application/json` content.
fn schema_responses(root: &mut Value, warnings: &mut Vec<Diagnostic>, origins: &mut PointerMap) {
    each_holder(root, false, |response, at| {
        schema_response(response, at, warnings, origins);
    });
}

/// Repairs the response at `at` if it is a bare schema.
fn schema_response(
    response: &mut Value,
    at: &[&str],
    warnings: &mut Vec<Diagnostic>,
    origins: &mut PointerMap,
) {
    let Value::Mapping(response) = response else {
        return;
    };
    let is_schema = |key: &Value| key.as_str().is_some_and(|k| SCHEMA_KEYWORDS.contains(&k));
    if response.contains_key("content") || !response.keys().any(is_schema) {
        return;
    }
    let mut schema = Mapping::new();
    for keyword in SCHEMA_KEYWORDS {
        if let Some(value) = response.shift_remove(*keyword) {
            schema.insert(Value::from(*keyword), value);
        }
    }
    // A response's own fields are never a list named `required`.
    if let Some(required @ Value::Sequence(_)) = response.shift_remove("required") {
        schema.insert(Value::from("required"), required);
    }
    let wrap = |key: &str, value| Value::Mapping(Mapping::from_iter([(Value::from(key), value)]));
    let content = wrap("application/json", wrap("schema", Value::Mapping(schema)));
    response.insert(Value::from("content"), content);
    let was: Vec<String> = at.iter().map(|token| token.to_string()).collect();
    let mut now = was.clone();
    now.extend(["content", "application/json", "schema"].map(str::to_string));
    origins.record(&now, &was);
    warnings.push(
        Diagnostic::warning(
            super::openapi31::pointer(&was),
            "this response has schema keywords but no `content`; they are read as the schema of its `application/json` content",
        )
        .with_hint("write the schema under `content: {application/json: {schema: ...}}`"),
    );
}

/// `required: true` inside a property's schema (the Swagger 1 and JSON Schema draft 3
/// spelling) adds the property to the object's `required`; `required: false` is dropped.
/// `items` without a `type` gets `type: array` (see [`untyped_array`]).
/// `names`: the key of the mapping `value` is, when that is keyed by names (see
/// [`NAMED_ENTRIES`](super::NAMED_ENTRIES)), so its keys are no keywords: a response called
/// `default` holds a schema to repair like any other. `schema`: whether `value` is written
/// where a schema is, so that a security requirement or a parameter named `items` is not one.
fn schema_keywords(
    value: &mut Value,
    trail: &Trail<'_>,
    names: Option<&str>,
    schema: bool,
    warnings: &mut Vec<Diagnostic>,
) {
    let Value::Mapping(mapping) = value else {
        if let Value::Sequence(items) = value {
            let parts = matches!(trail, Trail::Key(_, list) if SCHEMA_LISTS.contains(list));
            for (index, item) in items.iter_mut().enumerate() {
                schema_keywords(item, &Trail::Index(trail, index), None, parts, warnings);
            }
        }
        return;
    };
    if schema && names.is_none() {
        untyped_array(mapping, trail, warnings);
    }
    let mut newly_required = Vec::new();
    if let (None, Some(Value::Mapping(properties))) = (names, mapping.get_mut("properties")) {
        let base = Trail::Key(trail, "properties");
        for (name, property) in properties.iter_mut() {
            let Some(name) = name.as_str() else { continue };
            let property_trail = Trail::Key(&base, name);
            if let Value::Mapping(property) = property {
                if let Some(Value::Bool(flag)) = property.get("required") {
                    let flag = *flag;
                    property.shift_remove("required");
                    warnings.push(required_flag_warning(name, flag, &property_trail.pointer()));
                    if flag {
                        newly_required.push(Value::from(name));
                    }
                }
            }
            schema_keywords(property, &property_trail, None, true, warnings);
        }
    }
    if !newly_required.is_empty() {
        let list = mapping
            .entry(Value::from("required"))
            .or_insert_with(|| Value::Sequence(Vec::new()));
        // A `required` that is not a list is left for the shape checks to report.
        if let Value::Sequence(list) = list {
            for name in newly_required {
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }
    }
    for (key, child) in mapping.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        let keyword = names.is_none() && (DATA_KEYS.contains(&key) || key == "properties");
        if is_extension(names, key) || keyword {
            continue;
        }
        let below = names_below(names, key);
        let holds_schema = match names {
            Some(map) => SCHEMA_MAPS.contains(&map),
            // A Parameter's or a Media Type's `schema`, or a schema's own subschema.
            None => matches!(key, "schema" | "contentSchema") || ONE_SUBSCHEMA.contains(&key),
        };
        schema_keywords(
            child,
            &Trail::Key(trail, key),
            below,
            holds_schema,
            warnings,
        );
    }
}

/// A schema with `items` and nothing that makes it something else (OpenAI's `modalities`)
/// is an array that lacks its `type`; given one, every later stage types, samples and checks
/// it as the array it plainly is.
fn untyped_array(schema: &mut Mapping, trail: &Trail<'_>, warnings: &mut Vec<Diagnostic>) {
    const OTHER_SHAPES: &[&str] = &[
        "type",
        "$ref",
        "properties",
        "additionalProperties",
        "allOf",
        "oneOf",
        "anyOf",
        "not",
    ];
    if !schema.contains_key("items") || OTHER_SHAPES.iter().any(|key| schema.contains_key(key)) {
        return;
    }
    schema.insert(Value::from("type"), Value::from("array"));
    warnings.push(
        Diagnostic::warning(
            &trail.pointer(),
            "this schema has `items` but no `type`; it is read as an array",
        )
        .with_hint("add `type: array`"),
    );
}

fn required_flag_warning(name: &str, flag: bool, property: &Pointer) -> Diagnostic {
    let meaning = if flag {
        format!("read as listing `{name}` in the object's `required`")
    } else {
        "ignored: properties are optional unless listed in `required`".to_string()
    };
    Diagnostic::warning(
        &property.push("required"),
        format!("`required: {flag}` inside a property schema is not OpenAPI; it is {meaning}"),
    )
    .with_hint("list required properties by name in the object schema's `required`")
}

/// An operationId used a second time is most likely a copy-paste slip: the later
/// operation gets the first free `<id>2`, `<id>3`...
fn duplicate_operation_ids(root: &mut Value, warnings: &mut Vec<Diagnostic>) {
    let Some(Value::Mapping(paths)) = root.get_mut("paths") else {
        return;
    };
    let mut taken: FxHashSet<String> = paths
        .iter()
        .filter(|(path, _)| path.is_string())
        .filter_map(|(_, item)| item.as_mapping())
        .flat_map(|item| METHODS.iter().filter_map(|method| item.get(*method)))
        .filter_map(|operation| operation.get("operationId")?.as_str())
        .map(str::to_string)
        .collect();
    let pointer = |path: &str, method: &str| Pointer::root().push("paths").push(path).push(method);
    // Where each id was first used; a pointer is made only for a repeat.
    let mut seen: FxHashMap<String, (&str, &str)> = FxHashMap::default();
    for (path, item) in paths.iter_mut() {
        let (Some(path), Value::Mapping(item)) = (path.as_str(), item) else {
            continue;
        };
        for method in METHODS {
            let Some(Value::Mapping(operation)) = item.get_mut(*method) else {
                continue;
            };
            let Some(id) = operation.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let Some(&(earlier_path, earlier_method)) = seen.get(id) else {
                seen.insert(id.to_string(), (path, method));
                continue;
            };
            let renamed = crate::naming::unique(id.to_string(), &mut taken);
            let earlier = pointer(earlier_path, earlier_method);
            warnings.push(
                Diagnostic::warning(
                    &pointer(path, method).push("operationId"),
                    format!("operationId `{id}` is already used by {earlier}; this operation is named `{renamed}`"),
                )
                .with_hint("operationIds must be unique; rename one of them"),
            );
            operation.insert(Value::from("operationId"), Value::String(renamed));
        }
    }
}

/// A security requirement naming a scheme with nothing after it
/// (`- oauth2:` in YAML, `"oauth2": null` in JSON) means the scheme with no
/// scopes: the empty value becomes `[]`.
fn empty_scope_lists(root: &mut Value, warnings: &mut Vec<Diagnostic>) {
    if let Some(security) = root.get_mut("security") {
        empty_scopes(security, &Pointer::root().push("security"), warnings);
    }
    for section in ["paths", "webhooks"] {
        for (path, method, operation) in operations_mut(root, section) {
            if let Some(security) = operation.get_mut("security") {
                let pointer = Pointer::root().push(section).push(path).push(method);
                empty_scopes(security, &pointer.push("security"), warnings);
            }
        }
    }
}

fn empty_scopes(security: &mut Value, pointer: &Pointer, warnings: &mut Vec<Diagnostic>) {
    let Value::Sequence(requirements) = security else {
        return;
    };
    for (index, requirement) in requirements.iter_mut().enumerate() {
        let Value::Mapping(requirement) = requirement else {
            continue;
        };
        for (scheme, scopes) in requirement
            .iter_mut()
            .filter(|(_, scopes)| scopes.is_null())
        {
            *scopes = Value::Sequence(Vec::new());
            let scheme = key_text(scheme);
            warnings.push(
                Diagnostic::warning(
                    &pointer.push(&index.to_string()).push(&scheme),
                    format!("the security requirement `{scheme}` has no list of scopes; read as `[]`, no scopes"),
                )
                .with_hint(format!("write `{scheme}: []`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> (String, Vec<String>) {
        let mut value: Value = serde_yaml::from_str(text).unwrap();
        let warnings = repair(&mut value)
            .0
            .iter()
            .map(|d| d.pointer.clone())
            .collect();
        (serde_yaml::to_string(&value).unwrap(), warnings)
    }

    #[test]
    fn a_required_flag_in_a_property_joins_the_parents_required_list() {
        let (text, warnings) =
            repaired("properties:\n  a: {type: string, required: true}\nrequired: [b]\n");
        assert_eq!(
            text,
            "properties:\n  a:\n    type: string\nrequired:\n- b\n- a\n"
        );
        assert_eq!(warnings, ["#/properties/a/required"]);
    }

    #[test]
    fn a_security_requirement_without_scopes_is_read_as_no_scopes() {
        let (text, warnings) = repaired(
            "security:\n- key:\npaths:\n  /a:\n    get:\n      security:\n      - oauth: null\n        key: []\n",
        );
        assert_eq!(
            text,
            "security:\n- key: []\npaths:\n  /a:\n    get:\n      security:\n      - oauth: []\n        key: []\n"
        );
        assert_eq!(
            warnings,
            ["#/security/0/key", "#/paths/~1a/get/security/0/oauth"]
        );
    }

    #[test]
    fn a_required_flag_inside_an_example_is_data_and_kept() {
        let text = "example:\n  properties:\n    a:\n      required: true\n";
        assert_eq!(repaired(text), (text.to_string(), vec![]));
    }

    #[test]
    fn a_property_named_properties_is_a_schema_not_a_list_of_properties() {
        let (_, warnings) = repaired("properties:\n  properties:\n    required: true\n");
        assert_eq!(warnings, ["#/properties/properties/required"]);
    }
}
