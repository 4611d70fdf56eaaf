//! One method per operation: its signature, its request and its docs.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{code_span, doc_line, DocText};
use super::example_calls::Calls;
use super::spelling::{ident, rust_type, Scope};
use crate::model::{
    BodyKind, FormBody, HttpMethod, Location, MultipartBody, Operation, Parameter, PartKind,
    QueryStyle, Resource, ResponseBody, RustType, Security, SuccessStatus,
};

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
            RustType::Vec(ref item) if **item == RustType::String => {
                quote!(.path_list_param(#wire, #name.iter().map(AsRef::as_ref)))
            }
            RustType::Vec(_) => quote!(.path_list_param(#wire, #name.iter())),
            _ => quote!(.path_param(#wire, #name)),
        }
    });
    let params = op.params.iter().map(|param| {
        let wire = Literal::string(&param.wire_name);
        let name = ident(&param.rust_name);
        match param.location {
            Location::Query(style) => {
                let style = style_path(style);
                quote!(.query_param(#wire, &params.#name, #style))
            }
            Location::Header => quote!(.header_param(#wire, &params.#name)),
            Location::Cookie => quote!(.cookie_param(#wire, &params.#name)),
            // Path parameters are arguments, filled in above.
            Location::Path => TokenStream::new(),
        }
    });
    let method = ident(op.http_method.as_str());
    let path = op.request_path();
    let json_accept = op.accept.as_ref().map(|media| quote!(.accept(#media)));
    let (output, constructor, accept) = match &op.response {
        ResponseBody::Json(ty) => (rust_type(ty, Scope::Outside), quote!(json), json_accept),
        ResponseBody::OptionalJson(ty) => {
            let ty = rust_type(ty, Scope::Outside);
            (quote!(Option<#ty>), quote!(optional_json), json_accept)
        }
        ResponseBody::Empty => (quote!(()), quote!(empty), None),
        ResponseBody::Bytes(media_type) => (
            quote!(Vec<u8>),
            quote!(bytes),
            Some(quote!(.accept(#media_type))),
        ),
        ResponseBody::ByStatus(responses) => {
            let ty = ident(&responses.type_name);
            (quote!(#ty), quote!(by_status), json_accept)
        }
    };
    let decode = decode_by_status(&op.response);
    let error_body = super::error_body::error_body_call(op);
    let server = match &op.server_template {
        Some(template) => {
            let url = &template.url;
            let defaults = template
                .defaults
                .iter()
                .map(|(name, value)| quote!((#name, #value)));
            Some(quote! {
                .server_template(&crate::base_url::ServerTemplate {
                    url: #url,
                    defaults: &[#(#defaults),*],
                })
            })
        }
        None => op.server.as_ref().map(|url| quote!(.server(#url))),
    };
    let security = super::security::security_call(op, security);
    let request = quote! {
        Request::#constructor(self.client, Method::#method, #path #decode)
            #server
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
                BodyKind::JsonLines { items, media_type } => (
                    borrowed_type(items),
                    quote!(json_lines_body(body, #media_type)),
                ),
                BodyKind::Form(form) => (borrowed_type(&form.ty), form_call(form)),
                BodyKind::Multipart(multipart) => {
                    let ty = ident(&multipart.type_name);
                    (quote!(#ty), multipart_call(multipart))
                }
                // A required body takes `impl Into<RawBody>`, an optional one the `RawBody`.
                BodyKind::Bytes(media_type) if body.required => (
                    quote!(impl Into<crate::RawBody>),
                    quote!(raw_body(body.into(), #media_type)),
                ),
                BodyKind::Bytes(media_type) => {
                    (quote!(crate::RawBody), quote!(raw_body(body, #media_type)))
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

/// The argument `, |status, body| ..` decoding a by-status answer: each listed status's body into
/// its variant (none without one), any other into `Other` unless a `2XX` response takes them.
fn decode_by_status(response: &ResponseBody) -> Option<TokenStream> {
    let ResponseBody::ByStatus(responses) = response else {
        return None;
    };
    let name = ident(&responses.type_name);
    let mut fallback = quote!(_ => #name::Other(crate::request::decode_other(body)?));
    let mut arms = Vec::new();
    for status in &responses.statuses {
        let variant = ident(&status.variant);
        let value = match status.body {
            Some(_) => quote!(#name::#variant(crate::request::decode_json(body)?)),
            None => quote!(#name::#variant),
        };
        match status.status {
            SuccessStatus::Code(code) => {
                let code = Literal::u16_unsuffixed(code);
                arms.push(quote!(#code => #value,));
            }
            SuccessStatus::Range => fallback = quote!(_ => #value),
        }
    }
    Some(quote! {
        , |status, body| {
            Ok(match status.as_u16() {
                #(#arms)*
                #fallback,
            })
        }
    })
}

/// The enum a method returns whose 2xx answers carry different bodies, a variant per status;
/// emitted once for the methods sending a body in several forms.
pub fn response_enum(op: &Operation, resource_type: &str) -> Option<TokenStream> {
    let ResponseBody::ByStatus(responses) = &op.response else {
        return None;
    };
    if op.multipart_form_of.is_some() {
        return None;
    }
    let name = ident(&responses.type_name);
    let keys: Vec<String> = responses
        .statuses
        .iter()
        .map(|status| code_span(&status.status.key()))
        .collect();
    let docs = doc_line(format!(
        "The answer of [`{resource_type}::{}`], by its status: {}.",
        op.method_name,
        alternatives(&keys)
    ));
    let variants = responses.statuses.iter().map(|status| {
        let heading = match status.status {
            SuccessStatus::Code(_) => format!("The {} response.", code_span(&status.status.key())),
            SuccessStatus::Range => format!(
                "A {} response, of a status not listed on its own.",
                code_span("2XX")
            ),
        };
        let docs = DocText::default()
            .line(heading)
            .prose(status.description.as_deref())
            .attrs();
        let variant = ident(&status.variant);
        match &status.body {
            Some(ty) => {
                let ty = rust_type(ty, Scope::Outside);
                quote!(#docs #variant(#ty),)
            }
            None => quote!(#docs #variant,),
        }
    });
    Some(quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A 2xx status the spec does not list, kept as sent.
            Other(serde_json::Value),
        }
    })
}

/// `a`, `a or b`, `a, b or c`.
fn alternatives(items: &[String]) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// `form_body(body, styles)`: the properties' styles as a table the
/// runtime consults, empty when every property has the default style.
fn form_call(form: &FormBody) -> TokenStream {
    let styles = form.styles.iter().map(|field| {
        let wire = Literal::string(&field.wire_name);
        let style = style_path(field.style);
        quote!((#wire, #style))
    });
    quote!(form_body(body, &[#(#styles),*]))
}

/// `multipart_body(..)`, one call per part: files moved out of the body
/// struct (they may be streams), other values borrowed to be encoded.
fn multipart_call(multipart: &MultipartBody) -> TokenStream {
    let parts = multipart.parts.iter().map(|part| {
        let wire = Literal::string(&part.wire_name);
        let field = ident(&part.rust_name);
        match &part.kind {
            PartKind::File {
                repeated,
                media_type,
            } => {
                let files = match (part.required, repeated) {
                    (true, false) => quote!([body.#field]),
                    (false, true) => quote!(body.#field.into_iter().flatten()),
                    _ => quote!(body.#field),
                };
                quote!(.files(#wire, #files, #media_type))
            }
            PartKind::Text(_) => quote!(.text(#wire, &body.#field)),
            PartKind::Json { media_type, .. } => quote!(.json(#wire, &body.#field, #media_type)),
        }
    });
    quote!(multipart_body(Multipart::new() #(#parts)*))
}

/// `QueryStyle::<variant>`: the runtime's enum has the model's variants.
fn style_path(style: QueryStyle) -> TokenStream {
    let variant = ident(&format!("{style:?}"));
    quote!(QueryStyle::#variant)
}

/// Many path parameters make many arguments, which clippy objects to.
pub fn lint_allowances(arguments: usize) -> Option<TokenStream> {
    (arguments > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]))
}

/// How a method takes a path parameter of type `ty`: strings and lists by reference, the
/// rest by value or reference as is cheapest; each is sent by its `Display`.
pub fn argument_type(ty: &RustType) -> TokenStream {
    match ty {
        // Either `&["a", "b"]` or a user's `&[String]`, since only their text is sent.
        RustType::Vec(item) if **item == RustType::String => quote!(&[impl AsRef<str>]),
        copy if copy.is_copy() => rust_type(ty, Scope::Outside),
        other => borrowed_type(other),
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
    let method = op.http_method.as_str();
    let mut docs = DocText::default()
        .prose(op.summary.as_deref())
        .prose(op.description.as_deref())
        .line(code_span(&format!("{method} {}", op.path)));
    if let Some(variant) = op.body.as_ref().and_then(|body| body.variant.as_deref()) {
        docs = docs.line(format!(
            "Sends the body in its `{variant}` form: it takes one of several forms, \
             each sent by a method of its own."
        ));
    } else if let Some(first) = &op.multipart_form_of {
        docs = docs.line(format!(
            "Sends the body of [`{first}`](Self::{first}) as `multipart/form-data`, \
             the form that carries files."
        ));
    }
    let mut lines: Vec<String> = op.path_params.iter().map(argument_doc).collect();
    if let Some(body) = &op.body {
        let text = body
            .description
            .as_deref()
            .map_or("the request body".into(), |text| {
                one_line(&DocText::default().prose(Some(text)))
            });
        lines.push(format!("* `body` - {text}"));
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
    if let Some(server) = &op.server {
        let variables = match &op.server_template {
            Some(template) => format!(
                " (from {}, with the server variables set on the client)",
                code_span(&template.url)
            ),
            None => String::new(),
        };
        docs = docs.line(format!(
            "# Server\n\nSent to {}{variables}, the server the spec names for this operation, \
             unless the client was given a base URL, which then receives it.",
            code_span(server)
        ));
    }
    if let Some(BodyKind::JsonLines { media_type, .. }) = op.body_kind() {
        docs = docs.line(format!(
            "# Body\n\nSent as {}: each item of the list as one line of JSON.",
            code_span(media_type)
        ));
    }
    if matches!(op.body_kind(), Some(BodyKind::Bytes(_))) {
        docs = docs.line(
            "# Body\n\nBytes (a `Vec<u8>`, `bytes::Bytes`, a string) or a stream: \
             [`RawBody::from_path`](crate::RawBody::from_path), \
             [`from_reader`](crate::RawBody::from_reader) or \
             [`from_stream`](crate::RawBody::from_stream) send it as it is read, without \
             holding it in memory; such a request is sent once, never retried, since its \
             body cannot be sent again.",
        );
    }
    if matches!(op.response, ResponseBody::Bytes(_)) {
        docs = docs.line(
            "# Response\n\nThe whole body as bytes; to write a large one to a file or \
             socket a chunk at a time instead, call \
             [`Request::write_to`](crate::Request::write_to) or \
             [`Request::download`](crate::Request::download).",
        );
    }
    if matches!(op.http_method, HttpMethod::Post | HttpMethod::Patch) {
        docs = docs.line(format!(
            "# Retries\n\nNot retried by default: sending a {method} twice could act twice. If \
             repeating this call is safe, allow it with \
             [`Request::max_retries`](crate::Request::max_retries).",
        ));
    }
    docs.line(ERRORS_DOC)
}

fn argument_doc(param: &Parameter) -> String {
    let description = DocText::default()
        .prose(param.description.as_deref())
        .example(param.example.as_deref());
    if description.is_empty() {
        format!("* `{}`", param.rust_name)
    } else {
        format!("* `{}` - {}", param.rust_name, one_line(&description))
    }
}

/// Docs on one line, to fit in an item of the arguments' list.
fn one_line(docs: &DocText) -> String {
    docs.text().replace("\n\n", " ").replace('\n', " ")
}

const ERRORS_DOC: &str = "# Errors\n\nFails with [`Error::Api`](crate::Error::Api) when the API \
    answers with an error status, and with another [`Error`](crate::Error) variant when the \
    request could not be sent or its answer could not be decoded.";
