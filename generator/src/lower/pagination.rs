//! Recognising list operations that can be walked page by page.
//!
//! The styles are found from the shape of the response and the parameters,
//! by the names those styles commonly use, never by which API it is:
//!
//! - page number: a `meta`-like object with `page_number`, `page_size` and
//!   `total_pages`, and a `page[number]` (or `page` deepObject) parameter;
//! - offset: an `offset` parameter and a total count (`total`, `total_count`…);
//! - cursor: `has_more` with a `starting_after` parameter (the last item's
//!   id), or a `next_cursor`-like field with a `cursor`-like parameter;
//! - next URL: a `next_page_uri`-like field, at the top or one object down
//!   (`links.next`, `meta.next_page_url`);
//! - the `Link` header's `rel="next"`, when the response declares `Link`.

use super::types::TypeRegistry;
use crate::model::{
    CursorSource, Field, FieldPath, Location, PageParam, PageStyle, Pagination, Parameter,
    QueryStyle, RustType,
};

const META_FIELDS: &[&str] = &["page_number", "page_size", "total_pages"];
/// Fields that hold a list's items, best first; otherwise the only list field.
const ITEM_FIELDS: &[&str] = &["data", "items", "results", "records", "entries"];
const TOTAL_FIELDS: &[&str] = &["total", "total_count", "total_results", "count"];
const OFFSET_PARAMS: &[&str] = &["offset", "skip"];
const CURSOR_FIELDS: &[&str] = &["next_cursor", "next_page_token", "next_token", "after"];
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "after",
    "page_token",
    "next_token",
    "starting_after",
];
const URL_FIELDS: &[&str] = &["next_page_uri", "next_page_url", "next_url", "next"];

/// The pagination of a GET operation whose response is `response`, if it has
/// one of the shapes. Its method name is left for the resource to decide.
pub fn detect(
    types: &TypeRegistry,
    response: &RustType,
    params: &[Parameter],
    link_header: bool,
) -> Option<Pagination> {
    let (item, items) = items(types, response)?;
    let style = page_number(types, response, params)
        .or_else(|| offset(types, response, params))
        .or_else(|| cursor(types, response, &item, params))
        .or_else(|| next_url(types, response))
        .or_else(|| link_header.then_some(PageStyle::LinkHeader))?;
    Some(Pagination {
        method_name: String::new(),
        item,
        items,
        style,
    })
}

/// The item type and the path to the list: the response itself, or its
/// items field.
fn items(types: &TypeRegistry, response: &RustType) -> Option<(RustType, Vec<FieldPath>)> {
    if let RustType::Vec(item) = response {
        return Some(((**item).clone(), Vec::new()));
    }
    let fields = types.struct_fields(response)?;
    let lists: Vec<&Field> = fields
        .iter()
        .filter(|f| matches!(f.ty, RustType::Vec(_)))
        .collect();
    let field = ITEM_FIELDS
        .iter()
        .find_map(|name| lists.iter().find(|f| f.wire_name == *name))
        .or(match lists.as_slice() {
            [only] => Some(only),
            _ => None,
        })?;
    let RustType::Vec(item) = &field.ty else {
        return None;
    };
    Some(((**item).clone(), vec![path_of(field)]))
}

fn page_number(
    types: &TypeRegistry,
    response: &RustType,
    params: &[Parameter],
) -> Option<PageStyle> {
    let fields = types.struct_fields(response)?;
    let meta = find(fields, "meta")?;
    let meta_fields = types.struct_fields(&meta.ty)?;
    if !META_FIELDS
        .iter()
        .all(|name| find(meta_fields, name).is_some())
    {
        return None;
    }
    let total_pages = find(meta_fields, "total_pages")?;
    Some(PageStyle::PageNumber {
        total_pages: vec![path_of(meta), integer_path(total_pages)?],
        param: page_param(types, params)?,
    })
}

fn offset(types: &TypeRegistry, response: &RustType, params: &[Parameter]) -> Option<PageStyle> {
    let param = OFFSET_PARAMS
        .iter()
        .find_map(|name| optional_query(params, name))?;
    let total = TOTAL_FIELDS.iter().find_map(|name| {
        let path = nested(types, response, name)?;
        narrow_of(types, response, &path)?;
        Some(path)
    })?;
    Some(PageStyle::Offset {
        param: param.rust_name.clone(),
        narrow: narrow(&param.ty)?,
        total,
    })
}

