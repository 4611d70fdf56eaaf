//! The `resources` module: one file per resource, with a method per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{code_span, DocText};
use super::pagination;
use super::types::{ident, mentions_models, rust_type, Scope};
use crate::model::{
    BodyKind, Location, Operation, Parameter, QueryStyle, Resource, ResponseBody, RustType,
};

/// `resources/mod.rs`: the modules and the accessors on `Client`.
pub fn resources_mod(resources: &[Resource]) -> TokenStream {
    let docs = DocText::default()
        .line(
            "The API's resources, one module each. Reach a resource through its accessor on \
             [`Client`](crate::Client), e.g. `client.recordings()`.",
        )
        .inner_attrs();
    let modules = resources.iter().map(|resource| {
        let module = ident(&resource.module);
        let type_name = ident(&resource.type_name);
        quote! {
            pub mod #module;
            pub use #module::#type_name;
        }
    });
    let accessors = resources.iter().map(|resource| {
        let module = ident(&resource.module);
        let type_name = ident(&resource.type_name);
        let docs = DocText::default()
            .line(format!("The {} operations.", code_span(&resource.tag)))
            .prose(resource.description.as_deref())
            .attrs();
        quote! {
            #docs
            pub fn #module(&self) -> #type_name<'_> {
                #type_name::new(self)
            }
        }
    });
    quote! {
        #docs
        #(#modules)*

        impl crate::Client {
            #(#accessors)*
        }
    }
}

/// `resources/<module>.rs`: the resource handle, its operations and their params structs.
pub fn resource_file(resource: &Resource, deprecations: bool) -> TokenStream {
    let module_docs = DocText::default()
        .line(format!("The {} resource.", code_span(&resource.tag)))
        .prose(resource.description.as_deref())
        .inner_attrs();
    let type_name = ident(&resource.type_name);
    let accessor = &resource.module;
    let type_docs = DocText::default()
        .line(format!(
            "The {} operations, reached with [`Client::{accessor}`].",
            code_span(&resource.tag)
        ))
        .attrs();
    let ops = &resource.operations;
    let allow = deprecations.then(|| quote!(#![allow(deprecated)]));
    let models_import = ops
        .iter()
        .any(|op| operation_types(op).any(mentions_models))
        .then(|| {
            quote!(
                use crate::models;
            )
        });
    let style_import = ops
        .iter()
        .flat_map(|op| &op.params)
        .any(|p| matches!(p.location, Location::Query(_)))
        .then(|| {
            quote!(
                use crate::params::QueryStyle;
            )
        });
    let paginator_import = ops.iter().any(|op| op.pagination.is_some()).then(|| {
        quote!(
            use crate::pagination::{Page, Paginator};
        )
    });
    let params_structs = ops.iter().map(|op| params_struct(op, &resource.type_name));
    let methods = ops.iter().map(|op| {
        let method = operation(op);
        let paging = op
            .pagination
            .as_ref()
            .map(|pagination| pagination::auto_paging(op, pagination));
        quote!(#method #paging)
    });
    quote! {
        #module_docs
        #allow

        #models_import
        #style_import
        #paginator_import
        use crate::{Client, Request};
        use reqwest::Method;

        #type_docs
        #[derive(Debug, Clone, Copy)]
        pub struct #type_name<'a> {
            client: &'a Client,
        }

        impl<'a> #type_name<'a> {
            pub(crate) fn new(client: &'a Client) -> Self {
                Self { client }
            }

            #(#methods)*
        }

        #(#params_structs)*
    }
}

/// Every type an operation's signature spells.
fn operation_types(op: &Operation) -> impl Iterator<Item = &RustType> {
    let body = match op.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Json(ty)) => Some(ty),
        _ => None,
    };
    let response = match &op.response {
        ResponseBody::Json(ty) | ResponseBody::OptionalJson(ty) => Some(ty),
        _ => None,
    };
    let item = op.pagination.as_ref().map(|p| &p.item);
    op.path_params
        .iter()
        .chain(&op.params)
        .map(|p| &p.ty)
        .chain(body)
        .chain(response)
        .chain(item)
}

