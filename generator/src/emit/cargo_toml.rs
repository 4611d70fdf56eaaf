//! The generated crate's `Cargo.toml`: its metadata, the dependencies the
//! spec's operations need, and its features.

use super::config::{Config, WebhookSignature};
use super::crate_root::{downloads, paginates, sends_multipart, sends_raw_bodies, uses};
use crate::model::{Api, RustType};

/// The dependencies every generated crate has, and those only some types need.
///
/// `reqwest` has no default features: the runtime builds each request itself
/// and reads bodies as bytes, so it needs none of `json`, `query` or `form`,
/// and `stream` only to send raw bodies from streams; TLS comes from the
/// crate's own `rustls` and `native-tls` features.
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
/// Ed25519 webhook signatures.
const ED25519: &str =
    "ed25519-dalek = { version = \"3\", default-features = false, features = [\"fast\"], optional = true }\n";
/// Standard Webhooks signatures.
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
/// reqwest with `stream` for raw bodies and multipart forms streamed from
/// readers; the runtime encodes multipart forms itself, so that their length
/// is known, and needs not reqwest's `multipart`.
fn reqwest_dependency(streams: bool) -> String {
    let features = if streams {
        format!(", features = {}", toml_list(&["stream"]))
    } else {
        String::new()
    };
    format!("reqwest = {{ version = \"0.13\", default-features = false{features} }}\n")
}

/// tokio's timers for retries; `io-util` to write downloads a chunk at a
/// time; `fs` to stream file parts from a path.
fn tokio_dependency(downloads: bool, multipart: bool) -> String {
    let features: Vec<&str> = [
        (multipart, "fs"),
        (downloads, "io-util"),
        (true, "sync"),
        (true, "time"),
    ]
    .into_iter()
    .filter_map(|(wanted, feature)| wanted.then_some(feature))
    .collect();
    format!(
        "tokio = {{ version = \"1\", features = {} }}\n",
        toml_list(&features)
    )
}

/// `Cargo.toml` of the generated crate.
pub fn cargo_toml(api: &Api, config: &Config) -> String {
    let description = format!(
        "Async Rust client for the {}, generated from its OpenAPI description.",
        api.title
    );
    let mut out = String::new();
    out.push_str("[package]\n");
    out.push_str(&format!("name = {}\n", toml_string(config.crate_name())));
    out.push_str(&format!(
        "version = {}\n",
        toml_string(&config.crate_version)
    ));
    out.push_str("edition = \"2021\"\n");
    out.push_str("rust-version = \"1.85\"\n");
    out.push_str(&format!("description = {}\n", toml_string(&description)));
    if let Some(license) = &api.license {
        out.push_str(&format!("license = {}\n", toml_string(license)));
    }
    // Where docs.rs builds the crate's documentation once it is published.
    out.push_str(&format!(
        "documentation = {}\n",
        toml_string(&format!("https://docs.rs/{}", config.crate_name()))
    ));
    if let Some(repository) = &config.repository {
        out.push_str(&format!("repository = {}\n", toml_string(repository)));
    }
    out.push_str("readme = \"README.md\"\n");
    out.push_str(&format!("keywords = {}\n", toml_list(&config.keywords())));
    out.push_str(&format!("categories = {}\n", toml_list(&config.categories)));
    // docs.rs shows every resource, each item marked with the feature it needs.
    out.push_str(
        "\n[package.metadata.docs.rs]\nall-features = true\nrustdoc-args = [\"--cfg\", \"docsrs\"]\n",
    );
    out.push_str("\n[dependencies]\n");
    let mut deps = vec![DEPENDENCIES];
    if uses(api, &|ty| matches!(ty, RustType::DateTime | RustType::Date)) {
        deps.push(CHRONO);
    }
    if uses(api, &|ty| matches!(ty, RustType::Uuid)) {
        deps.push(UUID);
    }
    let (raw_bodies, multipart) = (sends_raw_bodies(api), sends_multipart(api));
    let reqwest = reqwest_dependency(raw_bodies || multipart);
    let tokio = tokio_dependency(downloads(api), multipart);
    deps.extend([reqwest.as_str(), tokio.as_str()]);
    if paginates(api) || raw_bodies || multipart {
        deps.push(FUTURES_CORE);
    }
    if raw_bodies || multipart {
        deps.push(TOKIO_UTIL);
    }
    // Only the `webhooks` feature verifies signatures, so it alone builds these.
    if api.webhooks.is_some() {
        match &config.webhook_signature {
            Some(WebhookSignature::Ed25519 { .. }) => deps.extend([BASE64, ED25519]),
            Some(WebhookSignature::StandardWebhooks) => deps.extend([BASE64, HMAC]),
            None => {}
        }
    }
    let mut lines: Vec<&str> = deps.iter().flat_map(|d| d.lines()).collect();
    lines.sort_unstable();
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("\n[features]\n");
    out.push_str(&super::features::features_toml(api, config));
    out.push_str("\n[dev-dependencies]\n");
    out.push_str(DEV_DEPENDENCIES);
    if api.webhooks.is_some() {
        out.push_str(WEBHOOK_DEV_DEPENDENCIES);
    }
    out
}

fn toml_list(values: &[impl AsRef<str>]) -> String {
    let items: Vec<String> = values.iter().map(|v| toml_string(v.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// A TOML basic string.
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
