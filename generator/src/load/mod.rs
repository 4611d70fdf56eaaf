//! From spec text to a parsed `openapiv3` document, through checks and rewrites of the YAML
//! tree first, since `openapiv3` stops at the first problem and often cannot say where it is.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, PathItem, Paths};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use crate::diagnostics::{locate, Diagnostic, Pointer, Severity};

mod document_checks;
mod encoding_defaults;
mod json;
mod openapi31;
mod refs;
mod spec_repairs;
mod wide_integers;

use document_checks::METHODS;
use openapi31::{normalize, PointerMap};

/// Keywords whose values are data in a schema (and `examples`, Example Objects or data;
/// `value`, an Example Object's data): walks of the tree leave them alone where they are
/// keywords, not names.
const DATA_KEYS: &[&str] = &["example", "examples", "value", "default", "enum", "const"];

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

/// Keys whose mappings are keyed by names the spec chose (a property, a status, a media
/// type, a header, a component), so that `default` or `x-id` there is a name, not a keyword.
const NAMED_ENTRIES: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
    "paths",
    "webhooks",
    "responses",
    "headers",
    "content",
    "encoding",
    "callbacks",
    "links",
    "examples",
    "schemas",
    "parameters",
    "requestBodies",
    "securitySchemes",
    "pathItems",
    "variables",
];

/// The maps of names that also take `x-` extensions: the Paths, Responses and Callback Objects.
const NAMES_WITH_EXTENSIONS: &[&str] = &["paths", "responses", "callbacks"];

/// Whether `key`, in a mapping that is the map of names `names` (or no such map), is an `x-`
/// extension, which tools read as they like and walks of the tree leave alone.
fn is_extension(names: Option<&str>, key: &str) -> bool {
    key.starts_with("x-") && names.is_none_or(|map| NAMES_WITH_EXTENSIONS.contains(&map))
}

/// The map of names the value at `key` is (see [`NAMED_ENTRIES`]), in a mapping that is the
/// map of names `names` (or no such map).
fn names_below<'k>(names: Option<&str>, key: &'k str) -> Option<&'k str> {
    (names.is_none() && NAMED_ENTRIES.contains(&key)).then_some(key)
}

/// Where a node is: walks of the whole tree find something at very few nodes, so a
/// pointer is made only for those.
enum Trail<'a> {
    Root,
    Key(&'a Trail<'a>, &'a str),
    Index(&'a Trail<'a>, usize),
}

impl Trail<'_> {
    fn pointer(&self) -> Pointer {
        match self {
            Trail::Root => Pointer::root(),
            Trail::Key(parent, key) => parent.pointer().push(key),
            Trail::Index(parent, index) => parent.pointer().push(&index.to_string()),
        }
    }
}

/// Every operation under `section` (`paths` or `webhooks`) of `root`: its path, method and value.
fn operations_mut<'v>(
    root: &'v mut Value,
    section: &str,
) -> impl Iterator<Item = (&'v str, &'v str, &'v mut Value)> {
    root.get_mut(section)
        .and_then(Value::as_mapping_mut)
        .into_iter()
        .flat_map(Mapping::iter_mut)
        .filter_map(|(path, item)| Some((path.as_str()?, item.as_mapping_mut()?)))
        .flat_map(|(path, item)| {
            item.iter_mut().filter_map(move |(method, operation)| {
                let method = method.as_str().filter(|m| METHODS.contains(m))?;
                Some((path, method, operation))
            })
        })
}

/// The OpenAPI versions this generator reads, as said in messages.
pub const SUPPORTED_VERSIONS: &str = "OpenAPI 3.0.x and 3.1.x";

/// A parsed document, and what reading it found worth telling.
#[derive(Debug)]
pub struct Loaded {
    pub doc: OpenAPI,
    /// OpenAPI 3.1's `webhooks`, by name: `openapiv3` reads 3.0, which has none.
    pub webhooks: BTreeMap<String, PathItem>,
    pub warnings: Vec<Diagnostic>,
    /// Translates pointers into `doc` back to the user's document.
    pub origins: PointerMap,
}

