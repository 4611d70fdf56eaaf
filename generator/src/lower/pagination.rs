//! List operations that can be walked page by page, recognised by the names each paging style
//! commonly uses in the response and the parameters, never by which API it is.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::types::TypeRegistry;
use crate::model::{
    CursorSource, Field, FieldPath, Location, PageParam, PageStyle, Pagination, Parameter,
    QueryStyle, RustType,
};

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

/// The pagination of a GET operation whose response is `response`, its method name left blank.
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
        .or_else(|| {
            let next = URL_FIELDS
                .iter()
                .find_map(|name| text_path(types, response, name))?;
            Some(PageStyle::NextUrl { next })
        })
        .or_else(|| link_header.then_some(PageStyle::LinkHeader))?;
    Some(Pagination {
        method_name: String::new(),
        item,
        items,
        style,
    })
}

/// Paging that detection does not find, declared in `codegen.yaml` under
/// `pagination`: per operation (by operationId), or for every list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagingDeclarations {
    /// Tried on every GET list whose paging is not detected and whose items
    /// are found (a declared `items`, or a conventionally named list).
    #[serde(default)]
    pub default: Option<PagingDeclaration>,
    /// By operationId; used instead of detection, and an error when it does not fit the operation.
    #[serde(default)]
    pub operations: BTreeMap<String, PagingDeclaration>,
}

/// One declared paging style.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagingDeclaration {
    pub style: DeclaredStyle,
    /// The query parameter that chooses the page (its name in the spec):
    /// the page number, the offset or the cursor.
    #[serde(default)]
    pub param: Option<String>,
    /// The response field (a dotted path of names in the spec) that says
    /// what comes next: the number of pages, the total, the cursor or the URL.
    #[serde(default)]
    pub next: Option<String>,
    /// The response field holding the items (dotted); found as detection does when absent.
    #[serde(default)]
    pub items: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclaredStyle {
    PageNumber,
    Offset,
    Cursor,
    NextUrl,
    LinkHeader,
}

/// The pagination `declaration` describes, or why it does not fit the operation.
pub fn declared(
    types: &TypeRegistry,
    response: &RustType,
    params: &[Parameter],
    declaration: &PagingDeclaration,
    conventional_items_only: bool,
) -> Result<Pagination, String> {
    let (item, items) = match &declaration.items {
        Some(dotted) => match resolve(types, response, dotted)? {
            (path, RustType::Vec(item)) => (*item, path),
            _ => return Err(format!("`items: {dotted}` is not a list")),
        },
        None => items(types, response)
            .filter(|(_, path)| {
                !conventional_items_only
                    || path.iter().all(|step| {
                        ITEM_FIELDS
                            .iter()
                            .any(|name| crate::naming::snake_name(name) == step.rust_name)
                    })
            })
            .ok_or("the response has no list of items; declare `items`")?,
    };
    let param = |kind: &str| -> Result<&Parameter, String> {
        let name = declaration
            .param
            .as_deref()
            .ok_or(format!("a {kind} style needs `param`"))?;
        optional_query(params, name).ok_or(format!(
            "`param: {name}` is not an optional query parameter of the operation"
        ))
    };
    let next = |kind: &str, want: fn(&RustType) -> bool| -> Result<Vec<FieldPath>, String> {
        let dotted = declaration
            .next
            .as_deref()
            .ok_or(format!("a {kind} style needs `next`"))?;
        let (path, ty) = resolve(types, response, dotted)?;
        if want(&ty) {
            Ok(path)
        } else {
            Err(format!(
                "`next: {dotted}` is not of the type a {kind} style reads"
            ))
        }
    };
    let integer_param = |kind: &str| -> Result<(String, bool), String> {
        let param = param(kind)?;
        let narrow = narrow(&param.ty).ok_or("`param` is not an integer")?;
        Ok((param.rust_name.clone(), narrow))
    };
    let integer = |ty: &RustType| narrow(ty).is_some();
    let text = |ty: &RustType| *ty == RustType::String;
    let style = match declaration.style {
        DeclaredStyle::PageNumber => {
            let (param, narrow) = integer_param("page_number")?;
            PageStyle::PageNumber {
                param: PageParam::Flat { param, narrow },
                total_pages: next("page_number", integer)?,
            }
        }
        DeclaredStyle::Offset => {
            let (param, narrow) = integer_param("offset")?;
            PageStyle::Offset {
                param,
                narrow,
                total: next("offset", integer)?,
            }
        }
        DeclaredStyle::Cursor => {
            let param = param("cursor")?;
            if param.ty != RustType::String {
                return Err("`param` is not a string".to_string());
            }
            PageStyle::Cursor {
                param: param.rust_name.clone(),
                next: CursorSource::Field(next("cursor", text)?),
            }
        }
        DeclaredStyle::NextUrl => PageStyle::NextUrl {
            next: next("next_url", text)?,
        },
        DeclaredStyle::LinkHeader => PageStyle::LinkHeader,
    };
    Ok(Pagination {
        method_name: String::new(),
        item,
        items,
        style,
    })
}

