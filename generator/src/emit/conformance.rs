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
    let line_format = Literal::string(&format!(
        "{RESULT_PREFIX}\t{{verdict}}\t{{}}\t{{method}}\t{{}}\t{{}}"
    ));
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

        /// What one request is expected to give.
        enum Expect {
            /// The success response, decoded.
            Success,
            /// Asked for with `Prefer: code=<status>`: an error of that status
            /// whose body decodes as the documented type (named, and matched).
            Error(u16, &'static str, fn(&#krate_ident::ErrorBody) -> bool),
        }

        /// Sends each expected request of one operation and prints its line.
        async fn operation<F, Fut>(id: &str, method: &str, path: &str, expects: &[Expect], call: F)
        where
            F: Fn(Option<u16>) -> Fut,
            Fut: Future<Output = Result<Result<(), Error>, BoxError>>,
        {
            let mut problems = Vec::new();
            for expect in expects {
                let prefer = match expect {
                    Expect::Success => None,
                    Expect::Error(status, _, _) => Some(*status),
                };
                match call(prefer).await {
                    Ok(outcome) => problems.extend(problem(expect, outcome)),
                    Err(error) => problems.push(format!("cannot build the sample arguments: {error}")),
                }
            }
            let verdict = if problems.is_empty() { "pass" } else { "fail" };
            print_line(verdict, id, method, path, &problems.join("; "));
        }

        /// An operation the program cannot call, and why.
        fn skipped(id: &str, method: &str, path: &str, reason: &str) {
            print_line("skip", id, method, path, reason);
        }

        fn print_line(verdict: &str, id: &str, method: &str, path: &str, detail: &str) {
            let field = |text: &str| text.replace(['\t', '\n', '\r'], " ");
            println!(
                #line_format,
                field(id),
                field(path),
                field(detail)
            );
        }

        /// Sends `request`, asking for the response of `prefer`'s status when
        /// given, and keeps what came back: the violations Prism found in a
        /// success, or the error.
        async fn send<'a, T: 'a>(request: Request<'a, T>, prefer: Option<u16>) -> Result<(), Error> {
            // Prism answers with an error only in a media type the request
            // accepts, and error bodies are often `application/problem+json`;
            // JSON comes first, as the client decodes it (given `*/*` alone,
            // Prism takes the first media type listed, even one it cannot write).
            let request = match prefer {
                Some(status) => request
                    .header("prefer", &format!("code={status}"))
                    .header("accept", "application/json, */*;q=0.5"),
                None => request,
            };
            let response = request.with_response().await?;
            match header_violations(response.headers()) {
                Some(violations) => Err(Error::InvalidRequest(format!(
                    "Prism found violations in a {} answer: {violations}",
                    response.status()
                ))),
                None => Ok(()),
            }
        }

        /// How the exchange breaks the spec, as Prism says: in the
        /// `sl-violations` header, or in its own error body (a problem whose
        /// type is one of Prism's, e.g. missing credentials) when the spec
        /// documents no answer for that case.
        fn violations(error: &#krate_ident::ApiError) -> Option<String> {
            header_violations(error.headers()).or_else(|| {
                let body: serde_json::Value = serde_json::from_slice(error.body()).ok()?;
                let kind = body.get("type")?.as_str()?;
                kind.starts_with("https://stoplight.io/prism/errors#").then(|| {
                    let title = body.get("title").and_then(|t| t.as_str()).unwrap_or(kind);
                    match body.get("validation") {
                        Some(list) => format!("{title}: {}", messages(list)),
                        None => title.to_string(),
                    }
                })
            })
        }

        fn header_violations(headers: &reqwest::header::HeaderMap) -> Option<String> {
            let header = headers.get("sl-violations")?;
            match serde_json::from_slice(header.as_bytes()) {
                Ok(list) => Some(messages(&list)),
                Err(_) => Some(String::from_utf8_lossy(header.as_bytes()).into_owned()),
            }
        }

        /// The messages of a list of Prism's violations, each once, said to
        /// be the spec's own fault when only Prism's answer breaks it.
        fn messages(list: &serde_json::Value) -> String {
            let violations = list.as_array().map(Vec::as_slice).unwrap_or_default();
            let mut messages: Vec<String> = Vec::new();
            for violation in violations {
                let message = match violation.get("message").and_then(|m| m.as_str()) {
                    Some(message) => message.to_string(),
                    None => violation.to_string(),
                };
                if !messages.contains(&message) {
                    messages.push(message);
                }
            }
            let in_response = |violation: &serde_json::Value| {
                violation.pointer("/location/0").and_then(|l| l.as_str()) == Some("response")
            };
            if !violations.is_empty() && violations.iter().all(in_response) {
                format!(
                    "the answer Prism made from the spec's examples or schemas breaks the spec (not the request): {}",
                    messages.join(", ")
                )
            } else {
                messages.join(", ")
            }
        }

        /// What is wrong with `outcome`, when it is not what `expect` says.
        fn problem(expect: &Expect, outcome: Result<(), Error>) -> Option<String> {
            match (expect, outcome) {
                (Expect::Success, Ok(())) => None,
                (Expect::Success, Err(error)) => Some(failure(&error)),
                (Expect::Error(status, _, _), Ok(())) => {
                    Some(format!("asked for a {status}, got a success"))
                }
                (Expect::Error(status, type_name, documented), Err(Error::Api(error))) => {
                    if violations(&error).is_some() || error.status().as_u16() != *status {
                        return Some(format!("asked for a {status}: {}", failure(&Error::Api(error))));
                    }
                    match error.typed_body() {
                        Some(body) if documented(body) => None,
                        Some(body) => Some(format!(
                            "the {status} body decodes as another type than `{type_name}`: {body:?}"
                        )),
                        None => Some(format!(
                            "the {status} body does not decode as `{type_name}`: {}",
                            error.body_text()
                        )),
                    }
                }
                (Expect::Error(status, _, _), Err(error)) => {
                    Some(format!("asked for a {status}: {}", failure(&error)))
                }
            }
        }

        /// An error, with the violations Prism found when it found any.
        fn failure(error: &Error) -> String {
            match error {
                Error::Api(api) => match violations(api) {
                    Some(violations) => format!("Prism answered {} with violations: {violations}", api.status()),
                    None => format!("answered {}: {}", api.status(), api.body_text()),
                },
                Error::Decode(decode) => format!("the response does not decode: {decode}"),
                other => other.to_string(),
            }
        }

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
