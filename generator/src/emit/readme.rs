//! The generated crate's `README.md`, which is also its crate-level documentation,
//! so every code block in it is compiled as a doctest.

use super::config::{Config, WebhookSignature};
use super::docs::{code_span, sanitize};
use super::example_calls;
use super::features::default_features;
use super::security;
use crate::model::{Api, Webhooks, FULL_FEATURE, WEBHOOKS_FEATURE};

pub fn readme(api: &Api, config: &Config) -> String {
    let name = config.crate_name();
    let krate = config.crate_ident();
    let env = config.env_prefix();
    let major_minor = config
        .crate_version
        .splitn(3, '.')
        .take(2)
        .collect::<Vec<_>>()
        .join(".");
    let calls = example_calls::Calls::new(api, &krate);
    let call = calls.first_call(&api.resources);
    let mut out = String::new();

    out.push_str(&format!("# {name}\n\n"));
    out.push_str(&format!(
        "Async Rust client for the {}, generated from its OpenAPI description.\n\n",
        api.title
    ));
    if let Some(description) = &api.description {
        out.push_str(&sanitize(description.trim()));
        out.push_str("\n\n");
    }

    out.push_str("## Install\n\n```toml\n[dependencies]\n");
    out.push_str(&format!("{name} = \"{major_minor}\"\n"));
    out.push_str(
        "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n```\n\n",
    );

    let new_client = security::new_client(&api.security, "Client");
    if let Some(call) = &call {
        out.push_str("## Quick start\n\n```rust,no_run\n");
        out.push_str(&format!("use {krate}::Client;\n\n"));
        out.push_str(&format!(
            "#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    \
             let client = {new_client};\n    \
             let response = {call}.await?;\n    \
             println!(\"{{response:?}}\");\n    Ok(())\n}}\n```\n\n"
        ));
    }

    out.push_str("## Authentication and configuration\n\n");
    out.push_str(&security::readme_section(&api.security, config));
    let credentials = match api.security.schemes.is_empty() {
        true => "",
        false => "the credentials, ",
    };
    // One fixed server keeps the short sentence; anything more is explained.
    let base_url = match super::servers::base_url_docs(api, &format!("{env}_BASE_URL")) {
        Some(servers) => format!("{servers} `Client::builder()`"),
        None => format!(
            "Requests go to {} unless `{env}_BASE_URL` says otherwise; `Client::builder()`",
            api.server
                .as_ref()
                .map_or_else(String::new, |server| code_span(&server.default_url)),
        ),
    };
    out.push_str(&format!(
        "{base_url} sets {credentials}the base URL, the timeout and a \
         `reqwest::Client` of your own.\n\n",
    ));
    let setter = security::setter_call(&api.security)
        .map(|call| format!("{call}\n    "))
        .unwrap_or_default();
    out.push_str(&format!(
        "```rust,no_run\nuse std::time::Duration;\n\n\
         # fn main() -> Result<(), {krate}::Error> {{\n\
         let client = {krate}::Client::builder()\n    \
         {setter}\
         .timeout(Duration::from_secs(20))\n    \
         .build()?;\n# Ok(())\n# }}\n```\n\n"
    ));
    if !api.security.schemes.is_empty() {
        out.push_str("Credentials never appear in `Debug` output, errors or logs.\n\n");
    }

    if let Some(call) = &call {
        out.push_str("## Errors\n\n");
        out.push_str(&format!(
            "Every operation returns `Result<T, {krate}::Error>`. `Error::Api` is an answer \
             with a status outside 2xx: it keeps the status, the headers, the parsed error \
             objects and the raw body. Connection, timeout and decode errors are variants of \
             their own.\n\n"
        ));
        out.push_str(&format!(
            "```rust,no_run\n# async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
             match {call}.await {{\n    \
             Ok(response) => println!(\"{{response:?}}\"),\n    \
             Err({krate}::Error::Api(error)) => {{\n        \
             eprintln!(\"{{error}} (request id {{:?}})\", error.request_id());\n    \
             }}\n    \
             Err(error) => eprintln!(\"{{error}}\"),\n\
             }}\n# Ok(())\n# }}\n```\n\n"
        ));
        out.push_str(
            "Each request can change its own timeout before it is awaited, e.g. \
             `.timeout(Duration::from_secs(5))`.\n\n",
        );
    }

    out.push_str(&building_requests(
        &krate,
        calls.first_built_request(&api.resources).as_deref(),
    ));
    if let Some(call) = &call {
        out.push_str(&reliability(&krate, call));
    }
    let new_blocking = security::new_client(&api.security, &format!("{krate}::blocking::Client"));
    out.push_str(&features(
        name,
        &major_minor,
        call.as_deref(),
        &new_blocking,
    ));
    out.push_str(&resource_features(api, config, name, &major_minor));
    if let Some(webhooks) = &api.webhooks {
        out.push_str(&webhooks_section(webhooks, config, &krate));
    }

    out.push_str("## Operations\n\n| Resource | Method | HTTP |\n| --- | --- | --- |\n");
    for resource in &api.resources {
        for op in &resource.operations {
            out.push_str(&format!(
                "| `{}()` | `{}` | `{} {}` |\n",
                resource.module,
                op.method_name,
                op.http_method.as_str(),
                op.path
            ));
        }
    }
    out
}

/// How deliveries are verified and decoded, and the events there are.
fn webhooks_section(webhooks: &Webhooks, config: &Config, krate: &str) -> String {
    let mut out = String::from("## Webhooks\n\n");
    let first = super::webhooks::first_event_arm(webhooks, "        ");
    match &config.webhook_signature {
        Some(signature) => {
            let scheme = match signature {
                WebhookSignature::Ed25519 {
                    signature_header,
                    timestamp_header,
                } => format!(
                    "an Ed25519 signature of `{{{timestamp_header}}}|{{body}}` in `{signature_header}`, \
                     checked with the public key (base64)"
                ),
                WebhookSignature::StandardWebhooks => {
                    "Standard Webhooks (HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`), \
                     checked with the `whsec_` secret"
                        .to_string()
                }
            };
            out.push_str(&format!(
                "Each delivery is signed with {scheme} from `{}` or `ClientBuilder::webhook_key`. \
                 `client.webhooks().unwrap(body, headers)` verifies it, refuses it when its timestamp \
                 is more than five minutes away (`webhook_tolerance`), and decodes it into \
                 `webhooks::Event`; `WebhookVerifier` does the same without an API client, and \
                 `unsafe_unwrap(body)` only decodes. Pass the body exactly as received.\n\n\
                 ```rust,no_run\n\
                 use {krate}::webhooks::{{Event, WebhookError, WebhookVerifier}};\n\n\
                 fn receive(body: &[u8], headers: &reqwest::header::HeaderMap) -> Result<(), WebhookError> {{\n    \
                 let verifier = WebhookVerifier::from_env()?;\n    \
                 match verifier.unwrap(body, headers)? {{\n\
                 {first}        \
                 Event::Unknown(value) => println!(\"not known to this version: {{value}}\"),\n        \
                 _ => {{}}\n    }}\n    Ok(())\n}}\n```\n\n",
                super::webhooks::key_env(signature, config),
            ));
        }
        None => out.push_str(
            "`webhooks::Event::from_slice(body)` decodes a delivery; this crate was generated \
             without a signing scheme, so deliveries are not verified.\n\n",
        ),
    }
    out.push_str("| Event | Variant | Told apart by |\n| --- | --- | --- |\n");
    for event in &webhooks.events {
        let told = match &event.tag {
            Some(tag) => {
                let values: Vec<String> = tag.values.iter().map(|v| code_span(v)).collect();
                format!("{} at `{}`", values.join(", "), tag.pointer)
            }
            None => "its shape, when no discriminator is present".to_string(),
        };
        out.push_str(&format!(
            "| `{}` | `{}` | {} |\n",
            event.name, event.variant, told
        ));
    }
    out.push('\n');
    out
}

/// How request bodies and parameters are built, and why models are `#[non_exhaustive]`.
fn building_requests(krate: &str, call: Option<&str>) -> String {
    let mut out = String::from(
        "## Building requests and reading models\n\n\
         Request bodies and parameter structs are built with `new`, which takes the required \
         fields, and a `with_` method per optional field. Models are `#[non_exhaustive]`: \
         their fields can be read and changed but not listed in a struct literal, so a field \
         the API adds in a later version of this crate does not break your code. Enums keep \
         values they do not know in `Unknown`, and a `match` on them needs a `_` arm.\n\n",
    );
    if let Some(call) = call {
        out.push_str(&format!(
            "```rust,no_run\n\
             # async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
             let response = {call}.await?;\n\
             # Ok(())\n# }}\n```\n\n"
        ));
    }
    out
}

/// Retries, timeouts and responses with their status and headers.
fn reliability(krate: &str, call: &str) -> String {
    format!(
        "## Retries and timeouts\n\n\
         A request that fails with a connection error, a timeout, `408`, `409`, `429` or a \
         `5xx` status is tried again, twice by default, after the delay the API asks for \
         (`retry-after-ms` or `Retry-After`) or an exponential backoff from half a second \
         (at most 8 s, with jitter). The API's `x-should-retry` header overrides the rule. \
         Only requests that are safe to repeat are retried by default: a `POST` or `PATCH` is \
         sent once unless the request sets `max_retries`. Each attempt may take 60 seconds.\n\n\
         Set both for the whole client with `Client::builder().max_retries(..).timeout(..)`, \
         or for one request:\n\n\
         ```rust,no_run\nuse std::time::Duration;\n\n\
         # async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
         let response = {call}\n    .timeout(Duration::from_secs(5))\n    .max_retries(0)\n    .await?;\n\
         # Ok(())\n# }}\n```\n\n\
         ## Status, headers and the raw body\n\n\
         `with_response()` returns the status, the headers and the request id beside the \
         decoded value; `raw()` returns the body without decoding it.\n\n\
         ```rust,no_run\n\
         # async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
         let response = {call}.with_response().await?;\n\
         println!(\"{{}} (request id {{:?}})\", response.status(), response.request_id());\n\
         let value = response.into_value();\n\
         # Ok(())\n# }}\n```\n\n"
    )
}

/// How to compile only the resources a program calls.
fn resource_features(api: &Api, config: &Config, name: &str, version: &str) -> String {
    if api.resources.is_empty() && api.webhooks.is_none() {
        return String::new();
    }
    let defaults = default_features(config);
    let on = |feature: &str| {
        if defaults.iter().any(|d| d == feature || d == FULL_FEATURE) {
            "yes"
        } else {
            ""
        }
    };
    let mut out = format!(
        "Each resource is a feature named after its module, and compiles that module and \
         the models it uses; `{FULL_FEATURE}` enables them all{}. A program that calls few \
         resources of a large API builds much faster with only those:\n\n",
        if api.webhooks.is_some() {
            " and the `webhooks` events"
        } else {
            ""
        }
    );
    let example = api.resources.first().map_or("", |r| r.feature());
    let mut wanted = vec!["rustls"];
    wanted.extend((!example.is_empty()).then_some(example));
    let wanted: Vec<String> = wanted.iter().map(|f| format!("\"{f}\"")).collect();
    out.push_str(&format!(
        "```toml\n{name} = {{ version = \"{version}\", default-features = false, features = [{}] }}\n```\n\n",
        wanted.join(", ")
    ));
    out.push_str(&format!(
        "| feature | default | compiles |\n| --- | --- | --- |\n| `{FULL_FEATURE}` | {} | every feature below |\n",
        on(FULL_FEATURE)
    ));
    for resource in &api.resources {
        out.push_str(&format!(
            "| `{}` | {} | `client.{}()`, `resources::{}` |\n",
            resource.feature(),
            on(resource.feature()),
            resource.module,
            resource.module
        ));
    }
    if api.webhooks.is_some() {
        out.push_str(&format!(
            "| `{WEBHOOKS_FEATURE}` | {} | the `webhooks` module and its events |\n",
            on(WEBHOOKS_FEATURE)
        ));
    }
    out.push('\n');
    out
}

/// The blocking client and the crate's Cargo features.
fn features(name: &str, version: &str, call: Option<&str>, new_client: &str) -> String {
    let mut out = String::from(
        "## Blocking client\n\n\
         With the `blocking` feature, `blocking::Client` has the same API for programs \
         without an async runtime: the same builder, resources, options and errors, and a \
         request is sent with `.send()`. It must not be used inside an async runtime.\n\n",
    );
    if let Some(call) = call {
        out.push_str(&format!(
            "```rust,no_run\n# #[cfg(feature = \"blocking\")]\n\
             # fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
             let client = {new_client};\n\
             let response = {call}.send()?;\n\
             # Ok(())\n# }}\n```\n\n"
        ));
    }
    out.push_str(&format!(
        "## Cargo features\n\n\
         | feature | default | what it does |\n| --- | --- | --- |\n\
         | `rustls` | yes | TLS through rustls: no system libraries needed |\n\
         | `native-tls` | | TLS through the platform's library (OpenSSL on Linux) |\n\
         | `blocking` | | `blocking::Client`, a synchronous client |\n\n\
         ```toml\n[dependencies]\n\
         {name} = {{ version = \"{version}\", default-features = false, features = [\"native-tls\", \"blocking\"] }}\n\
         ```\n\n"
    ));
    out
}
