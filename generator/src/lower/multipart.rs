//! `multipart/form-data` request bodies: one part per property of the body's object schema.

use std::collections::BTreeSet;

use openapiv3::{
    MediaType, ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::media_types::is_json;
use super::operation::OperationLowering;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{MultipartBody, MultipartPart, PartKind};
use crate::naming;

/// A file's media type when neither the spec nor the file says one.
const DEFAULT_FILE_TYPE: &str = "application/octet-stream";

impl<'a> OperationLowering<'a, '_> {
    /// The parts of a multipart body; `None`, with a warning, unless it is an object schema.
    pub(super) fn multipart_body(
        &mut self,
        media: &'a MediaType,
        hint: &str,
        pointer: &Pointer,
    ) -> Option<MultipartBody> {
        let schema_pointer = pointer.push("schema");
        let object = media
            .schema
            .as_ref()
            .and_then(|schema| self.object_schema(schema, &schema_pointer));
        let Some((object, object_pointer)) = object else {
            self.types.diagnostics.push(Diagnostic::warning(
                &schema_pointer,
                "a multipart body must be an object schema with properties; the operation is not generated",
            ));
            return None;
        };
        let mut taken = BTreeSet::new();
        let mut parts = Vec::new();
        for (wire_name, property) in &object.properties {
            let property_pointer = object_pointer.push("properties").push(wire_name);
            let schema = self.types.followed(property);
            let media_type = media
                .encoding
                .get(wire_name)
                .and_then(|encoding| encoding.content_type.as_deref())
                .and_then(|types| types.split(',').next())
                .map(str::trim);
            let kind = match file_part(schema, media_type) {
                Some(kind) => kind,
                None => {
                    let hint = format!("{hint}{}", naming::type_name(wire_name));
                    let ty = self.types.lower(property, &hint, &property_pointer);
                    match media_type {
                        Some(json) if is_json(json) => PartKind::Json {
                            ty,
                            media_type: json.to_string(),
                        },
                        _ if self.types.is_text_part(&ty) => PartKind::Text(ty),
                        _ => PartKind::Json {
                            ty,
                            media_type: "application/json".to_string(),
                        },
                    }
                }
            };
            let data = schema.map(|schema| &schema.schema_data);
            parts.push(MultipartPart {
                wire_name: wire_name.clone(),
                rust_name: naming::unique(naming::snake_name(wire_name), &mut taken),
                kind,
                required: object.required.contains(wire_name),
                description: data.and_then(|data| data.description.clone()),
                deprecated: data.is_some_and(|data| data.deprecated),
            });
        }
        Some(MultipartBody {
            type_name: String::new(),
            parts,
        })
    }

    /// The object schema `schema` is or names, with properties, and where it is written.
    fn object_schema(
        &self,
        schema: &'a ReferenceOr<Schema>,
        pointer: &Pointer,
    ) -> Option<(&'a openapiv3::ObjectType, Pointer)> {
        let (schema, pointer) = match schema {
            ReferenceOr::Item(schema) => (schema, pointer.clone()),
            ReferenceOr::Reference { reference } => self.types.component(reference)?,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
                Some((object, pointer))
            }
            _ => None,
        }
    }
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
