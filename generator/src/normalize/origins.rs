//! Where each node of the normalised document came from in the user's document.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Pointer};

/// A path of reference tokens (unescaped), from the document root.
pub type Tokens = Vec<String>;

/// Renders tokens as a JSON pointer in the `#/a/b` form diagnostics use.
pub fn pointer(tokens: &[String]) -> String {
    tokens
        .iter()
        .fold(Pointer::root(), |pointer, token| pointer.push(token))
        .as_str()
        .to_string()
}

/// Maps pointers into the normalised document back to the user's document.
///
/// Only the nodes that normalisation moved are recorded, as pointer prefixes:
/// an entry `#/a/allOf/0 -> #/a` says that the subtree now at `#/a/allOf/0` was
/// written at `#/a`, so `#/a/allOf/0/items` translates to `#/a/items`. Every
/// pointer no entry covers is unchanged. A later stage holding a pointer into
/// the normalised document (a lowering diagnostic, say) calls
/// [`PointerMap::translate`] (or [`PointerMap::translate_diagnostics`]) to
/// get the pointer, and so the line, the user wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PointerMap {
    moved: BTreeMap<String, String>,
    /// The map of the rewrite that ran before this one, applied after it.
    earlier: Option<Box<PointerMap>>,
}

impl PointerMap {
    /// Records that the subtree now at `now` was written at `was`.
    pub fn record(&mut self, now: &[String], was: &[String]) {
        if now != was {
            self.moved.insert(pointer(now), pointer(was));
        }
    }

    /// This map followed by `earlier`, the map of the rewrite that produced
    /// the document this one rewrote.
    pub fn after(mut self, earlier: PointerMap) -> PointerMap {
        self.earlier = Some(Box::new(earlier));
        self
    }

    /// The pointer in the user's document of the node at `pointer` in the
    /// normalised one: the longest recorded prefix is replaced by its origin.
    pub fn translate(&self, pointer: &str) -> String {
        let translated = self.translate_here(pointer);
        match &self.earlier {
            Some(earlier) => earlier.translate(&translated),
            None => translated,
        }
    }

    fn translate_here(&self, pointer: &str) -> String {
        let mut prefix = pointer;
        loop {
            if let Some(origin) = self.moved.get(prefix) {
                let rest = pointer.strip_prefix(prefix).unwrap_or_default();
                return format!("{origin}{rest}");
            }
            match prefix.rsplit_once('/') {
                Some((parent, _)) => prefix = parent,
                None => return pointer.to_string(),
            }
        }
    }

    /// Points every diagnostic at the user's document.
    pub fn translate_diagnostics(&self, diagnostics: &mut [Diagnostic]) {
        for diagnostic in diagnostics {
            diagnostic.pointer = self.translate(&diagnostic.pointer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(path: &[&str]) -> Tokens {
        path.iter().map(|token| token.to_string()).collect()
    }

    #[test]
    fn a_moved_subtree_translates_with_its_suffix() {
        let mut map = PointerMap::default();
        map.record(&tokens(&["a", "allOf", "0"]), &tokens(&["a"]));
        assert_eq!(map.translate("#/a/allOf/0/items"), "#/a/items");
        assert_eq!(map.translate("#/a/allOf/0"), "#/a");
    }

    #[test]
    fn the_longest_recorded_prefix_wins() {
        let mut map = PointerMap::default();
        map.record(&tokens(&["a"]), &tokens(&["b"]));
        map.record(&tokens(&["a", "x"]), &tokens(&["c"]));
        assert_eq!(map.translate("#/a/x/y"), "#/c/y");
        assert_eq!(map.translate("#/a/z"), "#/b/z");
    }

    #[test]
    fn a_prefix_matches_whole_tokens_only() {
        let mut map = PointerMap::default();
        map.record(&tokens(&["a"]), &tokens(&["b"]));
        assert_eq!(map.translate("#/ab"), "#/ab");
    }

    #[test]
    fn a_map_after_an_earlier_one_translates_through_both() {
        let mut earlier = PointerMap::default();
        earlier.record(&tokens(&["r", "content", "schema"]), &tokens(&["r"]));
        let mut later = PointerMap::default();
        later.record(
            &tokens(&["r", "content", "schema", "allOf", "0"]),
            &tokens(&["r", "content", "schema"]),
        );
        let map = later.after(earlier);
        assert_eq!(
            map.translate("#/r/content/schema/allOf/0/items"),
            "#/r/items"
        );
    }

    #[test]
    fn pointers_nothing_moved_are_unchanged() {
        let map = PointerMap::default();
        assert_eq!(map.translate("#/paths/~1x"), "#/paths/~1x");
    }

    #[test]
    fn an_unmoved_record_is_not_kept() {
        let mut map = PointerMap::default();
        map.record(&tokens(&["a"]), &tokens(&["a"]));
        assert_eq!(map, PointerMap::default());
    }
}
