//! The `<method>_auto_paging` companion of a list operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::spelling::{ident, rust_type, Scope};
use crate::model::{
    CursorSource, FieldPath, Operation, PageParam, PageStyle, Pagination, RustType,
};

/// A method returning a `Paginator` that calls the list method once per page.
pub fn auto_paging(op: &Operation, pagination: &Pagination) -> TokenStream {
    let name = ident(&pagination.method_name);
    let list = ident(&op.method_name);
    let list_doc = format!(" Every item of [`Self::{list}`], page after page.");
    let item = rust_type(&pagination.item, Scope::Outside);
    let params_type = ident(&op.params_type);
    // Borrowed arguments are owned by the paginator, which outlives them.
    let owned = |p: &&crate::model::Parameter| !p.ty.is_copy();
    let path_args = op.path_params.iter().map(|p| {
        let (name, borrow) = (ident(&p.rust_name), owned(&p).then(|| quote!(&)));
        quote!(#borrow #name)
    });
    let to_owned = op.path_params.iter().filter(owned).map(|p| {
        let name = ident(&p.rust_name);
        match &p.ty {
            RustType::Vec(item) if **item == RustType::String => quote! {
                let #name: Vec<String> = #name.iter().map(|item| item.as_ref().to_owned()).collect();
            },
            _ => quote!(let #name = #name.to_owned();),
        }
    });
    let path_arg_decls = op.path_params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = super::operations::argument_type(&p.ty);
        quote!(#name: #ty)
    });
    let has_params = !op.params.is_empty();
    let params_decl = has_params.then(|| quote!(params: #params_type));
    let params_arg = has_params.then(|| quote!(params));
    let sets_params = !matches!(
        pagination.style,
        PageStyle::NextUrl { .. } | PageStyle::LinkHeader
    );
    let mutable = sets_params.then(|| quote!(mut));
    let clone_params = has_params.then(|| quote!(let #mutable params = params.clone();));
    let Steps {
        outside,
        before,
        url,
        with_response,
        after,
    } = steps(pagination);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let allow = super::operations::lint_allowances(op.path_params.len() + 2);
    // A list's optional body (a GET rarely has one) is left out of every page's call.
    let no_body = op
        .body
        .as_ref()
        .filter(|body| !body.required)
        .map(|_| quote!(None));
    let request_args = path_args.chain(no_body).chain(params_arg);
    quote! {
        #[doc = #list_doc]
        ///
        /// Starts at the page `params` asks for (the first by default) and
        /// fetches the next one only when the items of the previous one have
        /// been used up. See [`Paginator`] for when it stops.
        #deprecated
        #allow
        pub fn #name(&self, #(#path_arg_decls,)* #params_decl) -> Paginator<'a, #item, C> {
            let resource = *self;
            #(#to_owned)*
            #outside
            Paginator::new(self.client, move |next, options| {
                #clone_params
                #before
                let sending = resource
                    .#list(#(#request_args),*)
                    #url
                    .page_options(options)
                    #with_response
                    .execute();
                async move {
                    let response = sending.await?;
                    #after
                    Ok(Page { items, next })
                }
            })
        }
    }
}

/// The statements of each style: before the closure, before the request,
/// on the request, and after the response (which bind `items` and `next`).
#[derive(Default)]
struct Steps {
    outside: TokenStream,
    before: TokenStream,
    url: TokenStream,
    with_response: TokenStream,
    after: TokenStream,
}

fn steps(pagination: &Pagination) -> Steps {
    let items = take(&pagination.items);
    let mut steps = Steps::default();
    match &pagination.style {
        PageStyle::PageNumber { param, total_pages } => {
            let (first_page, set_page) = page_number(param);
            let total = integer(total_pages);
            steps.outside = quote!(let first_page = #first_page;);
            steps.before = quote! {
                let page_number = match next {
                    Some(Next::Number(number)) => number,
                    _ => first_page,
                };
                #set_page
            };
            steps.after = quote! {
                let total_pages: Option<i64> = #total;
                let next = total_pages
                    .is_none_or(|total| page_number < total)
                    .then(|| Next::Number(page_number.saturating_add(1)));
                let items = #items;
            };
        }
        PageStyle::Offset {
            param,
            narrow,
            total,
        } => {
            let total = integer(total);
            let (first, set) = flat_param(param, *narrow, 0, quote!(offset));
            steps.before = quote! {
                let offset = match next {
                    Some(Next::Number(offset)) => offset,
                    _ => #first,
                };
                #set
            };
            steps.after = quote! {
                let total: Option<i64> = #total;
                let items: Vec<_> = #items;
                let following = offset.saturating_add(i64::try_from(items.len()).unwrap_or(i64::MAX));
                let next = (!items.is_empty() && total.is_none_or(|total| following < total))
                    .then_some(Next::Number(following));
            };
        }
        PageStyle::Cursor { param, next } => {
            let param = ident(param);
            steps.before = quote! {
                if let Some(Next::Token(cursor)) = next {
                    params.#param = Some(cursor);
                }
            };
            steps.after = match next {
                CursorSource::Field(path) => {
                    let cursor = reference(path);
                    quote! {
                        let next = #cursor
                            .filter(|cursor| !cursor.is_empty())
                            .cloned()
                            .map(Next::Token);
                        let items: Vec<_> = #items;
                    }
                }
                CursorSource::LastItemId { has_more, id } => {
                    let has_more = reference(has_more);
                    let last = if matches!(pagination.item, RustType::Nullable(_)) {
                        quote!(iter().rev().find_map(Option::as_ref))
                    } else {
                        quote!(last())
                    };
                    let id_field = ident(&id.rust_name);
                    let id = if id.optional {
                        quote!(and_then(|item| item.#id_field.clone()))
                    } else {
                        quote!(map(|item| item.#id_field.clone()))
                    };
                    quote! {
                        let has_more = #has_more.copied().unwrap_or(false);
                        let items: Vec<_> = #items;
                        let next = items
                            .#last
                            .filter(|_| has_more)
                            .#id
                            .map(Next::Token);
                    }
                }
            };
        }
        PageStyle::NextUrl { next } => {
            let url = reference(next);
            steps.before = next_url_before();
            steps.url = quote!(.next_url(next_url));
            steps.after = quote! {
                let next = #url
                    .filter(|url| !url.is_empty())
                    .cloned()
                    .map(Next::Url);
                let items: Vec<_> = #items;
            };
        }
        PageStyle::LinkHeader => {
            steps.before = next_url_before();
            steps.url = quote!(.next_url(next_url));
            steps.with_response = quote!(.with_response());
            steps.after = quote! {
                let next = crate::pagination::link_next(response.headers()).map(Next::Url);
                let response = response.into_value();
                let items: Vec<_> = #items;
            };
        }
    }
    steps
}

fn next_url_before() -> TokenStream {
    quote! {
        let next_url = match next {
            Some(Next::Url(url)) => Some(url),
            _ => None,
        };
    }
}

/// The expression for the page to start at, and the statements that set the
/// page number `page_number` in `params`.
fn page_number(param: &PageParam) -> (TokenStream, TokenStream) {
    match param {
        PageParam::Flat { param, narrow } => flat_param(param, *narrow, 1, quote!(page_number)),
        PageParam::Nested {
            param,
            type_name,
            field,
            narrow,
        } => {
            let param = ident(param);
            let field = ident(field);
            let type_name = ident(type_name);
            let (value, first) = if *narrow {
                (
                    quote!(i32::try_from(page_number).unwrap_or(i32::MAX)),
                    quote!(map_or(1, i64::from)),
                )
            } else {
                (quote!(page_number), quote!(unwrap_or(1)))
            };
            (
                quote!(params.#param.as_ref().and_then(|page| page.#field).#first),
                quote! {
                    let page = params.#param.take().unwrap_or_default();
                    params.#param = Some(models::#type_name {
                        #field: Some(#value),
                        ..page
                    });
                },
            )
        }
    }
}

/// The value of the parameter `param` (an `i32` when `narrow`) as an `i64`,
/// `default` when it is unset, and the statement that sets it to `value`.
fn flat_param(
    param: &str,
    narrow: bool,
    default: u8,
    value: TokenStream,
) -> (TokenStream, TokenStream) {
    let param = ident(param);
    let default = proc_macro2::Literal::u8_unsuffixed(default);
    if narrow {
        (
            quote!(params.#param.map_or(#default, i64::from)),
            quote!(params.#param = Some(i32::try_from(#value).unwrap_or(i32::MAX));),
        )
    } else {
        (
            quote!(params.#param.unwrap_or(#default)),
            quote!(params.#param = Some(#value);),
        )
    }
}

/// `Option<&T>`: the field at the end of `path` in `response`, if every
/// `Option` on the way is set.
fn reference(path: &[FieldPath]) -> TokenStream {
    match walk(path, true) {
        (expr, true) => expr,
        (expr, false) => quote!(Some(&#expr)),
    }
}

/// `Option<i64>`: the integer at the end of `path`.
fn integer(path: &[FieldPath]) -> TokenStream {
    let value = reference(path);
    if path.last().is_some_and(|step| step.narrow) {
        quote!(#value.copied().map(i64::from))
    } else {
        quote!(#value.copied())
    }
}

/// The items, moved out of `response` (empty when an `Option` on the way is not set).
fn take(path: &[FieldPath]) -> TokenStream {
    match walk(path, false) {
        (expr, true) => quote!(#expr.unwrap_or_default()),
        (expr, false) => expr,
    }
}

/// The field at the end of `path` in `response`, borrowed or moved, and whether an `Option` on
/// the way makes it one.
fn walk(path: &[FieldPath], borrow: bool) -> (TokenStream, bool) {
    let (by_ref, as_ref) = borrow.then(|| (quote!(&), quote!(.as_ref()))).unzip();
    let mut expr = quote!(response);
    let mut optional = false;
    for step in path {
        let name = ident(&step.rust_name);
        expr = match (optional, step.optional) {
            (false, false) => quote!(#expr.#name),
            (false, true) => quote!(#expr.#name #as_ref),
            (true, false) => quote!(#expr.map(|value| #by_ref value.#name)),
            (true, true) => quote!(#expr.and_then(|value| value.#name #as_ref)),
        };
        optional |= step.optional;
    }
    (expr, optional)
}
