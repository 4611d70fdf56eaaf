//! The source tree keeps the shape docs/ARCHITECTURE.md describes: data flows one way
//! through the stages, and the modules of a stage do not import each other in a loop.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages in the order data flows through them, then the parts every stage may use.
const STAGES: &[&str] = &["load", "lower", "emit", "format"];

/// A module's path inside the crate (`["lower", "types", "names"]`) and the
/// module paths its code names with `crate::` or `super::`.
fn imports() -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    rust_files(&src)
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(&src).unwrap().with_extension("");
            let mut module: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            let text = std::fs::read_to_string(&file).unwrap();
            // Unit tests may reach anywhere; comments only mention.
            let code = text.split("#[cfg(test)]").next().unwrap();
            let names = code
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .flat_map(|line| named_paths(line, &module))
                .collect();
            (module, names)
        })
        .collect()
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The crate paths a line names: `super::a::b`, `crate::a`, and each item of `super::{a, b::c}`.
fn named_paths(line: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (at, start) in line
        .match_indices("super::")
        .chain(line.match_indices("crate::"))
    {
        if line[..at].ends_with("::")
            || line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let mut base: Vec<String> = match start {
            "super::" => module[..module.len().saturating_sub(1)].to_vec(),
            _ => Vec::new(),
        };
        let mut rest = &line[at + start.len()..];
        while let Some(after) = rest.strip_prefix("super::") {
            base.pop();
            rest = after;
        }
        let tails: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group.split([',', '}']).map(str::trim).collect(),
            None => vec![rest],
        };
        for tail in tails {
            let words = tail
                .split("::")
                .map(|w| w.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_')))
                .take_while(|w| {
                    !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_')
                });
            let path: Vec<String> = base
                .iter()
                .cloned()
                .chain(words.map(String::from))
                .collect();
            if path.len() > base.len() {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn no_stage_imports_a_later_stage() {
    let mut wrong = Vec::new();
    for (module, names) in imports() {
        let Some(stage) = module
            .first()
            .and_then(|m| STAGES.iter().position(|s| s == m))
        else {
            continue;
        };
        for name in names {
            let later = name
                .first()
                .and_then(|first| STAGES.iter().position(|s| s == first))
                .is_some_and(|named| named > stage);
            if later {
                wrong.push(format!("{} names {}", module.join("::"), name.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the flow: {wrong:#?}");
}

#[test]
fn the_modules_of_a_stage_do_not_import_each_other_in_a_loop() {
    // An edge from one top-level module of a stage to another it names.
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let modules: BTreeSet<Vec<String>> = imports().into_iter().map(|(m, _)| m).collect();
    for (module, names) in imports() {
        let [stage, from, ..] = module.as_slice() else {
            continue;
        };
        for name in names {
            match name.as_slice() {
                [named_stage, to, ..]
                    if named_stage == stage
                        && to != from
                        && modules.contains(&vec![stage.clone(), to.clone()]) =>
                {
                    edges
                        .entry(format!("{stage}::{from}"))
                        .or_default()
                        .insert(format!("{stage}::{to}"));
                }
                _ => {}
            }
        }
    }
    let loops: Vec<String> = edges
        .keys()
        .filter(|start| reaches(&edges, start, start))
        .cloned()
        .collect();
    assert!(loops.is_empty(), "modules in an import loop: {loops:?}");
}

/// Whether following `edges` from `from`'s imports comes back to `target`.
fn reaches(edges: &BTreeMap<String, BTreeSet<String>>, from: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut next: Vec<&str> = vec![from];
    while let Some(module) = next.pop() {
        for to in edges.get(module).into_iter().flatten() {
            if to == target {
                return true;
            }
            if seen.insert(to.as_str()) {
                next.push(to);
            }
        }
    }
    false
}
