//! Types that contain themselves: boxed where Rust needs it, refused where it cannot.

use std::collections::{BTreeMap, BTreeSet};

use super::schema::TypeRegistry;
use crate::diagnostics::Diagnostic;
use crate::model::{RustType, TypeKind};

impl TypeRegistry<'_> {
    /// Boxes every struct field and enum variant that leads back to its own
    /// type without passing through a `Vec` or map, which already allocate.
    /// Aliases that are their own definition are errors.
    pub(super) fn box_recursive_fields(&mut self) {
        let graph: BTreeMap<&str, Vec<&str>> = self
            .types
            .iter()
            .map(|(name, def)| (name.as_str(), direct_names(&def.kind)))
            .collect();
        let components = strongly_connected(&graph);
        let same_cycle = |a: &str, b: &str| {
            components
                .get(a)
                .is_some_and(|c| Some(c) == components.get(b))
        };
        let mut boxed: Vec<(String, usize)> = Vec::new();
        let mut alias_cycles = Vec::new();
        for (name, def) in &self.types {
            match &def.kind {
                TypeKind::Struct(fields) => boxed.extend(
                    fields
                        .iter()
                        .enumerate()
                        .filter(|(_, f)| matches!(&f.ty, RustType::Named(t) if same_cycle(name, t)))
                        .map(|(index, _)| (name.clone(), index)),
                ),
                TypeKind::Union(union) => boxed.extend(
                    union
                        .variants
                        .iter()
                        .enumerate()
                        .filter(|(_, v)| matches!(&v.ty, RustType::Named(t) if same_cycle(name, t)))
                        .map(|(index, _)| (name.clone(), index)),
                ),
                TypeKind::Alias(target) if alias_loops(name, target, &self.types) => {
                    alias_cycles.push(name.clone());
                }
                _ => {}
            }
        }
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

/// The named types a type holds inline (not behind a `Vec` or map).
fn direct_names(kind: &TypeKind) -> Vec<&str> {
    fn named(ty: &RustType) -> Option<&str> {
        match ty {
            RustType::Named(name) => Some(name.as_str()),
            _ => None,
        }
    }
    match kind {
        TypeKind::Struct(fields) => fields.iter().filter_map(|f| named(&f.ty)).collect(),
        TypeKind::Union(union) => union.variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeKind::Alias(target) => named(target).into_iter().collect(),
        TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) => Vec::new(),
    }
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

/// Kosaraju's algorithm, iteratively: each node's strongly connected component
/// (numbered); a node alone is in a cycle only if it points to itself,
/// which `same_cycle` also catches since a node shares its own component.
fn strongly_connected<'n>(graph: &BTreeMap<&'n str, Vec<&'n str>>) -> BTreeMap<&'n str, usize> {
    let mut order = Vec::new();
    let mut visited = BTreeSet::new();
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
    let mut reverse: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (&node, edges) in graph {
        for &child in edges {
            reverse.entry(child).or_default().push(node);
        }
    }
    let mut component = BTreeMap::new();
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
