//! The types defined so far: the model lowering builds.

use std::collections::BTreeMap;

use openapiv3::SchemaData;
use rustc_hash::FxHashMap;

use crate::diagnostics::Pointer;
use crate::model::{TypeDef, TypeKind};

/// The types defined so far, by name, so they come out in name order.
#[derive(Default)]
pub(in crate::lower) struct Defined {
    pub(in crate::lower) types: BTreeMap<String, TypeDef>,
    /// Where each alias was defined, for diagnostics found later.
    origins: FxHashMap<String, Pointer>,
}

impl Defined {
    /// Adds `def`, written at `pointer`, replacing any type of its name.
    pub(super) fn define(&mut self, def: TypeDef, pointer: &Pointer) {
        // Only an alias can be defined in terms of itself (see `recursion`).
        if matches!(def.kind, TypeKind::Alias(_)) {
            self.origins.insert(def.name.clone(), pointer.clone());
        }
        self.types.insert(def.name.clone(), def);
    }

    /// Where the alias `name` was defined.
    pub(in crate::lower) fn origin(&self, name: &str) -> Option<&Pointer> {
        self.origins.get(name)
    }
}

/// The description and the example (as compact JSON) of a schema.
pub(in crate::lower) fn docs(data: &SchemaData) -> (Option<String>, Option<String>) {
    let description = data.description.clone().or_else(|| data.title.clone());
    let example = data.example.as_ref().map(|value| value.to_string());
    (description, example)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RustType;

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef::bare(name, kind)
    }

    fn at(key: &str) -> Pointer {
        Pointer::root().push("components").push("schemas").push(key)
    }

    #[test]
    fn types_come_out_in_name_order() {
        let mut defined = Defined::default();
        defined.define(def("Pet", TypeKind::Struct(Vec::new())), &at("Pet"));
        defined.define(
            def("Owner", TypeKind::Alias(RustType::String)),
            &at("Owner"),
        );
        let names: Vec<String> = defined.types.into_values().map(|d| d.name).collect();
        assert_eq!(names, ["Owner", "Pet"]);
    }

    #[test]
    fn an_alias_keeps_its_origin() {
        let mut defined = Defined::default();
        defined.define(def("Id", TypeKind::Alias(RustType::String)), &at("Id"));
        assert_eq!(defined.origin("Id"), Some(&at("Id")));
    }

    #[test]
    fn a_struct_keeps_no_origin() {
        let mut defined = Defined::default();
        defined.define(def("Pet", TypeKind::Struct(Vec::new())), &at("Pet"));
        assert_eq!(defined.origin("Pet"), None);
    }

    #[test]
    fn a_type_is_found_by_name() {
        let mut defined = Defined::default();
        defined.define(def("Pet", TypeKind::Struct(Vec::new())), &at("Pet"));
        assert!(defined.types.contains_key("Pet"));
        assert!(!defined.types.contains_key("Owner"));
    }

    #[test]
    fn docs_fall_back_to_the_title_and_print_the_example_compactly() {
        let data = SchemaData {
            title: Some("A pet".into()),
            example: Some(serde_json::json!({ "name": "Rex" })),
            ..SchemaData::default()
        };
        let (description, example) = docs(&data);
        assert_eq!(description.as_deref(), Some("A pet"));
        assert_eq!(example.as_deref(), Some(r#"{"name":"Rex"}"#));
    }
}
