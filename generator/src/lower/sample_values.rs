//! Values for the docs' example calls where the spec gives none that fits: the required
//! fields of the type, each from the spec's example or default, else a placeholder of its type.

use rustc_hash::FxHashMap;
use serde_json::{json, Map, Value};

use super::string_samples::parses_as;
use crate::model::{
    BodyKind, Field, FormBody, Location, Parameter, PartKind, Resource, RustType, TypeDef,
    TypeKind, Union, UnionVariant,
};

/// How deep required fields are followed, since a type that requires itself cannot be written.
const MAX_DEPTH: usize = 8;

/// Gives a value for example calls to every body, non-scalar required parameter and
/// non-`Copy` optional parameter, from the spec's example when it fits the type.
pub fn fill_call_examples(resources: &mut [Resource], types: &FxHashMap<&str, &TypeDef>) {
    for op in resources.iter_mut().flat_map(|r| &mut r.operations) {
        if let Some(body) = op.body.as_mut() {
            // The spec's example is replaced by a sample when it does not fit its own type
            // (a list for a string, `"*"` among integers): the call would fail or be refused.
            if let BodyKind::Json(ty)
            | BodyKind::Form(FormBody { ty, .. })
            | BodyKind::JsonLines { items: ty, .. } = &body.kind
            {
                let example = parsed(body.example.as_deref());
                if example.is_some_and(|value| !fits(&value, ty, types, 0, Fit::Example)) {
                    body.example = None;
                }
            }
        }
        if let Some(body) = op.body.as_mut().filter(|b| b.example.is_none()) {
            // A string body is passed as `"..."` instead (see `emit::example_calls`).
            match &body.kind {
                BodyKind::Json(RustType::String) => {}
                // One item, as a list field has: a list body may have to hold some.
                BodyKind::Json(list @ RustType::Vec(_))
                | BodyKind::JsonLines { items: list, .. } => {
                    let value = sample(list, types, 0);
                    if value.as_array().is_some_and(|items| !items.is_empty()) {
                        body.example = Some(value.to_string());
                    }
                }
                BodyKind::Json(ty) | BodyKind::Form(FormBody { ty, .. }) => {
                    let value = match sample(ty, types, 0) {
                        // A body of any JSON is sent as an object: a `null` body reads as none.
                        Value::Null => json!({}),
                        value => value,
                    };
                    // An optional body is better left out than matching several `oneOf` variants.
                    if body.required || fits(&value, ty, types, 0, Fit::Sample) {
                        body.example = Some(value.to_string());
                    }
                }
                BodyKind::Multipart(multipart) => {
                    let parts = multipart.parts.iter().filter(|part| part.required);
                    let values: Map<String, Value> = parts
                        .filter_map(|part| match &part.kind {
                            PartKind::Text(ty) | PartKind::Json { ty, .. } => {
                                let value = known_sample(
                                    &[part.example.as_deref()],
                                    part.sample.as_deref(),
                                    ty,
                                    types,
                                    0,
                                );
                                Some((part.wire_name.clone(), value))
                            }
                            PartKind::File { .. } => None,
                        })
                        .collect();
                    body.example = Some(Value::Object(values).to_string());
                }
                BodyKind::Bytes(_) => {}
            }
        }
        // `Copy` values are written as literals, not decoded, and so are required strings (see
        // `emit::examples`); optional parameters get samples for programs that send every one.
        let literal = |p: &Parameter| p.ty.is_copy() || (p.required && p.ty == RustType::String);
        for param in op.path_params.iter_mut().chain(&mut op.params) {
            // The spec's example, else its default, unless it does not fit its own type, as for
            // bodies.
            let given = [&param.example, &param.default]
                .into_iter()
                .find_map(|given| {
                    let value = list_of_one(parsed(given.as_deref())?, &param.ty);
                    // An empty list would leave an empty path segment, which cannot be sent.
                    let empty = value.as_array().is_some_and(Vec::is_empty);
                    if empty && param.location == Location::Path {
                        return None;
                    }
                    fits_as_text(&value, &param.ty, types, 0, Fit::Example).then(|| match value {
                        // Text written as a number or a boolean (Vault's `ttl`, `type: string`
                        // with `default: 3600`) is passed as that text.
                        Value::Number(_) | Value::Bool(_)
                            if !fits(&value, &param.ty, types, 0, Fit::Example) =>
                        {
                            Value::String(value.to_string())
                        }
                        value => value,
                    })
                });
            if let Some(value) = given {
                param.sample = Some(value.to_string());
                continue;
            }
            if literal(param) {
                continue;
            }
            let constrained = parsed(param.sample.as_deref()).map(|v| list_of_one(v, &param.ty));
            let constrained = constrained.map(|value| value.to_string());
            let value = known_sample(&[], constrained.as_deref(), &param.ty, types, 0);
            // An optional one is better left out than sent as text several `oneOf` variants fit.
            if param.required || fits_as_text(&value, &param.ty, types, 0, Fit::Sample) {
                param.sample = Some(value.to_string());
            }
        }
    }
}

