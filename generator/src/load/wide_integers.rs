//! Integers too wide for 64 bits, such as `minimum: -9223372036854776000` (a 64-bit bound
//! printed through a float), read as the nearest 64-bit integer with a warning, since
//! serde_yaml refuses the whole document over one of them.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Number, Value};

use crate::diagnostics::{locate, Diagnostic};

/// Whether serde_yaml's `message` is its refusal of an integer wider than 64 bits.
pub fn refused(message: &str) -> bool {
    message.contains(" as i128,") || message.contains(" as u128,")
}

/// `text` read as YAML with every integer wider than 64 bits taken as the nearest one that
/// fits, and a warning for each.
pub fn read(text: &str) -> Result<(Value, Vec<Diagnostic>), serde_yaml::Error> {
    let wide = RefCell::new(Vec::new());
    let value = Lenient { wide: &wide }.deserialize(serde_yaml::Deserializer::from_str(text))?;
    let warnings = wide
        .into_inner()
        .into_iter()
        .map(|(written, read)| Diagnostic {
            location: position(text, &written.to_string()),
            ..Diagnostic::warning(
                "#",
                format!("the integer {written} does not fit in 64 bits; it is read as {read}"),
            )
        })
        .collect();
    Ok((value, warnings))
}

/// The nearest 64-bit integer to `n`.
fn nearest(n: i128) -> Number {
    if n < 0 {
        Number::from(i64::try_from(n).unwrap_or(i64::MIN))
    } else {
        Number::from(u64::try_from(n).unwrap_or(u64::MAX))
    }
}

/// The 1-based line and column where `literal` is first written as a whole number in `text`.
fn position(text: &str, literal: &str) -> Option<(usize, usize)> {
    let at = text.match_indices(literal).find_map(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + literal.len()..].chars().next();
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '-');
        (!digit(before) && !digit(after)).then_some(at)
    })?;
    Some(locate::end_of(&text[..at]))
}

/// Builds a `Value` as serde_yaml's own does, except for wide integers, which it records
/// (as written, as read) in `wide`.
#[derive(Clone, Copy)]
struct Lenient<'w> {
    wide: &'w RefCell<Vec<(i128, Number)>>,
}

impl Lenient<'_> {
    fn wide(self, n: i128) -> Value {
        let read = nearest(n);
        self.wide.borrow_mut().push((n, read.clone()));
        Value::Number(read)
    }
}

impl<'de> DeserializeSeed<'de> for Lenient<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Lenient<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_i128<E>(self, n: i128) -> Result<Value, E> {
        Ok(self.wide(n))
    }

    fn visit_u128<E>(self, n: u128) -> Result<Value, E> {
        Ok(self.wide(i128::try_from(n).unwrap_or(i128::MAX)))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        while let Some(key) = map.next_key_seed(self)? {
            if mapping.contains_key(&key) {
                // The words of serde_yaml's own refusal, which loading recognises.
                let key = match &key {
                    Value::String(text) => format!("{text:?}"),
                    other => serde_yaml::to_string(other).unwrap_or_default(),
                };
                return Err(serde::de::Error::custom(format!(
                    "duplicate entry with key {}",
                    key.trim_end()
                )));
            }
            let value = map.next_value_seed(self)?;
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, variant) = data.variant::<String>()?;
        let value = variant.newtype_variant_seed(self)?;
        Ok(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_integer_below_64_bits_is_read_as_the_smallest_64_bit_one() {
        let Ok((value, warnings)) = read("minimum: -9223372036854776000\n") else {
            panic!("not read");
        };
        assert_eq!(value["minimum"].as_i64(), Some(i64::MIN));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location, Some((1, 10)));
        assert!(
            warnings[0]
                .message
                .contains("-9223372036854776000 does not fit in 64 bits"),
            "{}",
            warnings[0].message
        );
    }

    #[test]
    fn an_integer_above_64_bits_is_read_as_the_largest_64_bit_one() {
        let Ok((value, _)) = read("a: [1, 99999999999999999999]\n") else {
            panic!("not read");
        };
        assert_eq!(value["a"][1].as_u64(), Some(u64::MAX));
        assert_eq!(value["a"][0].as_i64(), Some(1));
    }

    #[test]
    fn the_rest_of_the_document_reads_as_serde_yaml_reads_it() {
        let text = "a: {b: [x, 2.5, true, null]}\nc: !tag 3\nd: \"-9223372036854776000\"\n";
        let Ok((value, warnings)) = read(text) else {
            panic!("not read");
        };
        let plain: Value = serde_yaml::from_str(text).unwrap_or(Value::Null);
        assert_eq!(value, plain);
        assert!(warnings.is_empty());
    }

    #[test]
    fn a_key_written_twice_is_still_refused() {
        let Err(error) = read("a: 1\na: 99999999999999999999\n") else {
            panic!("read");
        };
        assert!(refused_twice(&error.to_string()), "{error}");
    }

    fn refused_twice(message: &str) -> bool {
        message.starts_with("duplicate entry with key \"a\"")
    }

    #[test]
    fn serde_yaml_refusing_a_wide_integer_is_recognised() {
        let Err(error) = serde_yaml::from_str::<Value>("a: -9223372036854776000\n") else {
            panic!("serde_yaml read it");
        };
        assert!(refused(&error.to_string()), "{error}");
    }
}
