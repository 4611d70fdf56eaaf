//! Operations grouped into resources by tag, and each operation's method name.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;
use rustc_hash::FxHashMap;

use super::checks::CLIENT_METHODS;
use super::features;
use super::operation::LoweredOperation;
use super::rest_names::conventional_names;
use super::types::TypeRegistry;
use crate::model::{
    BodyKind, Operation, Resource, ResponseBody, WEBHOOKS_FEATURE, WEBHOOK_METHODS,
};
use crate::naming;

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

/// Groups operations by tag (else first path segment) and names them uniquely per resource.
pub(super) fn group_into_resources(
    doc: &OpenAPI,
    types: &TypeRegistry,
    operations: Vec<LoweredOperation>,
    has_webhooks: bool,
) -> Vec<Resource> {
    let tag_of = |op: &LoweredOperation| {
        op.tag
            .clone()
            .unwrap_or_else(|| first_segment(&op.operation.path))
    };
    // Tags that differ only in case or word separators (OpenAI's `Responses` and `responses`)
    // are one resource, under the tag that sorts first.
    let tags: BTreeSet<String> = operations.iter().map(tag_of).collect();
    let mut firsts: FxHashMap<String, &String> = FxHashMap::default();
    let canonical: FxHashMap<&String, &String> = tags
        .iter()
        .map(|tag| (tag, *firsts.entry(naming::tag_key(tag)).or_insert(tag)))
        .collect();
    let mut by_tag: BTreeMap<String, (Vec<&String>, Vec<LoweredOperation>)> = BTreeMap::new();
    for op in operations {
        let tag = tag_of(&op);
        let first = canonical
            .get(&tag)
            .map_or(tag.clone(), |first| (*first).clone());
        let entry = by_tag.entry(first).or_default();
        if let Some(known) = tags.get(&tag).filter(|known| !entry.0.contains(known)) {
            entry.0.push(known);
        }
        entry.1.push(op);
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
    by_tag
        .into_iter()
        .map(|(tag, (alike, ops))| {
            let named = naming::snake_name(&tag);
            let module = naming::unique(named.clone(), &mut taken_modules);
            let mut type_name = naming::type_name(&module);
            if RESOURCE_IMPORTS.contains(&type_name.as_str()) {
                type_name.push_str("Resource");
            }
            let description = alike
                .iter()
                .find_map(|tag| descriptions.get(tag.as_str()).copied().flatten())
                .cloned();
            // `client.webhooks()` also receives deliveries, as Resend's official SDK does.
            let receiving = has_webhooks && module == WEBHOOKS_FEATURE;
            Resource {
                operations: name_operations(ops, types, &type_name, (&module, &named), receiving),
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
    types: &TypeRegistry,
    resource_type: &str,
    (module, named): (&str, &str),
    receiving: bool,
) -> Vec<Operation> {
    let conventional = conventional_names(&ops, types, named);
    // The handle's constructor is called `new`; a shared `webhooks()` receives deliveries with
    // these.
    let mut taken = BTreeSet::from(["new".to_string()]);
    if receiving {
        taken.extend(WEBHOOK_METHODS.iter().map(|name| name.to_string()));
    }
    let mut taken_types = BTreeSet::from([resource_type.to_string()]);
    let id_names: BTreeSet<String> = ops
        .iter()
        .filter_map(|op| Some(naming::snake_name(op.operation_id.as_deref()?)))
        .collect();
    let mut named = Vec::new();
    for (lowered, name) in ops.into_iter().zip(&conventional) {
        let mut op = lowered.operation;
        let own_id = lowered.operation_id.as_deref().map(naming::snake_name);
        // A REST name another operation's id already spells (Elasticsearch's `create`) would
        // leave one of them numbered.
        let shared = conventional.iter().filter(|other| *other == name).count() > 1
            || name.is_some_and(|name| id_names.contains(name) && own_id.as_deref() != Some(name));
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
                let full = naming::without_route_suffix(full, &verb, &op.path);
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