/// `value` as a list where `ty` is a list and `value` one item of it (`my-index` for a
/// parameter of one index or several), or their text joined by commas (`a,b`).
fn list_of_one(value: Value, ty: &RustType) -> Value {
    match (value, ty) {
        (Value::String(text), RustType::Vec(_)) if text.contains(',') => text
            .split(',')
            .map(|item| Value::String(item.to_string()))
            .collect(),
        (one, RustType::Vec(_)) if !one.is_array() => Value::Array(vec![one]),
        (value, _) => value,
    }
}

/// A value of `ty` with only what it requires.
fn sample(ty: &RustType, types: &FxHashMap<&str, &TypeDef>, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match ty {
        RustType::String => json!("string"),
        RustType::Bool => json!(false),
        RustType::I32 | RustType::I64 => json!(0),
        RustType::F32 | RustType::F64 => json!(0.0),
        RustType::DateTime => json!("2024-01-01T00:00:00Z"),
        RustType::Date => json!("2024-01-01"),
        RustType::Uuid => json!("00000000-0000-0000-0000-000000000000"),
        RustType::Json => Value::Null,
        RustType::JsonObject | RustType::Map(_) => json!({}),
        // One item: a list may have to hold some, and a path segment be non-empty.
        RustType::Vec(item) => match sample(item, types, depth + 1) {
            Value::Null => json!([]),
            item => json!([item]),
        },
        RustType::Boxed(inner) | RustType::Nullable(inner) => sample(inner, types, depth),
        RustType::Named(name) => match types.get(name.as_str()) {
            Some(def) => named(def, types, depth + 1),
            None => Value::Null,
        },
    }
}

/// A value of the named type `def`: the spec's example of it if it has one.
fn named(def: &TypeDef, types: &FxHashMap<&str, &TypeDef>, depth: usize) -> Value {
    if let Some(example) = parsed(def.example.as_deref()) {
        if fits(
            &example,
            &RustType::Named(def.name.clone()),
            types,
            depth,
            Fit::Example,
        ) {
            return example;
        }
    }
    match &def.kind {
        TypeKind::Struct(fields) => {
            let required = fields.iter().filter(|f| f.required || f.send_null);
            // Optional fields, as few as `minProperties` asks, that users may send.
            let sendable = |f: &&Field| !f.required && !f.send_null && !f.flatten && !f.read_only;
            let named = |f: &&Field| sendable(f) && def.sample_fields.contains(&f.wire_name);
            let required = required.chain(fields.iter().filter(named));
            let wanted = def.min_properties.saturating_sub(required.clone().count());
            let optional = fields
                .iter()
                .filter(|f| sendable(f) && !named(f))
                .take(wanted);
            let object = required
                .chain(optional)
                .map(|field| (field.wire_name.clone(), field_sample(field, types, depth)))
                .collect();
            Value::Object(object)
        }
        TypeKind::StringEnum(variants) => variants
            .first()
            .map_or(Value::Null, |variant| json!(variant.wire_value)),
        TypeKind::IntegerEnum(variants) => variants
            .first()
            .map_or(Value::Null, |variant| json!(variant.value)),
        TypeKind::Union(union) => {
            // A `oneOf` value must match exactly one variant, so one fitting no other is preferred.
            let mut first = None;
            for (index, variant) in union.variants.iter().enumerate() {
                let fits_only_this = |value: &Value| {
                    let mut others = union.variants.iter().enumerate();
                    others.all(|(i, other)| {
                        i == index || !fits(value, &other.ty, types, depth, Fit::Sample)
                    })
                };
                let value = variant_sample(union, variant, types, depth);
                if fits_only_this(&value) {
                    return value;
                }
                let mut tagged = value.clone();
                set_constant_fields(&mut tagged, &variant.ty, types);
                if fits_only_this(&tagged) {
                    return tagged;
                }
                first.get_or_insert(value);
            }
            first.unwrap_or(Value::Null)
        }
        TypeKind::Alias(target) => sample(target, types, depth),
    }
}

