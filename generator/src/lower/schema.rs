//! Schemas to Rust types: every object and enum becomes a named `TypeDef`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaData,
    SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::pointers::{schema_at, Found, Missing, Target};

use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{RustType, TypeDef, TypeKind};
use crate::naming;

pub(super) const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// The properties of an object schema, with where each was declared.
pub(super) type Properties<'a> = Vec<(&'a str, &'a ReferenceOr<Box<Schema>>, Pointer)>;

/// A schema of the document, told apart by its address: each schema is
/// written at one place, so this is one-to-one with its pointer, and the
/// document outlives the registry. Cheaper to keep and hash than the
/// pointer, of which a large spec has hundreds of thousands.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct SchemaId(*const Schema);

impl SchemaId {
    fn of(schema: &Schema) -> Self {
        SchemaId(schema)
    }
}

/// What is left of a [`TypeRegistry`] once every schema is lowered.
pub struct LoweredTypes<'a> {
    pub types: Vec<TypeDef>,
    pub component_names: HashMap<&'a str, String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Collects the named types of a spec while schemas are lowered.
pub struct TypeRegistry<'a> {
    doc: &'a OpenAPI,
    pub(super) components: &'a BTreeMap<&'a str, &'a ReferenceOr<Schema>>,
    /// Component schema key -> the Rust name given to it.
    pub(super) component_names: HashMap<&'a str, String>,
    /// The names given to component schemas.
    pub(super) component_types: HashSet<String>,
    taken: HashSet<String>,
    pub(super) types: BTreeMap<String, TypeDef>,
    /// Where each alias was defined, for diagnostics found later.
    pub(super) origins: HashMap<String, Pointer>,
    /// The type of each schema lowered so far: a schema reached from several
    /// places (by a `$ref` into another schema, or a shared parameter or
    /// response) is one type. Plain scalars are not kept (see `lower_item`).
    lowered: HashMap<SchemaId, RustType>,
    /// The schemas being lowered, which a `$ref` may not lead back into.
    in_progress: HashSet<SchemaId>,
    /// Components several operations use, by pointer, with the name hint
    /// their schema's type gets (see `shared`).
    pub(super) shared: HashMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> TypeRegistry<'a> {
    /// Names every component schema up front, in key order, so that `$ref`s
    /// resolve whatever order the schemas are lowered in.
    pub fn new(
        doc: &'a OpenAPI,
        components: &'a BTreeMap<&'a str, &'a ReferenceOr<Schema>>,
    ) -> Self {
        let mut taken = HashSet::new();
        let mut component_names = HashMap::new();
        let mut component_types = HashSet::new();
        for key in components.keys() {
            let name = naming::unique(naming::type_name(key), &mut taken);
            component_types.insert(name.clone());
            component_names.insert(*key, name);
        }
        TypeRegistry {
            doc,
            components,
            component_names,
            component_types,
            taken,
            types: BTreeMap::new(),
            origins: HashMap::new(),
            lowered: HashMap::new(),
            in_progress: HashSet::new(),
            shared: HashMap::new(),
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
                let (description, example, deprecated) = match schema {
                    ReferenceOr::Item(schema) => {
                        let (description, example) = docs(&schema.schema_data);
                        (description, example, schema.schema_data.deprecated)
                    }
                    ReferenceOr::Reference { .. } => (None, None, false),
                };
                self.define(
                    TypeDef {
                        name,
                        description,
                        example,
                        deprecated,
                        kind: TypeKind::Alias(ty),
                    },
                    &pointer,
                );
            }
        }
    }

    /// The types defined, in name order; the name each component schema's
    /// type was given, by schema key; and what lowering found.
    pub fn into_types(mut self) -> LoweredTypes<'a> {
        self.box_recursive_fields();
        LoweredTypes {
            types: self.types.into_values().collect(),
            component_names: self.component_names,
            diagnostics: self.diagnostics,
        }
    }

    /// Reserves a fresh type name derived from `hint` for an inline schema.
    fn fresh_name(&mut self, hint: &str) -> String {
        naming::unique(naming::type_name(hint), &mut self.taken)
    }

    fn define(&mut self, def: TypeDef, pointer: &Pointer) {
        // Only an alias can be defined in terms of itself (see `recursion`).
        if matches!(def.kind, TypeKind::Alias(_)) {
            self.origins.insert(def.name.clone(), pointer.clone());
        }
        self.types.insert(def.name.clone(), def);
    }

    /// Defines a type of this kind, documented from the schema's `data`,
    /// under the name `naming` gives; returns the type that names it.
    pub(super) fn define_type(
        &mut self,
        data: &SchemaData,
        naming: Name<'_>,
        kind: TypeKind,
        pointer: &Pointer,
    ) -> RustType {
        let (description, example) = docs(data);
        let name = self.claim(naming);
        self.define(
            TypeDef {
                name: name.clone(),
                description,
                example,
                deprecated: data.deprecated,
                kind,
            },
            pointer,
        );
        RustType::Named(name)
    }

    /// The Rust type of `schema`. Objects and enums in it are defined as named
    /// types whose names derive from `name`.
    pub fn lower(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        name: &str,
        pointer: &Pointer,
    ) -> RustType {
        match schema {
            ReferenceOr::Reference { reference } => self.resolve(reference, pointer),
            ReferenceOr::Item(schema) => self.lower_item(schema, Name::Hint(name), pointer),
        }
    }

    pub(super) fn lower_boxed(
        &mut self,
        schema: &'a ReferenceOr<Box<Schema>>,
        name: &str,
        pointer: &Pointer,
    ) -> RustType {
        match schema {
            ReferenceOr::Reference { reference } => self.resolve(reference, pointer),
            ReferenceOr::Item(schema) => self.lower_item(schema, Name::Hint(name), pointer),
        }
    }

    /// The type of the schema a `$ref` names. A component schema is its named
    /// type; a schema elsewhere (`#/components/schemas/A/properties/b`) is
    /// the type it has where it is written.
    pub(super) fn resolve(&mut self, reference: &str, pointer: &Pointer) -> RustType {
        let mut reference = reference;
        for _ in 0..super::MAX_REF_CHAIN {
            let component = reference
                .strip_prefix(SCHEMA_REF_PREFIX)
                .and_then(|key| self.component_names.get(key));
            if let Some(name) = component {
                return RustType::Named(name.clone());
            }
            let found = match self.schema_at(reference) {
                Ok(found) => found,
                Err(missing) => {
                    self.diagnostics
                        .push(missing_schema(reference, missing, pointer));
                    return RustType::Json;
                }
            };
            if let Some(substituted) = &found.substituted {
                self.diagnostics.push(Diagnostic::warning(
                    pointer,
                    format!("`$ref: {reference}` {substituted}"),
                ));
            }
            match found.target {
                Target::Ref(next) => reference = next,
                Target::Item(schema) if self.in_progress.contains(&SchemaId::of(schema)) => {
                    self.diagnostics.push(
                        Diagnostic::error(
                            pointer,
                            format!("`$ref: {reference}` names a schema that contains this reference, which no Rust type can represent"),
                        )
                        .with_hint("move the schema into `#/components/schemas` and refer to it there"),
                    );
                    return RustType::Json;
                }
                Target::Item(schema) => {
                    return self.lower_item(schema, Name::Hint(&found.hint), &found.pointer)
                }
            }
        }
        self.diagnostics.push(Diagnostic::error(
            pointer,
            format!("`$ref: {reference}` is part of a cycle of references"),
        ));
        RustType::Json
    }

    /// The name hint for the schema of the parameter, body or response
    /// written at `home`: the component's name when several operations
    /// share it, else `hint` (the operation's).
    pub(super) fn hint_for<'h>(&'h self, home: &Pointer, hint: &'h str) -> &'h str {
        self.shared.get(home.as_str()).map_or(hint, String::as_str)
    }

    /// The schema a `$ref` names, anywhere in the document.
    pub(super) fn schema_at(&self, reference: &str) -> Result<Found<'a>, Missing<'a>> {
        let names = &self.component_names;
        schema_at(self.doc, &|key| names.get(key).cloned(), reference)
    }

    /// The schema a `$ref` finally names once `$ref`s are followed, and where
    /// it is written.
    pub(super) fn component(&self, reference: &str) -> Option<(&'a Schema, Pointer)> {
        let mut reference = reference;
        for _ in 0..super::MAX_REF_CHAIN {
            let found = self.schema_at(reference).ok()?;
            match found.target {
                Target::Item(schema) => return Some((schema, found.pointer)),
                Target::Ref(next) => reference = next,
            }
        }
        None
    }

    /// Lowers each schema once, however many places reach it. An inline
    /// schema inside a component schema is named after where it is written
    /// (not after the place that reached it first), so its name does not
    /// depend on the order schemas are lowered in. (The schema of a component
    /// parameter, body or response is named after the component when several
    /// operations use it or a schema `$ref` names it, else after the
    /// operation.)
    pub(super) fn lower_item(
        &mut self,
        schema: &'a Schema,
        naming: Name<'_>,
        pointer: &Pointer,
    ) -> RustType {
        // A plain scalar defines no type, so there is nothing to share or to
        // recurse into; most schemas of a large spec are one.
        if is_plain_scalar(schema) {
            return self.lower_schema(schema, naming, pointer);
        }
        let id = SchemaId::of(schema);
        if let Some(ty) = self.lowered.get(&id) {
            return ty.clone();
        }
        let natural = match naming {
            Name::Hint(_) if pointer.as_str().starts_with(SCHEMA_REF_PREFIX) => self
                .schema_at(pointer.as_str())
                .ok()
                .map(|found| found.hint),
            _ => None,
        };
        let naming = match &natural {
            Some(hint) => Name::Hint(hint),
            None => naming,
        };
        self.in_progress.insert(id);
        let ty = self.lower_schema(schema, naming, pointer);
        self.in_progress.remove(&id);
        self.lowered.insert(id, ty.clone());
        ty
    }

    fn lower_schema(
        &mut self,
        schema: &'a Schema,
        naming: Name<'_>,
        pointer: &Pointer,
    ) -> RustType {
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
                self.define_string_enum(schema, naming, values, pointer)
            }
            SchemaKind::Type(Type::String(string)) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => RustType::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => RustType::Date,
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => RustType::Uuid,
                _ => RustType::String,
            },
            SchemaKind::Type(Type::Integer(integer)) if !integer.enumeration.is_empty() => {
                let values = integer.enumeration.iter().flatten().copied().collect();
                self.define_integer_enum(schema, naming, values, pointer)
            }
            SchemaKind::Type(Type::Integer(integer)) => match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => RustType::I32,
                _ => RustType::I64,
            },
            SchemaKind::Type(Type::Number(number)) => match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => RustType::F32,
                _ => RustType::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => RustType::Bool,
            SchemaKind::Type(Type::Array(array)) => self.array(array.items.as_ref(), name, pointer),
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                self.map(object.additional_properties.as_ref(), name, pointer)
            }
            SchemaKind::Type(Type::Object(object)) => {
                let properties = pointer.push("properties");
                let props = object
                    .properties
                    .iter()
                    .map(|(key, value)| (key.as_str(), value, properties.push(key)))
                    .collect();
                let required = object.required.iter().map(String::as_str).collect();
                let shape = (props, required, object.additional_properties.as_ref());
                self.define_struct(&schema.schema_data, shape, naming, pointer)
            }
            SchemaKind::AllOf { all_of } => self.all_of(
                &schema.schema_data,
                all_of,
                Vec::new(),
                BTreeSet::new(),
                naming,
                pointer,
            ),
            SchemaKind::OneOf { one_of } => {
                self.union(&schema.schema_data, ("oneOf", one_of), naming, pointer)
            }
            SchemaKind::AnyOf { any_of } => {
                self.union(&schema.schema_data, ("anyOf", any_of), naming, pointer)
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
        let name = naming.base();
        let properties = pointer.push("properties");
        let props: Properties<'a> = any
            .properties
            .iter()
            .map(|(key, value)| (key.as_str(), value, properties.push(key)))
            .collect();
        let required: BTreeSet<&'a str> = any.required.iter().map(String::as_str).collect();
        if !any.all_of.is_empty() {
            return self.all_of(
                &schema.schema_data,
                &any.all_of,
                props,
                required,
                naming,
                pointer,
            );
        }
        if !any.one_of.is_empty() || !any.any_of.is_empty() {
            let parts = if any.one_of.is_empty() {
                ("anyOf", &any.any_of)
            } else {
                ("oneOf", &any.one_of)
            };
            if !props.is_empty() {
                self.diagnostics.push(Diagnostic::warning(
                    pointer,
                    "`properties` beside `oneOf`/`anyOf` are ignored; each variant is typed on its own",
                ));
            }
            return self.union(
                &schema.schema_data,
                (parts.0, parts.1.as_slice()),
                naming,
                pointer,
            );
        }
        if !props.is_empty() {
            let shape = (props, required, any.additional_properties.as_ref());
            return self.define_struct(&schema.schema_data, shape, naming, pointer);
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
            _ => {}
        }
        match typ {
            None if is_unconstrained(any) => RustType::Json,
            Some("string") => RustType::String,
            Some("integer") => RustType::I64,
            Some("number") => RustType::F64,
            Some("boolean") => RustType::Bool,
            Some("array") => self.array(any.items.as_ref(), name, pointer),
            Some("object") | None if any.enumeration.is_empty() && any.not.is_none() => {
                self.map(any.additional_properties.as_ref(), name, pointer)
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

    fn array(
        &mut self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        name: &str,
        pointer: &Pointer,
    ) -> RustType {
        match items {
            Some(items) => {
                let item = self.lower_boxed(items, &format!("{name}Item"), &pointer.push("items"));
                RustType::Vec(Box::new(item))
            }
            None => RustType::Vec(Box::new(RustType::Json)),
        }
    }

    fn map(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        name: &str,
        pointer: &Pointer,
    ) -> RustType {
        match additional {
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

    /// The name a type being defined gets: component schemas keep the name
    /// they were given up front, inline schemas get a fresh one.
    pub(super) fn claim(&mut self, naming: Name<'_>) -> String {
        match naming {
            Name::Given(name) => name.to_string(),
            Name::Hint(hint) => self.fresh_name(hint),
        }
    }
}

/// How a schema being lowered is named.
#[derive(Clone, Copy)]
pub(super) enum Name<'n> {
    /// A component schema: the name was reserved for it up front.
    Given(&'n str),
    /// An inline schema: a fresh name is derived from this one.
    Hint(&'n str),
}

impl<'n> Name<'n> {
    pub(super) fn base(self) -> &'n str {
        match self {
            Name::Given(name) | Name::Hint(name) => name,
        }
    }
}

/// Whether `schema` lowers to a Rust scalar without naming anything, so that
/// it needs neither a name hint nor a place in the memo of lowered schemas.
fn is_plain_scalar(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(integer)) => integer.enumeration.is_empty(),
        SchemaKind::Type(Type::Number(_) | Type::Boolean(_)) => true,
        _ => false,
    }
}

/// The error for a `$ref` that names no schema.
fn missing_schema(reference: &str, missing: Missing, pointer: &Pointer) -> Diagnostic {
    match missing {
        Missing::Nowhere => Diagnostic::error(pointer, format!("`$ref: {reference}` points nowhere"))
            .with_hint("a schema `$ref` must be a pointer to a schema in this document, e.g. `#/components/schemas/<name>`"),
        Missing::ThroughRef(through) => Diagnostic::error(
            pointer,
            format!("`$ref: {reference}` points nowhere: on the way it meets `$ref: {through}`, which a JSON pointer does not follow"),
        )
        .with_hint(format!("point into the schema `{through}` names instead")),
        Missing::NoSchema(why) => Diagnostic::error(
            pointer,
            format!("`$ref: {reference}` names no schema, and nothing can stand for one: {why}"),
        )
        .with_hint("point the `$ref` at a schema, e.g. one under `#/components/schemas`"),
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
pub(super) fn docs(data: &SchemaData) -> (Option<String>, Option<String>) {
    let description = data.description.clone().or_else(|| data.title.clone());
    let example = data.example.as_ref().map(|value| value.to_string());
    (description, example)
}
