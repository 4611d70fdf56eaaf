//! `$ref`s to `#/components/<kind>/<key>` (parameters, bodies, responses,
//! examples) followed to the item they finally name.

use openapiv3::ReferenceOr;

use crate::diagnostics::{Diagnostic, Pointer};

/// How many `$ref`s in a row may be followed before giving up.
pub const MAX_REF_CHAIN: usize = 32;

/// Follows `$ref`s to `#/components/<kind>/<key>` until an item is reached,
/// and gives where that item is written. A ref that points nowhere, or a
/// chain that loops, is reported and gives `None`.
pub fn resolve<'a, T>(
    item: &'a ReferenceOr<T>,
    lookup: impl Fn(&str) -> Option<&'a ReferenceOr<T>>,
    kind: &str,
    pointer: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'a T, Pointer)> {
    let prefix = format!("#/components/{kind}/");
    let mut current = item;
    let mut home = pointer.clone();
    let mut seen = Vec::new();
    loop {
        let reference = match current {
            ReferenceOr::Item(item) => return Some((item, home)),
            ReferenceOr::Reference { reference } => reference,
        };
        if seen.contains(&reference) || seen.len() >= MAX_REF_CHAIN {
            diagnostics.push(Diagnostic::error(
                pointer,
                format!("`$ref: {reference}` is part of a cycle of references"),
            ));
            return None;
        }
        seen.push(reference);
        let key = reference.strip_prefix(&prefix);
        match key.and_then(&lookup).zip(key) {
            Some((next, key)) => {
                current = next;
                home = Pointer::root().push("components").push(kind).push(key);
            }
            None => {
                diagnostics.push(
                    Diagnostic::error(pointer, format!("`$ref: {reference}` points nowhere"))
                        .with_hint(format!("it must name an entry of `#/components/{kind}`")),
                );
                return None;
            }
        }
    }
}

/// Follows `$ref`s within `#/components` to an item, and gives the pointer
/// of that item: where its examples are written.
pub fn follow<'d, T>(
    item: &'d ReferenceOr<T>,
    kind: &str,
    lookup: impl Fn(&str) -> Option<&'d ReferenceOr<T>>,
    pointer: Pointer,
) -> Result<(&'d T, Pointer), String> {
    let prefix = format!("#/components/{kind}/");
    let mut current = item;
    let mut pointer = pointer;
    for _ in 0..MAX_REF_CHAIN {
        match current {
            ReferenceOr::Item(item) => return Ok((item, pointer)),
            ReferenceOr::Reference { reference } => {
                let next = reference.strip_prefix(&prefix).and_then(&lookup);
                let target = Pointer::from_ref(reference).zip(next);
                let Some((target_pointer, next)) = target else {
                    return Err(format!("`$ref: {reference}` points nowhere"));
                };
                pointer = target_pointer;
                current = next;
            }
        }
    }
    Err("this `$ref` is part of a cycle of references".to_string())
}
