//! A spec written as JSON, read by serde_json with every mapping built once in key order,
//! since serde_yaml first buffers every event of the document, several times the size of
//! the text, and a mapping built in the text's order is built again to sort it.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Value};

/// The tree of `text` if it is a JSON object; `None` leaves it to serde_yaml, which also
/// says what is wrong with it.
pub fn parse(text: &str) -> Option<Value> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Tree(Order::Root).deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// How a mapping's entries are ordered.
#[derive(Clone, Copy)]
enum Order {
    /// The document: by key, but its `paths` as written.
    Root,
    /// As written: the order of `paths` says which of two operations sharing an
    /// operationId is the copy (`spec_repairs`), as it does in YAML.
    Written,
    ByKey,
}

/// A value read with its mappings in the given order, their own mappings by key.
#[derive(Clone, Copy)]
struct Tree(Order);

impl<'de> DeserializeSeed<'de> for Tree {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Tree {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, flag: bool) -> Result<Value, E> {
        Ok(Value::Bool(flag))
    }

    fn visit_i64<E>(self, number: i64) -> Result<Value, E> {
        Ok(Value::Number(number.into()))
    }

    fn visit_u64<E>(self, number: u64) -> Result<Value, E> {
        Ok(Value::Number(number.into()))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Value, E> {
        // serde_json reads an integer too wide for 64 bits, and `-0`, as a float; serde_yaml
        // reads them as the integers written, wide ones with a warning (`wide_integers`).
        let whole = number.fract() == 0.0;
        let wide = whole && (number <= i64::MIN as f64 || number >= u64::MAX as f64);
        if wide || (whole && number.is_sign_negative() && number > -1.0) {
            return Err(E::custom("an integer serde_json cannot read as one"));
        }
        Ok(Value::Number(number.into()))
    }

    fn visit_str<E>(self, text: &str) -> Result<Value, E> {
        Ok(Value::String(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<Value, E> {
        Ok(Value::String(text))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut sequence = Vec::with_capacity(items.size_hint().unwrap_or(0));
        while let Some(item) = items.next_element_seed(Tree(Order::ByKey))? {
            sequence.push(item);
        }
        Ok(Value::Sequence(sequence))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut pairs: Vec<(String, Value)> = Vec::new();
        while let Some(key) = entries.next_key::<String>()? {
            let order = match (self.0, key.as_str()) {
                (Order::Root, "paths") => Order::Written,
                _ => Order::ByKey,
            };
            pairs.push((key, entries.next_value_seed(Tree(order))?));
        }
        if !matches!(self.0, Order::Written) {
            pairs.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        }
        let mut mapping = Mapping::with_capacity(pairs.len());
        for (key, value) in pairs {
            if mapping.insert(Value::String(key), value).is_some() {
                // serde_yaml reads the text again and says where the key is repeated.
                return Err(de::Error::custom("a key is repeated"));
            }
        }
        Ok(Value::Mapping(mapping))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(value: &Value) -> Vec<&str> {
        let mapping = value.as_mapping().unwrap();
        mapping.keys().map(|key| key.as_str().unwrap()).collect()
    }

    #[test]
    fn mappings_come_out_in_key_order() {
        let value = parse(r#"{"b": {"z": 1, "a": [true, null]}, "a": "x"}"#).unwrap();
        assert_eq!(keys(&value), ["a", "b"]);
        assert_eq!(keys(&value["b"]), ["a", "z"]);
    }

    #[test]
    fn paths_keep_the_order_they_are_written_in() {
        let value = parse(r#"{"paths": {"/b": {"z": 1, "a": 2}, "/a": {}}}"#).unwrap();
        assert_eq!(keys(&value["paths"]), ["/b", "/a"]);
        assert_eq!(keys(&value["paths"]["/b"]), ["a", "z"]);
    }

    #[test]
    fn a_repeated_key_is_left_to_serde_yaml() {
        assert!(parse(r#"{"a": 1, "b": 2, "a": 3}"#).is_none());
    }

    #[test]
    fn numbers_read_as_serde_yaml_reads_them() {
        let text = r#"{"big": 18446744073709551615, "small": -9223372036854775808,
            "float": 0.30000000000000004, "exp": 1.5e3}"#;
        let yaml = "{big: 18446744073709551615, small: -9223372036854775808, \
                    float: 0.30000000000000004, exp: 1.5e3}";
        assert_eq!(parse(text), Some(serde_yaml::from_str(yaml).unwrap()));
    }

    #[test]
    fn integers_serde_json_reads_as_floats_are_left_to_serde_yaml() {
        assert!(parse(r#"{"wide": -9223372036854776000}"#).is_none());
        assert!(parse(r#"{"wide": 18446744073709551616}"#).is_none());
        assert!(parse(r#"{"zero": -0}"#).is_none());
    }

    #[test]
    fn text_that_does_not_open_an_object_is_left_to_serde_yaml() {
        assert!(parse("openapi: 3.0.3").is_none());
        assert!(parse("[1, 2]").is_none());
    }
}
