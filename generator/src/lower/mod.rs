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
mod responses;
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

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, Pointer, Severity};
use crate::model::{
    Api, BodyKind, HttpMethod, Operation, Resource, ResponseBody, RustType, TypeDef,
};
use crate::naming;
use checks::CLIENT_METHODS;
use operation::{generated_methods, path_items, LoweredOperation, OperationLowering};
pub use pagination::{DeclaredStyle, PagingDeclaration, PagingDeclarations};
use types::TypeRegistry;

/// Names a resource file imports; a resource type may not take them.
const RESOURCE_IMPORTS: &[&str] = &[
    "Client",
    "Method",
    "Page",
    "Paginator",
    "QueryStyle",
    "Request",
    "Transport",
];

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
    let mut resources = group_into_resources(doc, operations, !payloads.is_empty());
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

/// Groups operations by tag (else first path segment) and names them uniquely per resource.
fn group_into_resources(
    doc: &OpenAPI,
    operations: Vec<LoweredOperation>,
    has_webhooks: bool,
) -> Vec<Resource> {
    let tag_of = |op: &LoweredOperation| {
        op.tag
            .clone()
            .unwrap_or_else(|| first_segment(&op.operation.path))
    };
    // Tags that differ only in case or spelling (OpenAI's `Responses` and `responses`) are one
    // resource, under the tag that sorts first.
    let tags: BTreeSet<String> = operations.iter().map(tag_of).collect();
    let mut canonical: FxHashMap<String, &String> = FxHashMap::default();
    for tag in &tags {
        canonical.entry(naming::snake_name(tag)).or_insert(tag);
    }
    let mut by_tag: BTreeMap<String, Vec<LoweredOperation>> = BTreeMap::new();
    for op in operations {
        let tag = tag_of(&op);
        let tag = canonical
            .get(&naming::snake_name(&tag))
            .map_or(tag, |first| (*first).clone());
        by_tag.entry(tag).or_default().push(op);
    }
    // A map rather than a search per resource; filled from the end so the first of a name wins.
    let descriptions: FxHashMap<&str, Option<&String>> = doc
        .tags
        .iter()
        .rev()
        .map(|known| (known.name.as_str(), known.description.as_ref()))
        .collect();
    // A resource's module names its Cargo feature, so it may not take one the crate already has.
    let reserved = CLIENT_METHODS.iter().chain(features::RESERVED);
    let mut taken_modules: BTreeSet<String> = reserved.map(|name| name.to_string()).collect();
    // `client.webhooks()` receives deliveries; a tag of that name gets another accessor.
    if has_webhooks {
        taken_modules.insert("webhooks".to_string());
    }
    by_tag
        .into_iter()
        .map(|(tag, ops)| {
            let module = naming::unique(naming::snake_name(&tag), &mut taken_modules);
            let mut type_name = naming::type_name(&module);
            if RESOURCE_IMPORTS.contains(&type_name.as_str()) {
                type_name.push_str("Resource");
            }
            let description = descriptions.get(tag.as_str()).copied().flatten().cloned();
            Resource {
                operations: name_operations(ops, &type_name, &module),
                type_name,
                module,
                tag,
                description,
            }
        })
        .collect()
}

