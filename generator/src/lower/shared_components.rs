//! Components that several operations share, whose types are named after the component
//! rather than after whichever operation used it first.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr};
use rustc_hash::FxHashMap;

use super::component_refs::{resolve, Component};
use crate::diagnostics::{unescape_token, Pointer};
use crate::naming;

/// The name hint of each component used by more than one operation, by its pointer.
pub fn shared_components(doc: &OpenAPI) -> FxHashMap<String, String> {
    let mut users: BTreeMap<String, usize> = BTreeMap::new();
    for item in doc.paths.paths.values().filter_map(ReferenceOr::as_item) {
        for (_, operation) in super::operation::generated_methods(item) {
            let mut used = BTreeSet::new();
            for parameter in item.parameters.iter().chain(&operation.parameters) {
                used.extend(home(doc, parameter));
            }
            let body = operation.request_body.as_ref();
            used.extend(body.and_then(|body| home(doc, body)));
            let responses = operation.responses.responses.values();
            for response in responses.chain(&operation.responses.default) {
                used.extend(home(doc, response));
            }
            for pointer in used {
                *users.entry(pointer).or_default() += 1;
            }
        }
    }
    users
        .into_iter()
        .filter(|(_, count)| *count > 1)
        .map(|(pointer, _)| {
            // The last reference token is the component's key.
            let key = pointer.rsplit('/').next().unwrap_or_default();
            let name = naming::type_name(&unescape_token(key));
            (pointer, name)
        })
        .collect()
}

/// The pointer of the component a `$ref` finally names, if it is one.
fn home<'d, T: Component>(doc: &'d OpenAPI, item: &'d ReferenceOr<T>) -> Option<String> {
    let ReferenceOr::Reference { .. } = item else {
        return None;
    };
    // Broken refs are reported when the operation is lowered.
    let (_, home) = resolve(doc, item, &Pointer::root(), &mut Vec::new())?;
    Some(home.as_str().to_string())
}
