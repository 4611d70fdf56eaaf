//! Schemas to Rust types: every object and enum becomes a named `TypeDef`.

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, IntegerType, NumberFormat, NumberType,
    ObjectType, ReferenceOr, Schema, SchemaKind, StringFormat, StringType, Type,
    VariantOrUnknownOrEmpty,
};

use super::types::{Name, TypeRegistry, SCHEMA_REF_PREFIX};
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::RustType;

/// The properties of an object schema, with where each was declared.
pub(super) type Properties<'a> = Vec<(&'a str, &'a ReferenceOr<Box<Schema>>, Pointer)>;

impl<'a> TypeRegistry<'a> {
    /// Lowers each schema once, however many places reach it, naming an inline schema inside a
    /// component after where it is written so the name does not depend on lowering order.
    pub(super) fn lower_item(
        &mut self,
        schema: &'a Schema,
        naming: Name<'_>,
        pointer: &Pointer,
    ) -> RustType {
        // A plain scalar defines no type to share, and most schemas of a large spec are one.
        if let Some(ty) = plain_scalar_type(schema) {
            return ty;
        }
        if let Some(ty) = self.memo.get(schema) {
            return ty.clone();
        }
        let in_component = pointer.as_str().starts_with(SCHEMA_REF_PREFIX);
        let natural = match naming {
            Name::Hint(_) if in_component => self.schema_at(pointer.as_str()).ok(),
            _ => None,
        };
        let naming = natural
            .as_ref()
            .map_or(naming, |found| Name::Hint(&found.hint));
        self.memo.start(schema);
        let ty = self.lower_schema(schema, naming, pointer);
        self.memo.finish(schema, ty.clone());
        ty
    }