/// A value of `field`: its example, else its default, else one of its type.
fn field_sample(field: &Field, types: &FxHashMap<&str, &TypeDef>, depth: usize) -> Value {
    let given = [field.example.as_deref(), field.default.as_deref()];
    known_sample(&given, field.sample.as_deref(), &field.ty, types, depth)
}

/// The first of the values the spec `given` (as JSON), else the `constrained` sample its
/// schema allows, else one of `ty`.
fn known_sample(
    given: &[Option<&str>],
    constrained: Option<&str>,
    ty: &RustType,
    types: &FxHashMap<&str, &TypeDef>,
    depth: usize,
) -> Value {
    given
        .iter()
        .filter_map(|json| parsed(*json))
        .find(|value| fits(value, ty, types, depth, Fit::Example))
        .or_else(|| Some(completed(parsed(constrained)?, ty, types, depth)))
        .unwrap_or_else(|| sample(ty, types, depth))
}

/// `value`, a sample built from a schema's constraints, with each `null` it holds for
/// an item of a list replaced by a value of the item's type.
fn completed(
    value: Value,
    ty: &RustType,
    types: &FxHashMap<&str, &TypeDef>,
    depth: usize,
) -> Value {
    match (value, ty.unboxed()) {
        (Value::Null, ty) => sample(ty, types, depth),
        (Value::Array(items), RustType::Vec(item)) => items
            .into_iter()
            .map(|value| completed(value, item, types, depth + 1))
            .collect(),
        (Value::Array(items), RustType::Named(name)) => match types.get(name.as_str()) {
            Some(TypeDef {
                kind: TypeKind::Alias(target),
                ..
            }) => completed(Value::Array(items), target, types, depth + 1),
            _ => Value::Array(items),
        },
        (value, _) => value,
    }
}

/// Sets each optional field of `value`, a sample of the struct `ty`, that can hold only one
/// value (`type: {enum: [query]}`): it tells apart variants whose required fields do not.
fn set_constant_fields(value: &mut Value, ty: &RustType, types: &FxHashMap<&str, &TypeDef>) {
    let (Value::Object(object), RustType::Named(name)) = (value, ty.unboxed()) else {
        return;
    };
    let Some(TypeKind::Struct(fields)) = types.get(name.as_str()).map(|def| &def.kind) else {
        return;
    };
    for field in fields.iter().filter(|field| !field.read_only) {
        let RustType::Named(name) = field.ty.unboxed() else {
            continue;
        };
        if let Some(TypeKind::StringEnum(values)) = types.get(name.as_str()).map(|def| &def.kind) {
            if let [only] = values.as_slice() {
                let value = json!(only.wire_value);
                object.entry(field.wire_name.clone()).or_insert(value);
            }
        }
    }
}

