//! Request bodies, and the content of bodies and responses.

use openapiv3::{AdditionalProperties, MediaType, QueryStyle as SpecStyle, SchemaKind, Type};

use super::component_refs::resolve;
use super::media_types::{covers_json, is_json, is_json_lines, is_media_range, raw_body_type};
use super::operation::OperationLowering;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{
    BodyKind, FormBody, FormFieldStyle, MultipartBody, QueryStyle, RequestBody, RustType,
};

/// What one response or request body carries.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Content {
    Json(RustType),
    Bytes(String),
    Empty,
}

impl<'a> OperationLowering<'a, '_> {
    /// The request body, typed or bytes, in each form a method of its own sends (the variants
    /// of a multipart union, or a JSON or form body and its multipart form); empty when there
    /// is none, `None` when the operation cannot be generated.
    pub(super) fn request_body(
        &mut self,
        operation: &'a openapiv3::Operation,
        name_hint: &str,
        pointer: &Pointer,
    ) -> Option<Vec<RequestBody>> {
        let Some(body) = &operation.request_body else {
            return Some(Vec::new());
        };
        let Some((body, home)) = resolve(self.doc, body, pointer, &mut self.types.diagnostics)
        else {
            return Some(Vec::new());
        };
        if !body.required && self.admits_only_empty_objects(&body.content) {
            return Some(Vec::new());
        }
        let request = |kind, example, variant| RequestBody {
            kind,
            required: body.required,
            description: body.description.clone(),
            example,
            variant,
        };
        let hint = format!("{name_hint}Body");
        let hint = self.types.hint_for(&home, &hint).to_string();
        let mut raw_text = None;
        // The kind, and the media type whose example the body takes.
        let (kind, media) = match self.content(&body.content, &hint, &home) {
            Content::Json(ty) => (
                BodyKind::Json(ty),
                self.typed_media(&body.content).map(|(_, media)| media),
            ),
            Content::Bytes(media_type) if media_type.starts_with(FORM) => {
                let media = body.content.get(&media_type);
                let form = media.and_then(|m| m.schema.as_ref());
                let schema_pointer = home.push("content").push(&media_type).push("schema");
                let ty = form.map_or(RustType::JsonObject, |schema| {
                    self.types.lower(schema, &hint, &schema_pointer)
                });
                if self.types.struct_fields(&ty).is_none()
                    && !matches!(ty, RustType::JsonObject | RustType::Map(_))
                {
                    self.types.diagnostics.push(Diagnostic::warning(
                        &schema_pointer,
                        "a form body must be an object; the operation is not generated",
                    ));
                    return None;
                }
                let styles = media.map(form_styles).unwrap_or_default();
                (BodyKind::Form(FormBody { ty, styles }), media)
            }
            Content::Bytes(media_type) if media_type.starts_with(MULTIPART_FORM) => {
                let media = body.content.get(&media_type)?;
                let media_pointer = home.push("content").push(&media_type);
                let forms = self.multipart_forms(media, &hint, &media_pointer);
                if forms.is_empty() {
                    self.types.diagnostics.push(Diagnostic::warning(
                        &media_pointer.push("schema"),
                        "a multipart body must be an object schema with properties, or a `oneOf` or `anyOf` of some; the operation is not generated",
                    ));
                    return None;
                }
                // A multipart body has no example: its files cannot be written in JSON.
                return Some(
                    forms
                        .into_iter()
                        .map(|(variant, form)| request(BodyKind::Multipart(form), None, variant))
                        .collect(),
                );
            }
            Content::Bytes(media_type) if media_type.starts_with("multipart/") => {
                self.types.diagnostics.push(
                    Diagnostic::warning(
                        &pointer.push("content").push(&media_type),
                        format!("`{media_type}` request bodies are not supported; the operation is not generated"),
                    )
                    .with_hint("offer an `application/json` body as well"),
                );
                return None;
            }
            Content::Bytes(media_type) => {
                let media = body.content.get(&media_type);
                match media.and_then(|media| self.json_lines(media, &media_type, &hint, &home)) {
                    Some(items) => {
                        let media_type = raw_body_type(&media_type);
                        (BodyKind::JsonLines { items, media_type }, media)
                    }
                    None => {
                        raw_text = media.and_then(|media| self.text_sample(media));
                        (BodyKind::Bytes(raw_body_type(&media_type)), None)
                    }
                }
            }
            Content::Empty => return Some(Vec::new()),
        };
        let example = media.and_then(|media| {
            self.documented_example(
                media.example.as_ref(),
                media.examples.values(),
                media.schema.as_ref(),
            )
        });
        let example = match kind {
            BodyKind::JsonLines { .. } => example.and_then(lines_as_list),
            _ => example,
        };
        let mut forms = vec![request(kind, example.or(raw_text), None)];
        if let Some(form) = self.multipart_form(&body.content, name_hint, &home) {
            forms.push(request(BodyKind::Multipart(form), None, None));
        }
        Some(forms)
    }

    /// The list type of a JSON Lines body of `media_type`, one item a line: the schema's when
    /// it is a list, else a list of it; `None` for another media type, or a schema of text,
    /// which is the lines already written out.
    fn json_lines(
        &mut self,
        media: &'a MediaType,
        media_type: &str,
        hint: &str,
        home: &Pointer,
    ) -> Option<RustType> {
        if !is_json_lines(media_type) {
            return None;
        }
        let Some(schema) = &media.schema else {
            return Some(RustType::Vec(Box::new(RustType::Json)));
        };
        let pointer = home.push("content").push(media_type).push("schema");
        let ty = self.types.lower(schema, hint, &pointer);
        match self.types.behind_aliases(&ty) {
            RustType::String => None,
            list @ RustType::Vec(_) => Some(list),
            _ => Some(RustType::Vec(Box::new(ty))),
        }
    }

    /// The text a raw body is sent as in example calls, as a JSON string: its example (of the
    /// media type, else its schema) when that is text, a number or a boolean, else `true` or
    /// `1` for a boolean or numeric schema; other raw bodies are sent as `...`.
    fn text_sample(&self, media: &'a MediaType) -> Option<String> {
        let schema = media.schema.as_ref();
        let example =
            self.documented_example(media.example.as_ref(), media.examples.values(), schema);
        let text = match example.and_then(|json| serde_json::from_str(&json).ok()) {
            Some(serde_json::Value::String(text)) => text,
            Some(value @ (serde_json::Value::Bool(_) | serde_json::Value::Number(_))) => {
                value.to_string()
            }
            _ => match &self.types.followed(schema?)?.schema_kind {
                SchemaKind::Type(Type::Boolean(_)) => "true".to_string(),
                SchemaKind::Type(Type::Integer(_) | Type::Number(_)) => "1".to_string(),
                _ => return None,
            },
        };
        Some(serde_json::Value::String(text).to_string())
    }

    /// The body as `multipart/form-data`, when it offers that form too and it has a file part:
    /// files travel only in parts, whatever form the body is otherwise sent in.
    fn multipart_form(
        &mut self,
        content: &'a openapiv3::Content,
        name_hint: &str,
        home: &Pointer,
    ) -> Option<MultipartBody> {
        let (media_type, media) = content
            .iter()
            .find(|(media_type, _)| media_type.starts_with(MULTIPART_FORM))?;
        let media_pointer = home.push("content").push(media_type);
        if !self.has_file_part(media, &media_pointer) {
            return None;
        }
        let hint = format!("{name_hint}MultipartBody");
        let (_, multipart) = self.multipart_forms(media, &hint, &media_pointer).pop()?;
        Some(multipart)
    }

    /// The content of a body: JSON when any media type is JSON, else the first media type.
    pub(super) fn content(
        &mut self,
        content: &'a openapiv3::Content,
        hint: &str,
        pointer: &Pointer,
    ) -> Content {
        let hint = self.types.hint_for(pointer, hint).to_string();
        match (self.typed_media(content), content.keys().next()) {
            (Some((media_type, media)), _) => match &media.schema {
                Some(schema) => {
                    let pointer = pointer.push("content").push(media_type).push("schema");
                    Content::Json(self.types.lower(schema, &hint, &pointer))
                }
                None => Content::Json(RustType::Json),
            },
            (None, Some(media_type)) if is_media_range(media_type) => {
                Content::Bytes(media_type.clone())
            }
            (None, Some(media_type)) => {
                self.types.diagnostics.push(Diagnostic::warning(
                    &pointer.push("content").push(media_type),
                    format!("`{media_type}` is not a media type (`type/subtype`); it is read as `*/*`, any media type"),
                ));
                Content::Bytes("*/*".to_string())
            }
            (None, None) => Content::Empty,
        }
    }

    /// Whether every media type's schema is an object with no properties that allows no
    /// others: an optional body that can only be empty is no argument worth taking.
    fn admits_only_empty_objects(&self, content: &'a openapiv3::Content) -> bool {
        !content.is_empty()
            && content.values().all(|media| {
                let schema = media.schema.as_ref().and_then(|s| self.types.followed(s));
                schema.is_some_and(|schema| match &schema.schema_kind {
                    SchemaKind::Type(Type::Object(object)) => {
                        object.properties.is_empty()
                            && object.additional_properties
                                == Some(AdditionalProperties::Any(false))
                    }
                    _ => false,
                })
            })
    }

    /// The media type a body or response is typed from: a JSON one, else a wildcard that JSON falls
    /// under (`*/*`) whose schema is not a string, since such a value can only be sent as JSON.
    fn typed_media(
        &self,
        content: &'a openapiv3::Content,
    ) -> Option<(&'a String, &'a openapiv3::MediaType)> {
        json_media(content).or_else(|| {
            content.iter().find(|(media_type, media)| {
                let schema = media.schema.as_ref().and_then(|s| self.types.followed(s));
                covers_json(media_type)
                    && schema.is_some_and(|schema| {
                        !matches!(schema.schema_kind, SchemaKind::Type(Type::String(_)))
                    })
            })
        })
    }
}

