//! The output depends on what the spec says, not on how it is written: the
//! order its maps list their keys in, YAML or JSON, quoting and layout. (Hash
//! seeds cannot matter either: hash maps are never walked, which clippy checks.)

use generator::{generate, Config, GeneratedFile};
use serde_yaml::Value;

const SPEC: &str = include_str!("../../spec/openapi.yaml");

fn files(spec: &str) -> Vec<GeneratedFile> {
    match generate(spec, &Config::new("telnyx")) {
        Ok(generated) => generated.files,
        Err(diagnostics) => panic!("the spec does not generate: {diagnostics:#?}"),
    }
}

fn reverse_maps(value: &mut Value) {
    match value {
        Value::Mapping(map) => {
            let mut entries: Vec<(Value, Value)> = std::mem::take(map).into_iter().collect();
            entries.reverse();
            for (_, child) in &mut entries {
                reverse_maps(child);
            }
            *map = entries.into_iter().collect();
        }
        Value::Sequence(items) => items.iter_mut().for_each(reverse_maps),
        _ => {}
    }
}

#[test]
fn reversing_every_map_of_the_spec_gives_byte_identical_files() {
    let mut value: Value = serde_yaml::from_str(SPEC).unwrap();
    reverse_maps(&mut value);
    let reordered = serde_yaml::to_string(&value).unwrap();
    assert!(
        reordered.starts_with("components:"),
        "the maps were reordered"
    );
    assert_eq!(files(&reordered), files(SPEC));
}

#[test]
fn the_spec_written_as_json_gives_byte_identical_files() {
    let value: serde_json::Value = serde_yaml::from_str(SPEC).unwrap();
    let json = serde_json::to_string_pretty(&value).unwrap();
    assert_eq!(files(&json), files(SPEC));
}
