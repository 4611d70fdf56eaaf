//! The fields `openapiv3` requires, checked before it reads the document so that every
//! problem is reported at once and at its own node; keys it would silently drop are warned about.

use std::borrow::Cow;

use serde_yaml::{Mapping, Value};

use crate::diagnostics::{Diagnostic, Pointer};

/// The keys of a path item that hold an operation.
pub(crate) const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every problem with the document's required fields, and the keys that would be ignored.
pub fn check(root: &Value) -> Vec<Diagnostic> {
    let mut checker = Checker::default();
    let pointer = Pointer::root();
    if let Some(root) = checker.mapping(root, &pointer) {
        checker.document(root, &pointer);
    }
    checker.diagnostics
}

/// How a value is described in messages: "a string", "a list", ...
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

#[derive(Default)]
struct Checker {
    diagnostics: Vec<Diagnostic>,
}

impl Checker {
    fn document(&mut self, root: &Mapping, pointer: &Pointer) {
        if let Some(info) = self.required_mapping(
            root,
            "info",
            pointer,
            "add `info:` with the API's `title` and `version`",
        ) {
            let info_pointer = pointer.push("info");
            self.required_string(
                info,
                "title",
                &info_pointer,
                "add `title:` with the API's name",
            );
            self.required_string(
                info,
                "version",
                &info_pointer,
                "add `version:` with the API's version, e.g. `version: \"1.0.0\"`",
            );
        }
        if let Some(paths) = self.required_mapping(
            root,
            "paths",
            pointer,
            "add `paths: {}` if the API has no operations yet",
        ) {
            self.paths(paths, &pointer.push("paths"));
        }
        self.each_entry(root, "webhooks", pointer, Self::webhook);
        if let Some(components) = self.optional_mapping(root, "components", pointer) {
            let pointer = pointer.push("components");
            self.each_entry(components, "parameters", &pointer, Self::parameter);
            self.each_entry(components, "responses", &pointer, Self::response);
        }
    }

    /// Checks every value of the mapping `owner[field]`, if there is one, with `check`.
    fn each_entry(
        &mut self,
        owner: &Mapping,
        field: &str,
        pointer: &Pointer,
        check: fn(&mut Self, &Value, &Pointer),
    ) {
        if let Some(values) = self.optional_mapping(owner, field, pointer) {
            let pointer = pointer.push(field);
            for (key, value) in entries(values) {
                check(self, value, &pointer.push(&key));
            }
        }
    }

    fn webhook(&mut self, item: &Value, pointer: &Pointer) {
        if let Some(item) = self.mapping(item, pointer) {
            self.path_item(item, pointer);
        }
    }

    fn paths(&mut self, paths: &Mapping, pointer: &Pointer) {
        for (path, item) in entries(paths) {
            let item_pointer = pointer.push(&path);
            if path.starts_with("x-") {
                continue;
            }
            if !path.starts_with('/') {
                self.diagnostics.push(
                    Diagnostic::warning(
                        &item_pointer,
                        format!("the path `{path}` does not start with `/` and is ignored"),
                    )
                    .with_hint(format!("write it as `/{path}`")),
                );
                continue;
            }
            let item = self.mapping(item, &item_pointer);
            if let Some(item) = item.filter(|item| !item.contains_key("$ref")) {
                self.path_item(item, &item_pointer);
            }
        }
    }

    fn path_item(&mut self, item: &Mapping, pointer: &Pointer) {
        self.parameter_list(item, pointer);
        for method in METHODS {
            if let Some(operation) = self.optional_mapping(item, method, pointer) {
                self.operation(operation, &pointer.push(method));
            }
        }
    }