    fn lower_schema(
        &mut self,
        schema: &'a Schema,
        naming: Name<'_>,
        pointer: &Pointer,
    ) -> RustType {
        let name = naming.base();
        let data = &schema.schema_data;
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                let values = string.enumeration.iter().flatten().cloned().collect();
                self.define_string_enum(schema, naming, values, pointer)
            }
            SchemaKind::Type(Type::Integer(integer)) if !integer.enumeration.is_empty() => {
                let values = integer.enumeration.iter().flatten().copied().collect();
                self.define_integer_enum(schema, naming, values, pointer)
            }
            SchemaKind::Type(Type::String(string)) => string_type(string),
            SchemaKind::Type(Type::Integer(integer)) => integer_type(integer),
            SchemaKind::Type(Type::Number(number)) => number_type(number),
            SchemaKind::Type(Type::Boolean(_)) => RustType::Bool,
            SchemaKind::Type(Type::Array(array)) => self.array(array.items.as_ref(), name, pointer),
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                self.map(object.additional_properties.as_ref(), name, pointer)
            }
            SchemaKind::Type(Type::Object(object)) => {
                let props = properties(&object.properties, pointer);
                let required = object.required.iter().map(String::as_str).collect();
                let shape = (props, required, object.additional_properties.as_ref());
                let ty = self.define_struct(data, shape, naming, pointer);
                self.sample_hints(&ty, object.min_properties, &[]);
                ty
            }
            SchemaKind::AllOf { all_of } => {
                self.all_of(data, all_of, Vec::new(), BTreeSet::new(), naming, pointer)
            }
            SchemaKind::OneOf { one_of } => {
                self.union(data, ("oneOf", one_of), None, naming, pointer)
            }
            SchemaKind::AnyOf { any_of } => {
                self.union(data, ("anyOf", any_of), None, naming, pointer)
            }
            SchemaKind::Any(any) => self.lower_any(schema, any, naming, pointer),
            SchemaKind::Not { .. } => {
                self.diagnostics.push(Diagnostic::warning(
                    pointer,
                    "`not` cannot be expressed as a Rust type; the value is typed as any JSON value",
                ));
                RustType::Json
            }
        }
    }

    /// A schema that mixes keywords of several kinds, e.g. `properties` with `allOf`.
    fn lower_any(
        &mut self,
        schema: &'a Schema,
        any: &'a openapiv3::AnySchema,
        naming: Name<'_>,
        pointer: &Pointer,
    ) -> RustType {
        let data = &schema.schema_data;
        let mut props = properties(&any.properties, pointer);
        // `properties` constrain only objects: beside another `type` (Ably's `registrationToken`,
        // `type: string` with `properties`), the value is of that type.
        if let Some(typ) = any.typ.as_deref().filter(|typ| {
            matches!(*typ, "string" | "integer" | "number" | "boolean" | "array")
                && !props.is_empty()
        }) {
            let message = format!(
                "`properties` apply only to objects, so this `type: {typ}` schema ignores them"
            );
            self.diagnostics.push(
                Diagnostic::warning(&pointer.push("properties"), message)
                    .with_hint("remove `properties`, or make the schema `type: object`"),
            );
            props.clear();
        }
        let required: BTreeSet<&'a str> = any.required.iter().map(String::as_str).collect();
        if !any.all_of.is_empty() {
            return self.all_of(data, &any.all_of, props, required, naming, pointer);
        }
        let constrains_only = !props.is_empty() && only_constrains_own_properties(any);
        let parts = union_parts(any);
        if !parts.1.is_empty() && !constrains_only {
            let shared = (props, required);
            return self.union(data, parts, Some(&shared), naming, pointer);
        }
        if !props.is_empty() {
            let shape = (props, required, any.additional_properties.as_ref());
            let ty = self.define_struct(data, shape, naming, pointer);
            let fields = if constrains_only {
                union_part_required(any)
            } else {
                &[]
            };
            self.sample_hints(&ty, any.min_properties, fields);
            return ty;
        }
        // An `enum` without a `type` (common in real specs) is typed by its values.
        let strings: Option<Vec<String>> = any
            .enumeration
            .iter()
            .map(|value| value.as_str().map(str::to_string))
            .collect();
        let integers: Option<Vec<i64>> = any
            .enumeration
            .iter()
            .map(serde_json::Value::as_i64)
            .collect();
        let typ = any.typ.as_deref();
        match (strings, integers) {
            (Some(values), _) if !values.is_empty() && matches!(typ, None | Some("string")) => {
                return self.define_string_enum(schema, naming, values, pointer);
            }
            (_, Some(values)) if !values.is_empty() && matches!(typ, None | Some("integer")) => {
                return self.define_integer_enum(schema, naming, values, pointer);
            }
            (None, _) if typ == Some("string") => {
                let values = self.stringified_enum(&any.enumeration, pointer);
                return self.define_string_enum(schema, naming, values, pointer);
            }
            _ => {}
        }
        match typ {
            None if is_unconstrained(any) => RustType::Json,
            Some("string") => RustType::String,
            Some("integer") => RustType::I64,
            Some("number") => RustType::F64,
            Some("boolean") => RustType::Bool,
            Some("array") => self.array(any.items.as_ref(), naming.base(), pointer),
            Some("object") | None if any.enumeration.is_empty() && any.not.is_none() => {
                self.map(any.additional_properties.as_ref(), naming.base(), pointer)
            }
            _ => {
                self.diagnostics.push(Diagnostic::warning(
                    pointer,
                    "this schema cannot be expressed as a Rust type; it is typed as any JSON value",
                ));
                RustType::Json
            }
        }
    }

    /// The values of a string `enum` that YAML read as other types, as written, with a warning.
    fn stringified_enum(&mut self, values: &[serde_json::Value], pointer: &Pointer) -> Vec<String> {
        let others: Vec<String> = values
            .iter()
            .filter(|value| !value.is_string() && !value.is_null())
            .map(|value| format!("`{value}`"))
            .collect();
        self.diagnostics.push(
            Diagnostic::warning(
                &pointer.push("enum"),
                format!(
                    "this `type: string` schema lists {} in `enum`, which are not strings; they are read as strings",
                    others.join(", ")
                ),
            )
            .with_hint("quote them in the spec, e.g. `\"1\"`"),
        );
        values
            .iter()
            .filter_map(|value| match value {
                serde_json::Value::String(text) => Some(text.clone()),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            })
            .collect()
    }

    fn array(
        &mut self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        name: &str,
        pointer: &Pointer,
    ) -> RustType {
        let item = items.map_or(RustType::Json, |items| {
            let pointer = pointer.push("items");
            let item = self.lower(items, &format!("{name}Item"), &pointer);
            let item = self.nullable_if_marked(items, item);
            self.bounded(item, &pointer)
        });
        RustType::Vec(Box::new(item))
    }

    /// `inner` as the content of one more array or map, or any JSON value where the
    /// nesting would pass [`MAX_NESTING`]: parsers and compilers recurse once per level.
    fn bounded(&mut self, inner: RustType, pointer: &Pointer) -> RustType {
        if nesting(&inner) < MAX_NESTING {
            return inner;
        }
        self.diagnostics.push(
            Diagnostic::warning(
                pointer,
                format!("arrays and maps nested more than {MAX_NESTING} deep are not generated: this level is any JSON value"),
            )
            .with_hint("give the inner schema a name in `components/schemas`"),
        );
        RustType::Json
    }

    fn map(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        name: &str,
        pointer: &Pointer,
    ) -> RustType {
        match additional {
            Some(AdditionalProperties::Schema(values)) => {
                let pointer = pointer.push("additionalProperties");
                let value = self.lower(values, &format!("{name}Value"), &pointer);
                let value = self.nullable_if_marked(values, value);
                RustType::Map(Box::new(self.bounded(value, &pointer)))
            }
            _ => RustType::JsonObject,
        }
    }
}

