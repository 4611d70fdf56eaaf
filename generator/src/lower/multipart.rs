//! `multipart/form-data` request bodies: one part per property of the body's object schema.

use std::collections::BTreeSet;

use openapiv3::{
    MediaType, ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::media_types::is_json;
use super::operation::OperationLowering;
use super::ref_targets::compositions;
use super::schema::Properties;
use crate::diagnostics::Pointer;
use crate::model::{MultipartBody, MultipartPart, PartKind};
use crate::naming;

/// A file's media type when neither the spec nor the file says one.
const DEFAULT_FILE_TYPE: &str = "application/octet-stream";

impl<'a> OperationLowering<'a, '_> {
    /// The forms of a multipart body: one when its schema is an object with properties (or the
    /// `allOf` of some), one per variant, named, when it is a `oneOf` or `anyOf` of such objects;
    /// none otherwise.
    pub(super) fn multipart_forms(
        &mut self,
        media: &'a MediaType,
        hint: &str,
        pointer: &Pointer,
    ) -> Vec<(Option<String>, MultipartBody)> {
        let schema_pointer = pointer.push("schema");
        let Some(schema) = media.schema.as_ref() else {
            return Vec::new();
        };
        if let Some((properties, required)) = self.object_properties(schema, &schema_pointer) {
            return vec![(
                None,
                self.multipart_body(media, properties, &required, hint),
            )];
        }
        let (schema, schema_pointer) = match schema {
            ReferenceOr::Item(schema) => (schema, schema_pointer),
            ReferenceOr::Reference { reference } => match self.types.component(reference) {
                Some(found) => found,
                None => return Vec::new(),
            },
        };
        let (keyword, variants) = match &schema.schema_kind {
            SchemaKind::OneOf { one_of } => ("oneOf", one_of),
            SchemaKind::AnyOf { any_of } => ("anyOf", any_of),
            _ => return Vec::new(),
        };
        let mut taken = BTreeSet::new();
        let mut forms = Vec::new();
        for (index, variant) in variants.iter().enumerate() {
            let variant_pointer = schema_pointer.push(keyword).push(&index.to_string());
            let Some((properties, required)) = self.object_properties(variant, &variant_pointer)
            else {
                return Vec::new();
            };
            let name = naming::unique(variant_name(variant, index), &mut taken);
            let body = self.multipart_body(media, properties, &required, &format!("{hint}{name}"));
            forms.push((Some(name), body));
        }
        forms
    }

    /// The parts of a multipart body whose object schema has `properties`.
    fn multipart_body(
        &mut self,
        media: &'a MediaType,
        properties: Properties<'a>,
        required: &BTreeSet<&str>,
        hint: &str,
    ) -> MultipartBody {
        let mut taken = BTreeSet::new();
        let mut parts = Vec::new();
        for (wire_name, property, property_pointer) in properties {
            let schema = self.types.followed(property);
            let media_type = part_media_type(media, wire_name);
            let kind = match file_part(schema, media_type) {
                Some(kind) => kind,
                None => {
                    let hint = format!("{hint}{}", naming::type_name(wire_name));
                    let ty = self.types.lower(property, &hint, &property_pointer);
                    let text = ty.clone().without_null_items();
                    match media_type {
                        Some(json) if is_json(json) => PartKind::Json {
                            ty,
                            media_type: json.to_string(),
                        },
                        _ if self.types.is_text_part(&text) => PartKind::Text(text),
                        _ => PartKind::Json {
                            ty,
                            media_type: "application/json".to_string(),
                        },
                    }
                }
            };
            let data = schema.map(|schema| &schema.schema_data);
            let sample = match kind {
                PartKind::File { .. } => None,
                _ => self.types.constrained_sample(property),
            };
            parts.push(MultipartPart {
                wire_name: wire_name.to_string(),
                rust_name: naming::unique(naming::snake_name(wire_name), &mut taken),
                kind,
                required: required.contains(wire_name),
                description: data.and_then(|data| data.description.clone()),
                example: data.and_then(|data| data.example.as_ref().map(|e| e.to_string())),
                sample,
                deprecated: data.is_some_and(|data| data.deprecated),
            });
        }
        MultipartBody {
            type_name: String::new(),
            parts,
        }
    }

    /// Whether the multipart body has a part that is a file, found without lowering any type.
    pub(super) fn has_file_part(&self, media: &'a MediaType, pointer: &Pointer) -> bool {
        let Some(schema) = &media.schema else {
            return false;
        };
        let Some((properties, _)) = self.object_properties(schema, &pointer.push("schema")) else {
            return false;
        };
        properties.into_iter().any(|(wire_name, property, _)| {
            let media_type = part_media_type(media, wire_name);
            file_part(self.types.followed(property), media_type).is_some()
        })
    }

    /// The properties of the object schema `schema` is or names (merging an `allOf`'s parts),
    /// and which are required; `None` when it has none.
    fn object_properties(
        &self,
        schema: &'a ReferenceOr<Schema>,
        pointer: &Pointer,
    ) -> Option<(Properties<'a>, BTreeSet<&'a str>)> {
        // Properties beside a `oneOf` or `anyOf` are no one form (a union's variants are).
        let [_, (_, one_of), (_, any_of)] = compositions(self.types.followed(schema)?);
        if !one_of.is_empty() || !any_of.is_empty() {
            return None;
        }
        let nothing_before = (Vec::new(), BTreeSet::new());
        let (properties, required) = self
            .types
            .merged_object(schema, nothing_before, pointer, None)
            .ok()?;
        (!properties.is_empty()).then_some((properties, required))
    }
}

/// A union variant's name: its component's, its title, or its place.
fn variant_name(variant: &ReferenceOr<Schema>, index: usize) -> String {
    let named = match variant {
        ReferenceOr::Reference { reference } => reference.rsplit('/').next(),
        ReferenceOr::Item(schema) => schema.schema_data.title.as_deref(),
    };
    match named.map(naming::type_name).filter(|name| !name.is_empty()) {
        Some(name) => name,
        None => format!("Form{}", index + 1),
    }
}

/// The first media type the body's `encoding` gives the part `wire_name`.
fn part_media_type<'m>(media: &'m MediaType, wire_name: &str) -> Option<&'m str> {
    media
        .encoding
        .get(wire_name)
        .and_then(|encoding| encoding.content_type.as_deref())
        .and_then(|types| types.split(',').next())
        .map(str::trim)
}

/// A file part, when the property is a binary string or one whose `encoding.contentType` is
/// neither text nor JSON, or a list of those.
fn file_part(schema: Option<&Schema>, media_type: Option<&str>) -> Option<PartKind> {
    let (string, repeated) = match &schema?.schema_kind {
        SchemaKind::Type(Type::String(string)) => (string, false),
        SchemaKind::Type(Type::Array(array)) => match array.items.as_ref()? {
            ReferenceOr::Item(items) => match &items.schema_kind {
                SchemaKind::Type(Type::String(string)) => (string, true),
                _ => return None,
            },
            ReferenceOr::Reference { .. } => return None,
        },
        _ => return None,
    };
    let binary = matches!(
        string.format,
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
    );
    let declared_file = media_type.is_some_and(|media_type| {
        !is_json(media_type) && !media_type.starts_with("text/") && string.enumeration.is_empty()
    });
    (binary || declared_file).then(|| PartKind::File {
        repeated,
        media_type: media_type.unwrap_or(DEFAULT_FILE_TYPE).to_string(),
    })
}
