//! The schemas lowered so far, and those being lowered.

use openapiv3::Schema;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::RustType;

/// A schema told apart by its address, which is one-to-one with its pointer and cheaper to hash.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct SchemaId(*const Schema);

/// The type of each schema lowered so far, so a schema reached from several places is one type.
#[derive(Default)]
pub(in crate::lower) struct Memo {
    lowered: FxHashMap<SchemaId, RustType>,
    /// The schemas being lowered, which a `$ref` may not lead back into.
    in_progress: FxHashSet<SchemaId>,
}

impl Memo {
    /// The type `schema` was lowered to, if it was.
    pub(in crate::lower) fn get(&self, schema: &Schema) -> Option<&RustType> {
        self.lowered.get(&SchemaId(schema))
    }

    /// Marks `schema` as being lowered, until [`Memo::finish`].
    pub(in crate::lower) fn start(&mut self, schema: &Schema) {
        self.in_progress.insert(SchemaId(schema));
    }

    /// Records the type `schema` was lowered to.
    pub(in crate::lower) fn finish(&mut self, schema: &Schema, ty: RustType) {
        let id = SchemaId(schema);
        self.in_progress.remove(&id);
        self.lowered.insert(id, ty);
    }

    /// Whether `schema` is being lowered, so a `$ref` to it closes a cycle.
    pub(in crate::lower) fn in_progress(&self, schema: &Schema) -> bool {
        self.in_progress.contains(&SchemaId(schema))
    }
}

#[cfg(test)]
mod tests {
    use openapiv3::{AnySchema, SchemaKind};

    use super::*;

    fn any_schema() -> Schema {
        Schema {
            schema_data: Default::default(),
            schema_kind: SchemaKind::Any(AnySchema::default()),
        }
    }

    #[test]
    fn a_schema_lowered_once_is_answered_from_the_memo() {
        let schema = any_schema();
        let mut memo = Memo::default();
        memo.start(&schema);
        memo.finish(&schema, RustType::Named("Pet".into()));
        assert_eq!(memo.get(&schema), Some(&RustType::Named("Pet".into())));
    }

    #[test]
    fn a_schema_not_lowered_is_not_in_the_memo() {
        let memo = Memo::default();
        assert_eq!(memo.get(&any_schema()), None);
    }

    #[test]
    fn a_schema_in_progress_is_reported_until_finished() {
        let schema = any_schema();
        let mut memo = Memo::default();
        memo.start(&schema);
        assert!(memo.in_progress(&schema));
        memo.finish(&schema, RustType::Json);
        assert!(!memo.in_progress(&schema));
    }

    #[test]
    fn equal_schemas_at_different_places_are_different_schemas() {
        let (first, second) = (any_schema(), any_schema());
        let mut memo = Memo::default();
        memo.start(&first);
        assert!(!memo.in_progress(&second));
    }
}
