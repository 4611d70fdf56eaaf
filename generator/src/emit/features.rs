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
    let resources = api.resources.iter().filter(|r| !api.shares_webhooks(r));
    let webhooks = api.webhooks.as_ref().map(|_| WEBHOOKS);
    resources.map(|r| r.feature()).chain(webhooks).collect()
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