/// The media type that bodies and responses are typed from, when there is one.
pub(super) fn json_media(content: &openapiv3::Content) -> Option<(&String, &openapiv3::MediaType)> {
    content.iter().find(|(media_type, _)| is_json(media_type))
}

const FORM: &str = "application/x-www-form-urlencoded";

/// A JSON Lines body's example as the list of its lines: specs write it as the lines' text,
/// as the list, or as the one document of a line; `None` when the text is not JSON lines.
fn lines_as_list(example: String) -> Option<String> {
    let lines = match serde_json::from_str(&example).ok()? {
        serde_json::Value::String(text) => text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()
            .ok()?,
        serde_json::Value::Array(lines) => lines,
        line => vec![line],
    };
    Some(serde_json::Value::Array(lines).to_string())
}
const MULTIPART_FORM: &str = "multipart/form-data";

/// The form body's properties its `encoding` spells otherwise than exploded `form`, by name.
fn form_styles(media: &openapiv3::MediaType) -> Vec<FormFieldStyle> {
    let mut styles: Vec<FormFieldStyle> = media
        .encoding
        .iter()
        .filter_map(|(wire_name, encoding)| {
            let style = match (&encoding.style, encoding.explode) {
                (None | Some(SpecStyle::Form), true) => return None,
                (None | Some(SpecStyle::Form), false) => QueryStyle::Form,
                (Some(SpecStyle::DeepObject), _) => QueryStyle::DeepObject,
                // Exploded, a delimited array is one pair per item, as in `form`.
                (Some(SpecStyle::SpaceDelimited | SpecStyle::PipeDelimited), true) => return None,
                (Some(SpecStyle::SpaceDelimited), false) => QueryStyle::SpaceDelimited,
                (Some(SpecStyle::PipeDelimited), false) => QueryStyle::PipeDelimited,
            };
            Some(FormFieldStyle {
                wire_name: wire_name.clone(),
                style,
            })
        })
        .collect();
    styles.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
    styles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types_include_suffixes_and_parameters() {
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/vnd.api+json"));
        assert!(!is_json("audio/mpeg"));
    }
}
