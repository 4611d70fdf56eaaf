//! The conformance program (`examples/conformance.rs`, written only when asked): it calls every
//! operation once with the docs' example calls against a mock server serving the spec, asks for
//! each documented error status too, and prints lines `cargo xtask conformance` reads.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::example_calls::Calls;
use super::spelling::ident;
use crate::model::{Api, ErrorStatus, Operation, Resource, SchemeKind, SecurityScheme};

/// An example, so that it may use the dev-dependencies and is never part of the library.
pub const PATH: &str = "examples/conformance.rs";

/// Starts each operation's line, then tab-separated: `pass`, `fail` or `skip`, the operationId,
/// the method, the path and what went wrong.
pub const RESULT_PREFIX: &str = "conformance-result";

/// Statuses asked for a `default` error response, the first one the
/// operation does not document otherwise.
const DEFAULT_STATUSES: [u16; 4] = [500, 503, 599, 418];

pub fn program(api: &Api, krate: &str) -> TokenStream {
    let krate_ident = ident(krate);
    let calls = Calls::new(api, krate);
    let mut names = std::collections::BTreeSet::new();
    let operations = api
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().map(move |op| (r, op)));
    let (functions, checks): (Vec<_>, Vec<_>) = operations
        .map(|(resource, op)| {
            // Either part may end in `_` where it would be a keyword.
            let mut name = format!(
                "{}_{}",
                resource.module.trim_end_matches('_'),
                op.method_name.trim_end_matches('_')
            );
            while !names.insert(name.clone()) {
                name.push('_');
            }
            operation(resource, op, &calls, &krate_ident, &name)
        })
        .unzip();
    let setters = api.security.schemes.iter().map(credential_setter);
    // The same for every API but for the crate's name, so written as Rust rather than quoted;
    // the conformance snapshots fail if it ever stops parsing.
    let support: TokenStream = include_str!("../../runtime/conformance_support.rs")
        .replace("KRATE", &krate_ident.to_string())
        .replace("RESULT_PREFIX", RESULT_PREFIX)
        .parse()
        .unwrap_or_default();
    quote! {
        //! Calls every operation of the API once with sample arguments against
        //! a mock server serving its spec, and asks for every documented error
        //! status; prints one line per operation. Written for
        //! `cargo xtask conformance`, which starts the server and reads the lines.

        #![allow(dead_code, deprecated, unused_variables)]

        use std::future::Future;
        use std::process::ExitCode;

        use #krate_ident::{Client, ClientBuilder, Error, Request};

        type BoxError = Box<dyn std::error::Error>;

        /// A credential for each security scheme the client can send, so
        /// that every operation's requirements are met; OAuth2 tokens come
        /// from `token_url`, which `cargo xtask conformance` serves.
        fn credentials(builder: ClientBuilder, token_url: &str) -> ClientBuilder {
            builder #(#setters)*
        }

        #[tokio::main(flavor = "current_thread")]
        async fn main() -> ExitCode {
            let Some(base_url) = std::env::args().nth(1) else {
                eprintln!("usage: conformance BASE_URL [TOKEN_URL]");
                return ExitCode::from(2);
            };
            let token_url = std::env::args().nth(2).unwrap_or_default();
            // A retried request would hide what the first answer said.
            let builder = Client::builder().base_url(base_url).max_retries(0);
            let client = match credentials(builder, &token_url).build() {
                Ok(client) => client,
                Err(error) => {
                    eprintln!("error: the client does not build: {error}");
                    return ExitCode::from(2);
                }
            };
            let client = &client;
            #(#checks)*
            ExitCode::SUCCESS
        }

        #support

        #(#functions)*
    }
}

/// The function that sends one operation's request, and the statement of
/// `main` that checks it.
fn operation(
    resource: &Resource,
    op: &Operation,
    calls: &Calls<'_>,
    krate: &proc_macro2::Ident,
    name: &str,
) -> (TokenStream, TokenStream) {
    let (id, method, path) = (&op.operation_id, op.http_method.as_str(), &op.path);
    let call: TokenStream = match calls.full_call(resource, op).parse() {
        Ok(call) => call,
        Err(error) => {
            let reason = format!("cannot write its sample call: {error}");
            let skip = quote!(skipped(#id, #method, #path, #reason););
            return (TokenStream::new(), skip);
        }
    };
    let function = format_ident!("{}", name);
    let doc = format!(" `{id}`: `{method} {path}`.");
    let expects = error_statuses(op).map(|(status, type_name)| {
        let status = Literal::u16_unsuffixed(status);
        let variant = ident(type_name);
        quote! {
            Expect::Error(#status, #type_name, |body| matches!(body, #krate::ErrorBody::#variant(_))),
        }
    });
    (
        quote! {
            #[doc = #doc]
            async fn #function(client: &Client, prefer: Option<u16>) -> Result<Result<(), Error>, BoxError> {
                Ok(send(#call, prefer).await)
            }
        },
        quote! {
            operation(#id, #method, #path, &[Expect::Success, #(#expects)*], |prefer| #function(client, prefer)).await;
        },
    )
}

/// The statuses to ask for, one per documented error response, and the type each one's body
/// must decode as: a range by its first status not documented on its own, `default` by a server
/// error not otherwise documented.
fn error_statuses(op: &Operation) -> impl Iterator<Item = (u16, &str)> {
    let documented = move |status: u16, by_range: bool| {
        op.errors.iter().any(|error| match error.status {
            ErrorStatus::Code(code) => code == status,
            ErrorStatus::Range(range) => by_range && status / 100 == range,
            ErrorStatus::Default => false,
        })
    };
    op.errors.iter().filter_map(move |error| {
        let status = match error.status {
            ErrorStatus::Code(code) => Some(code).filter(|code| *code >= 400),
            ErrorStatus::Range(range) if range >= 4 => {
                let first = range.saturating_mul(100);
                (first..first.saturating_add(100)).find(|status| !documented(*status, false))
            }
            ErrorStatus::Range(_) => None,
            ErrorStatus::Default => DEFAULT_STATUSES
                .into_iter()
                .find(|status| !documented(*status, true)),
        };
        Some((status?, error.type_name.as_str()))
    })
}

/// The builder call that gives `scheme` a credential Prism accepts: it
/// checks that credentials are present and well formed, not their values.
fn credential_setter(scheme: &SecurityScheme) -> TokenStream {
    let setter = ident(&scheme.setter);
    match &scheme.kind {
        SchemeKind::Basic => quote!(.#setter("conformance", "conformance")),
        SchemeKind::ClientCredentials {
            token_url_setter, ..
        } => {
            let token_url_setter = ident(token_url_setter);
            quote!(.#setter("conformance", "conformance").#token_url_setter(token_url))
        }
        SchemeKind::Bearer | SchemeKind::ApiKey { .. } | SchemeKind::Token => {
            quote!(.#setter("conformance"))
        }
    }
}
