//! `$ref`s into other files. The generator reads one document, so a spec split across
//! files (an operation or schema written in a file of its own) is refused with one error
//! per such `$ref`, before any check that would blame the missing content instead.

use serde_yaml::Value;

use super::document_checks::key_text;
use super::{Trail, DATA_KEYS};
use crate::diagnostics::{Diagnostic, Pointer};

/// An error for every `$ref` in `root` that names another document, outside
/// data and `x-` extensions, which tools read as they like.
pub fn check(root: &Value) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    walk(root, &Trail::Root, false, &mut errors);
    errors
}

/// `property_names`: `value` maps property names to schemas, so none of its keys is data.
fn walk(value: &Value, trail: &Trail<'_>, property_names: bool, errors: &mut Vec<Diagnostic>) {
    match value {
        Value::Mapping(mapping) => {
            if let Some(Value::String(reference)) = mapping.get("$ref") {
                // An empty `$ref` names this document's root: it points nowhere, reported later.
                let elsewhere = !reference.is_empty() && !reference.starts_with('#');
                if elsewhere && !property_names {
                    errors.push(error(reference, &trail.pointer()));
                }
            }
            for (key, child) in mapping {
                let key = key_text(key);
                let skipped = key.starts_with("x-") || DATA_KEYS.contains(&key.as_ref());
                if property_names || !skipped {
                    let holds_properties = !property_names && key == "properties";
                    walk(child, &Trail::Key(trail, &key), holds_properties, errors);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, &Trail::Index(trail, index), false, errors);
            }
        }
        Value::Tagged(tagged) => walk(&tagged.value, trail, property_names, errors),
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
