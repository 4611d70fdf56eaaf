//! `allOf` (merged into one struct) and `oneOf`/`anyOf` (Rust enums).

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema, SchemaData, SchemaKind, Type};

use super::schema::Properties;
use super::types::{Name, TypeRegistry, SCHEMA_REF_PREFIX};
use crate::diagnostics::{Diagnostic, Pointer};
use crate::model::{RustType, TypeKind, Union, UnionVariant};
use crate::naming;

impl<'a> TypeRegistry<'a> {
    /// One struct with the properties of every part (and of the schema itself).
    pub(super) fn all_of(
        &mut self,
        data: &SchemaData,
        parts: &'a [ReferenceOr<Schema>],
        own_props: Properties<'a>,
        own_required: BTreeSet<&'a str>,
        naming: Name<'_>,
        pointer: &Pointer,
    ) -> RustType {
        // `allOf: [$ref]` is how 3.0 specs add `nullable` or a description to a reference.
        if let ([part], true) = (parts, own_props.is_empty()) {
            return match part {
                ReferenceOr::Reference { reference } => self.resolve(reference, pointer),
                ReferenceOr::Item(schema) => {
                    self.lower_item(schema, naming, &pointer.push("allOf").push("0"))
                }
            };
        }
        let (mut props, mut required) = (Vec::new(), BTreeSet::new());
        let mut seen_refs = BTreeSet::new();
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = pointer.push("allOf").push(&index.to_string());
            if let Err(diagnostic) = self.collect_properties(
                part,
                part_pointer,
                &mut props,
                &mut required,
                &mut seen_refs,
            ) {
                self.diagnostics.push(diagnostic);
                return RustType::Json;
            }
        }
        // The schema's own properties come after its parts'.
        props.extend(own_props);
        required.extend(own_required);
        // A later declaration of a property refines an earlier one; it keeps its first place.
        let mut merged: Properties<'a> = Vec::new();
        for (key, schema, place) in props {
            match merged.iter_mut().find(|(seen, _, _)| *seen == key) {
                Some(slot) => *slot = (key, schema, place),
                None => merged.push((key, schema, place)),
            }
        }
        self.define_struct(
            data,
            (merged, required.into_iter().collect(), None),
            naming,
            pointer,
        )
    }

    fn collect_properties(
        &self,
        part: &'a ReferenceOr<Schema>,
        pointer: Pointer,
        props: &mut Properties<'a>,
        required: &mut BTreeSet<&'a str>,
        seen_refs: &mut BTreeSet<&'a str>,
    ) -> Result<(), Diagnostic> {
        let (schema, pointer, reference) = match part {
            ReferenceOr::Item(schema) => (schema, pointer, None),
            ReferenceOr::Reference { reference } => {
                if !seen_refs.insert(reference) {
                    return Err(Diagnostic::error(
                        &pointer,
                        format!("`$ref: {reference}` includes itself through `allOf`"),
                    ));
                }
                let (schema, pointer) = self.component(reference).ok_or_else(|| {
                    Diagnostic::error(&pointer, format!("`$ref: {reference}` points nowhere"))
                        .with_hint("an `allOf` member must name an entry of `#/components/schemas`")
                })?;
                (schema, pointer, Some(reference.as_str()))
            }
        };
        let result = self.collect_schema(schema, pointer, props, required, seen_refs);
        // Only the refs on the way here make a cycle; a schema may be reached twice.
        if let Some(reference) = reference {
            seen_refs.remove(reference);
        }
        result
    }

    fn collect_schema(
        &self,
        schema: &'a Schema,
        pointer: Pointer,
        props: &mut Properties<'a>,
        required: &mut BTreeSet<&'a str>,
        seen_refs: &mut BTreeSet<&'a str>,
    ) -> Result<(), Diagnostic> {
        let (own, own_required, nested): (_, &'a [String], &'a [ReferenceOr<Schema>]) =
            match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => (&object.properties, &object.required, &[]),
                SchemaKind::AllOf { all_of } => return self.collect_all(all_of, &pointer, props, required, seen_refs),
                SchemaKind::Any(any) if any.one_of.is_empty() && any.any_of.is_empty() => {
                    (&any.properties, &any.required, &any.all_of)
                }
                _ => {
                    return Err(Diagnostic::warning(
                        &pointer,
                        "this `allOf` member is not an object, so the parts cannot be merged; the value is typed as any JSON value",
                    ))
                }
            };
        self.collect_all(nested, &pointer, props, required, seen_refs)?;
        let properties = pointer.push("properties");
        props.extend(
            own.iter()
                .map(|(key, value)| (key.as_str(), value, properties.push(key))),
        );
        required.extend(own_required.iter().map(String::as_str));
        Ok(())
    }

    fn collect_all(
        &self,
        parts: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        props: &mut Properties<'a>,
        required: &mut BTreeSet<&'a str>,
        seen_refs: &mut BTreeSet<&'a str>,
    ) -> Result<(), Diagnostic> {
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = pointer.push("allOf").push(&index.to_string());
            self.collect_properties(part, part_pointer, props, required, seen_refs)?;
        }
        Ok(())
    }

    /// An enum with one variant per part, chosen by the discriminator when
    /// there is one, else by trying each part in order.
    pub(super) fn union(
        &mut self,
        data: &SchemaData,
        (keyword, parts): (&str, &'a [ReferenceOr<Schema>]),
        naming: Name<'_>,
        pointer: &Pointer,
    ) -> RustType {
        let base = naming.base();
        let keyword = pointer.push(keyword);
        if let [part] = parts {
            return self.lower(part, base, &keyword.push("0"));
        }
        let mut taken = BTreeSet::from(["Unknown".to_string()]);
        let mut variants = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let hint = variant_hint(part, base, index);
            let ty = self.lower(part, &hint, &keyword.push(&index.to_string()));
            let tags = match (&data.discriminator, part) {
                (Some(discriminator), ReferenceOr::Reference { reference }) => {
                    discriminator_tags(discriminator, reference)
                }
                _ => Vec::new(),
            };
            variants.push(UnionVariant {
                rust_name: naming::unique(variant_name(&ty), &mut taken),
                ty,
                tags,
            });
        }
        let discriminator = match &data.discriminator {
            Some(discriminator) if variants.iter().all(|v| !v.tags.is_empty()) => {
                Some(discriminator.property_name.clone())
            }
            Some(_) => {
                self.diagnostics.push(Diagnostic::warning(
                    &pointer.push("discriminator"),
                    "the discriminator cannot tell every variant apart (inline variants have no name); variants are tried in order instead",
                ));
                None
            }
            None => None,
        };
        let union = Union {
            variants,
            discriminator,
        };
        self.define_type(data, naming, TypeKind::Union(union), pointer)
    }
}