/// Parses YAML (or JSON, which is YAML) into an OpenAPI 3.0 document, with the warnings
/// found on the way; every diagnostic points into the user's document.
pub fn load(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let (mut value, mut read) = parse_yaml(text).map_err(|diagnostic| vec![diagnostic])?;
    let version = check_version(&value).map_err(|d| vec![d])?;
    // Checked first: every later check would blame what the other files hold.
    let mut refs = refs::check(&value);
    refs.append(&mut read);
    if refs.iter().any(|d| d.severity == Severity::Error) {
        return Err(refs);
    }
    let (mut warnings, repaired) = spec_repairs::repair(&mut value);
    warnings.append(&mut refs);
    let origins = match version {
        Version::V30 => repaired,
        Version::V31 => {
            let mut normalized = normalize(value).map_err(|mut diagnostics| {
                repaired.translate_diagnostics(&mut diagnostics);
                diagnostics.append(&mut warnings);
                diagnostics
            })?;
            value = normalized.value;
            repaired.translate_diagnostics(&mut normalized.warnings);
            warnings.append(&mut normalized.warnings);
            normalized.origins.after(repaired)
        }
    };
    let mut problems = document_checks::check(&value);
    origins.translate_diagnostics(&mut problems);
    warnings.append(&mut problems);
    if warnings.iter().any(|d| d.severity == Severity::Error) {
        return Err(warnings);
    }
    encoding_defaults::fill(&mut value);
    match sorted_document(value) {
        Ok((doc, webhooks)) => Ok(Loaded {
            doc,
            webhooks,
            warnings,
            origins,
        }),
        Err(mut problems) => {
            origins.translate_diagnostics(&mut problems);
            warnings.append(&mut problems);
            Err(warnings)
        }
    }
}

/// The checked tree, its keys sorted, as an `openapiv3` document and the webhooks beside
/// it; `paths` is read on its own, so that a problem there and one elsewhere are both reported.
fn sorted_document(
    mut value: Value,
) -> Result<(OpenAPI, BTreeMap<String, PathItem>), Vec<Diagnostic>> {
    sort_keys(&mut value);
    let paths = take(&mut value, "paths");
    let webhooks = take(&mut value, "webhooks");
    let doc = deserialize::<OpenAPI>(value, Pointer::root());
    let paths = read_paths(paths);
    let webhooks =
        deserialize::<BTreeMap<String, PathItem>>(webhooks, Pointer::root().push("webhooks"));
    match (doc, paths, webhooks) {
        (Ok(mut doc), Ok(paths), Ok(webhooks)) => {
            doc.paths = paths;
            Ok((doc, webhooks))
        }
        (doc, paths, webhooks) => Err(doc
            .err()
            .into_iter()
            .chain(paths.err().into_iter().flatten())
            .chain(webhooks.err())
            .collect()),
    }
}

/// `paths` as `openapiv3` reads it; serde loses the way into its flattened map of path
/// items, so when it fails each item is read on its own.
fn read_paths(paths: Value) -> Result<Paths, Vec<Diagnostic>> {
    if let Ok(read) = Paths::deserialize(&paths) {
        return Ok(read);
    }
    let pointer = Pointer::root().push("paths");
    let problems: Vec<Diagnostic> = paths
        .as_mapping()
        .into_iter()
        .flatten()
        .filter(|(_, item)| item.get("$ref").is_none())
        .filter_map(|(path, item)| {
            let path = document_checks::key_text(path);
            let item_pointer = pointer.push(&path);
            (!path.starts_with("x-"))
                .then(|| deserialize::<PathItem>(item.clone(), item_pointer).err())
                .flatten()
        })
        .collect();
    if problems.is_empty() {
        return deserialize::<Paths>(paths, pointer).map_err(|problem| vec![problem]);
    }
    Err(problems)
}

/// The value of `key` in `value`, left there as an empty mapping.
fn take(value: &mut Value, key: &str) -> Value {
    match value.get_mut(key) {
        Some(taken) => std::mem::replace(taken, Value::Mapping(Mapping::new())),
        None => Value::Mapping(Mapping::new()),
    }
}

/// The versions read: 3.1 goes through normalisation.
enum Version {
    V30,
    V31,
}

/// A spec file's bytes as text, or an error at the first byte that is not UTF-8, since
/// specs saved as Latin-1 or UTF-16 are common.
pub fn spec_text(bytes: &[u8]) -> Result<&str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        // The text up to the bad byte is valid, so lines and columns count characters.
        let valid = bytes.get(..offset).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default();
        let (line, column) = locate::end_of(valid);
        let byte = bytes.get(offset).copied().unwrap_or_default();
        Diagnostic::error(
            "#",
            format!("the spec is not UTF-8: the byte 0x{byte:02X} at offset {offset} is not part of a UTF-8 character"),
        )
        .with_hint("save the file as UTF-8")
        .at(line, column)
    })
}