/// The struct holding an operation's query and header parameters.
fn params_struct(op: &Operation, resource_type: &str) -> Option<TokenStream> {
    if op.params.is_empty() {
        return None;
    }
    let name = ident(&op.params_type);
    let docs = DocText::default()
        .line(format!(
            "The query and header parameters of [`{resource_type}::{}`].",
            op.method_name
        ))
        .attrs();
    let default = op
        .params
        .iter()
        .all(|p| !p.required)
        .then(|| quote!(Default,));
    let fields = op.params.iter().map(|param| {
        let mut docs = DocText::default()
            .prose(param.description.as_deref())
            .example(param.example.as_deref());
        let place = match param.location {
            Location::Header => "header",
            _ => "query parameter",
        };
        docs = docs.line(format!(
            "Sent as the {place} {}.",
            code_span(&param.wire_name)
        ));
        let docs = docs.attrs();
        let deprecated = param.deprecated.then(|| quote!(#[deprecated]));
        let name = ident(&param.rust_name);
        let ty = rust_type(&param.ty, Scope::Outside);
        let ty = if param.required {
            ty
        } else {
            quote!(Option<#ty>)
        };
        quote! {
            #docs
            #deprecated
            pub #name: #ty,
        }
    });
    Some(quote! {
        #docs
        #[derive(Debug, Clone, #default PartialEq)]
        pub struct #name {
            #(#fields)*
        }
    })
}

fn operation(op: &Operation) -> TokenStream {
    let docs = operation_docs(op).attrs();
    let name = ident(&op.method_name);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let mut args: Vec<TokenStream> = op
        .path_params
        .iter()
        .map(|param| {
            let name = ident(&param.rust_name);
            let ty = argument_type(&param.ty);
            quote!(#name: #ty)
        })
        .collect();
    let path_params = op.path_params.iter().map(|param| {
        let wire = &param.wire_name;
        let name = ident(&param.rust_name);
        quote!(.path_param(#wire, #name))
    });
    let params = op.params.iter().map(|param| {
        let wire = &param.wire_name;
        let name = ident(&param.rust_name);
        match param.location {
            Location::Query(style) => {
                let style = format_ident!("{}", style_name(style));
                quote!(.query_param(#wire, &params.#name, QueryStyle::#style))
            }
            _ => quote!(.header_param(#wire, &params.#name)),
        }
    });
    let method = format_ident!("{}", op.http_method.as_str());
    let path = &op.path;
    let (output, constructor, accept) = match &op.response {
        ResponseBody::Json(ty) => (rust_type(ty, Scope::Outside), quote!(json), None),
        ResponseBody::OptionalJson(ty) => {
            let ty = rust_type(ty, Scope::Outside);
            (quote!(Option<#ty>), quote!(optional_json), None)
        }
        ResponseBody::Empty => (quote!(()), quote!(empty), None),
        ResponseBody::Bytes(media_type) => (
            quote!(Vec<u8>),
            quote!(bytes),
            Some(quote!(.accept(#media_type))),
        ),
    };
    let request = quote! {
        Request::#constructor(self.client, Method::#method, #path)
            #accept
            #(#path_params)*
            #(#params)*
    };
    let body = op.body.as_ref().map(|body| {
        let (ty, send) = match &body.kind {
            BodyKind::Json(ty) => (borrowed_type(ty), quote!(json_body(body))),
            BodyKind::Bytes(media_type) => (quote!(Vec<u8>), quote!(bytes_body(body, #media_type))),
        };
        if body.required {
            args.push(quote!(body: #ty));
            quote!(.#send)
        } else {
            args.push(quote!(body: Option<#ty>));
            quote!(#send)
        }
    });
    if !op.params.is_empty() {
        let params_type = ident(&op.params_type);
        args.push(quote!(params: #params_type));
    }
    let required_body = op.body.as_ref().is_some_and(|b| b.required);
    let body_expr = match (body, required_body) {
        (Some(send), true) => quote!(#request #send),
        (Some(send), false) => quote! {
            let request = #request;
            match body {
                Some(body) => request.#send,
                None => request,
            }
        },
        (None, _) => request,
    };
    quote! {
        #docs
        #deprecated
        pub fn #name(&self, #(#args),*) -> Request<'a, #output> {
            #body_expr
        }
    }
}

fn style_name(style: QueryStyle) -> &'static str {
    match style {
        QueryStyle::FormExploded => "FormExploded",
        QueryStyle::Form => "Form",
        QueryStyle::DeepObject => "DeepObject",
        QueryStyle::SpaceDelimited => "SpaceDelimited",
        QueryStyle::PipeDelimited => "PipeDelimited",
    }
}

/// How a method takes a parameter of type `ty`: strings by reference, the
/// rest by value or reference as is cheapest; each is sent by its `Display`.
pub fn argument_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(&str),
        copy if is_copy(copy) => rust_type(ty, Scope::Outside),
        other => {
            let ty = rust_type(other, Scope::Outside);
            quote!(&#ty)
        }
    }
}

/// Types passed by value: small and `Copy`.
pub fn is_copy(ty: &RustType) -> bool {
    matches!(
        ty,
        RustType::Bool
            | RustType::I32
            | RustType::I64
            | RustType::F32
            | RustType::F64
            | RustType::Uuid
            | RustType::Date
            | RustType::DateTime
    )
}

/// A body is borrowed: it is only serialized.
fn borrowed_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(&str),
        RustType::Vec(item) => {
            let item = rust_type(item, Scope::Outside);
            quote!(&[#item])
        }
        other => {
            let ty = rust_type(other, Scope::Outside);
            quote!(&#ty)
        }
    }
}

fn operation_docs(op: &Operation) -> DocText {
    let mut docs = DocText::default()
        .prose(op.summary.as_deref())
        .prose(op.description.as_deref())
        .line(code_span(&format!(
            "{} {}",
            op.http_method.as_str(),
            op.path
        )));
    let mut lines: Vec<String> = op.path_params.iter().map(argument_doc).collect();
    if let Some(body) = &op.body {
        let mut line = "* `body` - the request body".to_string();
        if let Some(description) = &body.description {
            let text = DocText::default().prose(Some(description)).text();
            line = format!(
                "* `body` - {}",
                text.replace("\n\n", " ").replace('\n', " ")
            );
        }
        lines.push(line);
    }
    if !op.params.is_empty() {
        lines.push(format!(
            "* `params` - the query and header parameters, see [`{}`]",
            op.params_type
        ));
    }
    if !lines.is_empty() {
        docs = docs.line("# Arguments").line(lines.join("\n"));
    }
    docs.line(ERRORS_DOC)
}

fn argument_doc(param: &Parameter) -> String {
    let mut line = format!("* `{}`", param.rust_name);
    let description = DocText::default()
        .prose(param.description.as_deref())
        .example(param.example.as_deref());
    if !description.is_empty() {
        let text = description.text().replace("\n\n", " ").replace('\n', " ");
        line.push_str(" - ");
        line.push_str(&text);
    }
    line
}

const ERRORS_DOC: &str = "# Errors\n\nFails with [`Error::Api`](crate::Error::Api) when the API \
    answers with an error status, and with another [`Error`](crate::Error) variant when the \
    request could not be sent or its answer could not be decoded.";
