//! `allOf` (merged into one struct) and `oneOf`/`anyOf` (Rust enums).

use std::borrow::Cow;
use std::collections::BTreeSet;

use openapiv3::{
    AnySchema, BooleanType, IntegerType, NumberType, ObjectType, ReferenceOr, Schema, SchemaData,
    SchemaKind, StringType, Type,
};

use super::ref_targets::{compositions, target, variant_hint};
use super::schema::{only_constrains_own_properties, plain_scalar_type, properties, Properties};
use super::types::{Name, TypeRegistry};
use super::union_variants::{discriminator_tags, variant_names};
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
        // `allOf: [$ref]`, or a `$ref` beside parts that only annotate it or restate its type
        // (`{type: string, nullable: true}`), is how 3.0 specs annotate a reference: the value
        // is the reference's type, not a copy of it.
        let mut typed: Vec<_> = parts
            .iter()
            .enumerate()
            .filter(|(_, part)| annotation(part).is_none())
            .collect();
        // A `$ref` to a plain scalar (Lob's `object`, `{type: string, description: …}`) beside a
        // part that narrows it (`{type: string, enum: [tracking_event]}`) only restates it too.
        let bare = |part: &ReferenceOr<Schema>| {
            bare_type(part).is_some()
                || matches!(part, ReferenceOr::Reference { .. })
                    && self.followed(part).is_some_and(|schema| {
                        matches!(&schema.schema_kind, SchemaKind::Type(ty) if is_bare(ty, false))
                    })
        };
        if typed.iter().any(|(_, part)| !bare(part)) {
            typed.retain(|(_, part)| !bare(part));
        }
        match (typed.as_slice(), own_props.is_empty()) {
            ([], true) => return RustType::Json,
            // Unless the schema requires properties the part leaves optional (Lago's 3.1
            // `{$ref: AddOnBaseInput, required: [name, code]}`): that is another struct.
            ([(index, part)], true) if !self.requires_more(part, &own_required) => {
                let pointer = pointer.push("allOf").push(&index.to_string());
                return match part {
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
                    ReferenceOr::Item(schema) => self.lower_item(schema, naming, &pointer),
                };
            }
            _ => {}
        }
        // The properties of every part, then the schema's own, each once.
        let mut merged = Merged::default();
        if let Err(diagnostic) = self.merge_all(parts, pointer, &mut merged) {
            self.diagnostics.push(diagnostic);
            return RustType::Json;
        }
        merged.props.extend(own_props);
        merged.required.extend(own_required);
        let props = once_each(merged.props);
        if let Some((union_data, union_parts, union_pointer)) = merged.union {
            // `allOf: [a union, objects]`: each variant takes the objects' properties, as with
            // `properties` beside a `oneOf`.
            let mut data = data.clone();
            if data.discriminator.is_none() {
                data.discriminator.clone_from(&union_data.discriminator);
            }
            let shared = (props, merged.required);
            return self.union(&data, union_parts, Some(&shared), naming, &union_pointer);
        }
        // Parts that name no property leave any object, as `type: object` alone does.
        if props.is_empty() {
            return RustType::JsonObject;
        }
        self.define_struct(data, (props, merged.required, None), naming, pointer)
    }

    /// Whether `required` names a property the object `part` (merged through its `allOf`s)
    /// leaves optional; not for an object keeping other properties or a union, which a copy
    /// made for `required` would lose.
    fn requires_more(&self, part: &'a ReferenceOr<Schema>, required: &BTreeSet<&'a str>) -> bool {
        let keeps_others = match self.followed(part).map(|schema| &schema.schema_kind) {
            Some(SchemaKind::Type(Type::Object(object))) => &object.additional_properties,
            Some(SchemaKind::Any(any)) => &any.additional_properties,
            Some(SchemaKind::AllOf { .. }) => &None,
            _ => return false,
        };
        let mut merged = Merged::default();
        let merges = self.merge_part(part, Pointer::root(), &mut merged).is_ok();
        let optional = |name: &&str| {
            merged.props.iter().any(|(prop, ..)| prop == name) && !merged.required.contains(name)
        };
        merges && keeps_others.is_none() && merged.union.is_none() && required.iter().any(optional)
    }

    /// Merges the properties of each of `parts`, the `allOf` of the schema at `pointer`.
    fn merge_all(
        &self,
        parts: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        merged: &mut Merged<'a>,
    ) -> Result<(), Diagnostic> {
        for (index, part) in parts.iter().enumerate() {
            self.merge_part(part, pointer.push("allOf").push(&index.to_string()), merged)?;
        }
        Ok(())
    }

    /// Merges the properties of `part`, written at `pointer`, following its `$ref`.
    fn merge_part(
        &self,
        part: &'a ReferenceOr<Schema>,
        pointer: Pointer,
        merged: &mut Merged<'a>,
    ) -> Result<(), Diagnostic> {
        let (schema, pointer, reference) = match part {
            ReferenceOr::Item(schema) => (schema, pointer, None),
            ReferenceOr::Reference { reference } => {
                if !merged.refs.insert(reference) {
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
        let result = self.merge_schema(schema, pointer, merged);
        // Only the refs on the way here make a cycle; a schema may be reached twice.
        if let Some(reference) = reference {
            merged.refs.remove(reference);
        }
        result
    }

    fn merge_schema(
        &self,
        schema: &'a Schema,
        pointer: Pointer,
        merged: &mut Merged<'a>,
    ) -> Result<(), Diagnostic> {
        let union_parts = match &schema.schema_kind {
            SchemaKind::OneOf { one_of } => Some(("oneOf", one_of.as_slice())),
            SchemaKind::AnyOf { any_of } => Some(("anyOf", any_of.as_slice())),
            _ => None,
        };
        if let Some((_, parts)) = union_parts {
            // A union one of whose variants is being lowered is that variant's parent
            // (`Cat: allOf: [Pet, …]` with `Pet: oneOf: [Cat, …]`), and the union being
            // distributed is what the variant is already part of: neither adds to it.
            let parent = parts.iter().any(|part| {
                self.followed(part)
                    .is_some_and(|variant| self.memo.in_progress(variant))
            });
            let known = [
                merged.distributed.as_ref(),
                merged.union.as_ref().map(|u| &u.2),
            ];
            if parent || known.contains(&Some(&pointer)) {
                return Ok(());
            }
        }
        if let (Some(union_parts), None) = (union_parts, &merged.union) {
            merged.union = Some((&schema.schema_data, union_parts, pointer));
            return Ok(());
        }
        let (own, own_required, nested): (_, &'a [String], &'a [ReferenceOr<Schema>]) =
            match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => {
                    (&object.properties, &object.required, &[])
                }
                SchemaKind::AllOf { all_of } => return self.merge_all(all_of, &pointer, merged),
                SchemaKind::Any(any) if only_constrains_own_properties(any) => {
                    (&any.properties, &any.required, &any.all_of)
                }
                _ => return Err(not_an_object(&pointer)),
            };
        self.merge_all(nested, &pointer, merged)?;
        merged.props.extend(properties(own, &pointer));
        merged
            .required
            .extend(own_required.iter().map(String::as_str));
        Ok(())
    }

    /// An enum with one variant per part, chosen by the discriminator or else in order.
    /// Properties written beside the parts (`shared`) belong to every variant, as if each
    /// were the `allOf` of them and the part.
    pub(super) fn union(
        &mut self,
        data: &SchemaData,
        (keyword, parts): (&str, &'a [ReferenceOr<Schema>]),
        shared: Option<&Shared<'a>>,
        naming: Name<'_>,
        pointer: &Pointer,
    ) -> RustType {
        let base = naming.base();
        let keyword = pointer.push(keyword);
        let shared = shared.filter(|(props, _)| !props.is_empty());
        if let ([part], None) = (parts, shared) {
            return self.lower(part, base, &keyword.push("0"));
        }
        let mut variants = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let hint = variant_hint(target(part), base, index);
            let part_pointer = keyword.push(&index.to_string());
            let merged = shared.and_then(|shared| {
                self.with_shared(part, shared, &hint, base, (pointer, &part_pointer))
            });
            let ty = merged.unwrap_or_else(|| {
                if shared.is_some() {
                    self.diagnostics.push(Diagnostic::warning(
                        &part_pointer,
                        "this variant is not an object, so the `properties` beside it are not part of it",
                    ));
                }
                self.lower(part, &hint, &part_pointer)
            });
            if let ([_], Some(_)) = (parts, shared) {
                return ty;
            }
            let tags = match (&data.discriminator, part) {
                (Some(discriminator), ReferenceOr::Reference { reference }) => {
                    discriminator_tags(discriminator, reference)
                }
                _ => Vec::new(),
            };
            variants.push(UnionVariant {
                rust_name: String::new(),
                ty,
                tags,
            });
        }
        // Variants of one Rust type (`anyOf` of a ULID string and a key string), or `$ref`s to
        // aliases of one scalar, cannot be told apart when decoding: the union is that type, not
        // an enum whose later variants never decode.
        if shared.is_none() && variants.iter().all(|v| v.tags.is_empty()) {
            let alike = |types: Vec<RustType>| match types.split_first() {
                Some((first, rest)) if rest.iter().all(|ty| ty == first) => Some(first.clone()),
                _ => None,
            };
            let types = variants.iter().map(|v| v.ty.clone()).collect();
            let scalars = parts.iter().zip(&variants).map(|(part, v)| {
                let scalar = self.followed(part).and_then(plain_scalar_type);
                scalar.unwrap_or_else(|| v.ty.clone())
            });
            if let Some(ty) = alike(types).or_else(|| alike(scalars.collect())) {
                return ty;
            }
        }
        let types: Vec<&RustType> = variants.iter().map(|variant| &variant.ty).collect();
        for (name, variant) in variant_names(&types, base).into_iter().zip(&mut variants) {
            variant.rust_name = name;
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

    /// The struct of `shared` and the properties of `part`, an object variant written at
    /// `pointer` of the union at `union_pointer`; `None` when the part is not an object.
    fn with_shared(
        &mut self,
        part: &'a ReferenceOr<Schema>,
        shared: &Shared<'a>,
        hint: &str,
        base: &str,
        (union_pointer, pointer): (&Pointer, &Pointer),
    ) -> Option<RustType> {
        let merged = self.merged_object(part, shared.clone(), pointer, Some(union_pointer));
        let (props, required) = merged.ok()?;
        let (schema, hint) = match part {
            ReferenceOr::Item(schema) => (schema, hint.to_string()),
            ReferenceOr::Reference { reference } => {
                let (schema, _) = self.component(reference)?;
                let name = reference.rsplit('/').next().unwrap_or_default();
                (schema, format!("{base}{}", naming::type_name(name)))
            }
        };
        let shape = (props, required, None);
        Some(self.define_struct(&schema.schema_data, shape, Name::Hint(&hint), pointer))
    }

    /// The properties given first, then those of the object `part` is or names (merging its
    /// `allOf`s), written at `pointer`, each once, and which are required; `distributed` is the
    /// union whose variant `part` is, if any.
    pub(super) fn merged_object(
        &self,
        part: &'a ReferenceOr<Schema>,
        (props, required): Shared<'a>,
        pointer: &Pointer,
        distributed: Option<&Pointer>,
    ) -> Result<Shared<'a>, Diagnostic> {
        let mut merged = Merged {
            props,
            required,
            distributed: distributed.cloned(),
            ..Merged::default()
        };
        self.merge_part(part, pointer.clone(), &mut merged)?;
        if let Some((_, _, union_pointer)) = merged.union {
            return Err(not_an_object(&union_pointer));
        }
        Ok((once_each(merged.props), merged.required))
    }
}

fn not_an_object(pointer: &Pointer) -> Diagnostic {
    Diagnostic::warning(
        pointer,
        "this `allOf` member is not an object, so the parts cannot be merged; the value is typed as any JSON value",
    )
}

/// A union's keyword (`oneOf` or `anyOf`) and its parts.
type UnionParts<'a> = (&'static str, &'a [ReferenceOr<Schema>]);

/// The properties written beside a union's parts, and which of them are required.
pub(super) type Shared<'a> = (Properties<'a>, BTreeSet<&'a str>);

/// `props` with each property once: a later declaration refines an earlier one and keeps its
/// first place.
fn once_each(props: Properties<'_>) -> Properties<'_> {
    let mut once: Properties<'_> = Vec::new();
    for (key, schema, place) in props {
        match once.iter_mut().find(|(seen, _, _)| *seen == key) {
            Some(slot) => *slot = (key, schema, place),
            None => once.push((key, schema, place)),
        }
    }
    once
}

/// What the parts of an `allOf` add up to so far.
#[derive(Default)]
struct Merged<'a> {
    /// Every part's properties in order, a property declared twice listed twice.
    props: Properties<'a>,
    required: BTreeSet<&'a str>,
    /// The `$ref`s followed to reach the part being merged.
    refs: BTreeSet<&'a str>,
    /// The one `oneOf` or `anyOf` among the parts, whose variants each take the properties:
    /// its data, keyword and parts, and where it is written.
    union: Option<(&'a SchemaData, UnionParts<'a>, Pointer)>,
    /// Where the union is written whose variant these parts make, when they make one.
    distributed: Option<Pointer>,
}

/// The annotations of `schema` (its description, `nullable` and the like),
/// with those written in `allOf` parts that hold nothing else: specs write
/// `allOf: [$ref, {nullable: true}]` to annotate a reference.
pub(super) fn annotations(schema: &Schema) -> Cow<'_, SchemaData> {
    let [(_, all_of), ..] = compositions(schema);
    let mut parts = all_of
        .iter()
        .filter_map(|part| annotation(part).or_else(|| bare_type(part)))
        .peekable();
    if parts.peek().is_none() {
        return Cow::Borrowed(&schema.schema_data);
    }
    let mut data = schema.schema_data.clone();
    for part in parts {
        data.nullable |= part.nullable;
        data.read_only |= part.read_only;
        data.write_only |= part.write_only;
        data.deprecated |= part.deprecated;
        data.description = data.description.or_else(|| part.description.clone());
        data.example = data.example.or_else(|| part.example.clone());
        data.default = data.default.or_else(|| part.default.clone());
    }
    Cow::Owned(data)
}

/// The annotations of an `allOf` part that constrains nothing: no type, no
/// properties, no composition.
fn annotation(part: &ReferenceOr<Schema>) -> Option<&SchemaData> {
    match part {
        ReferenceOr::Item(Schema {
            schema_data,
            schema_kind: SchemaKind::Any(any),
        }) if *any == AnySchema::default() => Some(schema_data),
        _ => None,
    }
}

/// Whether `ty` says only which type the value is (`type: string` and nothing more of it);
/// an empty object counts when `objects`.
fn is_bare(ty: &Type, objects: bool) -> bool {
    match ty {
        Type::String(string) => *string == StringType::default(),
        Type::Number(number) => *number == NumberType::default(),
        Type::Integer(integer) => *integer == IntegerType::default(),
        Type::Boolean(boolean) => *boolean == BooleanType::default(),
        Type::Object(object) => objects && *object == ObjectType::default(),
        Type::Array(_) => false,
    }
}

/// The annotations of an `allOf` part that only names a type, such as
/// `{type: string, description: …}`: beside a part that says more about the
/// value, it restates that part's type.
fn bare_type(part: &ReferenceOr<Schema>) -> Option<&SchemaData> {
    match part {
        ReferenceOr::Item(Schema {
            schema_data,
            schema_kind: SchemaKind::Type(ty),
        }) if is_bare(ty, true) => Some(schema_data),
        _ => None,
    }
}