/// The document's tree, with the warnings reading it gave.
fn parse_yaml(text: &str) -> Result<(Value, Vec<Diagnostic>), Diagnostic> {
    let parsed = match json::parse(text) {
        Some(value) => Ok((value, Vec::new())),
        None => match serde_yaml::from_str(text) {
            Err(error) if wide_integers::refused(&error.to_string()) => wide_integers::read(text),
            read => read.map(|value| (value, Vec::new())),
        },
    };
    let (value, warnings) = parsed.map_err(|error| {
        let message = error.to_string();
        // serde_yaml appends " at line L column C"; the location is kept separately.
        let message = message.split(" at line ").next().unwrap_or(&message);
        let location = error.location().map(|at| (at.line(), at.column()));
        match duplicate_key(message) {
            Some(key) => Diagnostic {
                // serde_yaml points at the first of two equal keys; the second is the mistake.
                location: location
                    .and_then(|(line, column)| locate::repeated_key(text, line, column, key))
                    .or(location),
                ..Diagnostic::error(
                    "#",
                    format!("the key `{key}` appears twice in the same mapping"),
                )
                .with_hint("remove or rename one of them")
            },
            None => Diagnostic {
                location,
                ..Diagnostic::error("#", format!("the spec is not valid YAML: {message}"))
            },
        }
    })?;
    match value {
        Value::Mapping(_) => Ok((value, warnings)),
        Value::Null => Err(Diagnostic::error("#", "the spec is empty")
            .with_hint("start it with `openapi: 3.0.3`, `info` and `paths`")),
        _ => Err(Diagnostic::error(
            "#",
            format!(
                "the spec is {}, not a mapping of OpenAPI fields",
                document_checks::kind(&value)
            ),
        )),
    }
}

/// The key of serde_yaml's `<path>: duplicate entry with key "<key>"`.
fn duplicate_key(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once("duplicate entry with key \"")?;
    rest.strip_suffix('"')
}

/// Refuses anything but OpenAPI 3.0 and 3.1 before its fields are read, so that a
/// Swagger 2.0 document gets one clear message instead of dozens.
fn check_version(value: &Value) -> Result<Version, Diagnostic> {
    match (value.get("openapi"), value.get("swagger")) {
        (Some(Value::String(version)), _) if version.starts_with("3.0.") => Ok(Version::V30),
        (Some(Value::String(version)), _) if version.starts_with("3.1.") => Ok(Version::V31),
        (Some(Value::String(version)), _) => Err(Diagnostic::error(
            "#/openapi",
            format!("OpenAPI version `{version}` is not supported; this generator reads {SUPPORTED_VERSIONS}"),
        )
        .with_hint("convert the document to OpenAPI 3.0 or 3.1, e.g. `openapi: 3.0.3`")),
        (Some(other), _) => Err(Diagnostic::error(
            "#/openapi",
            format!(
                "`openapi` must be a version string such as `3.0.3`, not {}",
                document_checks::kind(other)
            ),
        )
        .with_hint("quote the version: `openapi: \"3.0.3\"`")),
        (None, Some(swagger)) => Err(Diagnostic::error(
            "#/swagger",
            format!(
                "this is a Swagger {} document; this generator reads {SUPPORTED_VERSIONS}",
                document_checks::key_text(swagger)
            ),
        )
        .with_hint("convert it to OpenAPI 3.0 first, e.g. with https://converter.swagger.io")),
        (None, None) => Err(Diagnostic::error(
            "#",
            format!("the spec has no `openapi` field; this generator reads {SUPPORTED_VERSIONS}"),
        )
        .with_hint("start the document with `openapi: 3.0.3`")),
    }
}

