//! The recursion limit a crate root sets when its models hold each other in chains longer than
//! the default limit, past which rustdoc, following the types a model holds to work out its auto
//! traits, stops with E0275.
//!
//! The limit set is an upper bound on the steps: a chain visits each model at most once, so within
//! a group of models that reach each other it takes at most the sum of each one's longest step,
//! and between groups at most the longest path.

use rustc_hash::FxHashMap;

use crate::model::{RustType, TypeDef, TypeKind};

/// The compiler's recursion limit when a crate sets none.
const DEFAULT_LIMIT: usize = 128;

/// Steps from a struct into a field's type, which may be an `Option`.
const FIELD_STEPS: usize = 1;

/// Steps from `Box<T>` to `T`: the box, its `Unique`, `NonNull` and raw pointer.
const BOX_STEPS: usize = 4;

/// Steps from `Vec<T>` to `T`: the vector, its `RawVec` and that one's `PhantomData`.
const VEC_STEPS: usize = 3;

/// Steps from `HashMap<String, T>` to `T`: std's and hashbrown's maps, the raw table, its
/// `PhantomData` and the key-value pair.
const MAP_STEPS: usize = 5;

/// An upper bound on the steps into a type the models do not define, `serde_json::Value`
/// (which holds itself through a `BTreeMap`) being the deepest.
const LEAF_STEPS: usize = 24;

/// Steps above the models, for the types outside `models` that hold one (a webhook event's
/// variants, a request's body).
const OUTSIDE_STEPS: usize = 8;

/// The recursion limit the crate root sets, when its models need more than the default.
pub fn needed(types: &[TypeDef]) -> Option<usize> {
    let limit = longest_chain(types) + LEAF_STEPS + OUTSIDE_STEPS;
    (limit > DEFAULT_LIMIT).then_some(limit)
}

/// An upper bound on the steps of the longest chain of types held inside one another,
/// from a model down to a type the models do not define.
fn longest_chain(types: &[TypeDef]) -> usize {
    let index: FxHashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(number, def)| (def.name.as_str(), number))
        .collect();
    let reached: Vec<Vec<Reached>> = types
        .iter()
        .map(|def| {
            let first = match def.kind {
                TypeKind::Struct(_) => FIELD_STEPS,
                _ => 0,
            };
            let held = def.kind.held_types().into_iter();
            held.map(|ty| reach(ty, first, &index)).collect()
        })
        .collect();
    let graph: Vec<Vec<usize>> = reached
        .iter()
        .map(|edges| edges.iter().filter_map(|edge| edge.model).collect())
        .collect();
    let (component, count) = components(&graph);
    let component_of = |node: usize| component.get(node).copied().unwrap_or_default();
    let mut members = vec![Vec::new(); count];
    for (node, edges) in reached.iter().enumerate() {
        if let Some(list) = members.get_mut(component_of(node)) {
            list.push(edges);
        }
    }
    // Components are numbered so that each reaches only those numbered before it.
    let mut longest: Vec<usize> = Vec::with_capacity(count);
    for (current, members) in members.iter().enumerate() {
        let inside = |edge: &&Reached| edge.model.map(component_of) == Some(current);
        let within: usize = members
            .iter()
            .map(|edges| edges.iter().filter(inside).map(|edge| edge.steps).max())
            .map(Option::unwrap_or_default)
            .sum();
        let leaving = members
            .iter()
            .flat_map(|edges| edges.iter())
            .filter(|edge| !inside(edge))
            .map(|edge| {
                let beyond = edge.model.map(component_of);
                edge.steps
                    + beyond
                        .and_then(|to| longest.get(to))
                        .copied()
                        .unwrap_or_default()
            })
            .max()
            .unwrap_or_default();
        longest.push(within + leaving);
    }
    longest.into_iter().max().unwrap_or(0)
}

/// A type held by a model, and the steps from the model to it.
struct Reached {
    /// The model reached, or `None` for a type the models do not define.
    model: Option<usize>,
    steps: usize,
}

