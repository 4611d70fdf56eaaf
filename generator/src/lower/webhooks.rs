//! Webhooks (3.1) and callbacks (3.0): the events an API sends, their payload
//! types, and where in a payload the API says which event it is.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, PathItem};
use rustc_hash::FxHashMap;

use super::component_refs;
use super::media_types::is_json;
use super::operation::{description_beyond, generated_methods, path_items};
use super::type_queries::unaliased;
use super::types::TypeRegistry;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{EventTag, RustType, TypeDef, TypeKind, Union, WebhookEvent, Webhooks};
use crate::naming;

/// How deep into a payload a discriminator is looked for (`/data/event_type` is two levels).
const MAX_DEPTH: usize = 3;

/// An enum with more values than this describes a field, not a kind of event.
const MAX_TAG_VALUES: usize = 16;

/// An event whose payload type is lowered, with where it is written, before the events are
/// told apart and named.
pub type Payload = (Pointer, WebhookEvent);

/// The string values a payload may hold, by the JSON pointer of where it holds them.
type Candidates = BTreeMap<String, Vec<String>>;

/// Lowers the JSON body of every webhook, then every callback, into a type of the registry.
pub fn payloads<'a>(
    doc: &'a OpenAPI,
    webhooks: &'a BTreeMap<String, PathItem>,
    types: &mut TypeRegistry<'a>,
) -> Vec<Payload> {
    let at = Pointer::root().push("webhooks");
    let mut sources: Vec<(&'a str, &'a PathItem, Pointer)> = webhooks
        .iter()
        .map(|(name, item)| (name.as_str(), item, at.push(name)))
        .collect();
    for (_, at, item) in path_items(doc) {
        for (method, op) in generated_methods(item) {
            let at = at.push(&method.as_str().to_lowercase()).push("callbacks");
            let callbacks: BTreeMap<&String, _> = op.callbacks.iter().collect();
            for (name, callback) in callbacks {
                let expressions: BTreeMap<&String, _> = callback.iter().collect();
                for (expression, item) in expressions {
                    sources.push((name.as_str(), item, at.push(name).push(expression)));
                }
            }
        }
    }
    let mut payloads = Vec::new();
    for (name, item, at) in sources {
        for (method, op) in generated_methods(item) {
            let pointer = at.push(&method.as_str().to_lowercase());
            if let Some(ty) = payload_type(doc, name, op, &pointer, types) {
                let event = WebhookEvent {
                    name: name.to_string(),
                    variant: String::new(),
                    ty,
                    summary: op.summary.clone(),
                    description: description_beyond(
                        op.summary.as_deref(),
                        op.description.as_deref(),
                    ),
                    tag: None,
                };
                payloads.push((pointer, event));
            }
        }
    }
    payloads
}

/// The type of the operation's JSON request body: the payload the API sends.
fn payload_type<'a>(
    doc: &'a OpenAPI,
    name: &str,
    op: &'a openapiv3::Operation,
    pointer: &Pointer,
    types: &mut TypeRegistry<'a>,
) -> Option<RustType> {
    let missing = || {
        Diagnostic::warning(
            pointer,
            format!("the event `{name}` has no JSON request body, so it has no type"),
        )
        .with_hint("describe the payload under `requestBody.content.application/json.schema`")
    };
    let Some(body) = &op.request_body else {
        types.diagnostics.push(missing());
        return None;
    };
    let (body, home) = component_refs::resolve(
        doc,
        body,
        &pointer.push("requestBody"),
        &mut types.diagnostics,
    )?;
    let json = body.content.iter().find(|(media, _)| is_json(media));
    let Some((media_type, Some(schema))) = json.map(|(m, media)| (m, media.schema.as_ref())) else {
        types.diagnostics.push(missing());
        return None;
    };
    let at = home.push("content").push(media_type).push("schema");
    let hint = format!("{}Event", naming::type_name(name));
    Some(types.lower(schema, &hint, &at))
}

