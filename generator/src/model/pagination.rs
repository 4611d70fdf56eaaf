//! How list operations page.

use super::RustType;

/// How an operation's pages are walked: the page number goes into a query
/// parameter, the items and the page count come from the response.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The method that walks every page, e.g. `list_auto_paging`.
    pub method_name: String,
    /// The type of one listed item.
    pub item: RustType,
    /// The fields from the response down to the items; empty when the
    /// response is the list itself.
    pub items: Vec<FieldPath>,
    pub style: PageStyle,
}

/// How the next page is asked for, and how the response says there is one.
#[derive(Debug, Clone, PartialEq)]
pub enum PageStyle {
    /// A page number parameter, and the number of pages in the response.
    PageNumber {
        param: PageParam,
        total_pages: Vec<FieldPath>,
    },
    /// An offset parameter (the params field's name), and the number of
    /// items in the response.
    Offset {
        param: String,
        narrow: bool,
        total: Vec<FieldPath>,
    },
    /// A cursor parameter (the params field's name, a `String`), and where
    /// the next cursor comes from.
    Cursor { param: String, next: CursorSource },
    /// A field holding the next page's URL.
    NextUrl { next: Vec<FieldPath> },
    /// The `Link` header's `rel="next"` URL.
    LinkHeader,
}

/// Where the next page's cursor comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum CursorSource {
    /// A text field of the response, e.g. `next_cursor`.
    Field(Vec<FieldPath>),
    /// The last item's id, while a boolean field (`has_more`) says so; when the items may be
    /// `null` ([`Pagination::item`] is `Nullable`), the last one that is not.
    LastItemId {
        has_more: Vec<FieldPath>,
        id: FieldPath,
    },
}

/// A field of a generated struct, as the generated code reaches it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPath {
    pub rust_name: String,
    /// The field is an `Option`.
    pub optional: bool,
    /// The field holds an `i32`, widened to `i64` when read.
    pub narrow: bool,
}

/// Where the page number goes.
#[derive(Debug, Clone, PartialEq)]
pub enum PageParam {
    /// A parameter of its own, e.g. `page[number]`: the params field's name.
    Flat { param: String, narrow: bool },
    /// A field of a deepObject parameter, e.g. `page` with `number`: the
    /// params field, the struct's type name and the field's name.
    Nested {
        param: String,
        type_name: String,
        field: String,
        narrow: bool,
    },
}
