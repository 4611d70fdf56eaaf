//! The types error responses carry, and where each one's message is, found by field names at
//! the top, in an object field or in a list field's first object, never by which API it is.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use crate::model::{
    ErrorBodyType, ErrorSummary, Field, FieldAccess, Resource, RustType, SummaryContainer, TypeDef,
    TypeKind,
};

/// Field names that hold an error's human-readable message, best first.
const MESSAGE_FIELDS: &[&str] = &[
    "message",
    "title",
    "detail",
    "error_description",
    "description",
];

/// Field names that hold an error's machine-readable code.
const CODE_FIELDS: &[&str] = &["code", "error_code"];

/// Every type some operation's error responses carry, sorted by name.
pub fn error_bodies(
    resources: &[Resource],
    by_name: &FxHashMap<&str, &TypeDef>,
) -> Vec<ErrorBodyType> {
    let names: BTreeSet<&str> = resources
        .iter()
        .flat_map(|resource| &resource.operations)
        .flat_map(|op| &op.errors)
        .map(|error| error.type_name.as_str())
        .collect();
    names
        .into_iter()
        .map(|name| ErrorBodyType {
            type_name: name.to_string(),
            summary: struct_fields(by_name, name).and_then(|fields| summary(by_name, fields)),
        })
        .collect()
}

fn struct_fields<'t>(by_name: &FxHashMap<&str, &'t TypeDef>, name: &str) -> Option<&'t [Field]> {
    match &by_name.get(name)?.kind {
        TypeKind::Struct(fields) => Some(fields),
        _ => None,
    }
}

fn summary(by_name: &FxHashMap<&str, &TypeDef>, fields: &[Field]) -> Option<ErrorSummary> {
    // The message may be one level down, in an object or a list of objects.
    let nested = || {
        fields.iter().find_map(|field| {
            let (inner, list) = match &field.ty {
                RustType::Vec(item) => (&**item, true),
                other => (other, false),
            };
            let RustType::Named(name) = inner else {
                return None;
            };
            let container = SummaryContainer {
                field: access(field, false),
                list,
            };
            summary_in(struct_fields(by_name, name)?, Some(container))
        })
    };
    summary_in(fields, None).or_else(nested)
}

/// The summary of `fields`, found in `container` if any, when one of them is a message.
fn summary_in(fields: &[Field], container: Option<SummaryContainer>) -> Option<ErrorSummary> {
    Some(ErrorSummary {
        container,
        message: Some(find(fields, MESSAGE_FIELDS, true)?),
        code: find(fields, CODE_FIELDS, false),
    })
}

/// The first field named one of `names` whose type is text (or, for codes, an integer).
fn find(fields: &[Field], names: &[&str], text_only: bool) -> Option<FieldAccess> {
    names.iter().find_map(|name| {
        let field = fields.iter().find(|f| f.wire_name == *name)?;
        match field.ty {
            RustType::String => Some(access(field, true)),
            RustType::I32 | RustType::I64 if !text_only => Some(access(field, false)),
            _ => None,
        }
    })
}

fn access(field: &Field, text: bool) -> FieldAccess {
    FieldAccess {
        rust_name: field.rust_name.clone(),
        optional: !field.required,
        text,
    }
}
