//! The type registry: the names given, the schemas lowered and the types defined.

mod defined;
mod memo;
mod names;

use std::borrow::Borrow;
use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaData};
use rustc_hash::FxHashMap;

use super::component_refs::MAX_REF_CHAIN;
use super::ref_targets::{final_schema, followed, schema_at, target, Found, Missing, Target};
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{RustType, TypeDef, TypeKind};
pub(super) use defined::docs;
use defined::Defined;
use memo::Memo;
pub(super) use names::Name;
use names::TypeNames;

pub(super) const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// What is left of a [`TypeRegistry`] once every schema is lowered.
pub struct LoweredTypes<'a> {
    pub types: Vec<TypeDef>,
    pub component_names: FxHashMap<&'a str, String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Collects the named types of a spec while schemas are lowered.
pub struct TypeRegistry<'a> {
    doc: &'a OpenAPI,
    components: &'a BTreeMap<&'a str, &'a ReferenceOr<Schema>>,
    names: TypeNames<'a>,
    /// Plain scalars are not kept (see `lower_item`).
    pub(super) memo: Memo,
    pub(super) defined: Defined,
    /// The name hint of each component several operations use, by pointer.
    pub(super) shared: FxHashMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> TypeRegistry<'a> {
    /// Names every component schema up front, so `$ref`s resolve in any lowering order.
    pub fn new(
        doc: &'a OpenAPI,
        components: &'a BTreeMap<&'a str, &'a ReferenceOr<Schema>>,
    ) -> Self {
        TypeRegistry {
            doc,
            components,
            names: TypeNames::new(components.keys().copied()),
            memo: Memo::default(),
            defined: Defined::default(),
            shared: FxHashMap::default(),
            diagnostics: Vec::new(),
        }
    }

    /// Lowers every component schema into a named type.
    pub fn lower_components(&mut self) {
        let schemas = Pointer::root().push("components").push("schemas");
        for (key, schema) in self.components {
            let Some(name) = self.names.component(key).cloned() else {
                continue;
            };
            let pointer = schemas.push(key);
            let ty = match schema {
                ReferenceOr::Reference { reference } => self.resolve(reference, &pointer),
                ReferenceOr::Item(item) => self.lower_item(item, Name::Given(&name), &pointer),
            };
            if ty != RustType::Named(name.clone()) {
                let undocumented = SchemaData::default();
                let data = schema
                    .as_item()
                    .map_or(&undocumented, |item| &item.schema_data);
                self.define_type(data, Name::Given(&name), TypeKind::Alias(ty), &pointer);
            }
        }
        self.refuse_alias_loops();
    }

    /// The types defined, in name order, each component schema's name, and the diagnostics.
    pub fn into_types(mut self) -> LoweredTypes<'a> {
        self.box_recursive_fields();
        self.box_object_variants();
        LoweredTypes {
            types: self.defined.types.into_values().collect(),
            component_names: self.names.by_key,
            diagnostics: self.diagnostics,
        }
    }

    /// Whether `name` is the type of a component schema (not an inline one).
    pub(super) fn is_component_type(&self, name: &str) -> bool {
        self.names.is_component_type(name)
    }

    /// Defines a type of this kind, documented from `data`; returns the type that names it.
    pub(super) fn define_type(
        &mut self,
        data: &SchemaData,
        naming: Name<'_>,
        kind: TypeKind,
        pointer: &Pointer,
    ) -> RustType {
        let (description, example) = docs(data);
        let name = self.names.claim(naming);
        self.defined.define(
            TypeDef {
                name: name.clone(),
                description,
                example,
                deprecated: data.deprecated,
                // Decided once every operation is lowered, in `directions.rs`.
                sent: true,
                features: Vec::new(),
                min_properties: 0,
                sample_fields: Vec::new(),
                kind,
            },
            pointer,
        );
        RustType::Named(name)
    }

    /// The Rust type of `schema`, whose objects and enums get names derived from `name`.
    pub fn lower<S: Borrow<Schema>>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        name: &str,
        pointer: &Pointer,
    ) -> RustType {
        match target(schema) {
            Target::Ref(reference) => self.resolve(reference, pointer),
            Target::Item(schema) => self.lower_item(schema, Name::Hint(name), pointer),
        }
    }

    /// The type of the schema a `$ref` names: the type it has where it is written.
    pub(super) fn resolve(&mut self, reference: &str, pointer: &Pointer) -> RustType {
        let mut reference = reference;
        for _ in 0..MAX_REF_CHAIN {
            let component = reference
                .strip_prefix(SCHEMA_REF_PREFIX)
                .and_then(|key| self.names.component(key));
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
                Target::Item(schema) if self.memo.in_progress(schema) => {
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

    /// The name hint for a schema written at `home`: the component's when shared, else `hint`.
    pub(super) fn hint_for<'h>(&'h self, home: &Pointer, hint: &'h str) -> &'h str {
        self.shared.get(home.as_str()).map_or(hint, String::as_str)
    }

    /// The schema a `$ref` names, anywhere in the document.
    pub(super) fn schema_at(&self, reference: &str) -> Result<Found<'a>, Missing<'a>> {
        let names = &self.names;
        schema_at(self.doc, &|key| names.component(key).cloned(), reference)
    }

    /// The schema as written, or the one its `$ref` finally names.
    pub(super) fn followed<S: Borrow<Schema>>(
        &self,
        schema: &'a ReferenceOr<S>,
    ) -> Option<&'a Schema> {
        followed(self.doc, schema)
    }

    /// The schema a chain of `$ref`s finally names, and where it is written.
    pub(super) fn component(&self, reference: &str) -> Option<(&'a Schema, Pointer)> {
        final_schema(self.doc, reference)
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
