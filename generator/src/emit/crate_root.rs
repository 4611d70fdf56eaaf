//! The crate root (`lib.rs`) and the manifest (`Cargo.toml`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::config::Config;
use super::docs::DocText;
use super::features::{cfg_attrs, cfg_only, cfg_predicate};
use crate::model::{
    Api, BodyKind, Operation, ResponseBody, RustType, FULL_FEATURE, WEBHOOKS_FEATURE,
};

/// `src/lib.rs`: crate docs, modules, re-exports and the API's constants.
pub fn lib_rs(api: &Api, config: &Config) -> TokenStream {
    // rustdoc follows chains of models holding each other to work out their auto traits, and a
    // crate whose chains are longer than the default recursion limit allows raises it.
    let recursion_limit = super::recursion_limit::needed(&api.types).map(|limit| {
        let limit = limit.to_string();
        quote!(#![recursion_limit = #limit])
    });
    let base_url = api.server.as_ref().map_or("", |s| s.default_url.as_str());
    let base_url_env = format!("{}_BASE_URL", config.env_prefix());
    let docs = organisation_docs(api, config, &base_url_env);
    let base_url_doc = format!(
        " The base URL requests go to unless `{base_url_env}` or the builder says otherwise."
    );
    let api_key_const = super::security::api_key_env(&api.security, config).map(|env| {
        quote! {
            /// The environment variable [`Client::from_env`] reads the API key from.
            pub const API_KEY_ENV: &str = #env;
        }
    });
    let request_id_headers = config.request_id_headers();
    let user_agent = config
        .user_agent
        .clone()
        .unwrap_or_else(|| format!("{}/{}", config.crate_name(), config.crate_version));
    // The paginator and the multipart runtime are compiled with the resources that use them.
    let (pagination_mod, pagination_use) = gated_module(
        &resource_features(api, |op| op.pagination.is_some()),
        "pagination",
        "Paginator",
    );
    let (multipart_mod, multipart_use) = gated_module(
        &resource_features(api, |op| op.multipart().is_some()),
        "multipart",
        "FilePart",
    );
    // Skipped by rustfmt like `models`: its enums' tables are the generator's layout.
    let servers_mod = (api.server.as_ref())
        .filter(|server| !server.variables.is_empty())
        .map(|_| quote! { #[rustfmt::skip] pub mod servers; });
    let (raw_body_mod, raw_body_use) = module(sends_raw_bodies(api), "raw_body", "RawBody");
    let (download_mod, download_use) = module(downloads(api), "download", "Download");
    let webhooks_cfg = cfg_only(&[WEBHOOKS_FEATURE]);
    let webhooks_doc_cfg = cfg_attrs(&[WEBHOOKS_FEATURE]);
    let webhook_mods = api.webhooks.as_ref().map(|_| {
        let verifier = config.webhook_signature.as_ref().map(|_| {
            quote! {
                #webhooks_cfg
                mod webhook_scheme;
                #webhooks_cfg
                mod webhook_verifier;
            }
        });
        quote! {
            #webhooks_cfg
            mod webhook_error;
            #verifier
            #webhooks_doc_cfg
            #[rustfmt::skip]
            pub mod webhooks;
        }
    });
    // The README's examples call resources and events, which `full` compiles.
    let readme = format!(
        " The client for the {}; the crate's README, with examples, is its documentation \
         with the `{FULL_FEATURE}` feature.",
        api.title
    );
    quote! {
        #recursion_limit
        #![cfg_attr(feature = "full", doc = include_str!("../README.md"))]
        #![cfg_attr(not(feature = "full"), doc = #readme)]
        #docs
        #![deny(missing_docs)]
        #![cfg_attr(docsrs, feature(doc_cfg))]

        mod base_url;
        #[allow(dead_code)]
        mod auth;
        #[cfg(feature = "blocking")]
        pub mod blocking;
        mod client;
        #download_mod
        mod error;
        #[rustfmt::skip]
        mod error_body;
        mod form;
        #[rustfmt::skip]
        pub mod models;
        #multipart_mod
        #[allow(dead_code)]
        mod oauth2;
        #pagination_mod
        #[allow(dead_code)]
        mod params;
        #raw_body_mod
        mod request;
        #[rustfmt::skip]
        pub mod resources;
        mod response;
        mod retry;
        #servers_mod
        #[rustfmt::skip]
        mod security;
        #webhook_mods
        #[allow(dead_code, unused_imports, unused_macros)]
        mod wire;

        pub use client::{Client, ClientBuilder, Transport};
        #download_use
        pub use error::{ApiError, ApiErrorKind, DecodeError, Error, MissingCredentials};
        pub use error_body::ErrorBody;
        #multipart_use
        #pagination_use
        #raw_body_use
        pub use request::{Request, Sending};
        pub use response::Response;

        #[doc = #base_url_doc]
        pub const DEFAULT_BASE_URL: &str = #base_url;
        #api_key_const
        /// The environment variable that overrides [`DEFAULT_BASE_URL`].
        pub const BASE_URL_ENV: &str = #base_url_env;

        /// The `User-Agent` every request is sent with.
        pub const USER_AGENT: &str = #user_agent;

        /// The response headers a request id is read from, first found first.
        pub const REQUEST_ID_HEADERS: &[&str] = &[#(#request_id_headers),*];
    }
}

/// The `mod` and `pub use` lines of a runtime module, when the crate uses it.
fn module(used: bool, module: &str, export: &str) -> (Option<TokenStream>, Option<TokenStream>) {
    let (module, export) = (format_ident!("{module}"), format_ident!("{export}"));
    used.then(|| (quote!(mod #module;), quote!(pub use #module::#export;)))
        .unzip()
}

/// The `mod` and `pub use` lines of a runtime module that only the resources
/// with `features` use; none when no resource does. Skipped by rustfmt, which
/// writes a long `any(...)` of features differently from prettyplease.
fn gated_module(
    features: &[&str],
    name: &str,
    export: &str,
) -> (Option<TokenStream>, Option<TokenStream>) {
    let (cfg, doc_cfg) = (cfg_only(features), cfg_attrs(features));
    let (module, use_line) = module(!features.is_empty(), name, export);
    (
        module.map(|line| quote!(#cfg #[rustfmt::skip] #line)),
        use_line.map(|line| quote!(#doc_cfg #[rustfmt::skip] #line)),
    )
}

/// The crate docs after the README: how the crate is organised.
fn organisation_docs(api: &Api, config: &Config, base_url_env: &str) -> TokenStream {
    let entry = match super::security::api_key_env(&api.security, config) {
        Some(env) => format!(
            "[`Client::new`] takes an API key, [`Client::from_env`] reads it from `{env}`, and \
             [`Client::builder`] sets it, the base URL"
        ),
        None if api.security.schemes.is_empty() => {
            "[`Client::from_env`] reads the base URL's override, and [`Client::builder`] sets the \
             base URL"
                .to_string()
        }
        None => "[`Client::from_env`] reads the credentials from the environment, and \
                 [`Client::builder`] sets them (one method per security scheme), the base URL"
            .to_string(),
    };
    let mut organisation = format!(
        "- [`Client`] is the entry point: {entry}, timeout, retries, default headers and HTTP client.\n\
         - [`resources`] holds one module per resource; reach each through its accessor on the client, \
         such as `client.{}()`.\n\
         - Every operation returns a [`Request`]: await it, or first set this call's timeout, retries, \
         headers or query parameters, or ask for a [`Response`] with the status and headers.\n\
         - [`models`] holds the types that requests and responses carry.\n\
         - [`Error`] is the one error type: API errors keep the status, its [`ApiErrorKind`], the \
         raw body and, when the spec documents it, the body as its type ([`ErrorBody`]).\n\
         - With the `blocking` feature, `blocking::Client` offers the same API without async.",
        api.resources.first().map_or("resource", |r| r.module.as_str()),
    );
    if let Some(servers) = super::servers::base_url_docs(api, base_url_env) {
        organisation.push_str(&format!("\n- Base URL: {servers}"));
    }
    if let Some(op) = api.operations().find(|op| !op.params.is_empty()) {
        organisation.push_str(&format!(
            "\n- Query and header parameters go in a struct beside the method in its resource's \
             module, such as `{}` for `{}`.",
            op.params_type, op.method_name
        ));
    }
    let mut gated_lines: Vec<(Vec<&str>, String)> = Vec::new();
    if let Some(webhooks) = &api.webhooks {
        let verify = if config.webhook_signature.is_some() {
            "`client.webhooks().unwrap(body, headers)` verifies a delivery's signature and \
             timestamp and decodes it; `webhooks::WebhookVerifier` does so without an API client"
        } else {
            "`webhooks::Event::from_slice(body)` decodes a delivery (no signing scheme was \
             declared, so nothing is verified)"
        };
        gated_lines.push((
            vec![WEBHOOKS_FEATURE],
            format!(
                " - [`webhooks`] types the {} events the API sends to your server as \
                 `webhooks::Event`: {verify}.",
                webhooks.events.len()
            ),
        ));
    }
    if paginates(api) {
        gated_lines.push((
            resource_features(api, |op| op.pagination.is_some()),
            " - List operations that return pages also have an `_auto_paging` twin returning a \
             [`Paginator`], which walks every item, fetching pages as they are needed."
                .to_string(),
        ));
    }
    let docs = DocText::default()
        .line("## Organisation")
        .line(organisation)
        .inner_attrs();
    // Lines that link to gated items are there only with them, so that the links resolve.
    let gated = gated_lines.into_iter().map(|(features, line)| {
        let predicate = cfg_predicate(&features);
        quote!(#![cfg_attr(#predicate, doc = #line)])
    });
    quote!(#docs #(#gated)*)
}

/// The features of the resources with an operation that `uses` a runtime
/// module, which compile that module.
fn resource_features(api: &Api, uses: impl Fn(&Operation) -> bool) -> Vec<&str> {
    api.resources
        .iter()
        .filter(|r| r.operations.iter().any(&uses))
        .map(|r| r.feature())
        .collect()
}

/// Whether any operation sends a multipart body.
pub fn sends_multipart(api: &Api) -> bool {
    api.operations().any(|op| op.multipart().is_some())
}

/// Whether any operation sends a raw body (bytes or a stream).
pub fn sends_raw_bodies(api: &Api) -> bool {
    api.operations()
        .any(|op| matches!(op.body_kind(), Some(BodyKind::Bytes(_))))
}

/// Whether any operation answers with raw bytes, which can be downloaded.
pub fn downloads(api: &Api) -> bool {
    api.operations()
        .any(|op| matches!(op.response, ResponseBody::Bytes(_)))
}

/// Whether any list operation walks its pages.
pub fn paginates(api: &Api) -> bool {
    api.operations().any(|op| op.pagination.is_some())
}

/// Whether any type the crate spells satisfies `pred`.
pub(super) fn uses(api: &Api, pred: &dyn Fn(&RustType) -> bool) -> bool {
    let in_types = api.types.iter().flat_map(|def| def.kind.held_types());
    let in_operations = api.operations().flat_map(|op| op.signature_types());
    in_types.chain(in_operations).any(|ty| ty.any(pred))
}
