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
    let value = serde_json::to_value(value)
        .map_err(|error| format!("query parameter `{name}` cannot be encoded: {error}"))?;
    let mut pairs = Vec::new();
    match (style, &value) {
        (_, Value::Null) => {}
        (QueryStyle::DeepObject, _) => deep_pairs(name.to_string(), &value, &mut pairs),
        (QueryStyle::FormExploded, Value::Array(items)) => {
            pairs.extend(
                items
                    .iter()
                    .filter_map(scalar)
                    .map(|v| (name.to_string(), v)),
            );
        }
        (QueryStyle::FormExploded, Value::Object(fields)) => {
            pairs.extend(
                fields
                    .iter()
                    .filter_map(|(key, v)| scalar(v).map(|v| (key.clone(), v))),
            );
        }
        (QueryStyle::Form, Value::Object(fields)) => {
            let joined = fields
                .iter()
                .filter_map(|(key, v)| scalar(v).map(|v| format!("{key},{v}")))
                .collect::<Vec<_>>()
                .join(",");
            pairs.push((name.to_string(), joined));
        }
        (_, Value::Array(items)) => {
            let separator = match style {
                QueryStyle::SpaceDelimited => " ",
                QueryStyle::PipeDelimited => "|",
                _ => ",",
            };
            let joined = items
                .iter()
                .filter_map(scalar)
                .collect::<Vec<_>>()
                .join(separator);
            pairs.push((name.to_string(), joined));
        }
        (_, other) => pairs.extend(scalar(other).map(|v| (name.to_string(), v))),
    }
    Ok(pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key, b"[]"), encode(value, b"")))
        .collect::<Vec<_>>()
        .join("&"))
}

/// The text of a header parameter: scalars as they are, arrays comma-separated.
pub(crate) fn header_text(value: &impl Serialize) -> Result<Option<String>, String> {
    match serde_json::to_value(value).map_err(|error| error.to_string())? {
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

fn deep_pairs(prefix: String, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (key, value) in fields {
                deep_pairs(format!("{prefix}[{key}]"), value, pairs);
            }
        }
        Value::Array(items) => {
            for item in items {
                deep_pairs(prefix.clone(), item, pairs);
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