/// Orders every mapping by key, so that the same document always gives the same client.
fn sort_keys(value: &mut Value) {
    match value {
        Value::Mapping(mapping) => {
            // Rebuilding a mapping hashes every key again: only those out of order are.
            if !mapping.keys().is_sorted_by_key(document_checks::key_text) {
                let mut entries: Vec<(Value, Value)> =
                    std::mem::take(mapping).into_iter().collect();
                entries.sort_by(|(a, _), (b, _)| {
                    document_checks::key_text(a).cmp(&document_checks::key_text(b))
                });
                *mapping = entries.into_iter().collect();
            }
            mapping.values_mut().for_each(sort_keys);
        }
        Value::Sequence(items) => items.iter_mut().for_each(sort_keys),
        Value::Tagged(tagged) => sort_keys(&mut tagged.value),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// Reads the checked tree as an `openapiv3` document; what it still refuses is
/// reported at the node it refused.
fn deserialize<T: DeserializeOwned>(value: Value, at: Pointer) -> Result<T, Diagnostic> {
    if let Ok(read) = T::deserialize(&value) {
        return Ok(read);
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let mut pointer = at;
        for segment in error.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => {
                    pointer = pointer.push(&index.to_string());
                }
                serde_path_to_error::Segment::Map { key } => pointer = pointer.push(key),
                serde_path_to_error::Segment::Enum { .. } => {}
                serde_path_to_error::Segment::Unknown => break,
            }
        }
        let message = error.into_inner().to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            Diagnostic::error(&pointer, format!("the required field `{field}` is missing"))
        } else if message.contains("did not match any variant") {
            Diagnostic::error(
                &pointer,
                "this is neither a `$ref` nor a valid OpenAPI 3.0 object of the kind expected here",
            )
            .with_hint("check its fields against the OpenAPI 3.0 specification")
        } else {
            Diagnostic::error(&pointer, format!("invalid OpenAPI 3.0: {message}"))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_that_is_not_utf8_is_an_error_at_its_line_and_column() {
        let Err(error) = spec_text(b"openapi: 3.0.3\ninfo: {title: caf\xe9}\n") else {
            panic!("read as text");
        };
        assert_eq!(error.location, Some((2, 18)));
        assert!(
            error.message.contains("0xE9 at offset 32"),
            "{}",
            error.message
        );
    }

    fn sorted(text: &str) -> String {
        let mut value: Value = serde_yaml::from_str(text).unwrap();
        sort_keys(&mut value);
        serde_yaml::to_string(&value).unwrap()
    }

    #[test]
    fn keys_are_sorted_at_every_depth_and_sequences_keep_their_order() {
        assert_eq!(
            sorted("b: 1\na:\n  d: [z, y]\n  c: 2\n"),
            "a:\n  c: 2\n  d:\n  - z\n  - y\nb: 1\n"
        );
    }

    #[test]
    fn a_swagger_document_names_its_version_and_the_versions_read() {
        let error = load("swagger: '2.0'\ninfo: {title: t, version: '1'}\n").unwrap_err();
        assert_eq!(error[0].pointer, "#/swagger");
        assert_eq!(
            error[0].message,
            "this is a Swagger 2.0 document; this generator reads OpenAPI 3.0.x and 3.1.x"
        );
    }

    #[test]
    fn what_openapiv3_refuses_in_paths_and_elsewhere_is_all_reported() {
        let value: Value = serde_yaml::from_str(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n\
             paths: {/a: {parameters: 7}}\ncomponents: {schemas: {A: {type: 7}}}\n",
        )
        .unwrap();
        let problems = sorted_document(value).unwrap_err();
        let pointers: Vec<&str> = problems.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["#/components/schemas/A", "#/paths/~1a/parameters"]
        );
    }

    #[test]
    fn a_field_of_the_wrong_kind_in_an_operation_is_reported_at_its_node() {
        let value: Value = serde_yaml::from_str(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  \
             /a: {get: {security: [{key: read}], responses: {}}}\n  \
             /b: {get: {tags: 7, responses: {}}}\n",
        )
        .unwrap();
        let problems = sorted_document(value).unwrap_err();
        let pointers: Vec<&str> = problems.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["#/paths/~1a/get/security/0/key", "#/paths/~1b/get/tags"]
        );
    }

    #[test]
    fn json_renames_the_later_written_of_two_equal_operation_ids() {
        let operation =
            r#"{"get": {"operationId": "same", "responses": {"200": {"description": "ok"}}}}"#;
        let json = format!(
            r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}},
                "paths": {{"/b": {operation}, "/a": {operation}}}}}"#
        );
        let loaded = load(&json).unwrap();
        let id = |path: &str| match &loaded.doc.paths.paths[path] {
            openapiv3::ReferenceOr::Item(item) => {
                item.get.as_ref().unwrap().operation_id.clone().unwrap()
            }
            openapiv3::ReferenceOr::Reference { .. } => panic!("a path item"),
        };
        assert_eq!(
            (id("/b"), id("/a")),
            ("same".to_string(), "same2".to_string())
        );
    }

    #[test]
    fn json_and_yaml_read_wide_integers_and_minus_zero_alike() {
        let json = r#"{"minimum": -9223372036854776000, "zero": -0}"#;
        let yaml = "{minimum: -9223372036854776000, zero: -0}";
        let (json_value, json_warnings) = parse_yaml(json).unwrap();
        let (yaml_value, yaml_warnings) = parse_yaml(yaml).unwrap();
        assert_eq!(json_value, yaml_value);
        assert_eq!(json_warnings.len(), 1);
        assert_eq!(json_warnings.len(), yaml_warnings.len());
    }

    #[test]
    fn json_and_flow_style_yaml_read_the_same() {
        let json = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}}"#;
        let flow_yaml = "{openapi: 3.0.3, info: {title: t, version: '1'}}";
        assert_eq!(parse_yaml(json).ok(), parse_yaml(flow_yaml).ok());
        assert!(json::parse(flow_yaml).is_none());
    }
}
