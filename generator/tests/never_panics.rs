//! Throws thousands of mutated specs at the generator: it must answer each
//! with a client whose Rust files parse, or with at least one error, and never
//! panic. The seeds are the project's spec, the broken corpus and any fixture
//! specs; each case applies a few random edits to the YAML tree (delete,
//! duplicate, retype, re-point a `$ref`, rename a key, graft another subtree)
//! or to the text itself. Bounded to a few seconds; `PROPTEST_CASES` raises
//! the count for a longer local run.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use generator::{generate, Config, Severity};
use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

const CASES: u32 = 2000;
const MAX_SEED_BYTES: usize = 64 * 1024;

const ODD_NAMES: &[&str] = &[
    "",
    "type",
    "self",
    "Self",
    "123abc",
    "foo-bar",
    "x.y",
    "café",
    "Unknown",
    "{id}",
    "/a/{b}/{b}",
    "~1",
    "$ref",
    "200",
    "2XX",
    "default",
    "x-ext",
    "get",
    "String",
    "new",
    "RecordingResponse",
    "recording_response",
    "_",
    "a b",
    "\u{1F600}",
];

const ODD_REFS: &[&str] = &[
    "#/components/schemas/Recording",
    "#/components/schemas/RecordingResponse",
    "#/components/schemas/Missing",
    "#/components/responses/NotFound",
    "#/components/parameters/Nope",
    "#/paths",
    "#",
    "",
    "other.yaml#/components/schemas/X",
    "#/components/schemas/",
];

/// Each seed's text as written (comments, quoting, flow style) and its tree.
fn seeds() -> &'static [(String, Value)] {
    static SEEDS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    SEEDS.get_or_init(read_seeds)
}

fn read_seeds() -> Vec<(String, Value)> {
    // The project's spec comes first.
    let mut texts = vec![include_str!("../../spec/openapi.yaml").to_string()];
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    for dir in ["broken", "fixtures"] {
        let Ok(entries) = std::fs::read_dir(tests.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        texts.extend(
            paths
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
                .filter_map(|p| std::fs::read_to_string(p).ok())
                // A spec of a thousand operations would make its cases too slow.
                .filter(|text| text.len() <= MAX_SEED_BYTES),
        );
    }
    texts
        .into_iter()
        .filter_map(|text| {
            let value = serde_yaml::from_str::<Value>(&text).ok()?;
            value.is_mapping().then_some((text, value))
        })
        .collect()
}

/// One edit, chosen by `op`, at the node numbered `at` in pre-order, using
/// `aux` for whatever else it needs.
#[derive(Debug, Clone, Copy)]
struct Edit {
    op: u8,
    at: u32,
    aux: u32,
}

fn count(value: &Value) -> u32 {
    1 + match value {
        Value::Mapping(map) => map.values().map(count).sum(),
        Value::Sequence(items) => items.iter().map(count).sum(),
        _ => 0,
    }
}

/// The node numbered `n` in pre-order (0 is `value` itself).
fn nth(value: &mut Value, n: u32) -> Option<&mut Value> {
    if n == 0 {
        return Some(value);
    }
    let mut n = n - 1;
    let children: Vec<&mut Value> = match value {
        Value::Mapping(map) => map.values_mut().collect(),
        Value::Sequence(items) => items.iter_mut().collect(),
        _ => return None,
    };
    for child in children {
        let size = count(child);
        if n < size {
            return nth(child, n);
        }
        n -= size;
    }
    None
}

fn containers(value: &Value) -> u32 {
    match value {
        Value::Mapping(map) => 1 + map.values().map(containers).sum::<u32>(),
        Value::Sequence(items) => 1 + items.iter().map(containers).sum::<u32>(),
        _ => 0,
    }
}

/// The mapping or sequence numbered `n` in pre-order, counting only those.
fn nth_container(value: &mut Value, n: u32) -> Option<&mut Value> {
    if n == 0 {
        return (value.is_mapping() || value.is_sequence()).then_some(value);
    }
    let mut n = n - 1;
    let children: Vec<&mut Value> = match value {
        Value::Mapping(map) => map.values_mut().collect(),
        Value::Sequence(items) => items.iter_mut().collect(),
        _ => return None,
    };
    for child in children {
        let size = containers(child);
        if n < size {
            return nth_container(child, n);
        }
        n -= size;
    }
    None
}

fn keys(value: &Value) -> u32 {
    match value {
        Value::Mapping(map) => map.len() as u32 + map.values().map(keys).sum::<u32>(),
        Value::Sequence(items) => items.iter().map(keys).sum(),
        _ => 0,
    }
}

/// The mapping holding the key numbered `n` in pre-order, and the key's index
/// in it: keys are picked evenly, so names in big maps (`properties`) are
/// renamed as often as they occur.
fn nth_key(value: &mut Value, mut n: u32) -> Option<(&mut Mapping, usize)> {
    match value {
        Value::Mapping(map) => {
            if (n as usize) < map.len() {
                return Some((map, n as usize));
            }
            n -= map.len() as u32;
            for child in map.values_mut() {
                let size = keys(child);
                if n < size {
                    return nth_key(child, n);
                }
                n -= size;
            }
            None
        }
        Value::Sequence(items) => {
            for child in items {
                let size = keys(child);
                if n < size {
                    return nth_key(child, n);
                }
                n -= size;
            }
            None
        }
        _ => None,
    }
}

fn pick<'a>(list: &[&'a str], aux: u32) -> &'a str {
    list[aux as usize % list.len()]
}

