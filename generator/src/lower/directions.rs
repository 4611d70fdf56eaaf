//! Which types users build and which they only receive; a type not reached only from responses
//! or webhook payloads counts as sent, so users can build whatever they may need to send.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Resource, RustType, TypeDef};

/// Sets [`TypeDef::sent`] from how the operations use each type and the `received` ones.
pub fn mark_sent(types: &mut [TypeDef], resources: &[Resource], received: &[&RustType]) {
    let by_name = super::types_by_name(types);
    let operations = resources.iter().flat_map(|r| &r.operations);
    let mut sent_roots = Vec::new();
    let mut received_roots = received.to_vec();
    for op in operations {
        let params = op.path_params.iter().chain(&op.params).map(|p| &p.ty);
        sent_roots.extend(params);
        sent_roots.extend(op.body.iter().flat_map(|body| body.kind.types()));
        received_roots.extend(op.response.types());
    }
    let sent = reachable(&sent_roots, &by_name);
    let received = reachable(&received_roots, &by_name);
    let flags: Vec<bool> = types
        .iter()
        .map(|def| sent.contains(def.name.as_str()) || !received.contains(def.name.as_str()))
        .collect();
    for (def, sent) in types.iter_mut().zip(flags) {
        def.sent = sent;
    }
}

/// The names of every type `roots` reach, through fields, items, variants and aliases.
pub(super) fn reachable<'a>(
    roots: &[&'a RustType],
    types: &FxHashMap<&str, &'a TypeDef>,
) -> FxHashSet<&'a str> {
    reachable_in_order(roots, types).into_iter().collect()
}

/// The names of the types `roots` reach, each once, in an order that depends only on the model.
pub(super) fn reachable_in_order<'a>(
    roots: &[&'a RustType],
    types: &FxHashMap<&str, &'a TypeDef>,
) -> Vec<&'a str> {
    let mut seen = FxHashSet::default();
    let mut found = Vec::new();
    let mut pending: Vec<&RustType> = roots.to_vec();
    while let Some(ty) = pending.pop() {
        match ty {
            RustType::Vec(inner)
            | RustType::Map(inner)
            | RustType::Boxed(inner)
            | RustType::Nullable(inner) => {
                pending.push(inner);
            }
            RustType::Named(name) => {
                let Some(def) = types.get(name.as_str()) else {
                    continue;
                };
                if !seen.insert(def.name.as_str()) {
                    continue;
                }
                found.push(def.name.as_str());
                pending.extend(def.kind.held_types());
            }
            _ => {}
        }
    }
    found
}
