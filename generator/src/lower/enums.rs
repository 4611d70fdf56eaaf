//! Enumerations of strings and integers.

use std::collections::BTreeSet;

use openapiv3::Schema;

use super::types::{Name, TypeRegistry};
use crate::diagnostics::Pointer;
use crate::model::{EnumVariant, IntegerVariant, RustType, TypeKind};
use crate::naming;

impl TypeRegistry<'_> {
    pub(super) fn define_string_enum(
        &mut self,
        schema: &Schema,
        naming: Name<'_>,
        values: Vec<String>,
        pointer: &Pointer,
    ) -> RustType {
        let variants = TypeKind::StringEnum(string_variants(values));
        self.define_type(&schema.schema_data, naming, variants, pointer)
    }

    pub(super) fn define_integer_enum(
        &mut self,
        schema: &Schema,
        naming: Name<'_>,
        values: Vec<i64>,
        pointer: &Pointer,
    ) -> RustType {
        let mut taken = BTreeSet::from(["Unknown".to_string()]);
        let mut seen = BTreeSet::new();
        let variants = values
            .into_iter()
            .filter(|value| seen.insert(*value))
            .map(|value| {
                let name = if value < 0 {
                    format!("Minus{}", value.unsigned_abs())
                } else {
                    format!("V{value}")
                };
                IntegerVariant {
                    rust_name: naming::unique(name, &mut taken),
                    value,
                }
            })
            .collect();
        let variants = TypeKind::IntegerEnum(variants);
        self.define_type(&schema.schema_data, naming, variants, pointer)
    }
}

/// One variant per distinct value, never named `Unknown`, which holds values not listed.
pub(super) fn string_variants(values: impl IntoIterator<Item = String>) -> Vec<EnumVariant> {
    let mut taken = BTreeSet::from(["Unknown".to_string()]);
    let mut seen = BTreeSet::new();
    values
        .into_iter()
        .filter(|value| seen.insert(value.clone()))
        .map(|wire_value| EnumVariant {
            rust_name: naming::unique(naming::variant_name(&wire_value), &mut taken),
            wire_value,
        })
        .collect()
}
