//! The check that the schemas of an `allOf` do not close themselves to each other's
//! properties with `additionalProperties: false`, which JSON Schema applies to each schema
//! alone: no object is then valid, and validators refuse every body the client sends.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use rustc_hash::FxHashSet;

use super::super::ref_targets::{compositions, followed};
use super::required::object_properties;
use crate::diagnostics::{Diagnostic, Pointer};

/// One warning for an `allOf` whose schema or one of whose parts is closed to properties
/// another declares (AssemblyAI's `TranscriptParams`).
pub(super) fn closed_all_of(
    doc: &OpenAPI,
    schema: &Schema,
    pointer: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let [(_, parts), ..] = compositions(schema);
    if parts.is_empty() {
        return;
    }
    let part_schemas: Vec<Option<&Schema>> = parts.iter().map(|part| followed(doc, part)).collect();
    if !closed(schema) && !part_schemas.iter().flatten().any(|part| closed(part)) {
        return;
    }
    let accepted_by = |part: &ReferenceOr<Schema>| {
        let mut names = BTreeSet::new();
        object_properties(doc, part, &mut FxHashSet::default(), &mut names);
        names
    };
    let this = (
        pointer.push("additionalProperties"),
        Some(schema),
        own_properties(schema),
    );
    let members: Vec<_> = std::iter::once(this)
        .chain(
            parts
                .iter()
                .zip(part_schemas)
                .enumerate()
                .map(|(index, (part, followed))| {
                    (
                        pointer.push("allOf").push(&index.to_string()),
                        followed,
                        accepted_by(part),
                    )
                }),
        )
        .collect();
    let declared: BTreeSet<&String> = members
        .iter()
        .flat_map(|(_, _, accepted)| accepted)
        .collect();
    for (at, member, accepted) in &members {
        if !member.is_some_and(closed) {
            continue;
        }
        let forbidden: Vec<&&String> = declared
            .iter()
            .filter(|name| !accepted.contains(name.as_str()))
            .collect();
        if forbidden.is_empty() {
            continue;
        }
        let names: Vec<String> = forbidden
            .iter()
            .take(3)
            .map(|name| format!("`{name}`"))
            .collect();
        let more = match forbidden.len().saturating_sub(3) {
            0 => String::new(),
            more => format!(" and {more} more"),
        };
        diagnostics.push(
            Diagnostic::warning(
                at,
                format!(
                    "`additionalProperties: false` here forbids {}{more}, which the other schemas of this `allOf` declare: no object is valid, and validators refuse them; the generated type holds them all",
                    names.join(", ")
                ),
            )
            .with_hint("remove `additionalProperties: false` from the parts (OpenAPI 3.1's `unevaluatedProperties: false` says what was meant)"),
        );
        return;
    }
}

/// The properties `schema` itself declares, not those of its parts.
fn own_properties(schema: &Schema) -> BTreeSet<String> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => object.properties.keys().cloned().collect(),
        SchemaKind::Any(any) => any.properties.keys().cloned().collect(),
        _ => BTreeSet::new(),
    }
}

/// Whether `schema` says `additionalProperties: false`.
fn closed(schema: &Schema) -> bool {
    let additional = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => &object.additional_properties,
        SchemaKind::Any(any) => &any.additional_properties,
        _ => return false,
    };
    matches!(additional, Some(AdditionalProperties::Any(false)))
}
