//! OpenAPI's default `explode` for a request body's `encoding` (`true` for the `form` style),
//! written out, since `openapiv3` reads a missing one as `false` whatever the style.

use serde_yaml::{Mapping, Value};

use super::operations_mut;

/// Fills `explode` in the encodings of the request bodies of `paths` and `components`.
pub fn fill(document: &mut Value) {
    for (_, _, operation) in operations_mut(document, "paths") {
        if let Some(body) = operation.get_mut("requestBody") {
            fill_body(body);
        }
    }
    let shared = document
        .get_mut("components")
        .and_then(|components| components.get_mut("requestBodies"))
        .and_then(Value::as_mapping_mut);
    for body in shared.into_iter().flat_map(Mapping::values_mut) {
        fill_body(body);
    }
}

fn fill_body(body: &mut Value) {
    let encodings = body
        .get_mut("content")
        .and_then(Value::as_mapping_mut)
        .into_iter()
        .flat_map(Mapping::values_mut)
        .filter_map(|media| media.get_mut("encoding"))
        .filter_map(Value::as_mapping_mut)
        .flat_map(Mapping::values_mut)
        .filter_map(Value::as_mapping_mut);
    for encoding in encodings {
        let form = (encoding.get("style")).is_none_or(|style| style.as_str() == Some("form"));
        if form && !encoding.contains_key("explode") {
            encoding.insert(Value::from("explode"), Value::Bool(true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(yaml: &str) -> Value {
        let mut value: Value = serde_yaml::from_str(yaml).unwrap();
        fill(&mut value);
        value
    }

    fn encoding(value: &Value, property: &str) -> Value {
        value["paths"]["/a"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
            ["encoding"][property]
            .clone()
    }

    #[test]
    fn a_form_or_unstyled_encoding_explodes_unless_it_says_not() {
        let value = filled(
            "paths: {/a: {post: {requestBody: {content: {application/x-www-form-urlencoded: {encoding: {
               a: {contentType: text/plain}, b: {style: form}, c: {style: form, explode: false},
               d: {style: deepObject}}}}}}}}",
        );
        assert_eq!(encoding(&value, "a")["explode"], Value::Bool(true));
        assert_eq!(encoding(&value, "b")["explode"], Value::Bool(true));
        assert_eq!(encoding(&value, "c")["explode"], Value::Bool(false));
        assert!(encoding(&value, "d").get("explode").is_none());
    }

    #[test]
    fn shared_request_bodies_are_filled_too() {
        let value = filled(
            "components: {requestBodies: {B: {content: {application/x-www-form-urlencoded: {encoding: {a: {}}}}}}}",
        );
        let a = &value["components"]["requestBodies"]["B"]["content"]
            ["application/x-www-form-urlencoded"]["encoding"]["a"];
        assert_eq!(a["explode"], Value::Bool(true));
    }
}
