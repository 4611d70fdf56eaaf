//! Which Cargo features compile each model, so that a program enabling one resource (or
//! `webhooks`) compiles only the types it reaches; a type no feature reaches needs `full`.

use std::collections::HashMap;

use super::directions::{reachable, reachable_in_order};
use crate::model::{
    Resource, RustType, TypeDef, Webhooks, FULL_FEATURE as FULL, WEBHOOKS_FEATURE as WEBHOOKS,
};

/// Feature names every crate has, which no resource's module may take.
pub const RESERVED: &[&str] = &[FULL, "default", "blocking", "rustls"];

/// Sets [`TypeDef::features`] from the resources and events reaching each type; what `always`
/// reaches (the error bodies the crate-wide `ErrorBody` names) is always compiled.
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
    // Each feature's closure is walked once rather than every type asking every feature.
    let position: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(index, def)| (def.name.as_str(), index))
        .collect();
    let mut users: Vec<Vec<&str>> = vec![Vec::new(); types.len()];
    for (feature, roots) in &closures {
        for name in reachable_in_order(roots, &by_name) {
            if let Some(type_users) = position.get(name).and_then(|&i| users.get_mut(i)) {
                type_users.push(*feature);
            }
        }
    }
    let gates: Vec<Vec<String>> = types
        .iter()
        .zip(users)
        .map(|(def, users)| match users.len() {
            _ if always.contains(def.name.as_str()) => Vec::new(),
            0 => vec![FULL.to_string()],
            n if n == closures.len() => Vec::new(),
            _ => users.into_iter().map(str::to_string).collect(),
        })
        .collect();
    for (def, gate) in types.iter_mut().zip(gates) {
        def.features = gate;
    }
}
