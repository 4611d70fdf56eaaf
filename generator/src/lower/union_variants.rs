//! What a union's variants are called, and which discriminator values pick each.

use std::collections::BTreeSet;

use super::types::SCHEMA_REF_PREFIX;
use crate::model::RustType;
use crate::naming;

/// The discriminator values that select `reference`: its mapping entries, else its name.
pub(super) fn discriminator_tags(
    discriminator: &openapiv3::Discriminator,
    reference: &str,
) -> Vec<String> {
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

/// The variants' names: each its type's, less the union's own name where the type's starts
/// with it (`ContinueWith::SettingsUi`, not `ContinueWith::ContinueWithSettingsUi`) and what
/// is left is no other variant's name, so that which variant keeps the long name does not
/// depend on their order.
pub(super) fn variant_names(types: &[&RustType], union: &str) -> Vec<String> {
    let shortened = |word: &str| {
        let rest = word.strip_prefix(union)?;
        let name = rest.starts_with(|c: char| c.is_ascii_uppercase());
        (name && !matches!(rest, "Self" | "Unknown")).then(|| rest.to_string())
    };
    let words: Vec<(String, Option<String>)> = types
        .iter()
        .map(|ty| {
            let word = type_word(ty);
            let short = shortened(&word);
            (word, short)
        })
        .collect();
    let mut taken = BTreeSet::from(["Unknown".to_string()]);
    let mut names = Vec::new();
    for (index, (word, short)) in words.iter().enumerate() {
        let clashes = |name: &str| {
            let mut others = words
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index);
            others.any(|(_, (word, short))| word == name || short.as_deref() == Some(name))
        };
        let name = match short {
            Some(short) if !clashes(short) => short.clone(),
            _ => word.clone(),
        };
        names.push(naming::unique(name, &mut taken));
    }
    names
}

/// The word for a type in a variant's name.
fn type_word(ty: &RustType) -> String {
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
        RustType::Vec(item) => format!("{}List", type_word(item)),
        RustType::Boxed(inner) | RustType::Nullable(inner) => type_word(inner),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(types: &[RustType], union: &str) -> Vec<String> {
        variant_names(&types.iter().collect::<Vec<_>>(), union)
    }

    fn named(name: &str) -> RustType {
        RustType::Named(name.to_string())
    }

    #[test]
    fn a_variant_drops_the_union_s_name_from_the_front_of_its_type_s() {
        let types = [
            named("ContinueWithSettingsUi"),
            named("ContinueWithVariant2"),
            RustType::Vec(Box::new(named("ContinueWithStep"))),
        ];
        assert_eq!(
            names(&types, "ContinueWith"),
            ["SettingsUi", "Variant2", "StepList"]
        );
    }

    #[test]
    fn a_variant_keeps_its_type_s_name_when_less_the_union_s_it_is_no_name() {
        let types = [
            named("Pet"),
            named("Pets"),
            named("PetSelf"),
            RustType::String,
        ];
        assert_eq!(names(&types, "Pet"), ["Pet", "Pets", "PetSelf", "String"]);
    }

    #[test]
    fn a_variant_keeps_its_type_s_name_when_the_shorter_one_is_taken() {
        let types = [named("PetCat"), named("Cat"), named("PetUnknown")];
        assert_eq!(names(&types, "Pet"), ["PetCat", "Cat", "PetUnknown"]);
        let types = [named("Cat"), named("PetCat")];
        assert_eq!(names(&types, "Pet"), ["Cat", "PetCat"]);
    }
}