/// Names the events and finds where their payloads tell them apart.
pub fn webhooks(
    payloads: Vec<Payload>,
    types: &[TypeDef],
    by_name: &FxHashMap<&str, &TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Webhooks> {
    if payloads.is_empty() {
        return None;
    }
    let candidates: Vec<Candidates> = payloads
        .iter()
        .map(|(_, event)| candidates(&event.ty, types, by_name))
        .collect();
    let discriminators = rank(&candidates);
    let mut taken = BTreeSet::from(["Unknown".to_string()]);
    let mut used = BTreeSet::new();
    let mut events: Vec<WebhookEvent> = payloads
        .into_iter()
        .zip(&candidates)
        .enumerate()
        .map(|(index, ((written_at, mut event), own))| {
            event.tag = discriminators.iter().find_map(|pointer| {
                let values = own.get(pointer)?;
                (!shared(&candidates, index, pointer, values)).then(|| EventTag {
                    pointer: pointer.clone(),
                    values: values.clone(),
                })
            });
            if let Some(tag) = &event.tag {
                used.insert(tag.pointer.clone());
            } else {
                diagnostics.push(
                    Diagnostic::warning(
                        &written_at,
                        format!(
                            "nothing in the payload of `{}` tells it apart from the other events: it is decoded as this event only when a payload has no discriminator",
                            event.name
                        ),
                    )
                    .with_hint("give the payload a property with one constant value, e.g. `event_type: {const: ...}`"),
                );
            }
            event.variant = naming::unique(naming::type_name(&event.name), &mut taken);
            event
        })
        .collect();
    events.sort_by(|a, b| a.variant.cmp(&b.variant));
    Some(Webhooks {
        events,
        discriminators: discriminators
            .into_iter()
            .filter(|pointer| used.contains(pointer))
            .collect(),
    })
}

/// The pointers events are told apart at, best first: by how many events' values there no
/// other event shares, then ending in the best's property name (it may move under `data`).
fn rank(candidates: &[Candidates]) -> Vec<String> {
    let mut distinct: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, own) in candidates.iter().enumerate() {
        for (pointer, values) in own {
            let count = distinct.entry(pointer.as_str()).or_default();
            if !shared(candidates, index, pointer, values) {
                *count += 1;
            }
        }
    }
    let mut ranked: Vec<(&str, usize)> = distinct.into_iter().filter(|(_, n)| *n > 0).collect();
    // The first, in pointer order, of those most events are told apart at.
    let best = ranked.iter().min_by_key(|(_, n)| Reverse(*n));
    let best_key = best.map(|&(pointer, _)| last_token(pointer));
    let same_key = |pointer: &str| best_key == Some(last_token(pointer));
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(same_key(b.0).cmp(&same_key(a.0)))
            .then(a.0.cmp(b.0))
    });
    ranked
        .into_iter()
        .map(|(pointer, _)| pointer.to_string())
        .collect()
}

/// Whether an event other than the `index`th has one of `values` at `pointer`.
fn shared(candidates: &[Candidates], index: usize, pointer: &str, values: &[String]) -> bool {
    candidates.iter().enumerate().any(|(other, theirs)| {
        let mut theirs = theirs.get(pointer).into_iter().flatten();
        other != index && theirs.any(|value| values.contains(value))
    })
}

/// Every place in a payload of type `ty` that holds one of a few string values (a small
/// string enum, or a discriminator of a union listing `ty`), with those values; the first
/// found at a place is kept.
fn candidates(ty: &RustType, types: &[TypeDef], by_name: &FxHashMap<&str, &TypeDef>) -> Candidates {
    let mut out = Candidates::new();
    for def in types {
        let TypeKind::Union(Union {
            discriminator: Some(property),
            variants,
        }) = &def.kind
        else {
            continue;
        };
        if let Some(variant) = variants
            .iter()
            .find(|v| v.ty.unboxed() == ty.unboxed() && !v.tags.is_empty())
        {
            let tags = variant.tags.clone();
            out.entry(json_pointer(&[property])).or_insert(tags);
        }
    }
    walk(ty, by_name, &mut Vec::new(), &mut out);
    out
}

fn walk<'t>(
    ty: &'t RustType,
    by_name: &FxHashMap<&str, &'t TypeDef>,
    path: &mut Vec<&'t str>,
    out: &mut Candidates,
) {
    // Aliases are followed a bounded number of times: a loop of them is reported elsewhere.
    let ty = unaliased(ty.unboxed(), |name| by_name.get(name).copied());
    let RustType::Named(name) = ty.unboxed() else {
        return;
    };
    let Some(TypeKind::Struct(fields)) = by_name.get(name.as_str()).map(|def| &def.kind) else {
        return;
    };
    if path.len() >= MAX_DEPTH {
        return;
    }
    for field in fields.iter().filter(|f| !f.flatten) {
        path.push(&field.wire_name);
        match string_values(&field.ty, by_name) {
            Some(values) => {
                out.entry(json_pointer(path)).or_insert(values);
            }
            None => walk(&field.ty, by_name, path, out),
        }
        path.pop();
    }
}

/// The values of a small string enum, through aliases.
fn string_values(ty: &RustType, by_name: &FxHashMap<&str, &TypeDef>) -> Option<Vec<String>> {
    let mut ty = ty.unboxed();
    for _ in 0..=MAX_DEPTH {
        let RustType::Named(name) = ty else {
            return None;
        };
        match &by_name.get(name.as_str())?.kind {
            TypeKind::StringEnum(variants)
                if !variants.is_empty() && variants.len() <= MAX_TAG_VALUES =>
            {
                return Some(variants.iter().map(|v| v.wire_value.clone()).collect());
            }
            TypeKind::Alias(target) => ty = target.unboxed(),
            _ => return None,
        }
    }
    None
}

fn last_token(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}

/// `["data", "event_type"]` as the JSON pointer `/data/event_type`.
fn json_pointer<S: AsRef<str>>(tokens: &[S]) -> String {
    let pointer = tokens
        .iter()
        .fold(Pointer::root(), |at, token| at.push(token.as_ref()));
    pointer.as_str().trim_start_matches('#').to_string()
}
