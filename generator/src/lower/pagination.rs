//! Recognising list operations that can be walked page by page.
//!
//! The shape is Telnyx's: the response has a `data` array and a `meta` object
//! with `page_number`, `page_size`, `total_pages` (and `total_results`); the
//! page is chosen with a `page` deepObject parameter (`page[number]`) or a
//! parameter named `page[number]` itself.

use super::types::TypeRegistry;
use crate::model::{
    Field, FieldPath, Location, PageParam, Pagination, Parameter, QueryStyle, RustType,
};

const META_FIELDS: &[&str] = &["page_number", "page_size", "total_pages"];

/// The pagination of a GET operation whose response is `response`, if it has
/// the shape. Its method name is left for the resource to decide.
pub fn detect(
    types: &TypeRegistry,
    response: &RustType,
    params: &[Parameter],
) -> Option<Pagination> {
    let fields = types.struct_fields(response)?;
    let data = find(fields, "data")?;
    let RustType::Vec(item) = &data.ty else {
        return None;
    };
    let meta = find(fields, "meta")?;
    let meta_fields = types.struct_fields(&meta.ty)?;
    if !META_FIELDS
        .iter()
        .all(|name| find(meta_fields, name).is_some())
    {
        return None;
    }
    let total_pages = find(meta_fields, "total_pages")?;
    Some(Pagination {
        method_name: String::new(),
        item: (**item).clone(),
        items: field_path(data)?,
        meta: field_path(meta)?,
        total_pages: integer_path(total_pages)?,
        page_param: page_param(types, params)?,
    })
}

fn page_param(types: &TypeRegistry, params: &[Parameter]) -> Option<PageParam> {
    let optional_query = |p: &&Parameter| !p.required && matches!(p.location, Location::Query(_));
    if let Some(flat) = params
        .iter()
        .filter(optional_query)
        .find(|p| p.wire_name == "page[number]")
    {
        return Some(PageParam::Flat {
            param: flat.rust_name.clone(),
            narrow: narrow(&flat.ty)?,
        });
    }
    let page = params
        .iter()
        .filter(optional_query)
        .find(|p| p.wire_name == "page" && p.location == Location::Query(QueryStyle::DeepObject))?;
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

fn field_path(field: &Field) -> Option<FieldPath> {
    Some(FieldPath {
        rust_name: field.rust_name.clone(),
        optional: !field.required,
        narrow: false,
    })
}

fn integer_path(field: &Field) -> Option<FieldPath> {
    Some(FieldPath {
        narrow: narrow(&field.ty)?,
        ..field_path(field)?
    })
}

/// `Some(true)` for `i32`, `Some(false)` for `i64`, `None` for anything else.
fn narrow(ty: &RustType) -> Option<bool> {
    match ty {
        RustType::I32 => Some(true),
        RustType::I64 => Some(false),
        _ => None,
    }
}
