//! Every schema written in a document, for checks that look at each one.

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema};

use super::operation::path_items;
use super::ref_targets::{subschemas, Target};
use crate::diagnostics::Pointer;

/// The top-level schemas of the document (components, parameters, responses) with pointers.
pub fn schemas<'d>(
    doc: &'d OpenAPI,
    operations: &'d [(Pointer, &'d openapiv3::Operation)],
) -> Vec<(&'d ReferenceOr<Schema>, Pointer)> {
    let mut found = Vec::new();
    let components = Pointer::root().push("components");
    if let Some(c) = &doc.components {
        let base = components.push("schemas");
        found.extend(c.schemas.iter().map(|(key, s)| (s, base.push(key))));
        let base = components.push("parameters");
        for (key, parameter) in &c.parameters {
            parameter_schema(parameter, &base.push(key), &mut found);
        }
        let base = components.push("responses");
        for (key, response) in &c.responses {
            response_schemas(response, &base.push(key), &mut found);
        }
    }
    for (pointer, parameter) in listed_parameters(doc, operations) {
        parameter_schema(parameter, &pointer, &mut found);
    }
    for (pointer, operation) in operations {
        let base = pointer.push("responses");
        for (status, response) in &operation.responses.responses {
            response_schemas(response, &base.push(&status.to_string()), &mut found);
        }
    }
    found
}

/// Every parameter listed by a path item or an operation, with its pointer.
pub fn listed_parameters<'d>(
    doc: &'d OpenAPI,
    operations: &'d [(Pointer, &'d openapiv3::Operation)],
) -> impl Iterator<Item = (Pointer, &'d ReferenceOr<Parameter>)> {
    let path_items = path_items(doc).map(|(_, pointer, item)| (pointer, &item.parameters));
    let operations = operations
        .iter()
        .map(|(pointer, operation)| (pointer.clone(), &operation.parameters));
    path_items
        .chain(operations)
        .flat_map(|(pointer, parameters)| {
            let pointer = pointer.push("parameters");
            parameters
                .iter()
                .enumerate()
                .map(move |(index, parameter)| (pointer.push(&index.to_string()), parameter))
        })
}

fn parameter_schema<'d>(
    parameter: &'d ReferenceOr<Parameter>,
    pointer: &Pointer,
    found: &mut Vec<(&'d ReferenceOr<Schema>, Pointer)>,
) {
    if let ReferenceOr::Item(parameter) = parameter {
        if let ParameterSchemaOrContent::Schema(schema) = &parameter.parameter_data_ref().format {
            found.push((schema, pointer.push("schema")));
        }
    }
}

fn response_schemas<'d>(
    response: &'d ReferenceOr<openapiv3::Response>,
    pointer: &Pointer,
    found: &mut Vec<(&'d ReferenceOr<Schema>, Pointer)>,
) {
    if let ReferenceOr::Item(response) = response {
        let base = pointer.push("content");
        for (media_type, content) in &response.content {
            if let Some(schema) = &content.schema {
                found.push((schema, base.push(media_type).push("schema")));
            }
        }
    }
}

/// Calls `visit` on `schema` and every schema written inside it.
pub fn walk(schema: Target<'_>, pointer: &Pointer, visit: &mut dyn FnMut(&Schema, &Pointer)) {
    if let Target::Item(schema) = schema {
        visit(schema, pointer);
        for (place, inner) in subschemas(schema) {
            walk(inner, &place.pointer(pointer), visit);
        }
    }
}
