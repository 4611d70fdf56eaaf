//! Schemas to Rust types: every object and enum becomes a named `TypeDef`.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{EnumVariant, Field, RustType, TypeDef, TypeKind};
use crate::naming;

const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// Collects the named types of a spec while schemas are lowered.
pub struct TypeRegistry<'a> {
    components: &'a BTreeMap<&'a str, &'a ReferenceOr<Schema>>,
    /// Component schema key -> the Rust name given to it.
    component_names: BTreeMap<&'a str, String>,
    taken: BTreeSet<String>,
    types: BTreeMap<String, TypeDef>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> TypeRegistry<'a> {
    /// Names every component schema up front, in key order, so that `$ref`s
    /// resolve whatever order the schemas are lowered in.
    pub fn new(components: &'a BTreeMap<&'a str, &'a ReferenceOr<Schema>>) -> Self {
        let mut taken = BTreeSet::new();
        let component_names = components
            .keys()
            .map(|key| (*key, naming::unique(naming::type_name(key), &mut taken)))
            .collect();
        TypeRegistry {
            components,
            component_names,
            taken,
            types: BTreeMap::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Lowers every component schema into a named type.
    pub fn lower_components(&mut self) {
        let schemas = Pointer::root().push("components").push("schemas");
        for (key, schema) in self.components {
            let Some(name) = self.component_names.get(key).cloned() else {
                continue;
            };
            let pointer = schemas.push(key);
            let ty = match schema {
                ReferenceOr::Reference { reference } => self.resolve(reference, &pointer),
                ReferenceOr::Item(item) => self.lower_item(item, Name::Given(&name), &pointer),
            };
            if ty != RustType::Named(name.clone()) {
                let (description, example) = match schema {
                    ReferenceOr::Item(schema) => docs(schema),
                    ReferenceOr::Reference { .. } => (None, None),
                };
                self.define(TypeDef {
                    name,
                    description,
                    example,
                    kind: TypeKind::Alias(ty),
                });
            }
        }
    }

    /// The name each component schema's type was given, by schema key.
    pub fn component_names(&self) -> BTreeMap<String, String> {
        self.component_names
            .iter()
            .map(|(key, name)| (key.to_string(), name.clone()))
            .collect()
    }

    pub fn into_types(self) -> (Vec<TypeDef>, Vec<Diagnostic>) {
        (self.types.into_values().collect(), self.diagnostics)
    }

    /// Reserves a fresh type name derived from `hint` for an inline schema.
    fn fresh_name(&mut self, hint: &str) -> String {
        naming::unique(naming::type_name(hint), &mut self.taken)
    }

    fn define(&mut self, def: TypeDef) {
        self.types.insert(def.name.clone(), def);
    }

    /// The Rust type of `schema`. Objects and enums in it are defined as named
    /// types whose names derive from `name`.
    pub fn lower(
        &mut self,
        schema: &ReferenceOr<Schema>,
        name: &str,
        pointer: &Pointer,
    ) -> RustType {
        match schema {
            ReferenceOr::Reference { reference } => self.resolve(reference, pointer),
            ReferenceOr::Item(schema) => self.lower_item(schema, Name::Hint(name), pointer),
        }
    }

    fn lower_boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        name: &str,
        pointer: &Pointer,
    ) -> RustType {
        match schema {
            ReferenceOr::Reference { reference } => self.resolve(reference, pointer),
            ReferenceOr::Item(schema) => self.lower_item(schema, Name::Hint(name), pointer),
        }
    }

    fn resolve(&mut self, reference: &str, pointer: &Pointer) -> RustType {
        let target = reference
            .strip_prefix(SCHEMA_REF_PREFIX)
            .and_then(|key| self.component_names.get(key));
        match target {
            Some(name) => RustType::Named(name.clone()),
            None => {
                self.diagnostics.push(
                    Diagnostic::error(pointer, format!("`$ref: {reference}` points nowhere"))
                        .with_hint("a schema `$ref` must name an entry of `#/components/schemas`"),
                );
                RustType::Json
            }
        }
    }

    fn lower_item(&mut self, schema: &Schema, naming: Name<'_>, pointer: &Pointer) -> RustType {
        // `allOf: [X]` beside annotations is X with another description: the
        // 3.0 spelling of a `$ref` with sibling keywords.
        if let SchemaKind::AllOf { all_of } = &schema.schema_kind {
            if let [only] = all_of.as_slice() {
                let pointer = pointer.push("allOf").push("0");
                return match only {
                    ReferenceOr::Reference { reference } => {
                        let ty = self.resolve(reference, &pointer);
                        if matches!(naming, Name::Given(own) if ty == RustType::Named(own.to_string()))
                        {
                            self.diagnostics.push(Diagnostic::error(
                                &pointer,
                                format!("`$ref: {reference}` defines the schema as itself"),
                            ));
                            return RustType::Json;
                        }
                        ty
                    }
                    ReferenceOr::Item(item) => self.lower_item(item, naming, &pointer),
                };
            }
        }
        let name = naming.base();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                let values = string.enumeration.iter().flatten().cloned().collect();
                self.define_string_enum(schema, naming, values)
            }
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => RustType::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => RustType::Date,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => RustType::Uuid,
                _ => RustType::String,
            },
            SchemaKind::Type(Type::Integer(integer)) => match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => RustType::I32,
                _ => RustType::I64,
            },
            SchemaKind::Type(Type::Number(number)) => match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => RustType::F32,
                _ => RustType::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => RustType::Bool,
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item =
                        self.lower_boxed(items, &format!("{name}Item"), &pointer.push("items"));
                    RustType::Vec(Box::new(item))
                }
                None => RustType::Vec(Box::new(RustType::Json)),
            },
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                match &object.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => {
                        let value = self.lower(
                            values,
                            &format!("{name}Value"),
                            &pointer.push("additionalProperties"),
                        );
                        RustType::Map(Box::new(value))
                    }
                    _ => RustType::JsonObject,
                }
            }
            SchemaKind::Type(Type::Object(object)) => {
                let required: BTreeSet<&str> = object.required.iter().map(String::as_str).collect();
                let properties = pointer.push("properties");
                let mut taken = BTreeSet::new();
                let fields = object
                    .properties
                    .iter()
                    .map(|(wire_name, property)| {
                        let field_pointer = properties.push(wire_name);
                        let hint = format!("{name}{}", naming::type_name(wire_name));
                        let ty = self.lower_boxed(property, &hint, &field_pointer);
                        let (description, example, nullable, deprecated) = match property {
                            ReferenceOr::Item(schema) => {
                                let (description, example) = docs(schema);
                                let data = &schema.schema_data;
                                (description, example, data.nullable, data.deprecated)
                            }
                            ReferenceOr::Reference { .. } => (None, None, false, false),
                        };
                        Field {
                            wire_name: wire_name.clone(),
                            rust_name: naming::unique(naming::snake_name(wire_name), &mut taken),
                            ty,
                            required: required.contains(wire_name.as_str()) && !nullable,
                            description,
                            example,
                            deprecated,
                        }
                    })
                    .collect();
                let (description, example) = docs(schema);
                let name = self.claim(naming);
                self.define(TypeDef {
                    name: name.clone(),
                    description,
                    example,
                    kind: TypeKind::Struct(fields),
                });
                RustType::Named(name)
            }
            SchemaKind::Any(any) if any.typ.is_none() && is_unconstrained(any) => RustType::Json,
            _ => {
                self.diagnostics.push(
                    Diagnostic::warning(
                        pointer,
                        "this schema's composition is not supported yet; it is typed as any JSON value",
                    )
                    .with_hint("use a plain `type` with `properties`, or a `$ref`"),
                );
                RustType::Json
            }
        }
    }

    /// The name a type being defined gets: component schemas keep the name
    /// they were given up front, inline schemas get a fresh one.
    fn claim(&mut self, naming: Name<'_>) -> String {
        match naming {
            Name::Given(name) => name.to_string(),
            Name::Hint(hint) => self.fresh_name(hint),
        }
    }

    fn define_string_enum(
        &mut self,
        schema: &Schema,
        naming: Name<'_>,
        values: Vec<String>,
    ) -> RustType {
        let mut taken = BTreeSet::from(["Unknown".to_string()]);
        let variants = values
            .into_iter()
            .map(|wire_value| EnumVariant {
                rust_name: naming::unique(naming::variant_name(&wire_value), &mut taken),
                wire_value,
            })
            .collect();
        let (description, example) = docs(schema);
        let name = self.claim(naming);
        self.define(TypeDef {
            name: name.clone(),
            description,
            example,
            kind: TypeKind::StringEnum(variants),
        });
        RustType::Named(name)
    }
}

/// How a schema being lowered is named.
#[derive(Clone, Copy)]
enum Name<'n> {
    /// A component schema: the name was reserved for it up front.
    Given(&'n str),
    /// An inline schema: a fresh name is derived from this one.
    Hint(&'n str),
}

impl<'n> Name<'n> {
    fn base(self) -> &'n str {
        match self {
            Name::Given(name) | Name::Hint(name) => name,
        }
    }
}

/// A schema with no keyword that constrains its values: any JSON value.
fn is_unconstrained(any: &openapiv3::AnySchema) -> bool {
    any.properties.is_empty()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.one_of.is_empty()
        && any.all_of.is_empty()
        && any.any_of.is_empty()
        && any.not.is_none()
        && any.additional_properties.is_none()
}

/// The description and the example (as compact JSON) of a schema.
fn docs(schema: &Schema) -> (Option<String>, Option<String>) {
    let data = &schema.schema_data;
    let description = data.description.clone().or_else(|| data.title.clone());
    let example = data.example.as_ref().map(|value| value.to_string());
    (description, example)
}