/// The name hint of a union's variant: its title, else its position; a
/// `$ref` names its own type.
pub(super) fn variant_hint(part: &ReferenceOr<Schema>, base: &str, index: usize) -> String {
    match part {
        ReferenceOr::Item(schema) => schema
            .schema_data
            .title
            .clone()
            .unwrap_or_else(|| format!("{base}Variant{}", index + 1)),
        ReferenceOr::Reference { .. } => String::new(),
    }
}

/// The discriminator values that select the schema `reference` names: its
/// entries in the mapping, or else the schema's own name.
fn discriminator_tags(discriminator: &openapiv3::Discriminator, reference: &str) -> Vec<String> {
    let key = reference
        .strip_prefix(SCHEMA_REF_PREFIX)
        .unwrap_or(reference);
    let mapped: Vec<String> = discriminator
        .mapping
        .iter()
        .filter(|(_, target)| *target == reference || *target == key)
        .map(|(value, _)| value.clone())
        .collect();
    if mapped.is_empty() {
        vec![key.to_string()]
    } else {
        mapped
    }
}

/// A variant is named after its type.
fn variant_name(ty: &RustType) -> String {
    match ty {
        RustType::Named(name) => name.clone(),
        RustType::String => "String".into(),
        RustType::Bool => "Bool".into(),
        RustType::I32 | RustType::I64 => "Integer".into(),
        RustType::F32 | RustType::F64 => "Number".into(),
        RustType::DateTime => "DateTime".into(),
        RustType::Date => "Date".into(),
        RustType::Uuid => "Uuid".into(),
        RustType::Json => "Value".into(),
        RustType::JsonObject | RustType::Map(_) => "Map".into(),
        RustType::Vec(item) => format!("{}List", variant_name(item)),
        RustType::Boxed(inner) => variant_name(inner),
    }
}