/// The resource of an untagged path: its first named segment but a version (`/v1/customers`).
fn first_segment(path: &str) -> String {
    let is_version = |segment: &str| {
        segment
            .strip_prefix('v')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    path.split('/')
        .find(|segment| !segment.is_empty() && !segment.starts_with('{') && !is_version(segment))
        .unwrap_or("default")
        .to_string()
}

/// Names each operation by verb and path (`list`, `retrieve`…) where unambiguous, else by its
/// operationId (without the resource's name in front), and its params struct after the method.
fn name_operations(
    ops: Vec<LoweredOperation>,
    resource_type: &str,
    module: &str,
) -> Vec<Operation> {
    let sibling = |op: &Operation, method: HttpMethod| {
        ops.iter()
            .any(|other| other.operation.http_method == method && other.operation.path == op.path)
    };
    let conventional: Vec<Option<&str>> = ops
        .iter()
        .map(|op| {
            let op = &op.operation;
            match (conventional_name(op), op.http_method) {
                // Beside a PATCH of the same item, a PUT replaces it rather than updating it.
                (Some(_), HttpMethod::Put) if sibling(op, HttpMethod::Patch) => Some("replace"),
                // APIs without PUT or PATCH (Stripe's, say) update an item with a POST.
                (_, HttpMethod::Post)
                    if is_item_path(&op.path)
                        && !sibling(op, HttpMethod::Put)
                        && !sibling(op, HttpMethod::Patch) =>
                {
                    Some("update")
                }
                (name, _) => name,
            }
        })
        .collect();
    // The handle's constructor is called `new`.
    let mut taken = BTreeSet::from(["new".to_string()]);
    let mut taken_types = BTreeSet::from([resource_type.to_string()]);
    let id_names: BTreeSet<String> = ops
        .iter()
        .filter_map(|op| Some(naming::snake_name(op.operation_id.as_deref()?)))
        .collect();
    let mut named = Vec::new();
    for (lowered, name) in ops.into_iter().zip(&conventional) {
        let mut op = lowered.operation;
        let shared = conventional.iter().filter(|other| *other == name).count() > 1;
        // Without an operationId, the operation is known by its method and path.
        op.operation_id = lowered.operation_id.unwrap_or_else(|| {
            format!(
                "{} {}",
                op.http_method.as_str(),
                op.path.replace(['{', '}'], " ")
            )
        });
        let method_name = match name {
            Some(name) if !shared => name.to_string(),
            _ => {
                let verb = op.http_method.as_str().to_ascii_lowercase();
                let full = naming::snake_name(&op.operation_id);
                let full = naming::unglued_verb(full, &verb, &op.path);
                // `contacts().create_import()`, not `contacts().contacts_create_import()`,
                // unless the shorter name may be another operation's.
                // A rest that starts with a digit (`search-1` on `search`) is no identifier: it
                // would be spelled `_1`.
                let rest = full
                    .strip_prefix(module)
                    .and_then(|r| r.strip_prefix('_'))
                    .filter(|r| !r.is_empty() && !r.starts_with(|c: char| c.is_ascii_digit()));
                match rest.map(naming::snake_name) {
                    Some(rest)
                        if !taken.contains(&rest)
                            && !id_names.contains(&rest)
                            && !conventional.contains(&Some(rest.as_str())) =>
                    {
                        rest
                    }
                    _ => full,
                }
            }
        };
        let stem = naming::unique(method_name, &mut taken);
        // Each variant of a multipart union is sent by a method named after it.
        op.method_name = match op.body.as_ref().and_then(|body| body.variant.as_deref()) {
            Some(variant) => {
                taken.remove(&stem);
                naming::unique(form_method(&stem, Some(variant)), &mut taken)
            }
            None => stem.clone(),
        };
        let type_stem = naming::type_name(&op.method_name);
        op.params_type = naming::unique(format!("{type_stem}Params"), &mut taken_types);
        name_body(&mut op, &type_stem, &mut taken_types);
        if let ResponseBody::ByStatus(responses) = &mut op.response {
            responses.type_name = naming::unique(format!("{type_stem}Response"), &mut taken_types);
        }
        if let Some(pagination) = &mut op.pagination {
            let paging_method = format!("{}_auto_paging", op.method_name);
            pagination.method_name = naming::unique(paging_method, &mut taken);
        }
        // The same request with the other forms of its body, right after it.
        let other_forms: Vec<Operation> = lowered
            .other_forms
            .into_iter()
            .map(|body| {
                let variant = body.variant.as_deref();
                let method_name = naming::unique(form_method(&stem, variant), &mut taken);
                let form_name = variant.unwrap_or("multipart/form-data");
                let mut form = Operation {
                    operation_id: format!("{} ({form_name})", op.operation_id),
                    body: Some(body),
                    pagination: None,
                    multipart_form_of: Some(op.method_name.clone()),
                    ..op.clone()
                };
                name_body(
                    &mut form,
                    &naming::type_name(&method_name),
                    &mut taken_types,
                );
                form.method_name = method_name;
                form
            })
            .collect();
        named.push(op);
        named.extend(other_forms);
    }
    named
}

/// The method sending a form of a body: the variant of a union, or the multipart form of a
/// JSON or form body.
fn form_method(stem: &str, variant: Option<&str>) -> String {
    let suffix = variant.map_or_else(|| "multipart".to_string(), naming::snake_name);
    format!("{stem}_{suffix}")
}

/// Names the struct of a multipart body after the method that sends it.
fn name_body(op: &mut Operation, type_stem: &str, taken_types: &mut BTreeSet<String>) {
    if let Some(BodyKind::Multipart(multipart)) = op.body.as_mut().map(|b| &mut b.kind) {
        multipart.type_name = naming::unique(format!("{type_stem}Body"), taken_types);
    }
}

/// Whether the path addresses one item of a top-level collection: `/things/{id}`.
fn is_item_path(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let params = segments.iter().filter(|s| s.starts_with('{')).count();
    params == 1 && segments.last().is_some_and(|last| last.starts_with('{'))
}

/// The name users of REST SDKs expect for a collection or item operation.
fn conventional_name(op: &Operation) -> Option<&'static str> {
    let segments: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
    let is_param = |s: &str| s.starts_with('{');
    let params = segments.iter().filter(|s| is_param(s)).count();
    match (segments.last().copied(), params) {
        (Some(last), 0) if !is_param(last) => match op.http_method {
            HttpMethod::Get => Some("list"),
            HttpMethod::Post => Some("create"),
            _ => None,
        },
        (Some(last), 1) if is_param(last) => match op.http_method {
            HttpMethod::Get => Some("retrieve"),
            HttpMethod::Put | HttpMethod::Patch => Some("update"),
            HttpMethod::Delete => Some("delete"),
            HttpMethod::Post | HttpMethod::Head => None,
        },
        _ => None,
    }
}
