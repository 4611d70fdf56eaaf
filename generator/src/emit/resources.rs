//! The `resources` module: one file per resource, with a method per operation.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{code_span, DocText};
use super::examples;
use super::types::{ident, mentions_models, rust_type, Scope};
use crate::model::{HttpMethod, Operation, Parameter, Resource, ResponseBody, RustType};

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
    let accessors = resources.iter().map(|r| accessor(r, quote!(<'_>)));
    let blocking_accessors = resources.iter().map(|r| accessor(r, quote!(<'_, Self>)));
    quote! {
        #docs
        #(#modules)*

        impl crate::Client {
            #(#accessors)*
        }

        #[cfg(feature = "blocking")]
        impl crate::blocking::Client {
            #(#blocking_accessors)*
        }
    }
}

/// `fn recordings(&self) -> Recordings<'_>`, with `generics` after the type name.
fn accessor(resource: &Resource, generics: TokenStream) -> TokenStream {
    let module = ident(&resource.module);
    let type_name = ident(&resource.type_name);
    let docs = DocText::default()
        .line(format!("The {} operations.", code_span(&resource.tag)))
        .prose(resource.description.as_deref())
        .attrs();
    quote! {
        #docs
        pub fn #module(&self) -> #type_name #generics {
            #type_name::new(self)
        }
    }
}

/// `resources/<module>.rs`: the resource handle and its operations.
pub fn resource_file(resource: &Resource, krate: &str) -> TokenStream {
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
    let uses_models = resource.operations.iter().any(|op| {
        matches!(&op.response, ResponseBody::Json(ty) if mentions_models(ty))
            || op.path_params.iter().any(|p| mentions_models(&p.ty))
    });
    let models_import = uses_models.then(|| {
        quote!(
            use crate::models;
        )
    });
    let methods = resource
        .operations
        .iter()
        .map(|op| operation(resource, op, krate));
    quote! {
        #module_docs

        #models_import
        use crate::{Client, Request, Transport};
        use reqwest::Method;

        #type_docs
        #[derive(Debug)]
        pub struct #type_name<'a, C = Client> {
            client: &'a C,
        }

        impl<C> Clone for #type_name<'_, C> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<C> Copy for #type_name<'_, C> {}

        impl<'a, C: Transport> #type_name<'a, C> {
            pub(crate) fn new(client: &'a C) -> Self {
                Self { client }
            }

            #(#methods)*
        }
    }
}

fn operation(resource: &Resource, op: &Operation, krate: &str) -> TokenStream {
    let docs = operation_docs(op)
        .line("# Example")
        .line(format!(
            "```no_run\n# async fn example(client: {krate}::Client) -> Result<(), {krate}::Error> {{\n\
             let response = {}.await?;\n# Ok(())\n# }}\n```",
            examples::call(resource, op)
        ))
        .attrs();
    let name = ident(&op.method_name);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let args = op.path_params.iter().map(|param| {
        let name = ident(&param.rust_name);
        let ty = argument_type(&param.ty);
        quote!(#name: #ty)
    });
    let path_params = op.path_params.iter().map(|param| {
        let wire = &param.wire_name;
        let name = ident(&param.rust_name);
        quote!(.path_param(#wire, #name))
    });
    let method = format_ident!("{}", op.http_method.as_str());
    let path = &op.path;
    let (output, constructor) = match &op.response {
        ResponseBody::Json(ty) => (rust_type(ty, Scope::Outside), quote!(json)),
        ResponseBody::Empty => (quote!(()), quote!(empty)),
        ResponseBody::Bytes => (quote!(Vec<u8>), quote!(bytes)),
    };
    quote! {
        #docs
        #deprecated
        pub fn #name(&self, #(#args),*) -> Request<'a, #output, C> {
            Request::#constructor(self.client, Method::#method, #path)
                #(#path_params)*
        }
    }
}

/// How a method takes a parameter of type `ty`: strings by reference, the
/// rest by value or reference as is cheapest; each is sent by its `Display`.
fn argument_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(&str),
        RustType::Bool
        | RustType::I32
        | RustType::I64
        | RustType::F32
        | RustType::F64
        | RustType::Uuid
        | RustType::Date
        | RustType::DateTime => rust_type(ty, Scope::Outside),
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
    if !op.path_params.is_empty() {
        let lines: Vec<String> = op.path_params.iter().map(argument_doc).collect();
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