/// The type `ty` leads to through its boxes, vectors and maps, `steps` being those taken to
/// reach `ty`.
fn reach(ty: &RustType, steps: usize, index: &FxHashMap<&str, usize>) -> Reached {
    let model = match ty {
        RustType::Boxed(inner) | RustType::Nullable(inner) => {
            return reach(inner, steps + BOX_STEPS, index)
        }
        RustType::Vec(inner) => return reach(inner, steps + VEC_STEPS, index),
        RustType::Map(inner) => return reach(inner, steps + MAP_STEPS, index),
        RustType::Named(name) => index.get(name.as_str()).copied(),
        _ => None,
    };
    Reached {
        model,
        steps: steps + 1,
    }
}

/// The strongly connected components of `graph` (Kosaraju's algorithm, without recursion): each
/// node's component, numbered so that a component reaches only those numbered before it, and
/// how many there are.
fn components(graph: &[Vec<usize>]) -> (Vec<usize>, usize) {
    let mut reversed = vec![Vec::new(); graph.len()];
    for (node, successors) in graph.iter().enumerate() {
        for &successor in successors {
            if let Some(predecessors) = reversed.get_mut(successor) {
                predecessors.push(node);
            }
        }
    }
    // The nodes in the order their depth-first visits of the reversed graph end.
    let mut finished = Vec::with_capacity(graph.len());
    let mut seen = vec![false; graph.len()];
    for root in 0..graph.len() {
        // Each node being visited, with how many of its predecessors it has looked at.
        let mut calls = vec![(root, 0)];
        while let Some((node, next)) = calls.pop() {
            let visited = |seen: &mut bool| std::mem::replace(seen, true);
            if next == 0 && seen.get_mut(node).is_none_or(visited) {
                continue;
            }
            match reversed.get(node).and_then(|edges| edges.get(next)) {
                Some(&predecessor) => calls.extend([(node, next + 1), (predecessor, 0)]),
                None => finished.push(node),
            }
        }
    }
    // From the last node finished, each component found is one that reaches none not found yet.
    let mut component = vec![None; graph.len()];
    let mut count = 0;
    for &root in finished.iter().rev() {
        if component.get(root) != Some(&None) {
            continue;
        }
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            if let Some(slot @ None) = component.get_mut(node) {
                *slot = Some(count);
                stack.extend(graph.get(node).into_iter().flatten());
            }
        }
        count += 1;
    }
    let component = component.into_iter().map(Option::unwrap_or_default);
    (component.collect(), count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Union, UnionVariant};

    /// A union of `held`, one variant each.
    fn union(name: &str, held: Vec<RustType>) -> TypeDef {
        let variants = held
            .into_iter()
            .enumerate()
            .map(|(number, ty)| UnionVariant {
                rust_name: format!("V{number}"),
                ty,
                tags: Vec::new(),
            });
        let union = Union {
            variants: variants.collect(),
            discriminator: None,
        };
        TypeDef::bare(name, TypeKind::Union(union))
    }

    /// `length` unions each holding the next boxed, the last holding the first.
    fn ring(length: usize) -> Vec<TypeDef> {
        let name = |number: usize| format!("Link{}", number % length);
        let boxed = |number| RustType::Boxed(Box::new(RustType::Named(name(number))));
        (0..length)
            .map(|n| union(&name(n), vec![boxed(n + 1)]))
            .collect()
    }

    #[test]
    fn a_chain_counts_its_longest_branch_only() {
        let mut types = vec![union(
            "Root",
            (0..10)
                .map(|n| RustType::Named(format!("Leaf{n}")))
                .collect(),
        )];
        types.extend((0..10).map(|n| union(&format!("Leaf{n}"), vec![RustType::String])));
        assert_eq!(longest_chain(&types), 2);
    }

    #[test]
    fn a_ring_counts_every_link_of_it() {
        assert_eq!(longest_chain(&ring(3)), 3 * (BOX_STEPS + 1));
    }

    #[test]
    fn only_models_past_the_default_limit_need_one() {
        let margin = LEAF_STEPS + OUTSIDE_STEPS;
        assert_eq!(needed(&ring(18)), None);
        assert_eq!(needed(&ring(20)), Some(20 * (BOX_STEPS + 1) + margin));
    }

    #[test]
    fn components_are_numbered_after_those_they_reach() {
        // 0 -> 1 <-> 2 -> 3, and 4 alone.
        let graph = vec![vec![1], vec![2], vec![1, 3], vec![], vec![]];
        let (component, count) = components(&graph);
        assert_eq!(count, 4);
        assert_eq!(component[1], component[2]);
        assert!(component[3] < component[1]);
        assert!(component[1] < component[0]);
    }
}
