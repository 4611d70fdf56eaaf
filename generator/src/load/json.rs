//! A JSON document read on every core. Objects near the root are split
//! into their members down to [`SPLIT_DEPTH`] (a path's operations, a
//! component's schemas), in one pass that only finds where each deeper value
//! starts and ends; those values are then parsed in parallel and put back in
//! their places. The result is the tree serde_json gives for the whole text.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_yaml::{Mapping, Number, Value};

use crate::hashed::HashedSet;
use crate::parallel::in_parallel;

/// How deep objects are split: the members of `paths` and of
/// `components.schemas` are at depth 2, their values at depth 3.
const SPLIT_DEPTH: usize = 3;

/// About how much JSON text one piece of parallel work parses.
const BYTES_PER_BATCH: usize = 64 * 1024;

/// The tree of `text`, or `None` where it is not valid JSON (duplicate keys
/// included) or not an object.
pub fn parse(text: &str) -> Option<Value> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let root = Split { depth: 0 }.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    let mut raw = Vec::new();
    root.raw_values(&mut raw);
    let mut values = parse_in_batches(&raw)?.into_iter();
    root.into_value(&mut values)
}

/// A value whose shallow objects are split into members, and whose deeper
/// values are still text.
enum Node<'a> {
    Object(Vec<(String, Node<'a>)>),
    Raw(&'a RawValue),
    /// A scalar or array near the root, parsed as it was met.
    Parsed(Value),
}

impl<'a> Node<'a> {
    /// The unparsed values, in document order.
    fn raw_values(&self, into: &mut Vec<&'a RawValue>) {
        match self {
            Node::Object(members) => members.iter().for_each(|(_, node)| node.raw_values(into)),
            Node::Raw(raw) => into.push(raw),
            Node::Parsed(_) => {}
        }
    }

    /// The node's tree, its raw values taken from `parsed` in document order.
    fn into_value(self, parsed: &mut impl Iterator<Item = Value>) -> Option<Value> {
        match self {
            Node::Object(members) => {
                let mut mapping = Mapping::with_capacity(members.len());
                for (key, node) in members {
                    mapping.insert(Value::String(key), node.into_value(parsed)?);
                }
                Some(Value::Mapping(mapping))
            }
            Node::Raw(_) => parsed.next(),
            Node::Parsed(value) => Some(value),
        }
    }
}

/// Parses the raw values on every core, in batches of about
/// [`BYTES_PER_BATCH`] of consecutive values; `None` if one is refused.
fn parse_in_batches(raw: &[&RawValue]) -> Option<Vec<Value>> {
    let mut batches: Vec<&[&RawValue]> = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (index, value) in raw.iter().enumerate() {
        bytes += value.get().len();
        if bytes >= BYTES_PER_BATCH {
            batches.push(raw.get(start..=index)?);
            (start, bytes) = (index + 1, 0);
        }
    }
    batches.push(raw.get(start..)?);
    let parsed = in_parallel(&batches, |batch| {
        batch
            .iter()
            .map(|raw| serde_json::from_str::<Value>(raw.get()).ok())
            .collect::<Option<Vec<Value>>>()
    })
    .ok()?;
    let mut values = Vec::with_capacity(raw.len());
    for batch in parsed {
        values.extend(batch?);
    }
    Some(values)
}

/// Reads a value at `depth`: objects above [`SPLIT_DEPTH`] member by member,
/// anything deeper as raw text.
struct Split {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Split {
    type Value = Node<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node<'de>, D::Error> {
        if self.depth >= SPLIT_DEPTH {
            return <&RawValue>::deserialize(deserializer).map(Node::Raw);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Split {
    type Value = Node<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        let mut members = Vec::new();
        let mut keys = HashedSet::new();
        while let Some(key) = map.next_key::<String>()? {
            // serde_yaml refuses a key written twice; so does this reading.
            if !keys.insert(key.clone()) {
                return Err(A::Error::custom(format!(
                    "duplicate entry with key \"{key}\""
                )));
            }
            let node = map.next_value_seed(Split {
                depth: self.depth + 1,
            })?;
            members.push((key, node));
        }
        Ok(Node::Object(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Node::Parsed(Value::Sequence(items)))
    }

    fn visit_bool<E: Error>(self, value: bool) -> Result<Node<'de>, E> {
        Ok(Node::Parsed(Value::Bool(value)))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<Node<'de>, E> {
        Ok(Node::Parsed(Value::Number(Number::from(value))))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<Node<'de>, E> {
        Ok(Node::Parsed(Value::Number(Number::from(value))))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<Node<'de>, E> {
        Ok(Node::Parsed(Value::Number(Number::from(value))))
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Node<'de>, E> {
        Ok(Node::Parsed(Value::String(value.to_string())))
    }

    fn visit_unit<E: Error>(self) -> Result<Node<'de>, E> {
        Ok(Node::Parsed(Value::Null))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_json's reading of the whole text, which [`parse`] must equal.
    fn whole(text: &str) -> Option<Value> {
        serde_json::from_str(text).ok()
    }

    #[test]
    fn a_split_reading_equals_the_whole_reading() {
        let text = r#"{"openapi": "3.0.3", "n": -1, "big": 18446744073709551615,
            "f": 1.5, "t": true, "z": null, "tags": [{"name": "a"}, 2],
            "paths": {"/a": {"get": {"x": [1, {"y": "\u00e9"}]}, "parameters": []}},
            "components": {"schemas": {"B": {"type": "string"}, "A": {"type": "object"}}}}"#;
        assert!(whole(text).is_some());
        assert_eq!(parse(text), whole(text));
    }

    #[test]
    fn many_values_are_parsed_in_batches_and_put_back_in_order() {
        let schemas: Vec<String> = (0..2000)
            .map(|i| {
                format!(
                    r#""S{i}": {{"description": "{}", "n": {i}}}"#,
                    "x".repeat(100)
                )
            })
            .collect();
        let text = format!(
            r#"{{"components": {{"schemas": {{{}}}}}}}"#,
            schemas.join(",")
        );
        assert_eq!(parse(&text), whole(&text));
    }

    #[test]
    fn a_key_written_twice_is_refused_at_any_depth() {
        assert_eq!(parse(r#"{"a": 1, "a": 2}"#), None);
        assert_eq!(parse(r#"{"p": {"q": {"r": {"s": 1, "s": 2}}}}"#), None);
    }

    #[test]
    fn text_that_is_not_json_or_not_whole_is_refused() {
        assert_eq!(parse(r#"{"a": 1"#), None);
        assert_eq!(parse(r#"{"a": 1} trailing"#), None);
        assert_eq!(parse(r#"{"p": {"q": {"r": [1,]}}}"#), None);
    }
}