    fn operation(&mut self, operation: &Mapping, pointer: &Pointer) {
        self.parameter_list(operation, pointer);
        let Some(responses) = self.required_mapping(
            operation,
            "responses",
            pointer,
            "add `responses:` with at least the success response, e.g. `'200'`",
        ) else {
            return;
        };
        let pointer = pointer.push("responses");
        for (status, response) in entries(responses) {
            let response_pointer = pointer.push(&status);
            if status.starts_with("x-") {
                continue;
            }
            if !is_status(&status) {
                self.diagnostics.push(
                    Diagnostic::warning(
                        &response_pointer,
                        format!("`{status}` is not a status code, so this response is ignored"),
                    )
                    .with_hint("use a code such as `'200'`, a range such as `'2XX'`, or `default`"),
                );
                continue;
            }
            self.response(response, &response_pointer);
        }
    }

    fn parameter_list(&mut self, owner: &Mapping, pointer: &Pointer) {
        let Some(parameters) = owner.get("parameters") else {
            return;
        };
        let pointer = pointer.push("parameters");
        let Value::Sequence(parameters) = parameters else {
            self.diagnostics.push(Diagnostic::error(
                &pointer,
                format!("`parameters` must be a list, not {}", kind(parameters)),
            ));
            return;
        };
        for (index, parameter) in parameters.iter().enumerate() {
            self.parameter(parameter, &pointer.push(&index.to_string()));
        }
    }

