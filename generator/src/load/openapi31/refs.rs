//! `$ref`s that name a node normalisation moved (into an `anyOf` branch that became the
//! schema itself, say), pointed at where the node went.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use super::origins::PointerMap;
use crate::load::refs::node;

pub fn follow_moves(document: &mut Value, origins: &PointerMap) {
    let mut targets = BTreeSet::new();
    local_refs(document, &mut |target| {
        targets.insert(target.clone());
    });
    let moved: BTreeMap<String, String> = targets
        .into_iter()
        .filter(|target| node(document, target).is_none())
        .map(|target| {
            let now = origins.to_normalized(&target);
            (target, now)
        })
        .filter(|(_, now)| node(document, now).is_some())
        .collect();
    local_refs(document, &mut |target| {
        if let Some(now) = moved.get(target.as_str()) {
            target.clone_from(now);
        }
    });
}

/// Calls `visit` with the target of every local `$ref` in `value`.
fn local_refs(value: &mut Value, visit: &mut impl FnMut(&mut String)) {
    match value {
        Value::Mapping(map) => {
            if let Some(Value::String(target)) = map.get_mut("$ref") {
                if target.starts_with("#/") {
                    visit(target);
                }
            }
            for child in map.values_mut() {
                local_refs(child, visit);
            }
        }
        Value::Sequence(items) => {
            for child in items {
                local_refs(child, visit);
            }
        }
        _ => {}
    }
}