fn apply(root: &mut Value, edit: Edit) {
    let total = count(root);
    let graft = nth(&mut root.clone(), edit.aux % total).cloned();
    let op = edit.op % 7;
    // Edits of children are aimed at mappings and sequences, the others at any node.
    let node = if matches!(op, 0 | 1 | 6) {
        let total = containers(root).max(1);
        nth_container(root, edit.at % total)
    } else {
        nth(root, edit.at % total)
    };
    let Some(node) = node else {
        return;
    };
    match op {
        // Delete a child.
        0 => match node {
            Value::Mapping(map) if !map.is_empty() => {
                let key = map.keys().nth(edit.aux as usize % map.len()).cloned();
                if let Some(key) = key {
                    map.remove(&key);
                }
            }
            Value::Sequence(items) if !items.is_empty() => {
                items.remove(edit.aux as usize % items.len());
            }
            _ => *node = Value::Null,
        },
        // Duplicate a child, under a name that may collide once converted.
        1 => match node {
            Value::Mapping(map) if !map.is_empty() => {
                let entry = map.iter().nth(edit.aux as usize % map.len());
                if let Some((Value::String(key), value)) = entry {
                    let twin = if edit.aux % 2 == 0 {
                        key.to_uppercase()
                    } else {
                        format!("{key}_")
                    };
                    let value = value.clone();
                    map.insert(Value::String(twin), value);
                }
            }
            Value::Sequence(items) if !items.is_empty() => {
                let item = items[edit.aux as usize % items.len()].clone();
                items.push(item);
            }
            _ => {}
        },
        // Change the kind of a node.
        2 => {
            *node = match edit.aux % 9 {
                0 => Value::Null,
                1 => Value::Bool(true),
                2 => Value::Number(0.into()),
                3 => Value::Number((-1).into()),
                4 => Value::Number(1.5.into()),
                5 => Value::String(String::new()),
                6 => Value::String(pick(ODD_NAMES, edit.aux / 9).to_string()),
                7 => Value::Sequence(Vec::new()),
                _ => Value::Mapping(Mapping::new()),
            }
        }
        // Make a node a `$ref`, to somewhere or nowhere.
        3 => {
            let mut map = Mapping::new();
            map.insert("$ref".into(), pick(ODD_REFS, edit.aux).into());
            *node = Value::Mapping(map);
        }
        // Rename a key (picked among all keys, not at `node`).
        4 => {
            let total = keys(root).max(1);
            if let Some((map, index)) = nth_key(root, edit.at % total) {
                let entries: Vec<(Value, Value)> = std::mem::take(map).into_iter().collect();
                *map = entries
                    .into_iter()
                    .enumerate()
                    .map(|(i, (key, value))| {
                        let key = if i == index {
                            pick(ODD_NAMES, edit.aux).into()
                        } else {
                            key
                        };
                        (key, value)
                    })
                    .collect();
            }
        }
        // Put another part of the document here.
        5 => {
            if let Some(graft) = graft {
                *node = graft;
            }
        }
        // Give a mapping an odd extra key.
        _ => {
            if let Value::Mapping(map) = node {
                let value = graft.unwrap_or(Value::Null);
                map.insert(pick(ODD_NAMES, edit.aux).into(), value);
            }
        }
    }
}