    fn parameter(&mut self, parameter: &Value, pointer: &Pointer) {
        let Some(parameter) = self.mapping(parameter, pointer) else {
            return;
        };
        if parameter.contains_key("$ref") {
            return;
        }
        self.required_string(
            parameter,
            "name",
            pointer,
            "add `name:` with the parameter's name on the wire",
        );
        if !parameter.contains_key("schema") && !parameter.contains_key("content") {
            self.diagnostics.push(
                Diagnostic::error(pointer, "the parameter has neither `schema` nor `content`")
                    .with_hint("add a `schema:`, e.g. `schema: {type: string}`"),
            );
        }
        let Some(location) = self.required_string(
            parameter,
            "in",
            pointer,
            "add `in:` with one of `path`, `query`, `header`, `cookie`",
        ) else {
            return;
        };
        if location == "path" && parameter.get("required") != Some(&Value::Bool(true)) {
            self.diagnostics.push(
                Diagnostic::warning(pointer, "a path parameter must have `required: true`")
                    .with_hint("add `required: true`; the path cannot be built without it"),
            );
        }
        let styles: &[&str] = match location {
            "path" => &["simple", "label", "matrix"],
            "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
            "header" => &["simple"],
            "cookie" => &["form"],
            other => {
                let hint = match other {
                    "body" | "formData" => {
                        "OpenAPI 3 puts request bodies in the operation's `requestBody`"
                    }
                    _ => "use one of `path`, `query`, `header`, `cookie`",
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        &pointer.push("in"),
                        format!("`in: {other}` is not a parameter location"),
                    )
                    .with_hint(hint),
                );
                return;
            }
        };
        match parameter.get("style") {
            None => {}
            Some(Value::String(style)) if styles.contains(&style.as_str()) => {}
            Some(style) => {
                let style = match style {
                    Value::String(style) => format!("`style: {style}`"),
                    other => format!("a `style` that is {}", kind(other)),
                };
                let allowed = one_of(styles);
                self.diagnostics.push(
                    Diagnostic::error(
                        &pointer.push("style"),
                        format!("{style} is not allowed for a {location} parameter"),
                    )
                    .with_hint(format!("use {allowed}")),
                );
            }
        }
    }

    fn response(&mut self, response: &Value, pointer: &Pointer) {
        let Some(response) = self.mapping(response, pointer) else {
            return;
        };
        if !response.contains_key("$ref") {
            self.required_string(
                response,
                "description",
                pointer,
                "add a `description:`; OpenAPI requires one on every response",
            );
        }
    }

    /// `value` as a mapping, or an error saying what it is instead.
    fn mapping<'v>(&mut self, value: &'v Value, pointer: &Pointer) -> Option<&'v Mapping> {
        match value {
            Value::Mapping(mapping) => Some(mapping),
            other => {
                self.diagnostics.push(Diagnostic::error(
                    pointer,
                    format!("expected a mapping here, found {}", kind(other)),
                ));
                None
            }
        }
    }

    fn optional_mapping<'v>(
        &mut self,
        owner: &'v Mapping,
        field: &str,
        pointer: &Pointer,
    ) -> Option<&'v Mapping> {
        let value = owner.get(field)?;
        match value {
            Value::Mapping(mapping) => Some(mapping),
            other => {
                self.diagnostics.push(Diagnostic::error(
                    &pointer.push(field),
                    format!("`{field}` must be a mapping, not {}", kind(other)),
                ));
                None
            }
        }
    }

    fn required_mapping<'v>(
        &mut self,
        owner: &'v Mapping,
        field: &str,
        pointer: &Pointer,
        hint: &str,
    ) -> Option<&'v Mapping> {
        if owner.contains_key(field) {
            self.optional_mapping(owner, field, pointer)
        } else {
            self.missing(field, pointer, hint);
            None
        }
    }

    fn required_string<'v>(
        &mut self,
        owner: &'v Mapping,
        field: &str,
        pointer: &Pointer,
        hint: &str,
    ) -> Option<&'v str> {
        match owner.get(field) {
            Some(Value::String(text)) => Some(text),
            Some(other) => {
                let hint = match other {
                    Value::Number(_) | Value::Bool(_) => {
                        format!("quote the value: `{field}: \"...\"`")
                    }
                    _ => hint.to_string(),
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        &pointer.push(field),
                        format!("`{field}` must be a string, not {}", kind(other)),
                    )
                    .with_hint(hint),
                );
                None
            }
            None => {
                self.missing(field, pointer, hint);
                None
            }
        }
    }

    fn missing(&mut self, field: &str, pointer: &Pointer, hint: &str) {
        self.diagnostics.push(
            Diagnostic::error(pointer, format!("the required field `{field}` is missing"))
                .with_hint(hint),
        );
    }
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`".
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

/// A mapping key as the text OpenAPI means: YAML reads `200:` as a number.
pub fn key_text(key: &Value) -> Cow<'_, str> {
    match key {
        Value::String(text) => Cow::Borrowed(text),
        Value::Number(number) => Cow::Owned(number.to_string()),
        Value::Bool(flag) => Cow::Owned(flag.to_string()),
        other => Cow::Borrowed(kind(other)),
    }
}

fn entries(mapping: &Mapping) -> impl Iterator<Item = (Cow<'_, str>, &Value)> {
    mapping.iter().map(|(key, value)| (key_text(key), value))
}

/// `200`, `2XX` or `default`: the keys OpenAPI allows in `responses`.
fn is_status(key: &str) -> bool {
    let bytes = key.as_bytes();
    key == "default"
        || (bytes.len() == 3
            && bytes.first().is_some_and(|b| (b'1'..=b'5').contains(b))
            && (bytes.iter().skip(1).all(u8::is_ascii_digit)
                || key
                    .get(1..)
                    .is_some_and(|rest| rest.eq_ignore_ascii_case("XX"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let value: Value = serde_yaml::from_str(text).unwrap();
        check(&value)
            .iter()
            .map(|d| format!("{}: {}", d.pointer, d.message))
            .collect()
    }

    #[test]
    fn every_missing_required_field_is_reported_at_once() {
        assert_eq!(
            problems("openapi: 3.0.3\ninfo: {}\n"),
            [
                "#/info: the required field `title` is missing",
                "#/info: the required field `version` is missing",
                "#: the required field `paths` is missing",
            ]
        );
    }

    #[test]
    fn status_codes_ranges_and_default_are_status_keys() {
        assert!(is_status("200") && is_status("2XX") && is_status("4xx") && is_status("default"));
        assert!(!is_status("20") && !is_status("600") && !is_status("ok"));
    }
}
