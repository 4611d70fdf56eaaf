//! Object schemas to structs, one field per property.

use std::borrow::{Borrow, Cow};
use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaData};

use super::composition::annotations;
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
        let undocumented = SchemaData::default();
        let mut fields: Vec<Field> = props
            .into_iter()
            .map(|(wire_name, property, field_pointer)| {
                let hint = format!("{name}{}", naming::type_name(wire_name));
                let ty = self.lower(property, &hint, &field_pointer);
                let data = self
                    .followed(property)
                    .map_or(Cow::Borrowed(&undocumented), annotations);
                // The docs, default and deprecation of a `$ref`'s target belong to its own type.
                let inline = matches!(property, ReferenceOr::Item(_));
                let (description, example) = if inline { docs(&data) } else { (None, None) };
                // One struct serves requests and responses only if one-way fields are optional.
                let present = required.contains(wire_name) && !data.read_only && !data.write_only;
                Field {
                    wire_name: wire_name.to_string(),
                    rust_name: naming::unique(naming::snake_name(wire_name), &mut taken),
                    sample: self.constrained_sample(property),
                    ty,
                    required: present && !data.nullable,
                    send_null: present && data.nullable,
                    default: data
                        .default
                        .as_ref()
                        .filter(|_| inline)
                        .map(|value| value.to_string()),
                    read_only: data.read_only,
                    write_only: data.write_only,
                    description,
                    example,
                    deprecated: inline && data.deprecated,
                    flatten: false,
                }
            })
            .collect();
        let extra = match additional {
            Some(AdditionalProperties::Schema(values)) => {
                let pointer = pointer.push("additionalProperties");
                let value = self.lower(values, &format!("{name}Value"), &pointer);
                Some(self.nullable_if_marked(values, value))
            }
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

    /// `ty`, the type of an array's items or a map's values, as an `Option` when their
    /// `schema` allows `null` (Lago's metadata values, `type: [string, 'null']`), which the
    /// type alone would refuse; any JSON value already holds `null`.
    pub(super) fn nullable_if_marked<S: Borrow<Schema>>(
        &self,
        schema: &'a ReferenceOr<S>,
        ty: RustType,
    ) -> RustType {
        let nullable = self
            .followed(schema)
            .is_some_and(|schema| annotations(schema).nullable);
        if nullable && ty != RustType::Json {
            RustType::Nullable(Box::new(ty))
        } else {
            ty
        }
    }

    /// Records what samples of the struct `ty` hold: at least `least` properties, and the
    /// optional `fields` too.
    pub(super) fn sample_hints(&mut self, ty: &RustType, least: Option<usize>, fields: &[String]) {
        let RustType::Named(name) = ty else { return };
        if let Some(def) = self.defined.types.get_mut(name) {
            def.min_properties = least.unwrap_or_default();
            def.sample_fields = fields.to_vec();
        }
    }
}
