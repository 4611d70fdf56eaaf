//! The names of the types a spec defines, component schemas' given up front.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::naming;

/// How a schema being lowered is named.
#[derive(Clone, Copy)]
pub(in crate::lower) enum Name<'n> {
    /// A component schema: the name was reserved for it up front.
    Given(&'n str),
    /// An inline schema: a fresh name is derived from this one.
    Hint(&'n str),
}

impl<'n> Name<'n> {
    pub(in crate::lower) fn base(self) -> &'n str {
        match self {
            Name::Given(name) | Name::Hint(name) => name,
        }
    }
}

/// The type names given so far, so that no two types share one.
pub(super) struct TypeNames<'a> {
    /// Component schema key -> the Rust name given to it.
    pub(super) by_key: FxHashMap<&'a str, String>,
    /// The names given to component schemas.
    components: FxHashSet<String>,
    /// Every name given, component or inline.
    taken: FxHashSet<String>,
}

impl<'a> TypeNames<'a> {
    /// Names every component schema, in the order of `keys`.
    pub(super) fn new(keys: impl IntoIterator<Item = &'a str>) -> Self {
        let mut taken = FxHashSet::default();
        let mut by_key = FxHashMap::default();
        let mut components = FxHashSet::default();
        for key in keys {
            let name = naming::unique(naming::type_name(key), &mut taken);
            components.insert(name.clone());
            by_key.insert(key, name);
        }
        TypeNames {
            by_key,
            components,
            taken,
        }
    }

    /// The name given to the component schema `key`.
    pub(super) fn component(&self, key: &str) -> Option<&String> {
        self.by_key.get(key)
    }

    /// Whether `name` is the type of a component schema (not an inline one).
    pub(super) fn is_component_type(&self, name: &str) -> bool {
        self.components.contains(name)
    }

    /// The name a type being defined gets: its given one, or a fresh one derived from its hint.
    pub(super) fn claim(&mut self, naming: Name<'_>) -> String {
        match naming {
            Name::Given(name) => name.to_string(),
            Name::Hint(hint) => naming::unique(naming::type_name(hint), &mut self.taken),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_keys_that_case_alike_get_distinct_names_in_key_order() {
        let names = TypeNames::new(["pet", "Pet"]);
        assert_eq!(names.component("pet").map(String::as_str), Some("Pet"));
        assert_eq!(names.component("Pet").map(String::as_str), Some("Pet2"));
    }

    #[test]
    fn a_fresh_name_never_reuses_a_component_name() {
        let mut names = TypeNames::new(["PetStatus"]);
        assert_eq!(names.claim(Name::Hint("pet_status")), "PetStatus2");
    }

    #[test]
    fn fresh_names_for_the_same_hint_are_distinct() {
        let mut names = TypeNames::new([]);
        assert_eq!(names.claim(Name::Hint("item")), "Item");
        assert_eq!(names.claim(Name::Hint("item")), "Item2");
    }

    #[test]
    fn a_given_name_is_kept() {
        let mut names = TypeNames::new(["Pet"]);
        assert_eq!(names.claim(Name::Given("Pet")), "Pet");
    }

    #[test]
    fn a_hint_is_claimed_as_a_fresh_name() {
        let mut names = TypeNames::new(["Pet"]);
        assert_eq!(names.claim(Name::Hint("Pet")), "Pet2");
    }

    #[test]
    fn only_component_names_are_component_types() {
        let mut names = TypeNames::new(["Pet"]);
        let inline = names.claim(Name::Hint("Owner"));
        assert!(names.is_component_type("Pet"));
        assert!(!names.is_component_type(&inline));
    }

    #[test]
    fn an_unknown_key_has_no_name() {
        let names = TypeNames::new(["Pet"]);
        assert_eq!(names.component("Owner"), None);
    }
}
