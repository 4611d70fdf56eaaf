//! From the parsed `openapiv3` document to our [`Api`] model; no later stage sees openapiv3.

mod bodies;
mod checks;
mod component_refs;
mod composition;
mod constrained_samples;
mod directions;
mod enums;
mod errors;
mod every_schema;
mod features;
mod media_types;
mod multipart;
mod operation;
mod pagination;
mod parameters;
mod recursion;
mod ref_targets;
mod resources;
mod responses;
mod rest_names;
mod sample_values;
mod schema;
mod security;
mod servers;
mod shared_components;
mod spec_examples;
mod string_samples;
mod structs;
mod type_queries;
mod types;
mod union_variants;
mod webhooks;

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, Pointer, Severity};
use crate::model::{Api, RustType, TypeDef};
use operation::{generated_methods, path_items, OperationLowering};
pub use pagination::{DeclaredStyle, PagingDeclaration, PagingDeclarations};
use resources::group_into_resources;
use types::TypeRegistry;

/// Lowers a document and its webhooks: every diagnostic, and the model unless one is an error.
pub fn lower(
    doc: &OpenAPI,
    webhooks: &BTreeMap<String, PathItem>,
    paging: &PagingDeclarations,
) -> (Option<Api>, Vec<Diagnostic>) {
    let (api, mut diagnostics) = lower_unchecked(doc, webhooks, paging);
    diagnostics.extend(checks::check(doc));
    diagnostics.sort_by(|a, b| (a.severity, &a.pointer).cmp(&(b.severity, &b.pointer)));
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    ((!failed).then_some(api), diagnostics)
}

/// The model of `doc` and what lowering it found, without the whole document's checks.
fn lower_unchecked<'a>(
    doc: &'a OpenAPI,
    webhooks: &'a BTreeMap<String, PathItem>,
    paging: &'a PagingDeclarations,
) -> (Api, Vec<Diagnostic>) {
    let components = every_schema::component_schemas(doc);
    let mut types = TypeRegistry::new(doc, &components);
    types.shared = shared_components::shared_components(doc);
    types.lower_components();

    let server = servers::client_server(&doc.servers, &mut types.diagnostics);
    let mut security = security::SecurityLowering::new(doc, &mut types.diagnostics);
    let mut operations = Vec::new();
    let paths = Pointer::root().push("paths");
    for (path, item) in &doc.paths.paths {
        if let ReferenceOr::Reference { .. } = item {
            types.diagnostics.push(
                Diagnostic::error(
                    &paths.push(path),
                    "a `$ref` to a path item is not supported",
                )
                .with_hint("write the path item inline"),
            );
        }
    }
    for (path, item_pointer, item) in path_items(doc) {
        for (method, op) in generated_methods(item) {
            let mut lowering = OperationLowering {
                doc,
                types: &mut types,
                paging,
            };
            let Some(mut lowered) =
                lowering.lower(path, method, &item.parameters, op, &item_pointer)
            else {
                continue;
            };
            let pointer = item_pointer.push(&method.as_str().to_lowercase());
            let operation = &mut lowered.operation;
            (operation.server, operation.server_template) = servers::operation_server(
                server.as_ref(),
                &op.servers,
                &item.servers,
                &pointer,
                &item_pointer,
                &mut types.diagnostics,
            );
            operation.security =
                security.requirements(op.security.as_ref(), &pointer, &mut types.diagnostics);
            operations.push(lowered);
        }
        for (method, op) in [("options", &item.options), ("trace", &item.trace)] {
            if op.is_some() {
                types.diagnostics.push(Diagnostic::warning(
                    &item_pointer.push(method),
                    format!("`{method}` operations are not generated"),
                ));
            }
        }
    }

    for id in paging.operations.keys() {
        if !operations
            .iter()
            .any(|op| op.operation_id.as_deref() == Some(id))
        {
            types.diagnostics.push(
                Diagnostic::error(
                    &paths,
                    format!("codegen.yaml declares the paging of `{id}`, but no operation has that operationId"),
                )
                .with_hint("`pagination.operations` is keyed by operationId"),
            );
        }
    }
    let payloads = webhooks::payloads(doc, webhooks, &mut types);
    let mut resources = group_into_resources(doc, &types, operations, !payloads.is_empty());
    let types::LoweredTypes {
        mut types,
        component_names,
        mut diagnostics,
    } = types.into_types();
    let received: Vec<&RustType> = payloads.iter().map(|(_, event)| &event.ty).collect();
    directions::mark_sent(&mut types, &resources, &received);
    let by_name = types_by_name(&types);
    let webhooks = webhooks::webhooks(payloads, &types, &by_name, &mut diagnostics);
    sample_values::fill_call_examples(&mut resources, &by_name);
    let examples = spec_examples::collect(
        doc,
        &component_names,
        &by_name,
        &resources,
        &mut diagnostics,
    );
    let error_bodies = errors::error_bodies(&resources, &by_name);
    let error_types: Vec<RustType> = error_bodies
        .iter()
        .map(|body| RustType::Named(body.type_name.clone()))
        .collect();
    features::gate_types(&mut types, &resources, webhooks.as_ref(), &error_types);
    let api = Api {
        title: doc.info.title.clone(),
        description: doc.info.description.clone(),
        version: doc.info.version.clone(),
        license: doc
            .info
            .license
            .as_ref()
            .map(|license| license.name.clone()),
        server,
        resources,
        types,
        examples,
        webhooks,
        error_bodies,
        security: security.finish(),
    };
    (api, diagnostics)
}

/// The named types, looked up by name.
fn types_by_name(types: &[TypeDef]) -> FxHashMap<&str, &TypeDef> {
    types.iter().map(|def| (def.name.as_str(), def)).collect()
}
