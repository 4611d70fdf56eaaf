//! The `<method>_auto_paging` companion of a list operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::spelling::{ident, rust_type, Scope};
use crate::model::{FieldPath, Operation, PageParam, Pagination};

/// A method returning a `Paginator` that calls the list method once per page.
pub fn auto_paging(op: &Operation, pagination: &Pagination) -> TokenStream {
    let name = ident(&pagination.method_name);
    let list = ident(&op.method_name);
    let list_doc = format!(
        " Every item of [`Self::{}`], page after page.",
        op.method_name
    );
    let item = rust_type(&pagination.item, Scope::Outside);
    let params_type = ident(&op.params_type);
    // Borrowed arguments are owned by the paginator, which outlives them.
    let owned = |p: &&crate::model::Parameter| !p.ty.is_copy();
    let path_args = op.path_params.iter().map(|p| {
        let name = ident(&p.rust_name);
        if owned(&p) {
            quote!(&#name)
        } else {
            quote!(#name)
        }
    });
    let to_owned = op.path_params.iter().filter(owned).map(|p| {
        let name = ident(&p.rust_name);
        quote!(let #name = #name.to_owned();)
    });
    let path_arg_decls = op.path_params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = super::operations::argument_type(&p.ty);
        quote!(#name: #ty)
    });
    let (first_page, set_page) = page_number(&pagination.page_param);
    let items = read(quote!(response), &pagination.items);
    let total_pages = total_pages(pagination);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let allow = super::operations::lint_allowances(op.path_params.len() + 2);
    quote! {
        #[doc = #list_doc]
        ///
        /// Starts at the page `params` asks for (the first by default) and
        /// fetches the next one only when the items of the previous one have
        /// been used up. See [`Paginator`] for when it stops.
        #deprecated
        #allow
        pub fn #name(&self, #(#path_arg_decls,)* params: #params_type) -> Paginator<'a, #item> {
            let resource = *self;
            #(#to_owned)*
            let first_page = #first_page;
            Paginator::new(first_page, move |page_number| {
                let mut params = params.clone();
                #set_page
                let request = resource.#list(#(#path_args,)* params);
                async move {
                    let response = request.await?;
                    Ok(Page {
                        total_pages: #total_pages,
                        items: #items,
                    })
                }
            })
        }
    }
}

/// The expression for the page to start at, and the statements that set the
/// page number `page_number` in `params`.
fn page_number(param: &PageParam) -> (TokenStream, TokenStream) {
    match param {
        PageParam::Flat { param, narrow } => {
            let param = ident(param);
            let first = if *narrow {
                quote!(params.#param.map_or(1, i64::from))
            } else {
                quote!(params.#param.unwrap_or(1))
            };
            (
                first,
                if *narrow {
                    quote!(params.#param = Some(i32::try_from(page_number).unwrap_or(i32::MAX));)
                } else {
                    quote!(params.#param = Some(page_number);)
                },
            )
        }
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

/// `owner.field`, with `Option` fields falling back to their default.
fn read(owner: TokenStream, field: &FieldPath) -> TokenStream {
    let name = ident(&field.rust_name);
    if field.optional {
        quote!(#owner.#name.unwrap_or_default())
    } else {
        quote!(#owner.#name)
    }
}

/// `Option<i64>`: the page count the response's metadata gives, if any.
fn total_pages(pagination: &Pagination) -> TokenStream {
    let meta = ident(&pagination.meta.rust_name);
    let total = ident(&pagination.total_pages.rust_name);
    let value = match (pagination.meta.optional, pagination.total_pages.optional) {
        (true, true) => quote!(response.#meta.and_then(|meta| meta.#total)),
        (true, false) => quote!(response.#meta.map(|meta| meta.#total)),
        (false, true) => quote!(response.#meta.#total),
        (false, false) => quote!(Some(response.#meta.#total)),
    };
    if pagination.total_pages.narrow {
        quote!(#value.map(i64::from))
    } else {
        value
    }
}
