//! One method per operation: its signature, its request and its docs.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{code_span, DocText};
use super::example_calls::Calls;
use super::spelling::{ident, rust_type, Scope};
use crate::model::{
    BodyKind, HttpMethod, Location, Operation, Parameter, QueryStyle, Resource, ResponseBody,
    RustType, Security,
};
use proc_macro2::Literal;

/// The method that sends the operation's request.
pub fn operation(
    resource: &Resource,
    op: &Operation,
    calls: &Calls<'_>,
    security: &Security,
) -> TokenStream {
    let docs = operation_docs(op)
        .line("# Example")
        .line(calls.doctest(&calls.call(resource, op)))
        .attrs();
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
        let wire = Literal::string(&param.wire_name);
        let name = ident(&param.rust_name);
        match param.ty {
            // `Display` of a date-time is not RFC 3339; its JSON form is.
            RustType::DateTime => quote! {
                .path_param(#wire, #name.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            },
            _ => quote!(.path_param(#wire, #name)),
        }
    });
    let params = op.params.iter().map(|param| {
        let wire = Literal::string(&param.wire_name);
        let name = ident(&param.rust_name);
        match param.location {
            Location::Query(style) => {
                let style = format_ident!("{}", style_name(style));
                quote!(.query_param(#wire, &params.#name, QueryStyle::#style))
            }
            Location::Header => quote!(.header_param(#wire, &params.#name)),
            Location::Cookie => quote!(.cookie_param(#wire, &params.#name)),
            // Path parameters are arguments, filled in above.
            Location::Path => TokenStream::new(),
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
    let error_body = super::error_body::error_body_call(op);
    let security = super::security::security_call(op, security);
    let request = quote! {
        Request::#constructor(self.client, Method::#method, #path)
            #security
            #accept
            #(#path_params)*
            #(#params)*
            #error_body
    };
    let body_expr = match &op.body {
        None => request,
        Some(body) => {
            let (ty, send) = match &body.kind {
                BodyKind::Json(ty) => (borrowed_type(ty), quote!(json_body(body))),
                BodyKind::Form(ty) => (borrowed_type(ty), quote!(form_body(body))),
                BodyKind::Bytes(media_type) => {
                    (quote!(Vec<u8>), quote!(bytes_body(body, #media_type)))
                }
            };
            if body.required {
                args.push(quote!(body: #ty));
                quote!(#request.#send)
            } else {
                args.push(quote!(body: Option<#ty>));
                quote! {
                    let request = #request;
                    match body {
                        Some(body) => request.#send,
                        None => request,
                    }
                }
            }
        }
    };
    if !op.params.is_empty() {
        let params_type = ident(&op.params_type);
        args.push(quote!(params: #params_type));
    }
    let allow = lint_allowances(args.len() + 1);
    quote! {
        #docs
        #deprecated
        #allow
        pub fn #name(&self, #(#args),*) -> Request<'a, #output, C> {
            #body_expr
        }
    }
}

/// Many path parameters make many arguments, which clippy objects to.
pub fn lint_allowances(arguments: usize) -> Option<TokenStream> {
    (arguments > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]))
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
        copy if copy.is_copy() => rust_type(ty, Scope::Outside),
        other => {
            let ty = rust_type(other, Scope::Outside);
            quote!(&#ty)
        }
    }
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
    if matches!(op.http_method, HttpMethod::Post | HttpMethod::Patch) {
        docs = docs.line(format!(
            "# Retries\n\nNot retried by default: sending a {} twice could act twice. If \
             repeating this call is safe, allow it with \
             [`Request::max_retries`](crate::Request::max_retries).",
            op.http_method.as_str()
        ));
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
