//! Which Cargo features compile each model, so that a program enabling one
//! resource compiles only the types that resource needs.
//!
//! Every resource is a feature named after its module, and the webhook events
//! are the `webhooks` feature. A type is compiled by the features whose
//! operations (or events) reach it, through fields, items, variants and
//! aliases: the closure of each feature is closed under references, so a
//! compiled type never names one that is not. A type every feature reaches
//! is always compiled; one none reaches (a schema no operation uses) is
//! compiled with `full`.

use std::collections::{HashMap, HashSet};

use super::directions::reachable;
use crate::model::{
    Resource, RustType, TypeDef, Webhooks, FULL_FEATURE as FULL, WEBHOOKS_FEATURE as WEBHOOKS,
};

/// Feature names every crate has, which no resource's module (and so no
/// resource's feature) may take; `webhooks` is taken only where there are events.
pub const RESERVED: &[&str] = &[FULL, "default", "blocking", "rustls"];

/// Sets [`TypeDef::features`] on every type from the resources and events that
/// reach it. What `always` reaches (the error bodies, which the crate-wide
/// `ErrorBody` enum names) is compiled whatever the features.
pub fn gate_types(
    types: &mut [TypeDef],
    resources: &[Resource],
    webhooks: Option<&Webhooks>,
    always: &[RustType],
) {
    let by_name: HashMap<&str, &TypeDef> = types.iter().map(|d| (d.name.as_str(), d)).collect();
    let always: Vec<&RustType> = always.iter().collect();
    let always = reachable(&always, &by_name);
    let mut closures: Vec<(&str, Vec<&RustType>)> = resources
        .iter()
        .map(|resource| {
            let roots = resource
                .operations
                .iter()
                .flat_map(|op| op.signature_types())
                .collect();
            (resource.feature(), roots)
        })
        .collect();
    if let Some(webhooks) = webhooks {
        closures.push((WEBHOOKS, webhooks.events.iter().map(|e| &e.ty).collect()));
    }
    let reached: Vec<(&str, HashSet<&str>)> = closures
        .iter()
        .map(|(feature, roots)| (*feature, reachable(roots, &by_name)))
        .collect();
    let gates: Vec<Vec<String>> = types
        .iter()
        .map(|def| {
            let users: Vec<String> = reached
                .iter()
                .filter(|(_, names)| names.contains(def.name.as_str()))
                .map(|(feature, _)| feature.to_string())
                .collect();
            match users.len() {
                _ if always.contains(def.name.as_str()) => Vec::new(),
                0 => vec![FULL.to_string()],
                n if n == reached.len() => Vec::new(),
                _ => users,
            }
        })
        .collect();
    for (def, gate) in types.iter_mut().zip(gates) {
        def.features = gate;
    }
}
