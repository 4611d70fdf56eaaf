// The fixed part of a generated crate's `tests/examples/mod.rs`, before the check of text
// the spec's formats allow: `crate::emit::spec_example_tests` parses it as Rust.

//! The spec's examples as JSON, each named after where it is written in the
//! spec, and the round trip every example must survive.
//!
//! Every test target that declares `mod examples;` uses only some of this.
#![cfg_attr(rustfmt, rustfmt::skip)]
#![allow(dead_code, unused_imports, unused_macros)]

/// An example from the spec.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// Where the example is written in the spec, as a JSON pointer.
    pub pointer: &'static str,
    /// The example as JSON.
    pub json: &'static str,
}

impl Example {
    /// The example decoded into `T`; panics naming the JSON path that failed.
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> T {
        let decoder = &mut serde_json::Deserializer::from_str(self.json);
        serde_path_to_error::deserialize(decoder).unwrap_or_else(|error| {
            let type_name = std::any::type_name::<T>();
            let (pointer, path) = (self.pointer, error.path());
            panic!("the example at {pointer} does not decode into `{type_name}`: at `{path}`: {}", error.inner())
        })
    }

    /// Panics unless `decoded` encodes back to JSON equivalent to the
    /// example: nothing lost, added or changed on the way.
    pub fn assert_encodes_back<T: serde::Serialize>(&self, decoded: &T) {
        let pointer = self.pointer;
        let example: serde_json::Value =
            serde_json::from_str(self.json).expect("every example is valid JSON");
        // Through the text, as a body is sent: `to_value` widens an `f32`.
        let encoded: serde_json::Value = serde_json::to_string(decoded)
            .and_then(|text| serde_json::from_str(&text))
            .unwrap_or_else(|error| {
            panic!("the example at {pointer} decodes but does not encode again: {error}")
        });
        if let Some(difference) = difference(&example, &encoded, "") {
            let message = format!("the example at {pointer} does not encode back to equivalent JSON");
            panic!("{message}: {difference}\n  example: {example}\n  encoded: {encoded}");
        }
    }
}

/// Where `encoded` differs from `example`, if anywhere. A missing member
/// and `null` are the same, and numbers compare by value.
fn difference(
    example: &serde_json::Value,
    encoded: &serde_json::Value,
    path: &str,
) -> Option<String> {
    use serde_json::Value;
    match (example, encoded) {
        (Value::Object(example), Value::Object(encoded)) => {
            example.keys().chain(encoded.keys()).find_map(|key| {
                let path = format!("{path}/{key}");
                let in_example = example.get(key).filter(|value| !value.is_null());
                let in_encoded = encoded.get(key).filter(|value| !value.is_null());
                match (in_example, in_encoded) {
                    (Some(example), Some(encoded)) => difference(example, encoded, &path),
                    (Some(_), None) => Some(format!("`{path}` is lost")),
                    (None, Some(_)) => Some(format!("`{path}` is added")),
                    (None, None) => None,
                }
            })
        }
        (Value::Array(example), Value::Array(encoded)) if example.len() == encoded.len() => {
            let mut pairs = example.iter().zip(encoded).enumerate();
            pairs.find_map(|(index, (example, encoded))| {
                difference(example, encoded, &format!("{path}/{index}"))
            })
        }
        (Value::Number(example), Value::Number(encoded)) if example.as_f64() == encoded.as_f64() => None,
        (Value::String(example), Value::String(encoded)) if same_text(example, encoded) => None,
        _ if example == encoded => None,
        _ => {
            let path = if path.is_empty() { "/" } else { path };
            Some(format!("`{path}` is {example} in the example but {encoded} once encoded"))
        }
    }
}