/// The properties of the object schema at `pointer`, each with its own pointer.
pub(super) fn properties<'a>(
    properties: impl IntoIterator<Item = (&'a String, &'a ReferenceOr<Box<Schema>>)>,
    pointer: &Pointer,
) -> Properties<'a> {
    let base = pointer.push("properties");
    properties
        .into_iter()
        .map(|(key, value)| (key.as_str(), value, base.push(key)))
        .collect()
}

/// Whether every part of a schema's `oneOf` and `anyOf` only constrains the schema's own
/// properties: lists some as required (`anyOf: [{required: [email]}, {required: [id]}]`) or narrows
/// their schemas. The parts say which values are valid, not what the value is, so the schema is
/// typed by its own properties, those the parts require optional.
pub(super) fn only_constrains_own_properties(schema: &AnySchema) -> bool {
    let own = |name: &String| schema.properties.contains_key(name);
    schema.one_of.iter().chain(&schema.any_of).all(|part| {
        let ReferenceOr::Item(part) = part else {
            return false;
        };
        match &part.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                object.properties.keys().all(own)
                    && *object
                        == ObjectType {
                            properties: object.properties.clone(),
                            required: object.required.clone(),
                            ..ObjectType::default()
                        }
            }
            SchemaKind::Any(any) => {
                matches!(any.typ.as_deref(), None | Some("object"))
                    && any.properties.keys().all(own)
                    && *any
                        == AnySchema {
                            typ: any.typ.clone(),
                            properties: any.properties.clone(),
                            required: any.required.clone(),
                            ..AnySchema::default()
                        }
            }
            _ => false,
        }
    })
}

