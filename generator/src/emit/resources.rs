//! The `resources` module: one file per resource, with a method per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::constructors::{constructors, settable_struct, Settable};
use super::docs::{code_span, doc_line, DocText};
use super::example_calls::Calls;
use super::features::cfg_attrs;
use super::spelling::{ident, mentions_models, Scope};
use super::{multipart_bodies, operations, pagination};
use crate::model::{BodyKind, Location, Operation, Resource, Security};

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
        let cfg = cfg_attrs(&[resource.feature()]);
        quote! {
            #cfg
            pub mod #module;
            #cfg
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
    let cfg = cfg_attrs(&[resource.feature()]);
    quote! {
        #docs
        #cfg
        pub fn #module(&self) -> #type_name #generics {
            #type_name::new(self)
        }
    }
}

/// `resources/<module>.rs`: the resource handle, its operations and their params structs;
/// `deprecations` when an operation is deprecated, `receives_webhooks` when the `webhooks`
/// module adds its methods to the handle.
pub fn resource_file(
    resource: &Resource,
    (deprecations, receives_webhooks): (bool, bool),
    calls: &Calls<'_>,
    security: &Security,
) -> TokenStream {
    let module_docs = DocText::default()
        .line(format!("The {} resource.", code_span(&resource.tag)))
        .prose(resource.description.as_deref())
        .inner_attrs();
    let type_name = ident(&resource.type_name);
    let accessor = &resource.module;
    let receiving = match receives_webhooks {
        true => " It also receives the API's webhook deliveries: see [`crate::webhooks`].",
        false => "",
    };
    let type_docs = doc_line(format!(
        "The {} operations, reached with [`Client::{accessor}`].{receiving}",
        code_span(&resource.tag)
    ));
    let client_field = match receives_webhooks {
        true => quote!(pub(crate) client: &'a C),
        false => quote!(client: &'a C),
    };
    let ops = &resource.operations;
    let allow = deprecations.then(|| quote!(#![allow(deprecated)]));
    // Each import only where an operation uses it, so that none is unused.
    let import = |used: fn(&Operation) -> bool, path: TokenStream| {
        ops.iter().any(used).then(|| quote!(use crate::#path;))
    };
    let models_import = import(
        |op| op.signature_types().any(mentions_models),
        quote!(models),
    );
    let style_import = import(
        |op| {
            matches!(op.body_kind(), Some(BodyKind::Form(form)) if !form.styles.is_empty())
                || op
                    .params
                    .iter()
                    .any(|p| matches!(p.location, Location::Query(_)))
        },
        quote!(params::QueryStyle),
    );
    let multipart_import = import(|op| op.multipart().is_some(), quote!(multipart::Multipart));
    let paginator_import = import(
        |op| op.pagination.is_some(),
        quote!(pagination::{Next, Page, Paginator}),
    );
    let body_structs = ops
        .iter()
        .filter_map(|op| multipart_bodies::body_struct(op, &resource.type_name));
    let params_structs = ops.iter().map(|op| params_struct(op, &resource.type_name));
    let response_enums = ops
        .iter()
        .filter_map(|op| operations::response_enum(op, &resource.type_name));
    let methods = ops
        .iter()
        .map(|op| operations::operation(resource, op, calls, security));
    let paging: Vec<TokenStream> = ops
        .iter()
        .filter_map(|op| Some(pagination::auto_paging(op, op.pagination.as_ref()?)))
        .collect();
    let paging_impl = (!paging.is_empty()).then(|| {
        quote! {
            impl<'a, C: Transport + Sync> #type_name<'a, C> {
                #(#paging)*
            }
        }
    });
    quote! {
        #module_docs
        #allow

        #models_import
        #multipart_import
        #style_import
        #paginator_import
        use crate::{Client, Request, Transport};
        use reqwest::Method;

        #type_docs
        #[derive(Debug)]
        pub struct #type_name<'a, C = Client> {
            #client_field,
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

        #paging_impl

        #(#params_structs)*

        #(#response_enums)*

        #(#body_structs)*
    }
}

/// The struct holding an operation's query, header and cookie parameters.
fn params_struct(op: &Operation, resource_type: &str) -> Option<TokenStream> {
    // The multipart form of a body is sent with the first method's params struct.
    if op.params.is_empty() || op.multipart_form_of.is_some() {
        return None;
    }
    let name = ident(&op.params_type);
    let kinds = if op.params.iter().any(|p| p.location == Location::Cookie) {
        "query, header and cookie"
    } else {
        "query and header"
    };
    let docs = doc_line(format!(
        "The {kinds} parameters of [`{resource_type}::{}`].",
        op.method_name
    ));
    let fields: Vec<Settable> = op
        .params
        .iter()
        .map(|param| {
            let place = match param.location {
                Location::Header => "header",
                Location::Cookie => "cookie",
                Location::Query(_) | Location::Path => "query parameter",
            };
            let docs = DocText::default()
                .prose(param.description.as_deref())
                .example(param.example.as_deref())
                .line(format!(
                    "Sent as the {place} {}.",
                    code_span(&param.wire_name)
                ));
            Settable {
                docs: docs.attrs(),
                rust_name: &param.rust_name,
                ty: &param.ty,
                spelled: None,
                required: param.required,
                flatten: false,
                deprecated: param.deprecated,
            }
        })
        .collect();
    // Built through `new` outside the crate, so a parameter the spec adds is not a breaking change.
    let item = settable_struct(&docs, &name, true, &fields, Scope::Outside);
    let constructors = constructors(&name, &fields, Scope::Outside);
    Some(quote!(#item #constructors))
}
