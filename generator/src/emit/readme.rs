//! The generated crate's `README.md`, which is also its crate-level documentation,
//! so every code block in it is compiled as a doctest.

use super::config::{Config, WebhookSignature};
use super::docs::{code_span, sanitize};
use super::example_calls;
use super::features::default_features;
use super::security;
use crate::model::{Api, Webhooks, FULL_FEATURE, WEBHOOKS_FEATURE};

/// The README's fixed text, section by section; see [`section`].
const TEMPLATE: &str = include_str!("readme.md");

pub fn readme(api: &Api, config: &Config) -> String {
    let name = config.crate_name();
    let krate = config.crate_ident();
    let env = config.env_prefix();
    let version: Vec<&str> = config.crate_version.splitn(3, '.').take(2).collect();
    let major_minor = version.join(".");
    let calls = example_calls::Calls::new(api, &krate);
    let call = calls.first_call(&api.resources);
    let new_client = security::new_client(&api.security, "Client");
    let new_blocking = security::new_client(&api.security, &format!("{krate}::blocking::Client"));
    let crate_values = [
        ("name", name),
        ("major_minor", &major_minor),
        ("krate", &krate),
    ];
    let fill = |section_name: &str, values: &[(&str, &str)]| {
        section(section_name, &[values, &crate_values].concat())
    };
    // The sections that show the first operation's call, absent when the API has none.
    let with_call = |section_name: &str, new_client: &str| {
        let call = call.as_deref()?;
        Some(fill(
            section_name,
            &[("call", call), ("new_client", new_client)],
        ))
    };

    let mut out = format!(
        "# {name}\n\nAsync Rust client for the {}, generated from its OpenAPI description.\n\n",
        api.title
    );
    if let Some(description) = &api.description {
        out.push_str(&sanitize(description.trim()));
        out.push_str("\n\n");
    }
    out.push_str(&fill("install", &[]));
    out.extend(with_call("quick_start", &new_client));

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
    let setter = security::setter_call(&api.security)
        .map(|call| format!("{call}\n    "))
        .unwrap_or_default();
    let configuration = [
        ("base_url", &*base_url),
        ("credentials", credentials),
        ("setter", &setter),
    ];
    out.push_str(&fill("configuration", &configuration));
    if !api.security.schemes.is_empty() {
        out.push_str("Credentials never appear in `Debug` output, errors or logs.\n\n");
    }

    out.extend(with_call("errors", &new_client));
    out.push_str(&fill("building_requests", &[]));
    if let Some(built) = calls.first_built_request(&api.resources) {
        out.push_str(&fill("building_requests_example", &[("call", &built)]));
    }
    out.extend(with_call("reliability", ""));
    out.push_str(&fill("blocking", &[]));
    out.extend(with_call("blocking_example", &new_blocking));
    out.push_str(&fill("cargo_features", &[]));
    out.push_str(&resource_features(api, config, name, &major_minor));
    if let Some(webhooks) = &api.webhooks {
        out.push_str(&webhooks_section(webhooks, config, &krate));
    }

    out.push_str("## Operations\n\n| Resource | Method | HTTP |\n| --- | --- | --- |\n");
    for resource in &api.resources {
        for op in &resource.operations {
            let (module, method, path) = (&resource.module, &op.method_name, &op.path);
            let http = op.http_method.as_str();
            out.push_str(&format!(
                "| `{module}()` | `{method}` | `{http} {path}` |\n"
            ));
        }
    }
    out
}

/// The section `name` of [`TEMPLATE`] (from its `<!-- section: name -->` line to the next), each
/// `{{key}}` of `values` replaced by its value, which is not searched again.
fn section(name: &str, values: &[(&str, &str)]) -> String {
    let marker = format!("<!-- section: {name} -->\n");
    let text = TEMPLATE.split_once(&marker).map_or("", |(_, rest)| rest);
    let mut rest = text
        .split_once("<!-- section: ")
        .map_or(text, |(section, _)| section);
    let mut out = String::with_capacity(rest.len());
    while let Some((before, after)) = rest.split_once("{{") {
        out.push_str(before);
        let filled = after.split_once("}}").and_then(|(key, after)| {
            let (_, value) = values.iter().find(|(k, _)| *k == key)?;
            Some((*value, after))
        });
        let (value, after) = filled.unwrap_or(("{{", after));
        out.push_str(value);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// How deliveries are verified and decoded, and the events there are.
fn webhooks_section(webhooks: &Webhooks, config: &Config, krate: &str) -> String {
    let mut out = String::from("## Webhooks\n\n");
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
            let key_env = super::webhooks::key_env(signature, config);
            let first_event = super::webhooks::first_event_arm(webhooks, "        ");
            let values = [
                ("scheme", &*scheme),
                ("key_env", &key_env),
                ("krate", krate),
                ("first_event", &first_event),
            ];
            out.push_str(&section("signed_webhooks", &values));
        }
        None => out.push_str(
            "`webhooks::Event::from_slice(body)` decodes a delivery; this crate was generated \
             without a signing scheme, so deliveries are not verified.\n\n",
        ),
    }
    out.push_str("| Event | Variant | Told apart by |\n| --- | --- | --- |\n");
    for event in &webhooks.events {
        let told = match &event.tag {
            Some(tag) => super::webhooks::tag_text(tag),
            None => "its shape, when no discriminator is present".to_string(),
        };
        let (name, variant) = (&event.name, &event.variant);
        out.push_str(&format!("| `{name}` | `{variant}` | {told} |\n"));
    }
    out.push('\n');
    out
}

/// How to compile only the resources a program calls.
fn resource_features(api: &Api, config: &Config, name: &str, version: &str) -> String {
    if api.resources.is_empty() && api.webhooks.is_none() {
        return String::new();
    }
    let defaults = default_features(config);
    let on = |feature: &str| match defaults.iter().any(|d| d == feature || d == FULL_FEATURE) {
        true => "yes",
        false => "",
    };
    let webhooks = api
        .webhooks
        .as_ref()
        .map_or("", |_| " and the `webhooks` events");
    let example = api.resources.first();
    let example = example.map_or(String::new(), |r| format!(", \"{}\"", r.feature()));
    let mut out = format!(
        "Each resource is a feature named after its module, and compiles that module and \
         the models it uses; `{FULL_FEATURE}` enables them all{webhooks}. A program that calls \
         few resources of a large API builds much faster with only those:\n\n\
         ```toml\n{name} = {{ version = \"{version}\", default-features = false, features = \
         [\"rustls\"{example}] }}\n```\n\n\
         | feature | default | compiles |\n| --- | --- | --- |\n\
         | `{FULL_FEATURE}` | {} | every feature below |\n",
        on(FULL_FEATURE)
    );
    let shared = api.webhooks_resource();
    for resource in api.resources.iter().filter(|r| !api.shares_webhooks(r)) {
        let (feature, module) = (resource.feature(), &resource.module);
        let on = on(feature);
        out.push_str(&format!(
            "| `{feature}` | {on} | `client.{module}()`, `resources::{module}` |\n"
        ));
    }
    if api.webhooks.is_some() {
        let resource = shared.map_or("", |_| ", `client.webhooks()`, `resources::webhooks`");
        out.push_str(&format!(
            "| `{WEBHOOKS_FEATURE}` | {} | the `webhooks` module and its events{resource} |\n",
            on(WEBHOOKS_FEATURE)
        ));
    }
    out.push('\n');
    out
}