fn cursor(
    types: &TypeRegistry,
    response: &RustType,
    item: &RustType,
    params: &[Parameter],
) -> Option<PageStyle> {
    let text_param = |name: &str| optional_query(params, name).filter(|p| p.ty == RustType::String);
    let fields = types.struct_fields(response)?;
    if let (Some(has_more), Some(param)) = (find(fields, "has_more"), text_param("starting_after"))
    {
        let id = types
            .struct_fields(item)?
            .iter()
            .find(|f| f.wire_name == "id" && f.ty == RustType::String)?;
        if has_more.ty == RustType::Bool {
            return Some(PageStyle::Cursor {
                param: param.rust_name.clone(),
                next: CursorSource::LastItemId {
                    has_more: vec![path_of(has_more)],
                    id: path_of(id),
                },
            });
        }
    }
    let param = CURSOR_PARAMS.iter().find_map(|name| text_param(name))?;
    let next = CURSOR_FIELDS
        .iter()
        .find_map(|name| text_path(types, response, name))?;
    Some(PageStyle::Cursor {
        param: param.rust_name.clone(),
        next: CursorSource::Field(next),
    })
}

fn next_url(types: &TypeRegistry, response: &RustType) -> Option<PageStyle> {
    let next = URL_FIELDS
        .iter()
        .find_map(|name| text_path(types, response, name))?;
    Some(PageStyle::NextUrl { next })
}

/// The path to a text field named `name`, at the top or one object down.
fn text_path(types: &TypeRegistry, response: &RustType, name: &str) -> Option<Vec<FieldPath>> {
    let path = nested(types, response, name)?;
    let ty = field_type(types, response, &path)?;
    (ty == RustType::String).then_some(path)
}

/// The path to the field named `name` at the top of `response`, or else in
/// the first object field that has one.
fn nested(types: &TypeRegistry, response: &RustType, name: &str) -> Option<Vec<FieldPath>> {
    let fields = types.struct_fields(response)?;
    if let Some(field) = find(fields, name) {
        return Some(vec![path_of(field)]);
    }
    fields.iter().find_map(|outer| {
        let inner = find(types.struct_fields(&outer.ty)?, name)?;
        Some(vec![path_of(outer), path_of(inner)])
    })
}

/// The type of the last field of `path`.
fn field_type(types: &TypeRegistry, response: &RustType, path: &[FieldPath]) -> Option<RustType> {
    let mut ty = response.clone();
    for step in path {
        let fields = types.struct_fields(&ty)?;
        ty = fields
            .iter()
            .find(|f| f.rust_name == step.rust_name)?
            .ty
            .clone();
    }
    Some(ty)
}

/// Checks that `path` ends in an integer, and marks it narrow for `i32`.
fn narrow_of(types: &TypeRegistry, response: &RustType, path: &[FieldPath]) -> Option<bool> {
    narrow(&field_type(types, response, path)?)
}

fn optional_query<'p>(params: &'p [Parameter], wire_name: &str) -> Option<&'p Parameter> {
    params.iter().find(|p| {
        !p.required && matches!(p.location, Location::Query(_)) && p.wire_name == wire_name
    })
}

fn page_param(types: &TypeRegistry, params: &[Parameter]) -> Option<PageParam> {
    if let Some(flat) = optional_query(params, "page[number]") {
        return Some(PageParam::Flat {
            param: flat.rust_name.clone(),
            narrow: narrow(&flat.ty)?,
        });
    }
    let page = optional_query(params, "page")
        .filter(|p| p.location == Location::Query(QueryStyle::DeepObject))?;
    let RustType::Named(type_name) = &page.ty else {
        return None;
    };
    let fields = types.struct_fields(&page.ty)?;
    // The page struct is rebuilt from its default, so every field must be optional.
    if fields.iter().any(|f| f.required) {
        return None;
    }
    let number = find(fields, "number")?;
    Some(PageParam::Nested {
        param: page.rust_name.clone(),
        type_name: type_name.clone(),
        field: number.rust_name.clone(),
        narrow: narrow(&number.ty)?,
    })
}

fn find<'f>(fields: &'f [Field], wire_name: &str) -> Option<&'f Field> {
    fields.iter().find(|f| f.wire_name == wire_name)
}

fn path_of(field: &Field) -> FieldPath {
    FieldPath {
        rust_name: field.rust_name.clone(),
        optional: !field.required,
        narrow: narrow(&field.ty).unwrap_or(false),
    }
}

fn integer_path(field: &Field) -> Option<FieldPath> {
    narrow(&field.ty)?;
    Some(path_of(field))
}

/// `Some(true)` for `i32`, `Some(false)` for `i64`, `None` for anything else.
fn narrow(ty: &RustType) -> Option<bool> {
    match ty {
        RustType::I32 => Some(true),
        RustType::I64 => Some(false),
        _ => None,
    }
}
