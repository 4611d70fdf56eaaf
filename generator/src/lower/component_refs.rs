//! `$ref`s to `#/components/<kind>/<key>` followed to the item they finally name.

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

/// Like [`follow`], with the problem reported rather than returned.
pub fn resolve<'d, T: Component>(
    doc: &'d OpenAPI,
    item: &'d ReferenceOr<T>,
    pointer: &Pointer,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'d T, Pointer)> {
    follow(doc, item, pointer)
        .map_err(|diagnostic| diagnostics.push(diagnostic))
        .ok()
}

/// The item a chain of `$ref`s reaches and where it is written, or the error at `pointer`.
pub fn follow<'d, T: Component>(
    doc: &'d OpenAPI,
    item: &'d ReferenceOr<T>,
    pointer: &Pointer,
) -> Result<(&'d T, Pointer), Diagnostic> {
    let prefix = format!("#/components/{}/", T::KIND);
    let mut current = item;
    let mut home = pointer.clone();
    let mut seen = Vec::new();
    loop {
        let reference = match current {
            ReferenceOr::Item(item) => return Ok((item, home)),
            ReferenceOr::Reference { reference } => reference,
        };
        if seen.contains(&reference) || seen.len() >= MAX_REF_CHAIN {
            return Err(Diagnostic::error(
                pointer,
                format!("`$ref: {reference}` is part of a cycle of references"),
            ));
        }
        seen.push(reference);
        let key = reference.strip_prefix(&prefix);
        let Some((next, key)) = key.and_then(|key| T::lookup(doc, key)).zip(key) else {
            return Err(
                Diagnostic::error(pointer, format!("`$ref: {reference}` points nowhere"))
                    .with_hint(format!(
                        "it must name an entry of `#/components/{}`",
                        T::KIND
                    )),
            );
        };
        current = next;
        home = Pointer::root().push("components").push(T::KIND).push(key);
    }
}
