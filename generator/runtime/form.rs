//! `application/x-www-form-urlencoded` bodies: each property spelled in the
//! style the spec's `encoding` gives it, as OpenAPI defines the styles.

use serde::Serialize;
use serde_json::Value;

use crate::params::{encode, json_value, value_pairs, DeepArrays, QueryStyle};

/// How each property of one operation's form body is spelled: the
/// properties the spec's `encoding` map names with another style than
/// OpenAPI's default (`form`, exploded). Written by the generator as a
/// `static` table, so a call allocates nothing to consult it.
pub(crate) type FormStyles = &'static [(&'static str, QueryStyle)];

/// `body`, an object, as `name=value` pairs joined by `&`. Keys and values
/// are percent-encoded as form encoding asks (brackets too: `%5B`, `%5D`),
/// and the properties come in name order. `None` fields send nothing.
pub(crate) fn encode_form(body: &impl Serialize, styles: FormStyles) -> Result<String, String> {
    let value =
        json_value(body).map_err(|error| format!("the request body cannot be encoded: {error}"))?;
    let Value::Object(fields) = value else {
        return Err("a form body must be an object".to_string());
    };
    let mut pairs = Vec::new();
    for (name, value) in &fields {
        let style = styles
            .iter()
            .find(|(styled, _)| styled == name)
            .map_or(QueryStyle::FormExploded, |(_, style)| *style);
        value_pairs(name, value, style, DeepArrays::Indexed, &mut pairs);
    }
    Ok(pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key, b""), encode(value, b"")))
        .collect::<Vec<_>>()
        .join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The body with its percent-encoded brackets written plainly, for reading.
    fn form(body: Value, styles: FormStyles) -> String {
        encode_form(&body, styles)
            .unwrap()
            .replace("%5B", "[")
            .replace("%5D", "]")
    }

    #[test]
    fn deep_object_properties_nest_by_key_and_index_arrays() {
        let body = json!({
            "metadata": {"order_id": "6735"},
            "items": [{"price": "p_1", "quantity": 2}, {"price": "p_2"}],
        });
        let styles: FormStyles = &[
            ("metadata", QueryStyle::DeepObject),
            ("items", QueryStyle::DeepObject),
        ];
        assert_eq!(
            form(body, styles),
            "items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2&metadata[order_id]=6735"
        );
    }

    #[test]
    fn a_float_field_is_spelled_as_a_json_body_spells_it() {
        let body = std::collections::BTreeMap::from([("ratio", 0.1f32)]);
        assert_eq!(encode_form(&body, &[]).unwrap(), "ratio=0.1");
    }

    #[test]
    fn brackets_are_percent_encoded_as_form_encoding_asks() {
        let body = json!({"metadata": {"order id": "a&b"}});
        let encoded = encode_form(&body, &[("metadata", QueryStyle::DeepObject)]).unwrap();
        assert_eq!(encoded, "metadata%5Border%20id%5D=a%26b");
    }

    #[test]
    fn deep_object_arrays_of_scalars_are_indexed() {
        let body = json!({"expand": ["customer", "invoice"]});
        assert_eq!(
            form(body, &[("expand", QueryStyle::DeepObject)]),
            "expand[0]=customer&expand[1]=invoice"
        );
    }

    #[test]
    fn properties_without_a_style_are_exploded_form() {
        let body = json!({"tags": ["a", "b"], "text": "hi", "urgent": true});
        assert_eq!(form(body, &[]), "tags=a&tags=b&text=hi&urgent=true");
    }

    #[test]
    fn an_exploded_form_object_is_spelled_as_its_properties() {
        let body = json!({"color": {"r": 100, "g": 200}});
        assert_eq!(form(body, &[]), "g=200&r=100");
    }

    #[test]
    fn explode_false_joins_with_commas() {
        let body = json!({"tags": ["a", "b"], "color": {"r": 1, "g": 2}});
        let styles: FormStyles = &[("tags", QueryStyle::Form), ("color", QueryStyle::Form)];
        assert_eq!(form(body, styles), "color=g%2C2%2Cr%2C1&tags=a%2Cb");
    }

    #[test]
    fn delimited_arrays_join_with_a_space_or_a_pipe() {
        let body = json!({"spaced": ["a", "b"], "piped": ["c", "d"]});
        let styles: FormStyles = &[
            ("spaced", QueryStyle::SpaceDelimited),
            ("piped", QueryStyle::PipeDelimited),
        ];
        assert_eq!(form(body, styles), "piped=c%7Cd&spaced=a%20b");
    }

    #[test]
    fn null_properties_send_nothing() {
        let body = json!({"a": null, "b": {"c": null}, "d": "x"});
        assert_eq!(form(body, &[("b", QueryStyle::DeepObject)]), "d=x");
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused() {
        assert!(encode_form(&json!(["a"]), &[]).is_err());
    }
}
