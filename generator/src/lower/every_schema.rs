//! Every schema written in a document, for checks that look at each one.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema};

use super::operation::path_items;
use super::ref_targets::{subschemas, Target};
use crate::diagnostics::Pointer;

/// The component schemas, in key order.
pub fn component_schemas(doc: &OpenAPI) -> BTreeMap<&str, &ReferenceOr<Schema>> {
    let components = doc.components.iter().flat_map(|c| &c.schemas);
    components
        .map(|(key, schema)| (key.as_str(), schema))
        .collect()
}

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
        let parameters = c.parameters.iter();
        found.extend(parameters.filter_map(|(key, p)| parameter_schema(p, &base.push(key))));
        let base = components.push("responses");
        for (key, response) in &c.responses {
            found.extend(response_schemas(response, &base.push(key)));
        }
    }
    let listed = listed_parameters(doc, operations);
    found.extend(listed.filter_map(|(pointer, parameter)| parameter_schema(parameter, &pointer)));
    for (pointer, operation) in operations {
        let base = pointer.push("responses");
        for (status, response) in &operation.responses.responses {
            found.extend(response_schemas(response, &base.push(&status.to_string())));
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
) -> Option<(&'d ReferenceOr<Schema>, Pointer)> {
    match &parameter.as_item()?.parameter_data_ref().format {
        ParameterSchemaOrContent::Schema(schema) => Some((schema, pointer.push("schema"))),
        ParameterSchemaOrContent::Content(_) => None,
    }
}

fn response_schemas<'d>(
    response: &'d ReferenceOr<openapiv3::Response>,
    pointer: &Pointer,
) -> Vec<(&'d ReferenceOr<Schema>, Pointer)> {
    let base = pointer.push("content");
    let content = response.as_item().into_iter().flat_map(|r| &r.content);
    content
        .filter_map(|(media_type, media)| {
            Some((media.schema.as_ref()?, base.push(media_type).push("schema")))
        })
        .collect()
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
