//! Which Cargo features compile each model, so that a program enabling one resource (or
//! `webhooks`) compiles only the types it reaches; a type no feature reaches needs `full`.

use rustc_hash::FxHashMap;

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
    let by_name = super::types_by_name(types);
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
        let events = webhooks.events.iter().map(|e| &e.ty);
        // A resource named `webhooks` shares the events' feature.
        match closures
            .iter_mut()
            .find(|(feature, _)| *feature == WEBHOOKS)
        {
            Some((_, roots)) => roots.extend(events),
            None => closures.push((WEBHOOKS, events.collect())),
        }
    }
    // Each feature's closure is walked once rather than every type asking every feature.
    let mut users: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for (feature, roots) in &closures {
        for name in reachable_in_order(roots, &by_name) {
            users.entry(name).or_default().push(*feature);
        }
    }
    let gates: Vec<Vec<String>> = types
        .iter()
        .map(
            |def| match users.remove(def.name.as_str()).unwrap_or_default() {
                _ if always.contains(def.name.as_str()) => Vec::new(),
                none if none.is_empty() => vec![FULL.to_string()],
                all if all.len() == closures.len() => Vec::new(),
                some => some.into_iter().map(str::to_string).collect(),
            },
        )
        .collect();
    for (def, gate) in types.iter_mut().zip(gates) {
        def.features = gate;
    }
}