/// The fields a dotted path of spec names reaches from `root`, and the last one's type.
fn resolve(
    types: &TypeRegistry,
    root: &RustType,
    dotted: &str,
) -> Result<(Vec<FieldPath>, RustType), String> {
    let mut ty = root.clone();
    let mut path = Vec::new();
    for name in dotted.split('.') {
        let field = types
            .struct_fields(&ty)
            .and_then(|fields| find(fields, name))
            .ok_or(format!("the response has no field `{dotted}`"))?;
        path.push(path_of(field));
        ty = field.ty.clone();
    }
    Ok((path, ty))
}

/// The item type and the path to the list: the response itself, or its items field.
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
        .or(lists.first().filter(|_| lists.len() == 1))?;
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
    let meta = find(types.struct_fields(response)?, "meta")?;
    let meta_fields = types.struct_fields(&meta.ty)?;
    find(meta_fields, "page_number")?;
    find(meta_fields, "page_size")?;
    let total_pages = find(meta_fields, "total_pages")?;
    narrow(&total_pages.ty)?;
    Some(PageStyle::PageNumber {
        total_pages: vec![path_of(meta), path_of(total_pages)],
        param: page_param(types, params)?,
    })
}

fn offset(types: &TypeRegistry, response: &RustType, params: &[Parameter]) -> Option<PageStyle> {
    let param = OFFSET_PARAMS
        .iter()
        .find_map(|name| optional_query(params, name))?;
    let total = TOTAL_FIELDS.iter().find_map(|name| {
        let (path, ty) = nested(types, response, name)?;
        narrow(ty)?;
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
        // Items that may be `null` are paged after the last that is not (see `emit::pagination`).
        let record = match item {
            RustType::Nullable(record) => &**record,
            record => record,
        };
        let id = types
            .struct_fields(record)?
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
    // Search results name their next page's token `next_page` and take it back as `page`.
    let (param, next) = match (text_param("page"), text_path(types, response, "next_page")) {
        (Some(param), Some(next)) => (param, next),
        _ => (
            CURSOR_PARAMS.iter().find_map(|name| text_param(name))?,
            CURSOR_FIELDS
                .iter()
                .find_map(|name| text_path(types, response, name))?,
        ),
    };
    Some(PageStyle::Cursor {
        param: param.rust_name.clone(),
        next: CursorSource::Field(next),
    })
}

/// The path to a text field named `name`, at the top or one object down.
fn text_path(types: &TypeRegistry, response: &RustType, name: &str) -> Option<Vec<FieldPath>> {
    let (path, ty) = nested(types, response, name)?;
    (*ty == RustType::String).then_some(path)
}

/// The path to the field `name` at the top of `response`, else in its first object field with it.
fn nested<'t>(
    types: &'t TypeRegistry,
    response: &RustType,
    name: &str,
) -> Option<(Vec<FieldPath>, &'t RustType)> {
    let fields = types.struct_fields(response)?;
    if let Some(field) = find(fields, name) {
        return Some((vec![path_of(field)], &field.ty));
    }
    fields.iter().find_map(|outer| {
        let inner = find(types.struct_fields(&outer.ty)?, name)?;
        Some((vec![path_of(outer), path_of(inner)], &inner.ty))
    })
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

/// `Some(true)` for `i32`, `Some(false)` for `i64`, `None` for anything else.
fn narrow(ty: &RustType) -> Option<bool> {
    match ty {
        RustType::I32 => Some(true),
        RustType::I64 => Some(false),
        _ => None,
    }
}
