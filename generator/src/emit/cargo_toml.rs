//! The generated crate's `Cargo.toml`: its metadata, the dependencies the spec needs, its features.

use super::config::{Config, WebhookSignature};
use super::crate_root::{downloads, paginates, sends_multipart, sends_raw_bodies, uses};
use super::features::{api_features, default_features};
use crate::model::{Api, RustType, FULL_FEATURE as FULL, WEBHOOKS_FEATURE as WEBHOOKS};

/// The dependencies every generated crate has, and those only some types need.
const DEPENDENCIES: &str = r#"bytes = "1"
httpdate = "1"
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_path_to_error = "0.1"
thiserror = "2"
tracing = { version = "0.1", default-features = false, features = ["std"] }
"#;
const CHRONO: &str =
    "chrono = { version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }\n";
const UUID: &str = "uuid = { version = \"1\", features = [\"serde\"] }\n";
/// Webhook signatures: keys and signatures travel as base64.
const BASE64: &str = "base64 = { version = \"0.22\", optional = true }\n";
const ED25519: &str =
    "ed25519-dalek = { version = \"3\", default-features = false, features = [\"fast\"], optional = true }\n";
const HMAC: &str =
    "hmac = { version = \"0.13\", optional = true }\nsha2 = { version = \"0.11\", optional = true }\n";
/// `ReaderStream`, to stream a raw body or a file part from a reader; already
/// in the tree through reqwest's `stream` feature, as is `tokio`'s `fs`.
const TOKIO_UTIL: &str = "tokio-util = { version = \"0.7\", features = [\"io\"] }\n";
/// For `Paginator`'s `Stream` impl, and the streams that raw and multipart
/// bodies are sent as; already in the tree through `reqwest`.
const FUTURES_CORE: &str = "futures-core = \"0.3\"\n";
const DEV_DEPENDENCIES: &str = r#"tokio = { version = "1", features = ["io-util", "macros", "net", "rt-multi-thread"] }
wiremock = "0.6"
"#;
/// A small server to receive webhooks in examples and tests; already in the
/// tree through `wiremock`.
const WEBHOOK_DEV_DEPENDENCIES: &str = r#"http-body-util = "0.1"
hyper = { version = "1", features = ["http1", "server"] }
hyper-util = { version = "0.1", features = ["tokio"] }
"#;

