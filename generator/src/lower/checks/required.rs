//! The check that each name a schema lists in `required` is one of its
//! properties, or one of those it shares as a part of `allOf`, `oneOf` or
//! `anyOf`.

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use rustc_hash::{FxHashMap, FxHashSet};

use super::super::ref_targets::compositions;
use super::super::types::SCHEMA_REF_PREFIX;
use crate::diagnostics::{Diagnostic, Pointer};

/// A `required` entry with no property of that name, here or where this
/// schema is a composition part (`inherited`), is usually a typo.
pub(super) fn required_properties(
    schema: &Schema,
    pointer: &Pointer,
    inherited: &FxHashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        return;
    };
    let base = pointer.push("required");
    for (index, name) in object.required.iter().enumerate() {
        if !object.properties.contains_key(name) && !inherited.contains(name) {
            diagnostics.push(
                Diagnostic::warning(
                    &base.push(&index.to_string()),
                    format!("`{name}` is required but is not one of the properties"),
                )
                .with_hint(format!(
                    "add a property `{name}` or remove it from `required`"
                )),
            );
        }
    }
}

/// Records, for each inline part of `schema`'s `allOf`, `oneOf` or `anyOf`, the properties that
/// part may require besides its own: those of `schema` and those it inherited, and for `allOf`
/// those of every part, since the parts describe one object.
pub(super) fn for_parts(
    doc: &OpenAPI,
    schema: &Schema,
    pointer: &Pointer,
    mut inherited: FxHashSet<String>,
    siblings: &mut FxHashMap<String, FxHashSet<String>>,
) {
    let parts = compositions(schema);
    if parts.iter().all(|(_, list)| list.is_empty()) {
        return;
    }
    if let SchemaKind::Any(any) = &schema.schema_kind {
        inherited.extend(any.properties.keys().cloned());
    }
    let mut seen = FxHashSet::default();
    let [(_, all_of), ..] = parts;
    for part in all_of {
        object_properties(doc, part, &mut seen, &mut inherited);
    }
    for (keyword, list) in parts {
        for (index, part) in list.iter().enumerate() {
            if let ReferenceOr::Item(_) = part {
                let part_pointer = pointer.push(keyword).push(&index.to_string());
                siblings.insert(part_pointer.into_string(), inherited.clone());
            }
        }
    }
}

/// Adds the properties of the object `schema` describes, through `$ref`s, nested `allOf`s
/// and the variants of a `oneOf` or `anyOf`, to `names`; `seen` keeps a cycle of `$ref`s from looping.
pub(super) fn object_properties<'d>(
    doc: &'d OpenAPI,
    schema: &'d ReferenceOr<Schema>,
    seen: &mut FxHashSet<&'d str>,
    names: &mut impl Extend<String>,
) {
    let schema = match schema {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => {
            let component = reference
                .strip_prefix(SCHEMA_REF_PREFIX)
                .filter(|_| seen.insert(reference))
                .and_then(|key| doc.components.as_ref()?.schemas.get(key));
            match component {
                Some(component) => return object_properties(doc, component, seen, names),
                None => return,
            }
        }
    };
    // A union among the parts gives each of its variants the other parts' properties, so a
    // property one of its variants declares may be required beside it.
    let parts: Vec<&'d ReferenceOr<Schema>> = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            names.extend(object.properties.keys().cloned());
            return;
        }
        SchemaKind::Any(any) => {
            names.extend(any.properties.keys().cloned());
            any.all_of
                .iter()
                .chain(&any.one_of)
                .chain(&any.any_of)
                .collect()
        }
        SchemaKind::AllOf { all_of: parts }
        | SchemaKind::OneOf { one_of: parts }
        | SchemaKind::AnyOf { any_of: parts } => parts.iter().collect(),
        _ => return,
    };
    for part in parts {
        object_properties(doc, part, seen, names);
    }
}
