//! How query, header and form parameters are spelled, the way the OpenAPI
//! description asks.

use serde::Serialize;
use serde_json::Value;

/// How a query parameter is spelled (OpenAPI's `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueryStyle {
    /// `name=a&name=b`; an object gives one pair per property.
    FormExploded,
    /// `name=a,b`; an object gives `name=key,value,...`.
    Form,
    /// `name[key][nested]=value`, recursively.
    DeepObject,
    /// `name=a%20b`
    SpaceDelimited,
    /// `name=a|b`
    PipeDelimited,
}

/// The `name=value` pairs, percent-encoded and joined by `&`, that `value`
/// gives as the query parameter `name`. `None` (JSON `null`) gives nothing.
pub(crate) fn encode_query(
    name: &str,
    value: &impl Serialize,
    style: QueryStyle,
) -> Result<String, String> {
    let value = json_value(value)
        .map_err(|error| format!("query parameter `{name}` cannot be encoded: {error}"))?;
    // OpenAPI leaves a deepObject array undefined, and repeating the bare name would be the
    // exploded form the spec did not choose: its items are indexed, as in form bodies.
    let arrays = match (style, &value) {
        (QueryStyle::DeepObject, Value::Array(_)) => DeepArrays::Indexed,
        _ => DeepArrays::Repeated,
    };
    let mut pairs = Vec::new();
    value_pairs(name, &value, style, arrays, &mut pairs);
    Ok(pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key, b"[]"), encode(value, b"")))
        .collect::<Vec<_>>()
        .join("&"))
}

/// `value` as JSON, each number as a JSON body spells it: `serde_json::to_value` widens an
/// `f32` (`format: float`) to `f64`, so 0.1 became 0.10000000149011612, where the JSON text
/// is the shortest that reads back the same `f32`. Only a value holding a fraction takes
/// the trip through the text, so the usual strings and integers are converted once.
pub(crate) fn json_value(value: &impl Serialize) -> Result<Value, serde_json::Error> {
    let converted = serde_json::to_value(value)?;
    if holds_fraction(&converted) {
        serde_json::from_slice(&serde_json::to_vec(value)?)
    } else {
        Ok(converted)
    }
}

fn holds_fraction(value: &Value) -> bool {
    match value {
        Value::Number(number) => number.is_f64(),
        Value::Array(items) => items.iter().any(holds_fraction),
        Value::Object(fields) => fields.values().any(holds_fraction),
        Value::Null | Value::Bool(_) | Value::String(_) => false,
    }
}

/// The text of a header parameter: scalars as they are, arrays comma-separated.
pub(crate) fn header_text(value: &impl Serialize) -> Result<Option<String>, String> {
    match json_value(value).map_err(|error| error.to_string())? {
        Value::Null => Ok(None),
        Value::Array(items) => Ok(Some(
            items
                .iter()
                .filter_map(scalar)
                .collect::<Vec<_>>()
                .join(","),
        )),
        Value::Object(_) => Err("an object cannot be sent as a header".to_string()),
        other => Ok(scalar(&other)),
    }
}

/// `name=text` for the `Cookie` header, `text` percent-encoded but for RFC
/// 3986's unreserved characters.
pub(crate) fn cookie_pair(name: &str, text: &str) -> String {
    format!("{name}={}", encode(text, &[]))
}

/// `text` percent-encoded but for RFC 3986's unreserved characters.
pub(crate) fn percent_encode(text: &str) -> String {
    encode(text, &[])
}

/// How `deepObject` spells the items of an array inside a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeepArrays {
    /// `name[key]=a&name[key]=b`, as query parameters are usually read.
    Repeated,
    /// `name[key][0]=a&name[key][1]=b`, as form-encoded APIs (Stripe's, say)
    /// read nested values.
    Indexed,
}

/// The `name=value` pairs, not yet percent-encoded, that `value` gives as
/// the parameter or form field `name` in `style`; `null` gives none.
pub(crate) fn value_pairs(
    name: &str,
    value: &Value,
    style: QueryStyle,
    arrays: DeepArrays,
    pairs: &mut Vec<(String, String)>,
) {
    match (style, value) {
        (_, Value::Null) => {}
        (QueryStyle::DeepObject, _) => deep_pairs(name.to_string(), value, arrays, pairs),
        (QueryStyle::FormExploded, Value::Array(items)) => {
            pairs.extend(
                items
                    .iter()
                    .filter_map(scalar)
                    .map(|v| (name.to_string(), v)),
            );
        }
        // OpenAPI's exploded form spells an object as its own properties.
        (QueryStyle::FormExploded, Value::Object(fields)) => {
            pairs.extend(
                fields
                    .iter()
                    .filter_map(|(key, v)| scalar(v).map(|v| (key.clone(), v))),
            );
        }
        (_, Value::Object(fields)) => {
            let separator = separator(style);
            let joined = fields
                .iter()
                .filter_map(|(key, v)| scalar(v).map(|v| format!("{key}{separator}{v}")))
                .collect::<Vec<_>>()
                .join(separator);
            pairs.push((name.to_string(), joined));
        }
        (_, Value::Array(items)) => {
            let joined = items
                .iter()
                .filter_map(scalar)
                .collect::<Vec<_>>()
                .join(separator(style));
            pairs.push((name.to_string(), joined));
        }
        (_, other) => pairs.extend(scalar(other).map(|v| (name.to_string(), v))),
    }
}

/// What joins the items of an array or object that is not exploded.
fn separator(style: QueryStyle) -> &'static str {
    match style {
        QueryStyle::SpaceDelimited => " ",
        QueryStyle::PipeDelimited => "|",
        _ => ",",
    }
}

/// `name[key][nested]=value`: objects by key at any depth, arrays as `arrays` says.
fn deep_pairs(
    prefix: String,
    value: &Value,
    arrays: DeepArrays,
    pairs: &mut Vec<(String, String)>,
) {
    match value {
        Value::Object(fields) => {
            for (key, value) in fields {
                deep_pairs(format!("{prefix}[{key}]"), value, arrays, pairs);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let prefix = match arrays {
                    DeepArrays::Repeated => prefix.clone(),
                    DeepArrays::Indexed => format!("{prefix}[{index}]"),
                };
                deep_pairs(prefix, item, arrays, pairs);
            }
        }
        other => pairs.extend(scalar(other).map(|v| (prefix, v))),
    }
}

pub(crate) fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        Value::Array(_) | Value::Object(_) => Some(value.to_string()),
        other => Some(other.to_string()),
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters and `keep`.
pub(crate) fn encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_float_parameter_is_spelled_as_a_json_body_spells_it() {
        // `format: float` is an `f32`: 0.1 is not 0.10000000149011612 on the wire.
        let query = encode_query("score", &0.1f32, QueryStyle::FormExploded).unwrap();
        assert_eq!(query, "score=0.1");
        assert_eq!(header_text(&[42.2f32, 1.5]).unwrap().unwrap(), "42.2,1.5");
    }

    #[test]
    fn a_deep_object_array_parameter_indexes_its_items() {
        let query = encode_query(
            "expand",
            &json!(["customer", "invoice"]),
            QueryStyle::DeepObject,
        );
        assert_eq!(query.unwrap(), "expand[0]=customer&expand[1]=invoice");
    }

    #[test]
    fn arrays_inside_a_deep_object_parameter_repeat_their_key() {
        let query = encode_query(
            "filter",
            &json!({"status": ["a", "b"]}),
            QueryStyle::DeepObject,
        );
        assert_eq!(query.unwrap(), "filter[status]=a&filter[status]=b");
    }
}
