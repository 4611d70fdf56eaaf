//! The crate's Cargo features: one per resource, `webhooks` for the events,
//! `full` for all of them, and the `#[cfg]` attributes that gate items on them.

use proc_macro2::TokenStream;
use quote::quote;

use super::config::Config;
use crate::model::{Api, FULL_FEATURE as FULL, WEBHOOKS_FEATURE as WEBHOOKS};

/// Features every crate has besides its resources'.
const TRANSPORT: &[&str] = &["blocking", "native-tls", "rustls"];

/// Every resource's feature, then `webhooks` when the API sends events.
pub fn api_features(api: &Api) -> Vec<&str> {
    let resources = api.resources.iter().map(|r| r.feature());
    let webhooks = api.webhooks.as_ref().map(|_| WEBHOOKS);
    resources.chain(webhooks).collect()
}

/// What `default` enables: the configured list, else rustls and every resource.
pub fn default_features(config: &Config) -> Vec<String> {
    config
        .default_features
        .clone()
        .unwrap_or_else(|| vec!["rustls".to_string(), FULL.to_string()])
}

/// The names in `default_features` that are not features of the crate.
pub fn unknown_default_features(api: &Api, config: &Config) -> Vec<String> {
    let known = api_features(api);
    default_features(config)
        .into_iter()
        .filter(|name| {
            name != FULL && !TRANSPORT.contains(&name.as_str()) && !known.contains(&name.as_str())
        })
        .collect()
}

/// `#[cfg]` for items compiled with any of `features`, and the `doc(cfg)`
/// that shows it on docs.rs; `None` when `features` is empty (always compiled).
pub fn cfg_attrs<S: AsRef<str>>(features: &[S]) -> Option<TokenStream> {
    let predicate = cfg_predicate(features)?;
    Some(quote! {
        #[cfg(#predicate)]
        #[cfg_attr(docsrs, doc(cfg(#predicate)))]
    })
}

/// `#[cfg]` alone, for private items, which the docs do not show.
pub fn cfg_only<S: AsRef<str>>(features: &[S]) -> Option<TokenStream> {
    let predicate = cfg_predicate(features)?;
    Some(quote!(#[cfg(#predicate)]))
}

/// `feature = "a"`, or `any(feature = "a", feature = "b")`.
pub fn cfg_predicate<S: AsRef<str>>(features: &[S]) -> Option<TokenStream> {
    let each = features.iter().map(|f| {
        let name = f.as_ref();
        quote!(feature = #name)
    });
    match features {
        [] => None,
        [_] => Some(quote!(#(#each)*)),
        _ => Some(quote!(any(#(#each),*))),
    }
}

/// The `[features]` table's lines.
pub fn features_toml(api: &Api, config: &Config) -> String {
    let list = |names: &[String]| {
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        format!("[{}]", quoted.join(", "))
    };
    let features = api_features(api);
    let mut out = format!("default = {}\n", list(&default_features(config)));
    out.push_str("# `blocking::Client`, for programs without an async runtime.\n");
    out.push_str("blocking = [\"tokio/rt-multi-thread\"]\n");
    out.push_str(if api.webhooks.is_some() {
        "# Every resource and the webhook events.\n"
    } else {
        "# Every resource.\n"
    });
    let all: Vec<String> = features.iter().map(|f| f.to_string()).collect();
    out.push_str(&format!("{FULL} = {}\n", list(&all)));
    out.push_str(
        "# TLS through the platform's library (OpenSSL on Linux) instead of rustls.\n\
         native-tls = [\"reqwest/native-tls\"]\n\
         # TLS through rustls: no system libraries needed.\n\
         rustls = [\"reqwest/rustls\"]\n",
    );
    out.push_str("# One feature per resource: each compiles its module and the types it uses.\n");
    for resource in &api.resources {
        out.push_str(&format!("{} = []\n", resource.feature()));
    }
    if api.webhooks.is_some() {
        out.push_str("# The `webhooks` module: the events and their verification.\n");
        out.push_str(&format!(
            "{WEBHOOKS} = {}\n",
            list(&webhook_dependencies(config))
        ));
    }
    out
}

/// The optional dependencies the `webhooks` feature enables.
pub fn webhook_dependencies(config: &Config) -> Vec<String> {
    use super::config::WebhookSignature;
    let names: &[&str] = match &config.webhook_signature {
        Some(WebhookSignature::Ed25519 { .. }) => &["dep:base64", "dep:ed25519-dalek"],
        Some(WebhookSignature::StandardWebhooks) => &["dep:base64", "dep:hmac", "dep:sha2"],
        None => &[],
    };
    names.iter().map(|n| n.to_string()).collect()
}
