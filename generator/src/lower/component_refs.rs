//! `$ref`s to `#/components/<kind>/<key>` (parameters, bodies, responses,
//! examples) followed to the item they finally name.

use openapiv3::{Example, OpenAPI, Parameter, ReferenceOr, RequestBody, Response};

use crate::diagnostics::{Diagnostic, Pointer};

/// How many `$ref`s in a row may be followed before giving up.
pub const MAX_REF_CHAIN: usize = 32;

/// An item kept under `#/components/<KIND>`.
pub trait Component: Sized {
    const KIND: &'static str;
    fn lookup<'d>(doc: &'d OpenAPI, key: &str) -> Option<&'d ReferenceOr<Self>>;
}

macro_rules! component {
    ($type:ty, $kind:literal, $field:ident) => {
        impl Component for $type {
            const KIND: &'static str = $kind;
            fn lookup<'d>(doc: &'d OpenAPI, key: &str) -> Option<&'d ReferenceOr<Self>> {
                doc.components.as_ref()?.$field.get(key)
            }
        }
    };
}

component!(Parameter, "parameters", parameters);
component!(RequestBody, "requestBodies", request_bodies);
component!(Response, "responses", responses);
component!(Example, "examples", examples);

/// Follows `$ref`s to `#/components/<kind>/<key>` until an item is reached,
/// and gives where that item is written. A ref that points nowhere, or a
/// chain that loops, is reported and gives `None`.
pub fn resolve<'d, T: Component>(
    doc: &'d OpenAPI,
    item: &'d ReferenceOr<T>,
    pointer: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'d T, Pointer)> {
    let prefix = format!("#/components/{}/", T::KIND);
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
        match key.and_then(|key| T::lookup(doc, key)).zip(key) {
            Some((next, key)) => {
                current = next;
                home = Pointer::root().push("components").push(T::KIND).push(key);
            }
            None => {
                diagnostics.push(
                    Diagnostic::error(pointer, format!("`$ref: {reference}` points nowhere"))
                        .with_hint(format!(
                            "it must name an entry of `#/components/{}`",
                            T::KIND
                        )),
                );
                return None;
            }
        }
    }
}

/// Follows `$ref`s within `#/components` to an item, and gives the pointer
/// of that item: where its examples are written.
pub fn follow<'d, T: Component>(
    doc: &'d OpenAPI,
    item: &'d ReferenceOr<T>,
    pointer: Pointer,
) -> Result<(&'d T, Pointer), String> {
    let prefix = format!("#/components/{}/", T::KIND);
    let mut current = item;
    let mut pointer = pointer;
    for _ in 0..MAX_REF_CHAIN {
        match current {
            ReferenceOr::Item(item) => return Ok((item, pointer)),
            ReferenceOr::Reference { reference } => {
                let next = reference
                    .strip_prefix(&prefix)
                    .and_then(|key| T::lookup(doc, key));
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
