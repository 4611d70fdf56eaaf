//! Types that contain themselves: boxed where Rust needs it, refused where it cannot.

use std::collections::{BTreeMap, BTreeSet};

use super::schema::TypeRegistry;
use crate::diagnostics::Diagnostic;
use crate::hashed::{HashedMap, HashedSet};
use crate::model::{RustType, TypeKind};

impl TypeRegistry<'_> {
    /// Boxes struct fields and enum variants so that no type contains itself
    /// without an allocation in between (`Vec`s and maps already allocate).
    /// Edges are considered in name and field order, and one is boxed only if
    /// it still closes a cycle, so types are boxed where needed and no more.
    /// Aliases that are their own definition are errors.
    pub(super) fn box_recursive_fields(&mut self) {
        let graph: BTreeMap<&str, Vec<Edge>> = self
            .types
            .iter()
            .map(|(name, def)| (name.as_str(), direct_edges(&def.kind)))
            .collect();
        let plain: BTreeMap<&str, Vec<&str>> = graph
            .iter()
            .map(|(name, edges)| (*name, edges.iter().map(|e| e.target).collect()))
            .collect();
        let components = strongly_connected(&plain);
        let mut boxed: BTreeSet<(&str, usize)> = BTreeSet::new();
        for (&owner, edges) in &graph {
            for edge in edges {
                let Some(index) = edge.index else { continue };
                let in_cycle = components
                    .get(owner)
                    .is_some_and(|c| Some(c) == components.get(edge.target));
                if in_cycle && reaches(&graph, &boxed, edge.target, owner) {
                    boxed.insert((owner, index));
                }
            }
        }
        let boxed: Vec<(String, usize)> = boxed
            .into_iter()
            .map(|(owner, index)| (owner.to_string(), index))
            .collect();
        let alias_cycles: Vec<String> = self
            .types
            .iter()
            .filter(|(name, def)| matches!(&def.kind, TypeKind::Alias(target) if alias_loops(name, target, &self.types)))
            .map(|(name, _)| name.clone())
            .collect();
        for name in alias_cycles {
            let pointer = self
                .origins
                .get(&name)
                .map(String::from)
                .unwrap_or_default();
            self.diagnostics.push(
                Diagnostic::error(
                    pointer,
                    format!("schema `{name}` is defined in terms of itself with no object in between"),
                )
                .with_hint("a chain of `$ref`s, or an array or map of itself, has no Rust type; wrap it in an object"),
            );
        }
        for (name, index) in boxed {
            let Some(def) = self.types.get_mut(&name) else {
                continue;
            };
            let ty = match &mut def.kind {
                TypeKind::Struct(fields) => fields.get_mut(index).map(|f| &mut f.ty),
                TypeKind::Union(union) => union.variants.get_mut(index).map(|v| &mut v.ty),
                _ => None,
            };
            if let Some(ty) = ty {
                *ty = RustType::Boxed(Box::new(std::mem::replace(ty, RustType::Json)));
            }
        }
    }
}

/// A named type held inline (not behind a `Vec` or map): by a struct field
/// or enum variant (`index`, which can be boxed) or by an alias (which cannot).
struct Edge<'t> {
    target: &'t str,
    index: Option<usize>,
}

fn direct_edges(kind: &TypeKind) -> Vec<Edge<'_>> {
    fn named(ty: &RustType) -> Option<&str> {
        match ty {
            RustType::Named(name) => Some(name.as_str()),
            _ => None,
        }
    }
    fn indexed<'t>(types: impl Iterator<Item = &'t RustType>) -> Vec<Edge<'t>> {
        types
            .enumerate()
            .filter_map(|(index, ty)| {
                named(ty).map(|target| Edge {
                    target,
                    index: Some(index),
                })
            })
            .collect()
    }
    match kind {
        TypeKind::Struct(fields) => indexed(fields.iter().map(|f| &f.ty)),
        TypeKind::Union(union) => indexed(union.variants.iter().map(|v| &v.ty)),
        TypeKind::Alias(target) => named(target)
            .map(|target| Edge {
                target,
                index: None,
            })
            .into_iter()
            .collect(),
        TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) => Vec::new(),
    }
}

/// Whether `to` is reachable from `from` through edges not yet boxed.
fn reaches(
    graph: &BTreeMap<&str, Vec<Edge>>,
    boxed: &BTreeSet<(&str, usize)>,
    from: &str,
    to: &str,
) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::from([from]);
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        for edge in graph.get(node).map_or(&[][..], Vec::as_slice) {
            let open = edge
                .index
                .is_none_or(|index| !boxed.contains(&(node, index)));
            if open && seen.insert(edge.target) {
                stack.push(edge.target);
            }
        }
    }
    false
}

/// Whether an alias reaches itself through aliases only, including inside
/// `Vec`s and maps: Rust type aliases may not be recursive at all.
fn alias_loops(
    start: &str,
    target: &RustType,
    types: &BTreeMap<String, crate::model::TypeDef>,
) -> bool {
    let mut stack = vec![target];
    let mut seen = BTreeSet::new();
    while let Some(ty) = stack.pop() {
        match ty {
            RustType::Named(name) if name == start => return true,
            RustType::Named(name) if seen.insert(name.as_str()) => {
                if let Some(TypeKind::Alias(next)) = types.get(name).map(|d| &d.kind) {
                    stack.push(next);
                }
            }
            RustType::Vec(inner) | RustType::Map(inner) | RustType::Boxed(inner) => {
                stack.push(inner)
            }
            _ => {}
        }
    }
    false
}

/// Kosaraju's algorithm, iteratively: each node's strongly connected
/// component, numbered. Only an edge within a component can close a cycle
/// (a self-loop is within its node's component). The numbering follows
/// `graph`'s order.
fn strongly_connected<'n>(graph: &BTreeMap<&'n str, Vec<&'n str>>) -> HashedMap<&'n str, usize> {
    let mut order = Vec::new();
    let mut visited = HashedSet::new();
    for &start in graph.keys() {
        if !visited.insert(start) {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            let edges = graph.get(node).map_or(&[][..], Vec::as_slice);
            match edges.get(next) {
                Some(&child) => {
                    stack.push((node, next + 1));
                    if graph.contains_key(child) && visited.insert(child) {
                        stack.push((child, 0));
                    }
                }
                None => order.push(node),
            }
        }
    }
    let mut reverse: HashedMap<&str, Vec<&str>> = HashedMap::new();
    for (&node, edges) in graph {
        for &child in edges {
            reverse.get_or_default(child).push(node);
        }
    }
    let mut component = HashedMap::new();
    for (number, &root) in order.iter().rev().enumerate() {
        if component.contains_key(root) {
            continue;
        }
        let mut stack = vec![root];
        component.insert(root, number);
        while let Some(node) = stack.pop() {
            for &parent in reverse.get(node).map_or(&[][..], Vec::as_slice) {
                if !component.contains_key(parent) {
                    component.insert(parent, number);
                    stack.push(parent);
                }
            }
        }
    }
    component
}