/// `Cargo.toml` of the generated crate.
pub fn cargo_toml(api: &Api, config: &Config) -> String {
    let name = config.crate_name();
    let description = format!(
        "Async Rust client for the {}, generated from its OpenAPI description.",
        api.title
    );
    let optional = |key: &str, value: Option<&String>| {
        value.map_or_else(String::new, |value| {
            format!("{key} = {}\n", toml_string(value))
        })
    };
    let multipart = sends_multipart(api);
    let streams = sends_raw_bodies(api) || multipart;
    // The runtime builds each request itself and reads bodies as bytes, so reqwest needs no
    // default features (TLS comes from the crate's own), nor `multipart` (forms are encoded so
    // that their length is known), and `stream` only to send bodies from readers.
    let stream = if streams {
        ", features = [\"stream\"]"
    } else {
        ""
    };
    let reqwest = format!("reqwest = {{ version = \"0.13\", default-features = false{stream} }}");
    // tokio's timers for retries; `io-util` to write downloads a chunk at a time; `fs` to stream
    // file parts from a path.
    let fs = if multipart { "\"fs\", " } else { "" };
    let io_util = if downloads(api) { "\"io-util\", " } else { "" };
    let tokio =
        format!("tokio = {{ version = \"1\", features = [{fs}{io_util}\"sync\", \"time\"] }}");
    // Only the `webhooks` feature verifies signatures, so it alone builds these.
    let signature = match api.webhooks.as_ref().and(config.webhook_signature.as_ref()) {
        Some(WebhookSignature::Ed25519 { .. }) => ED25519,
        Some(WebhookSignature::StandardWebhooks) => HMAC,
        None => "",
    };
    let dependencies = [
        (true, DEPENDENCIES),
        (
            uses(api, &|ty| matches!(ty, RustType::DateTime | RustType::Date)),
            CHRONO,
        ),
        (uses(api, &|ty| matches!(ty, RustType::Uuid)), UUID),
        (true, reqwest.as_str()),
        (true, tokio.as_str()),
        (paginates(api) || streams, FUTURES_CORE),
        (streams, TOKIO_UTIL),
        (!signature.is_empty(), BASE64),
        (true, signature),
    ];
    let mut dependencies: Vec<&str> = dependencies
        .into_iter()
        .filter(|(wanted, _)| *wanted)
        .flat_map(|(_, lines)| lines.lines())
        .collect();
    dependencies.sort_unstable();
    let webhook_dev_dependencies = api
        .webhooks
        .as_ref()
        .map_or("", |_| WEBHOOK_DEV_DEPENDENCIES);
    // docs.rs builds the documentation once the crate is published, showing every resource with
    // the feature it needs.
    format!(
        r#"[package]
name = {}
version = {}
edition = "2021"
rust-version = "1.85"
description = {}
{}documentation = {}
{}readme = "README.md"
keywords = {}
categories = {}

[package.metadata.docs.rs]
all-features = true
rustdoc-args = ["--cfg", "docsrs"]

[dependencies]
{}

[features]
{}
[dev-dependencies]
{DEV_DEPENDENCIES}{webhook_dev_dependencies}"#,
        toml_string(name),
        toml_string(&config.crate_version),
        toml_string(&description),
        optional("license", api.license.as_ref()),
        toml_string(&format!("https://docs.rs/{name}")),
        optional("repository", config.repository.as_ref()),
        toml_list(&config.keywords()),
        toml_list(&config.categories),
        dependencies.join("\n"),
        features_toml(api, config),
    )
}

/// The `[features]` table's lines.
fn features_toml(api: &Api, config: &Config) -> String {
    let everything = match api.webhooks {
        Some(_) => "Every resource and the webhook events.",
        None => "Every resource.",
    };
    let mut out = format!(
        "default = {}\n\
         # `blocking::Client`, for programs without an async runtime.\n\
         blocking = [\"tokio/rt-multi-thread\"]\n\
         # {everything}\n\
         {FULL} = {}\n\
         # TLS through the platform's library (OpenSSL on Linux) instead of rustls.\n\
         native-tls = [\"reqwest/native-tls\"]\n\
         # TLS through rustls: no system libraries needed.\n\
         rustls = [\"reqwest/rustls\"]\n",
        toml_list(&default_features(config)),
        toml_list(&api_features(api)),
    );
    let own: Vec<_> = api
        .resources
        .iter()
        .filter(|r| !api.shares_webhooks(r))
        .collect();
    if !own.is_empty() {
        out.push_str(
            "# One feature per resource: each compiles its module and the types it uses.\n",
        );
    }
    for resource in own {
        out.push_str(&format!("{} = []\n", resource.feature()));
    }
    if api.webhooks.is_some() {
        let resource = match api.webhooks_resource() {
            Some(_) => ", and the `webhooks` resource",
            None => "",
        };
        out.push_str(&format!(
            "# The `webhooks` module: the events and their verification{resource}.\n"
        ));
        out.push_str(&format!(
            "{WEBHOOKS} = {}\n",
            toml_list(webhook_dependencies(config))
        ));
    }
    out
}

/// The optional dependencies the `webhooks` feature enables.
fn webhook_dependencies(config: &Config) -> &'static [&'static str] {
    match &config.webhook_signature {
        Some(WebhookSignature::Ed25519 { .. }) => &["dep:base64", "dep:ed25519-dalek"],
        Some(WebhookSignature::StandardWebhooks) => &["dep:base64", "dep:hmac", "dep:sha2"],
        None => &[],
    }
}

pub fn toml_list(values: &[impl AsRef<str>]) -> String {
    let items: Vec<String> = values.iter().map(|v| toml_string(v.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