/// A value of one variant of `union`, its discriminator naming it.
fn variant_sample(
    union: &Union,
    variant: &UnionVariant,
    types: &FxHashMap<&str, &TypeDef>,
    depth: usize,
) -> Value {
    let mut value = sample(&variant.ty, types, depth);
    if let (Some(property), Some(tag), Value::Object(object)) =
        (&union.discriminator, variant.tags.first(), &mut value)
    {
        object.insert(property.clone(), json!(tag));
    }
    value
}

/// How many of a union's variants a value must fit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Exactly one: a sample made here must be read as the variant it was made for.
    Sample,
    /// Any: the spec's example or default of a value.
    Example,
}

impl Fit {
    fn allows(self, fitting_variants: usize) -> bool {
        match self {
            Fit::Sample => fitting_variants == 1,
            Fit::Example => fitting_variants > 0,
        }
    }
}

/// Whether `value` may be valid for `ty` as far as the model tells, a union's value fitting
/// as many variants as `fit` says; what the model does not keep, such as patterns, fits.
fn fits(
    value: &Value,
    ty: &RustType,
    types: &FxHashMap<&str, &TypeDef>,
    depth: usize,
    fit: Fit,
) -> bool {
    if depth > MAX_DEPTH {
        return true;
    }
    match (ty, value) {
        (RustType::Json, _) => true,
        (
            RustType::String | RustType::DateTime | RustType::Date | RustType::Uuid,
            Value::String(text),
        ) => parses_as(text, ty),
        (RustType::Bool, Value::Bool(_)) => true,
        (RustType::I32 | RustType::I64, Value::Number(number)) => !number.is_f64(),
        (RustType::F32 | RustType::F64, Value::Number(_)) => true,
        (RustType::JsonObject, Value::Object(_)) => true,
        (RustType::Map(item), Value::Object(object)) => object
            .values()
            .all(|value| fits(value, item, types, depth + 1, fit)),
        (RustType::Vec(item), Value::Array(items)) => items
            .iter()
            .all(|value| fits(value, item, types, depth + 1, fit)),
        (RustType::Nullable(_), Value::Null) => true,
        (RustType::Boxed(inner) | RustType::Nullable(inner), value) => {
            fits(value, inner, types, depth, fit)
        }
        (RustType::Named(name), value) => {
            let Some(def) = types.get(name.as_str()) else {
                return true;
            };
            let depth = depth + 1;
            match (&def.kind, value) {
                (TypeKind::Struct(fields), Value::Object(object)) => {
                    fields.iter().filter(|f| !f.flatten).all(|field| {
                        match object.get(&field.wire_name) {
                            None => !field.required && !field.send_null,
                            // Whether an optional field may be null the model does not keep.
                            Some(Value::Null) => !field.required,
                            Some(value) => fits(value, &field.ty, types, depth, fit),
                        }
                    })
                }
                (TypeKind::StringEnum(variants), Value::String(text)) => {
                    variants.iter().any(|variant| &variant.wire_value == text)
                }
                (TypeKind::IntegerEnum(variants), Value::Number(number)) => variants
                    .iter()
                    .any(|variant| number.as_i64() == Some(variant.value)),
                (TypeKind::Union(union), value) => {
                    let fitting = union.variants.iter();
                    fit.allows(
                        fitting
                            .filter(|v| fits(value, &v.ty, types, depth, fit))
                            .count(),
                    )
                }
                (TypeKind::Alias(target), value) => fits(value, target, types, depth, fit),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Whether `value`, sent as a parameter's text, may be valid for `ty`, where `true` and
/// `"true"` are one text; lists and objects are checked as JSON.
fn fits_as_text(
    value: &Value,
    ty: &RustType,
    types: &FxHashMap<&str, &TypeDef>,
    depth: usize,
    fit: Fit,
) -> bool {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        other => return fits(other, ty, types, depth, fit),
    };
    if depth > MAX_DEPTH {
        return true;
    }
    match ty {
        RustType::Bool => text == "true" || text == "false",
        RustType::I32 | RustType::I64 => text.parse::<i64>().is_ok(),
        RustType::F32 | RustType::F64 => text.parse::<f64>().is_ok(),
        RustType::Boxed(inner) | RustType::Nullable(inner) => {
            fits_as_text(value, inner, types, depth, fit)
        }
        RustType::Named(name) => match types.get(name.as_str()).map(|def| &def.kind) {
            Some(TypeKind::StringEnum(variants)) => {
                variants.iter().any(|variant| variant.wire_value == text)
            }
            Some(TypeKind::IntegerEnum(variants)) => variants
                .iter()
                .any(|variant| text.parse::<i64>().ok() == Some(variant.value)),
            Some(TypeKind::Union(union)) => {
                let fitting = union.variants.iter();
                let fitting = fitting.filter(|v| fits_as_text(value, &v.ty, types, depth + 1, fit));
                fit.allows(fitting.count())
            }
            Some(TypeKind::Alias(target)) => fits_as_text(value, target, types, depth + 1, fit),
            Some(TypeKind::Struct(_)) => false,
            None => true,
        },
        RustType::Vec(_) | RustType::Map(_) | RustType::JsonObject => false,
        RustType::String | RustType::DateTime | RustType::Date | RustType::Uuid => {
            parses_as(&text, ty)
        }
        RustType::Json => true,
    }
}

fn parsed(json: Option<&str>) -> Option<Value> {
    serde_json::from_str(json?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_item_or_comma_separated_text_of_a_list_is_read_as_the_list() {
        let list = RustType::Vec(Box::new(RustType::String));
        assert_eq!(list_of_one(json!("my-index"), &list), json!(["my-index"]));
        assert_eq!(list_of_one(json!("a,b"), &list), json!(["a", "b"]));
        assert_eq!(list_of_one(json!(["a"]), &list), json!(["a"]));
        assert_eq!(list_of_one(json!("a,b"), &RustType::String), json!("a,b"));
    }

    fn field(wire_name: &str, ty: RustType, required: bool) -> Field {
        Field {
            wire_name: wire_name.to_string(),
            rust_name: wire_name.to_string(),
            ty,
            required,
            send_null: false,
            default: None,
            read_only: false,
            write_only: false,
            flatten: false,
            description: None,
            example: None,
            sample: None,
            deprecated: false,
        }
    }

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef::bare(name, kind)
    }

    fn sample_of(name: &str, defs: &[TypeDef]) -> Value {
        let types = super::super::types_by_name(defs);
        sample(&RustType::Named(name.to_string()), &types, 0)
    }

    #[test]
    fn a_union_sample_names_its_variant_in_the_discriminator() {
        let cat = def(
            "Cat",
            TypeKind::Struct(vec![field("lives", RustType::I32, true)]),
        );
        let pet = def(
            "Pet",
            TypeKind::Union(Union {
                variants: vec![UnionVariant {
                    rust_name: "Cat".to_string(),
                    ty: RustType::Named("Cat".to_string()),
                    tags: vec!["cat".to_string()],
                }],
                discriminator: Some("pet_type".to_string()),
            }),
        );
        assert_eq!(
            sample_of("Pet", &[cat, pet]),
            json!({"lives": 0, "pet_type": "cat"})
        );
    }

    fn union(name: &str, variants: &[&str]) -> TypeDef {
        let variants = variants.iter().map(|variant| UnionVariant {
            rust_name: variant.to_string(),
            ty: RustType::Named(variant.to_string()),
            tags: Vec::new(),
        });
        def(
            name,
            TypeKind::Union(Union {
                variants: variants.collect(),
                discriminator: None,
            }),
        )
    }

    #[test]
    fn a_union_sample_is_of_the_first_variant_whose_value_fits_no_other() {
        // Any value of `Cat` is an `Animal` too; an `Animal` without `lives` is not a `Cat`.
        let cat = def(
            "Cat",
            TypeKind::Struct(vec![field("lives", RustType::I32, true)]),
        );
        let animal = def(
            "Animal",
            TypeKind::Struct(vec![field("name", RustType::String, false)]),
        );
        let pet = union("Pet", &["Cat", "Animal"]);
        assert_eq!(sample_of("Pet", &[cat, animal, pet]), json!({}));
    }

    /// `Event`, a union of `Started` and `Ended`, which any object without `at` fits both of.
    fn overlapping_event() -> [TypeDef; 3] {
        let started = def(
            "Started",
            TypeKind::Struct(vec![field("at", RustType::String, false)]),
        );
        let ended = def(
            "Ended",
            TypeKind::Struct(vec![field("at", RustType::String, false)]),
        );
        [started, ended, union("Event", &["Started", "Ended"])]
    }

    #[test]
    fn a_value_fitting_two_variants_does_not_fit_their_union() {
        let defs = overlapping_event();
        let types = super::super::types_by_name(&defs);
        let event = RustType::Named("Event".to_string());
        assert!(!fits(
            &sample(&event, &types, 0),
            &event,
            &types,
            0,
            Fit::Sample
        ));
    }

    #[test]
    fn the_text_true_fits_both_a_string_and_a_boolean_variant_so_not_their_union() {
        let word = def(
            "Word",
            TypeKind::StringEnum(vec![crate::model::EnumVariant {
                wire_value: "true".to_string(),
                rust_name: "True".to_string(),
            }]),
        );
        let mut force = union("Force", &["Word"]);
        if let TypeKind::Union(union) = &mut force.kind {
            union.variants.push(UnionVariant {
                rust_name: "Bool".to_string(),
                ty: RustType::Bool,
                tags: Vec::new(),
            });
        }
        let defs = [word, force];
        let types = super::super::types_by_name(&defs);
        let force = RustType::Named("Force".to_string());
        assert!(fits(&json!("true"), &force, &types, 0, Fit::Sample));
        assert!(!fits_as_text(
            &json!("true"),
            &force,
            &types,
            0,
            Fit::Sample
        ));
        assert!(!fits_as_text(&json!(true), &force, &types, 0, Fit::Sample));
    }

    #[test]
    fn a_value_outside_an_enum_does_not_fit_it_as_a_sample_or_an_example() {
        let color = def(
            "Color",
            TypeKind::StringEnum(vec![crate::model::EnumVariant {
                wire_value: "red".to_string(),
                rust_name: "Red".to_string(),
            }]),
        );
        let defs = [color];
        let types = super::super::types_by_name(&defs);
        let color = RustType::Named("Color".to_string());
        assert!(fits(&json!("red"), &color, &types, 0, Fit::Sample));
        assert!(!fits(&json!("blue"), &color, &types, 0, Fit::Sample));
        // Nor does a spec's example: Meilisearch lists `"*"` among a parameter's values.
        let colors = RustType::Vec(Box::new(color));
        let example = |values| fits_as_text(&values, &colors, &types, 0, Fit::Example);
        assert!(example(json!(["red"])));
        assert!(!example(json!(["red", "*"])));
    }

    #[test]
    fn a_field_default_is_sent_when_it_has_no_example() {
        let mut size = field("size", RustType::I64, true);
        size.default = Some("20".to_string());
        let page = def("Page", TypeKind::Struct(vec![size]));
        assert_eq!(sample_of("Page", &[page]), json!({"size": 20}));
    }

    #[test]
    fn a_type_that_requires_itself_ends_in_null() {
        let node = def(
            "Node",
            TypeKind::Struct(vec![field(
                "next",
                RustType::Boxed(Box::new(RustType::Named("Node".to_string()))),
                true,
            )]),
        );
        let mut value = &sample_of("Node", &[node]);
        let mut depth = 0;
        while let Some(next) = value.get("next") {
            value = next;
            depth += 1;
        }
        assert_eq!(value, &Value::Null);
        assert!(depth <= MAX_DEPTH + 1, "{depth} levels");
    }

    #[test]
    fn a_struct_with_min_properties_is_sampled_with_enough_optional_fields() {
        let mut id = field("id", RustType::String, false);
        id.read_only = true;
        let mut patch = def(
            "Patch",
            TypeKind::Struct(vec![
                id,
                field("name", RustType::String, false),
                field("note", RustType::String, false),
            ]),
        );
        patch.min_properties = 1;
        assert_eq!(sample_of("Patch", &[patch]), json!({"name": "string"}));
    }

    #[test]
    fn a_struct_whose_one_of_requires_an_optional_field_is_sampled_with_it() {
        let mut contact = def(
            "Contact",
            TypeKind::Struct(vec![
                field("email", RustType::String, false),
                field("phone", RustType::String, false),
            ]),
        );
        contact.sample_fields = vec!["phone".to_string()];
        assert_eq!(sample_of("Contact", &[contact]), json!({"phone": "string"}));
    }

    #[test]
    fn null_items_of_a_constrained_list_sample_are_filled_from_the_item_type() {
        let item = def(
            "Reference",
            TypeKind::Struct(vec![field("email", RustType::String, true)]),
        );
        let mut references = field(
            "references",
            RustType::Vec(Box::new(RustType::Named("Reference".to_string()))),
            true,
        );
        references.sample = Some("[null,null]".to_string());
        let request = def("Request", TypeKind::Struct(vec![references]));
        let email = json!({"email": "string"});
        assert_eq!(
            sample_of("Request", &[item, request]),
            json!({"references": [email, email]})
        );
    }

    #[test]
    fn an_example_fits_a_union_when_any_variant_takes_it_but_a_sample_must_fit_one() {
        let defs = overlapping_event();
        let types = super::super::types_by_name(&defs);
        let event = RustType::Named("Event".to_string());
        assert!(fits(&json!({}), &event, &types, 0, Fit::Example));
        assert!(!fits(&json!({}), &event, &types, 0, Fit::Sample));
        assert!(!fits(&json!([]), &event, &types, 0, Fit::Example));
    }

    #[test]
    fn an_example_missing_a_required_field_does_not_fit() {
        let thing = def(
            "Thing",
            TypeKind::Struct(vec![field("name", RustType::String, true)]),
        );
        let defs = [thing];
        let types = super::super::types_by_name(&defs);
        let thing = RustType::Named("Thing".to_string());
        assert!(!fits(&json!({}), &thing, &types, 0, Fit::Example));
    }

    #[test]
    fn a_parameter_example_of_another_shape_does_not_fit_as_text() {
        let types = FxHashMap::default();
        let integers = RustType::Vec(Box::new(RustType::I64));
        let example = |value, ty| fits_as_text(&value, ty, &types, 0, Fit::Example);
        assert!(!example(json!([1, "*"]), &integers));
        assert!(!example(json!(["a"]), &RustType::String));
        assert!(example(json!("12"), &RustType::I64));
    }

    #[test]
    fn a_date_given_for_a_date_time_does_not_fit() {
        assert!(!fits(
            &json!("2008-01-02"),
            &RustType::DateTime,
            &FxHashMap::default(),
            0,
            Fit::Example
        ));
    }

    #[test]
    fn a_union_of_variants_requiring_nothing_is_sampled_with_the_first_variant_s_constant() {
        let one_value = |name: &str, value: &str| {
            def(
                name,
                TypeKind::StringEnum(vec![crate::model::EnumVariant {
                    wire_value: value.to_string(),
                    rust_name: name.to_string(),
                }]),
            )
        };
        let kind = |name: &str| field("type", RustType::Named(name.to_string()), false);
        let query = def("Query", TypeKind::Struct(vec![kind("QueryType")]));
        let constant = def("Constant", TypeKind::Struct(vec![kind("ConstantType")]));
        let defs = [
            one_value("QueryType", "query"),
            one_value("ConstantType", "constant"),
            query,
            constant,
            union("Properties", &["Query", "Constant"]),
        ];
        assert_eq!(sample_of("Properties", &defs), json!({"type": "query"}));
    }
}
