//! Types that contain themselves: boxed where Rust needs it, refused where it cannot.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use super::types::TypeRegistry;
use crate::diagnostics::Diagnostic;
use crate::model::{RustType, TypeDef, TypeKind};

impl TypeRegistry<'_> {
    /// Reports each alias defined in terms of itself (`A: $ref B`, `B: $ref A`), which no Rust
    /// type can be, and makes it a JSON value so that lowering the rest never goes round it.
    pub(super) fn refuse_alias_loops(&mut self) {
        let types = &self.defined.types;
        // Each loop once, at its first alias in name order.
        let mut reported: BTreeSet<&str> = BTreeSet::new();
        for (name, def) in types {
            let TypeKind::Alias(target) = &def.kind else {
                continue;
            };
            let mut chain = vec![name.as_str()];
            if reported.contains(name.as_str()) || !alias_loop(target, types, &mut chain) {
                continue;
            }
            reported.extend(&chain);
            let others: Vec<String> = chain
                .iter()
                .skip(1)
                .map(|name| format!("`{name}`"))
                .collect();
            let through = match others.as_slice() {
                [] => String::new(),
                names => format!(" through {}", names.join(" and ")),
            };
            let pointer = self.defined.origin(name).map(String::from);
            self.diagnostics.push(
                Diagnostic::error(
                    pointer.unwrap_or_default(),
                    format!("schema `{name}` is defined in terms of itself{through} with no object in between, which no Rust type can represent"),
                )
                .with_hint("a chain of `$ref`s, or an array or map of itself, has no Rust type; wrap it in an object"),
            );
        }
        let looped: Vec<String> = reported.into_iter().map(String::from).collect();
        for name in looped {
            if let Some(def) = self.defined.types.get_mut(&name) {
                def.kind = TypeKind::Alias(RustType::Json);
            }
        }
    }

    /// Boxes, in name and field order, each field or variant that still closes a cycle, so no
    /// type contains itself without an allocation.
    pub(super) fn box_recursive_fields(&mut self) {
        // Types by their place in name order, so the graph is walked without looking names up.
        let types = &self.defined.types;
        let index: FxHashMap<&str, usize> = types
            .keys()
            .enumerate()
            .map(|(number, name)| (name.as_str(), number))
            .collect();
        let graph: Vec<Vec<Edge>> = types
            .values()
            .map(|def| {
                let boxable = !matches!(def.kind, TypeKind::Alias(_));
                let held = def.kind.held_types().into_iter().enumerate();
                held.filter_map(|(field, ty)| match ty {
                    RustType::Named(name) => Some(Edge {
                        target: *index.get(name.as_str())?,
                        field: boxable.then_some(field),
                    }),
                    _ => None,
                })
                .collect()
            })
            .collect();
        let mut boxed: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (owner, edges) in graph.iter().enumerate() {
            for edge in edges {
                let Some(field) = edge.field else { continue };
                if reaches(&graph, &boxed, edge.target, owner) {
                    boxed.insert((owner, field));
                }
            }
        }
        let mut boxed = boxed.into_iter().peekable();
        for (number, def) in self.defined.types.values_mut().enumerate() {
            while let Some((_, field)) = boxed.next_if(|(owner, _)| *owner == number) {
                let ty = match &mut def.kind {
                    TypeKind::Struct(fields) => fields.get_mut(field).map(|f| &mut f.ty),
                    TypeKind::Union(union) => union.variants.get_mut(field).map(|v| &mut v.ty),
                    _ => None,
                };
                if let Some(ty) = ty {
                    *ty = RustType::Boxed(Box::new(std::mem::replace(ty, RustType::Json)));
                }
            }
        }
    }

    /// Boxes each union variant holding a struct or another union, so a union is the size of a
    /// pointer rather than of its largest variant: unions of many large objects would otherwise
    /// be hundreds of kilobytes, copied on every move and overflowing the stack when decoded.
    pub(super) fn box_object_variants(&mut self) {
        let objects: FxHashSet<String> = self
            .defined
            .types
            .iter()
            .filter(|(_, def)| matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)))
            .map(|(name, _)| name.clone())
            .collect();
        for def in self.defined.types.values_mut() {
            let TypeKind::Union(union) = &mut def.kind else {
                continue;
            };
            for variant in &mut union.variants {
                if matches!(&variant.ty, RustType::Named(name) if objects.contains(name)) {
                    let inline = std::mem::replace(&mut variant.ty, RustType::Json);
                    variant.ty = RustType::Boxed(Box::new(inline));
                }
            }
        }
    }
}

/// A named type held inline by a field or variant (which can be boxed) or an alias (which cannot).
struct Edge {
    target: usize,
    field: Option<usize>,
}

/// Whether `to` is reachable from `from` through edges not yet boxed.
fn reaches(graph: &[Vec<Edge>], boxed: &BTreeSet<(usize, usize)>, from: usize, to: usize) -> bool {
    let mut stack = vec![from];
    let mut seen = FxHashSet::default();
    seen.insert(from);
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        for edge in graph.get(node).map_or(&[][..], Vec::as_slice) {
            let open = edge
                .field
                .is_none_or(|field| !boxed.contains(&(node, field)));
            if open && seen.insert(edge.target) {
                stack.push(edge.target);
            }
        }
    }
    false
}

/// Whether the alias `chain[0]`, whose target is `ty`, reaches itself through aliases, `Vec`s
/// and maps, which Rust forbids; `chain` ends with the aliases on the way.
fn alias_loop<'t>(
    ty: &'t RustType,
    types: &'t BTreeMap<String, TypeDef>,
    chain: &mut Vec<&'t str>,
) -> bool {
    match ty {
        RustType::Named(name) if chain.first() == Some(&name.as_str()) => true,
        RustType::Named(name) if !chain.contains(&name.as_str()) => {
            let Some(TypeKind::Alias(next)) = types.get(name).map(|def| &def.kind) else {
                return false;
            };
            chain.push(name);
            alias_loop(next, types, chain)
        }
        RustType::Vec(inner)
        | RustType::Map(inner)
        | RustType::Boxed(inner)
        | RustType::Nullable(inner) => alias_loop(inner, types, chain),
        _ => false,
    }
}
