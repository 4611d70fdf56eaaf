//! `$ref`s that name a node normalisation moved (into an `anyOf` branch that became the
//! schema itself, say), pointed at where the node went.

use serde_yaml::Value;

use super::origins::PointerMap;
use crate::diagnostics::reference_tokens;

pub fn follow_moves(document: &mut Value, origins: &PointerMap) {
    let mut refs = Vec::new();
    collect(document, &mut Vec::new(), &mut refs);
    let moved: Vec<(Vec<Value>, String)> = refs
        .into_iter()
        .filter(|(_, target)| node(document, target).is_none())
        .map(|(at, target)| (at, origins.to_normalized(&target)))
        .filter(|(_, target)| node(document, target).is_some())
        .collect();
    for (at, target) in moved {
        if let Some(Value::Mapping(holder)) = node_mut(document, &at) {
            holder.insert(Value::from("$ref"), Value::from(target));
        }
    }
}

/// Every local `$ref`: the keys leading to the mapping that holds it, and its target.
fn collect(value: &Value, at: &mut Vec<Value>, refs: &mut Vec<(Vec<Value>, String)>) {
    match value {
        Value::Mapping(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                if target.starts_with("#/") {
                    refs.push((at.clone(), target.clone()));
                }
            }
            for (key, child) in map {
                at.push(key.clone());
                collect(child, at, refs);
                at.pop();
            }
        }
        Value::Sequence(items) => {
            for (index, child) in items.iter().enumerate() {
                at.push(Value::from(index));
                collect(child, at, refs);
                at.pop();
            }
        }
        _ => {}
    }
}

/// The node a local `$ref` names, if the document has it.
fn node<'v>(document: &'v Value, reference: &str) -> Option<&'v Value> {
    reference_tokens(reference)?
        .iter()
        .try_fold(document, |node, token| match node {
            Value::Mapping(map) => map.get(token.as_str()),
            Value::Sequence(items) => items.get(token.parse::<usize>().ok()?),
            _ => None,
        })
}

fn node_mut<'v>(document: &'v mut Value, at: &[Value]) -> Option<&'v mut Value> {
    at.iter().try_fold(document, |node, key| match (node, key) {
        (Value::Mapping(map), key) => map.get_mut(key),
        (Value::Sequence(items), Value::Number(index)) => {
            items.get_mut(usize::try_from(index.as_u64()?).ok()?)
        }
        _ => None,
    })
}
