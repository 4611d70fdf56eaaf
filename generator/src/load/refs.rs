//! Every `$ref` checked before anything else: one into another file is an error, since the
//! generator reads one document and every later check would blame the missing content; one
//! that points nowhere in this document is a warning, since a part the generator does not
//! read (an unused component, an `options` operation) may hold it.

use serde_yaml::Value;

use super::document_checks::key_text;
use super::{is_extension, names_below, Trail, DATA_KEYS};
use crate::diagnostics::{reference_tokens, Diagnostic, Pointer};

/// An error for every `$ref` in `root` that names another document and a warning for every
/// one that names nothing in `root`, outside data and `x-` extensions, which tools read as
/// they like.
pub fn check(root: &Value) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk(root, root, &Trail::Root, None, &mut found);
    found
}

/// `names`: the key of the mapping `value` is, when that is keyed by names (see
/// [`NAMED_ENTRIES`](super::NAMED_ENTRIES)).
fn walk(
    root: &Value,
    value: &Value,
    trail: &Trail<'_>,
    names: Option<&str>,
    found: &mut Vec<Diagnostic>,
) {
    match value {
        Value::Mapping(mapping) => {
            if let Some(Value::String(reference)) = mapping.get("$ref").filter(|_| names.is_none())
            {
                if let Some(diagnostic) = check_ref(root, reference, trail) {
                    found.push(diagnostic);
                }
            }
            for (key, child) in mapping {
                let key = key_text(key);
                // `examples` beside a media type or parameter holds Example Objects, whose
                // `$ref`s are references like any other; a schema's `examples` is a list of data.
                let example_objects = key == "examples" && !child.is_sequence();
                let data = DATA_KEYS.contains(&key.as_ref()) && !example_objects;
                if !is_extension(names, &key) && (names.is_some() || !data) {
                    let below = names_below(names, &key);
                    walk(root, child, &Trail::Key(trail, &key), below, found);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(root, item, &Trail::Index(trail, index), None, found);
            }
        }
        Value::Tagged(tagged) => walk(root, &tagged.value, trail, names, found),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// The diagnostic for `reference`, written at `trail`, if it names another file or nothing.
fn check_ref(root: &Value, reference: &str, trail: &Trail<'_>) -> Option<Diagnostic> {
    // An empty `$ref` names this document's root: it points nowhere, reported by lowering.
    if !reference.is_empty() && !reference.starts_with('#') {
        return Some(elsewhere(reference, &trail.pointer()));
    }
    // `#` alone names the whole document, and `#anchor` a 3.1 anchor: neither is checked here.
    if !reference.starts_with("#/") {
        return None;
    }
    node(root, reference)
        .is_none()
        .then(|| nowhere(reference, &trail.pointer()))
}

/// The node the local `$ref` `reference` (`#/...`) names in `document`, if it has one.
pub(super) fn node<'v>(document: &'v Value, reference: &str) -> Option<&'v Value> {
    let tokens = reference_tokens(reference)?;
    tokens
        .iter()
        .try_fold(document, |node, token| child(node, token))
}

/// The node a JSON pointer's reference token names below `node`: a key (YAML may read
/// `200:` as a number), or an index.
fn child<'v>(node: &'v Value, token: &str) -> Option<&'v Value> {
    match node {
        Value::Mapping(mapping) => mapping.get(token).or_else(|| {
            let mut entries = mapping.iter();
            entries.find_map(|(key, child)| (key_text(key) == token).then_some(child))
        }),
        Value::Sequence(items) => items.get(token.parse::<usize>().ok()?),
        Value::Tagged(tagged) => child(&tagged.value, token),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => None,
    }
}

fn elsewhere(reference: &str, pointer: &Pointer) -> Diagnostic {
    Diagnostic::error(
        pointer,
        format!("`$ref: {reference}` points into another file; the generator reads only this one"),
    )
    .with_hint("bundle the spec's files into one document first (for instance with `npx @redocly/cli bundle`) and generate from that")
}

/// Where lowering reads such a `$ref` it refuses the spec, with an error that replaces this
/// warning when it is at the same place (see `located` in the crate root).
fn nowhere(reference: &str, pointer: &Pointer) -> Diagnostic {
    Diagnostic::warning(pointer, format!("`$ref: {reference}` points nowhere"))
        .with_hint("point it at a place in this document, or remove it")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(yaml: &str) -> Vec<String> {
        let root: Value = serde_yaml::from_str(yaml).expect("test YAML");
        check(&root)
            .into_iter()
            .map(|d| format!("{} {}", d.pointer, d.message))
            .collect()
    }

    #[test]
    fn a_ref_through_a_number_key_and_a_list_index_resolves() {
        let yaml = "a:\n  200:\n    list: [{x: 1}]\nb:\n  $ref: '#/a/200/list/0/x'\n";
        assert_eq!(found(yaml), Vec::<String>::new());
    }

    #[test]
    fn a_ref_past_the_end_of_a_list_points_nowhere() {
        let yaml = "a: [1]\nb:\n  $ref: '#/a/1'\n";
        assert_eq!(found(yaml), ["#/b `$ref: #/a/1` points nowhere"]);
    }

    #[test]
    fn a_schemas_examples_list_is_data_whose_refs_are_not_checked() {
        let yaml = "s:\n  examples:\n    - $ref: '#/nowhere'\n    - $ref: 'other.yaml'\n";
        assert_eq!(found(yaml), Vec::<String>::new());
    }

    #[test]
    fn example_objects_refs_are_checked() {
        let yaml = "m:\n  examples:\n    one:\n      $ref: '#/nowhere'\n";
        assert_eq!(
            found(yaml),
            ["#/m/examples/one `$ref: #/nowhere` points nowhere"]
        );
    }
}
