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

/// Maps pointers into the normalised document back to the user's document, by the prefixes
/// of the nodes that moved: `#/a/allOf/0 -> #/a` translates `#/a/allOf/0/items` to `#/a/items`.
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

    /// This map followed by `earlier`, the map of the rewrite before this one.
    pub fn after(mut self, earlier: PointerMap) -> PointerMap {
        self.earlier = Some(Box::new(earlier));
        self
    }

    /// The user's pointer of the node at `pointer`: the longest recorded prefix is replaced.
    pub fn translate(&self, pointer: &str) -> String {
        let mut prefixes =
            std::iter::successors(Some(pointer), |prefix| Some(prefix.rsplit_once('/')?.0));
        let translated = prefixes
            .find_map(|prefix| Some((self.moved.get(prefix)?, pointer.get(prefix.len()..)?)))
            .map_or_else(
                || pointer.to_string(),
                |(origin, rest)| format!("{origin}{rest}"),
            );
        match &self.earlier {
            Some(earlier) => earlier.translate(&translated),
            None => translated,
        }
    }

    /// [`PointerMap::translate`] backwards; where one node became several, the first of them.
    pub fn to_normalized(&self, pointer: &str) -> String {
        let pointer = match &self.earlier {
            Some(earlier) => earlier.to_normalized(pointer),
            None => pointer.to_string(),
        };
        let within = |origin: &str| {
            pointer
                .strip_prefix(origin)
                .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        let covering = self
            .moved
            .iter()
            .filter_map(|(now, was)| Some((now, was.len(), within(was)?)))
            .min_by_key(|&(_, origin_len, _)| std::cmp::Reverse(origin_len));
        match covering {
            Some((now, _, rest)) => format!("{now}{rest}"),
            None => self.merged_into(&pointer).unwrap_or(pointer),
        }
    }

    /// Where a node went whose fields were moved one by one into another (a lone `anyOf`
    /// branch merged into its parent schema): the place every moved field agrees on.
    fn merged_into(&self, pointer: &str) -> Option<String> {
        let mut places = self.moved.iter().filter_map(|(now, was)| {
            let field = was.strip_prefix(pointer)?;
            field.starts_with('/').then_some(())?;
            now.strip_suffix(field)
        });
        let first = places.next()?;
        places
            .all(|place| place == first)
            .then(|| first.to_string())
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
    fn a_pointer_the_user_wrote_finds_where_its_node_went() {
        let mut map = PointerMap::default();
        map.record(&tokens(&["a", "allOf", "0"]), &tokens(&["a", "anyOf", "1"]));
        assert_eq!(map.to_normalized("#/a/anyOf/1/items"), "#/a/allOf/0/items");
        assert_eq!(map.to_normalized("#/a/anyOf/10"), "#/a/anyOf/10");
        assert_eq!(map.to_normalized("#/b"), "#/b");
    }

    #[test]
    fn a_node_whose_fields_were_merged_into_another_finds_that_one() {
        let mut map = PointerMap::default();
        map.record(
            &tokens(&["a", "type"]),
            &tokens(&["a", "anyOf", "0", "type"]),
        );
        map.record(
            &tokens(&["a", "items"]),
            &tokens(&["a", "anyOf", "0", "items"]),
        );
        assert_eq!(map.to_normalized("#/a/anyOf/0"), "#/a");
        map.record(
            &tokens(&["b", "format"]),
            &tokens(&["a", "anyOf", "0", "format"]),
        );
        assert_eq!(map.to_normalized("#/a/anyOf/0"), "#/a/anyOf/0");
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
