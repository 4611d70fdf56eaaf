//! `$ref`s into other files, refused with one error each before any check that would blame
//! the missing content instead, since the generator reads one document.

use serde_yaml::Value;

use super::document_checks::key_text;
use super::{is_extension, names_below, Trail, DATA_KEYS};
use crate::diagnostics::{Diagnostic, Pointer};

/// An error for every `$ref` in `root` that names another document, outside data and
/// `x-` extensions, which tools read as they like.
pub fn check(root: &Value) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    walk(root, &Trail::Root, None, &mut errors);
    errors
}

/// `names`: the key of the mapping `value` is, when that is keyed by names (see
/// [`NAMED_ENTRIES`](super::NAMED_ENTRIES)).
fn walk(value: &Value, trail: &Trail<'_>, names: Option<&str>, errors: &mut Vec<Diagnostic>) {
    match value {
        Value::Mapping(mapping) => {
            if let Some(Value::String(reference)) = mapping.get("$ref") {
                // An empty `$ref` names this document's root: it points nowhere, reported later.
                let elsewhere = !reference.is_empty() && !reference.starts_with('#');
                if elsewhere && names.is_none() {
                    errors.push(error(reference, &trail.pointer()));
                }
            }
            for (key, child) in mapping {
                let key = key_text(key);
                // `examples` beside a media type or parameter holds Example Objects, whose
                // `$ref`s are references like any other.
                let data = DATA_KEYS.contains(&key.as_ref()) && key != "examples";
                if !is_extension(names, &key) && (names.is_some() || !data) {
                    let below = names_below(names, &key);
                    walk(child, &Trail::Key(trail, &key), below, errors);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, &Trail::Index(trail, index), None, errors);
            }
        }
        Value::Tagged(tagged) => walk(&tagged.value, trail, names, errors),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

fn error(reference: &str, pointer: &Pointer) -> Diagnostic {
    Diagnostic::error(
        pointer,
        format!("`$ref: {reference}` points into another file; the generator reads only this one"),
    )
    .with_hint("bundle the spec's files into one document first (for instance with `npx @redocly/cli bundle`) and generate from that")
}