/// Damage the text itself: cut it short, or insert a character YAML cares about.
fn damage_text(text: &mut String, at: u32, aux: u32) {
    let mut cut = at as usize % (text.len() + 1);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    match aux % 3 {
        0 => text.truncate(cut),
        _ => text.insert(
            cut,
            [':', '[', '{', '"', '\'', '\t', '-', '&', '*', '\n'][aux as usize % 10],
        ),
    }
}

/// Files already found to parse: most runs repeat most files (the runtime
/// always), and parsing is a slow part of a case.
static PARSED: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

fn parsed_before(contents: &str) -> bool {
    PARSED.lock().is_ok_and(|parsed| parsed.contains(contents))
}

fn remember_parsed(contents: &str) {
    if let Ok(mut parsed) = PARSED.lock() {
        parsed.insert(contents.to_string());
    }
}

fn check(text: &str) -> Result<(), TestCaseError> {
    match generate(text, &Config::new("fuzzed")) {
        Ok(generated) => {
            let rust = generated.files.iter().filter(|f| f.path.ends_with(".rs"));
            for file in rust.filter(|f| !parsed_before(&f.contents)) {
                if let Err(error) = syn::parse_file(&file.contents) {
                    return Err(TestCaseError::fail(format!(
                        "{} does not parse: {error}\nspec:\n{text}",
                        file.path
                    )));
                }
                remember_parsed(&file.contents);
            }
        }
        Err(diagnostics) => prop_assert!(
            diagnostics.iter().any(|d| d.severity == Severity::Error),
            "a failed run must say why; got {diagnostics:?}"
        ),
    }
    Ok(())
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (any::<u8>(), any::<u32>(), any::<u32>()).prop_map(|(op, at, aux)| Edit { op, at, aux }),
        1..5,
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(CASES),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_specs_generate_or_report_errors_and_never_panic(
        // A fifth of the cases start from the project's spec, which
        // generates, so that many reach the emitters rather than stopping at
        // an error (those take longest, which bounds the share).
        from_spec in prop::bool::weighted(0.2),
        seed in any::<prop::sample::Index>(),
        edits in edits(),
        text_damage in prop::option::weighted(0.15, (any::<u32>(), any::<u32>())),
    ) {
        let seeds = seeds();
        let (seed_text, seed_value) = if from_spec { &seeds[0] } else { seed.get(seeds) };
        let mut text = match text_damage {
            // Damage the text as written, where the locator meets real layouts.
            Some((at, aux)) if aux % 2 == 0 => {
                let mut text = seed_text.clone();
                damage_text(&mut text, at, aux / 2);
                text
            }
            _ => {
                let mut spec = seed_value.clone();
                for edit in edits {
                    apply(&mut spec, edit);
                }
                serde_yaml::to_string(&spec).expect("a YAML tree serializes")
            }
        };
        if let Some((at, aux)) = text_damage.filter(|(_, aux)| aux % 2 == 1) {
            damage_text(&mut text, at, aux / 2);
        }
        check(&text)?;
    }
}
