//! Object schemas to structs, one field per property.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, ReferenceOr, SchemaData};

use super::schema::Properties;
use super::types::{docs, Name, TypeRegistry};
use crate::diagnostics::Pointer;
use crate::model::{Field, RustType, TypeKind};
use crate::naming;

impl<'a> TypeRegistry<'a> {
    /// A struct with one field per property.
    pub(super) fn define_struct(
        &mut self,
        data: &SchemaData,
        (props, required, additional): (
            Properties<'a>,
            BTreeSet<&str>,
            Option<&'a AdditionalProperties>,
        ),
        naming: Name<'_>,
        pointer: &Pointer,
    ) -> RustType {
        let name = naming.base();
        let mut taken = BTreeSet::new();
        let mut fields: Vec<Field> = props
            .into_iter()
            .map(|(wire_name, property, field_pointer)| {
                let hint = format!("{name}{}", naming::type_name(wire_name));
                let ty = self.lower(property, &hint, &field_pointer);
                let property_data = self.followed(property).map(|schema| &schema.schema_data);
                let inline = matches!(property, ReferenceOr::Item(_));
                let (description, example) = match property_data {
                    Some(data) if inline => docs(data),
                    _ => (None, None),
                };
                let flag = |get: fn(&SchemaData) -> bool| property_data.is_some_and(get);
                let (nullable, read_only, write_only) = (
                    flag(|d| d.nullable),
                    flag(|d| d.read_only),
                    flag(|d| d.write_only),
                );
                // One struct serves requests and responses only if one-way fields are optional.
                let present = required.contains(wire_name) && !read_only && !write_only;
                let sample = string_sample(property, &ty);
                Field {
                    wire_name: wire_name.to_string(),
                    rust_name: naming::unique(naming::snake_name(wire_name), &mut taken),
                    ty,
                    required: present && !nullable,
                    send_null: present && nullable,
                    default: property_data
                        .filter(|_| inline)
                        .and_then(|d| d.default.as_ref())
                        .map(|value| value.to_string()),
                    read_only,
                    write_only,
                    description,
                    example,
                    sample,
                    deprecated: inline && flag(|d| d.deprecated),
                    flatten: false,
                }
            })
            .collect();
        let extra = match additional {
            Some(AdditionalProperties::Schema(values)) => Some(self.lower(
                values,
                &format!("{name}Value"),
                &pointer.push("additionalProperties"),
            )),
            Some(AdditionalProperties::Any(true)) => Some(RustType::Json),
            _ => None,
        };
        if let Some(value) = extra {
            fields.push(Field {
                wire_name: String::new(),
                rust_name: naming::unique("additional_properties".to_string(), &mut taken),
                ty: RustType::Map(Box::new(value)),
                required: false,
                send_null: false,
                default: None,
                read_only: false,
                write_only: false,
                description: Some("The properties the schema does not name, by name.".to_string()),
                example: None,
                sample: None,
                deprecated: false,
                flatten: true,
            });
        }
        self.define_type(data, naming, TypeKind::Struct(fields), pointer)
    }
}

/// The sample of an inline string property, from its `pattern` or `format`.
fn string_sample(property: &ReferenceOr<Box<openapiv3::Schema>>, ty: &RustType) -> Option<String> {
    let ReferenceOr::Item(schema) = property else {
        return None;
    };
    match (&schema.schema_kind, ty) {
        (openapiv3::SchemaKind::Type(openapiv3::Type::String(string)), RustType::String) => {
            super::string_samples::string_sample(string)
                .map(|text| serde_json::Value::String(text).to_string())
        }
        _ => None,
    }
}