/// The properties a constraining part of a `oneOf` (else `anyOf`) requires: the first part
/// requiring no deprecated property, else the first; example calls leave deprecated fields out, so
/// Clerk's `anyOf: [{required: [domain]}, {required: [domains]}]` is met through `domains`.
fn union_part_required(schema: &AnySchema) -> &[String] {
    let (_, parts) = union_parts(schema);
    let deprecated = |name: &String| {
        schema
            .properties
            .get(name)
            .and_then(ReferenceOr::as_item)
            .is_some_and(|property| property.schema_data.deprecated)
    };
    let constraining = parts.iter().filter_map(|part| {
        let required = match &part.as_item()?.schema_kind {
            SchemaKind::Type(Type::Object(object)) => &object.required,
            SchemaKind::Any(any) => &any.required,
            _ => return None,
        };
        (!required.is_empty()).then_some(required.as_slice())
    });
    constraining
        .clone()
        .find(|required| !required.iter().any(deprecated))
        .or_else(|| constraining.clone().next())
        .unwrap_or_default()
}

/// A schema's `oneOf` (with its keyword), else its `anyOf`.
fn union_parts(schema: &AnySchema) -> (&'static str, &[ReferenceOr<Schema>]) {
    if schema.one_of.is_empty() {
        ("anyOf", &schema.any_of)
    } else {
        ("oneOf", &schema.one_of)
    }
}

/// The Rust type of a string schema without `enum`, by its format.
pub(super) fn string_type(string: &StringType) -> RustType {
    match &string.format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => RustType::DateTime,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => RustType::Date,
        VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => RustType::Uuid,
        _ => RustType::String,
    }
}

/// The most arrays and maps one Rust type nests.
const MAX_NESTING: usize = 32;

/// How many arrays, maps and boxes `ty` nests.
fn nesting(ty: &RustType) -> usize {
    match ty {
        RustType::Vec(inner) | RustType::Map(inner) | RustType::Boxed(inner) => 1 + nesting(inner),
        RustType::Nullable(inner) => nesting(inner),
        _ => 0,
    }
}

/// The type of a string, integer, number or boolean schema that is not an enum: a Rust
/// scalar, needing neither a name nor a place in the memo.
pub(super) fn plain_scalar_type(schema: &Schema) -> Option<RustType> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) if string.enumeration.is_empty() => {
            Some(string_type(string))
        }
        SchemaKind::Type(Type::Integer(integer)) if integer.enumeration.is_empty() => {
            Some(integer_type(integer))
        }
        SchemaKind::Type(Type::Number(number)) => Some(number_type(number)),
        SchemaKind::Type(Type::Boolean(_)) => Some(RustType::Bool),
        _ => None,
    }
}

fn integer_type(integer: &IntegerType) -> RustType {
    match integer.format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => RustType::I32,
        _ => RustType::I64,
    }
}

fn number_type(number: &NumberType) -> RustType {
    match number.format {
        VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => RustType::F32,
        _ => RustType::F64,
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use openapiv3::OpenAPI;

    use super::*;
    use crate::model::{Field, TypeDef, TypeKind};
    use crate::Severity;

    /// The types and diagnostics of the component schemas `schemas`, a YAML
    /// map indented by four spaces.
    fn lowered(schemas: &str) -> (Vec<TypeDef>, Vec<Diagnostic>) {
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        let doc: OpenAPI = serde_yaml::from_str(&yaml).expect("test spec parses");
        let components: BTreeMap<&str, &ReferenceOr<Schema>> = doc
            .components
            .iter()
            .flat_map(|components| &components.schemas)
            .map(|(key, schema)| (key.as_str(), schema))
            .collect();
        let mut registry = TypeRegistry::new(&doc, &components);
        registry.lower_components();
        let lowered = registry.into_types();
        (lowered.types, lowered.diagnostics)
    }

    fn kind<'t>(types: &'t [TypeDef], name: &str) -> &'t TypeKind {
        let def = types.iter().find(|def| def.name == name);
        &def.unwrap_or_else(|| panic!("no type {name}")).kind
    }

    fn field<'t>(types: &'t [TypeDef], name: &str, field: &str) -> &'t Field {
        let TypeKind::Struct(fields) = kind(types, name) else {
            panic!("{name} is not a struct");
        };
        let found = fields.iter().find(|f| f.wire_name == field);
        found.unwrap_or_else(|| panic!("{name} has no field {field}"))
    }

    fn field_type<'t>(types: &'t [TypeDef], name: &str, field_name: &str) -> &'t RustType {
        &field(types, name, field_name).ty
    }

    /// `Shop`, whose required `owner` is `owner` (a schema in flow style).
    fn shop_owned_by(owner: &str) -> String {
        format!(
            "    Pet: {{type: object, properties: {{name: {{type: string}}}}}}
    Shop: {{type: object, required: [owner], properties: {{owner: {owner}}}}}
"
        )
    }

    #[test]
    fn a_ref_beside_parts_that_only_annotate_it_is_the_referenced_type() {
        let (types, diagnostics) = lowered(&shop_owned_by(
            "{allOf: [{$ref: '#/components/schemas/Pet'}, {description: Who owns it}]}",
        ));
        assert_eq!(
            field_type(&types, "Shop", "owner"),
            &RustType::Named("Pet".into())
        );
        assert!(types.iter().all(|def| def.name != "ShopOwner"));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn a_nullable_annotation_part_makes_a_required_field_an_option_sent_as_null() {
        let (types, _) = lowered(&shop_owned_by(
            "{allOf: [{$ref: '#/components/schemas/Pet'}, {nullable: true}]}",
        ));
        let owner = field(&types, "Shop", "owner");
        assert!(!owner.required && owner.send_null, "{owner:?}");
    }

    #[test]
    fn an_annotation_part_documents_the_field() {
        let (types, _) = lowered(&shop_owned_by(
            "{allOf: [{$ref: '#/components/schemas/Pet'}, {description: Who owns it}]}",
        ));
        let owner = field(&types, "Shop", "owner");
        assert_eq!(owner.description.as_deref(), Some("Who owns it"));
    }

    #[test]
    fn a_ref_to_a_union_beside_an_annotation_part_is_the_union() {
        let (types, diagnostics) = lowered(
            "    Pet: {oneOf: [{type: string}, {type: integer}]}
    Shop:
      type: object
      properties:
        owner: {allOf: [{$ref: '#/components/schemas/Pet'}, {description: Who owns it}]}
",
        );
        assert_eq!(
            field_type(&types, "Shop", "owner"),
            &RustType::Named("Pet".into())
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn a_bare_type_beside_a_ref_restates_it_and_annotates_the_field() {
        let owner =
            "{allOf: [{$ref: '#/components/schemas/Code'}, {type: string, nullable: true}]}";
        let schemas = shop_owned_by(owner) + "    Code: {type: string, enum: [a, b]}\n";
        let (types, diagnostics) = lowered(&schemas);
        assert_eq!(
            field_type(&types, "Shop", "owner"),
            &RustType::Named("Code".into())
        );
        assert!(!field(&types, "Shop", "owner").required);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn a_schema_that_is_its_own_ref_beside_an_annotation_part_is_an_error() {
        let (_, diagnostics) = lowered(
            "    Selfish: {allOf: [{$ref: '#/components/schemas/Selfish'}, {description: Me}]}\n",
        );
        assert!(diagnostics.iter().any(|d| d.severity == Severity::Error
            && d.pointer == "#/components/schemas/Selfish/allOf/0"
            && d.message.contains("defines the schema as itself")));
    }

    #[test]
    fn an_all_of_of_objects_without_properties_is_any_object() {
        let (types, _) =
            lowered("    Bag: {allOf: [{type: object}, {type: object, description: A bag}]}\n");
        assert_eq!(kind(&types, "Bag"), &TypeKind::Alias(RustType::JsonObject));
    }

    #[test]
    fn an_all_of_of_annotations_only_is_any_json_value() {
        let (types, _) =
            lowered("    Anything: {allOf: [{description: Anything}, {example: 1}]}\n");
        assert_eq!(kind(&types, "Anything"), &TypeKind::Alias(RustType::Json));
    }

    fn nested_arrays(levels: usize) -> String {
        let open = "{type: array, items: ".repeat(levels);
        format!("    Deep: {open}{{type: string}}{}\n", "}".repeat(levels))
    }

    #[test]
    fn arrays_nested_as_deep_as_the_limit_keep_their_type() {
        let (types, diagnostics) = lowered(&nested_arrays(MAX_NESTING));
        let TypeKind::Alias(deep) = kind(&types, "Deep") else {
            panic!("Deep is not an alias");
        };
        assert_eq!(nesting(deep), MAX_NESTING);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn arrays_nested_past_the_limit_hold_any_json_value_with_a_warning() {
        let (types, diagnostics) = lowered(&nested_arrays(MAX_NESTING + 1));
        let any_values = RustType::Vec(Box::new(RustType::Json));
        assert_eq!(kind(&types, "Deep"), &TypeKind::Alias(any_values));
        assert!(diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning && d.message.contains("nested more than")));
    }

    #[test]
    fn a_date_time_string_is_a_date_time() {
        let (types, _) = lowered("    Stamp: {type: string, format: date-time}\n");
        assert_eq!(kind(&types, "Stamp"), &TypeKind::Alias(RustType::DateTime));
    }

    #[test]
    fn an_int32_integer_is_an_i32() {
        let (types, _) = lowered("    Count: {type: integer, format: int32}\n");
        assert_eq!(kind(&types, "Count"), &TypeKind::Alias(RustType::I32));
    }

    #[test]
    fn an_inline_object_property_becomes_a_struct_named_after_it() {
        let (types, _) = lowered(
            "    Pet:
      type: object
      required: [owner]
      properties:
        owner: {type: object, properties: {name: {type: string}}}
",
        );
        assert_eq!(
            field_type(&types, "Pet", "owner"),
            &RustType::Named("PetOwner".into())
        );
        assert!(matches!(kind(&types, "PetOwner"), TypeKind::Struct(_)));
    }

    #[test]
    fn a_ref_to_a_component_is_its_named_type() {
        let (types, _) = lowered(
            "    Pet: {type: object, properties: {name: {type: string}}}
    Pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}
",
        );
        let pets = RustType::Vec(Box::new(RustType::Named("Pet".into())));
        assert_eq!(kind(&types, "Pets"), &TypeKind::Alias(pets));
    }

    #[test]
    fn an_inline_schema_reached_twice_is_one_type() {
        let (types, _) = lowered(
            "    Pet: {type: object, properties: {owner: {type: object, properties: {name: {type: string}}}}}
    Shop:
      type: object
      required: [owner]
      properties:
        owner: {$ref: '#/components/schemas/Pet/properties/owner'}
",
        );
        assert_eq!(
            field_type(&types, "Shop", "owner"),
            &RustType::Named("PetOwner".into())
        );
        assert!(types.iter().all(|def| def.name != "PetOwner2"));
    }

    #[test]
    fn a_ref_cycle_through_an_inline_schema_is_an_error() {
        let (_, diagnostics) = lowered(
            "    Node:
      type: object
      properties:
        child:
          type: object
          properties:
            next: {$ref: '#/components/schemas/Node/properties/child'}
",
        );
        assert!(diagnostics.iter().any(|d| d.severity == Severity::Error
            && d.message
                .contains("names a schema that contains this reference")));
    }

    #[test]
    fn a_not_schema_is_any_json_with_a_warning() {
        let (types, diagnostics) = lowered("    NotString: {not: {type: string}}\n");
        assert_eq!(kind(&types, "NotString"), &TypeKind::Alias(RustType::Json));
        assert!(diagnostics.iter().any(|d| d.severity == Severity::Warning));
    }
}
