//! What the generator needs to know beyond the spec: how to name and version the crate.

use heck::{ToShoutySnakeCase, ToSnakeCase};
use serde::Deserialize;

/// Settings for one generated crate, read from `codegen.yaml` beside the spec; fields it leaves
/// out take their value from [`Config::default`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The package name, e.g. `telnyx-openapi`; derived from the spec's title when absent.
    pub crate_name: Option<String>,
    /// The package version.
    pub crate_version: String,
    /// Prefix of the environment variables the client reads (`<PREFIX>_API_KEY`,
    /// `<PREFIX>_BASE_URL`); defaults to the crate name in SHOUTY_SNAKE_CASE.
    pub env_prefix: Option<String>,
    /// The repository URL crates.io links to.
    pub repository: Option<String>,
    /// crates.io keywords (at most five); the crate name and a few generic ones by default.
    pub keywords: Option<Vec<String>>,
    /// crates.io category slugs.
    pub categories: Vec<String>,
    /// How the API signs its webhook deliveries, without which events are decoded unverified.
    pub webhook_signature: Option<WebhookSignature>,
    /// Paging styles detection does not find, per operation or for every list.
    pub pagination: crate::lower::PagingDeclarations,
    /// The `User-Agent` of every request; `<crate name>/<crate version>` when absent.
    pub user_agent: Option<String>,
    /// The response headers that carry the API's request id, first found first;
    /// [`DEFAULT_REQUEST_ID_HEADERS`] when absent.
    pub request_id_headers: Option<Vec<String>>,
    /// The Cargo features `default` enables, e.g. `[rustls]` for a large API
    /// whose users enable the resources they call; `[rustls, full]` when absent.
    pub default_features: Option<Vec<String>>,
    /// The command named in every generated file's first line, [`DEFAULT_COMMAND`] when absent;
    /// set by the caller, not `codegen.yaml`, as it depends on where the spec and the crate are.
    #[serde(skip)]
    pub command: Option<String>,
}

/// A webhook signing scheme, as `codegen.yaml` declares it under `webhook_signature`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "scheme", rename_all = "kebab-case", deny_unknown_fields)]
pub enum WebhookSignature {
    /// An Ed25519 signature (base64) of `"{timestamp}|{body}"`, checked with
    /// the API's public key (base64), as Telnyx signs.
    Ed25519 {
        /// The header holding the signature, e.g. `telnyx-signature-ed25519`.
        signature_header: String,
        /// The header holding the Unix timestamp, e.g. `telnyx-timestamp`.
        timestamp_header: String,
    },
    /// Standard Webhooks: HMAC-SHA256 of `"{id}.{timestamp}.{body}"` with a
    /// `whsec_` secret, in the `webhook-id`, `webhook-timestamp` and
    /// `webhook-signature` headers.
    StandardWebhooks,
}

/// The headers APIs commonly send their request id in.
pub const DEFAULT_REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-correlation-id",
    "x-trace-id",
];

/// The command that regenerates a crate, unless [`Config::command`] says otherwise.
pub const DEFAULT_COMMAND: &str = "cargo xtask codegen";

impl Default for Config {
    fn default() -> Self {
        Config {
            crate_name: None,
            crate_version: "0.1.0".to_string(),
            env_prefix: None,
            repository: None,
            keywords: None,
            categories: vec![
                "api-bindings".to_string(),
                "web-programming::http-client".to_string(),
            ],
            webhook_signature: None,
            request_id_headers: None,
            user_agent: None,
            pagination: crate::lower::PagingDeclarations::default(),
            default_features: None,
            command: None,
        }
    }
}

impl Config {
    /// A configuration for a crate called `crate_name`, with every default.
    pub fn new(crate_name: impl Into<String>) -> Self {
        Config {
            crate_name: Some(crate_name.into()),
            ..Config::default()
        }
    }

    /// Fills in what was left to the spec: the crate name from its title.
    pub(crate) fn resolved(&self, title: &str) -> Config {
        let mut config = self.clone();
        config.crate_name = Some(self.crate_name.clone().unwrap_or_else(|| {
            // A package name may not be empty, start with a digit or be a keyword.
            let name = crate::naming::kebab_name(title);
            match name.chars().next() {
                Some(_) if crate::naming::is_keyword(&name) => format!("api-{name}"),
                Some(first) if first.is_ascii_alphabetic() => name,
                Some(_) => format!("api-{name}"),
                None => "api-client".to_string(),
            }
        }));
        config
    }

    /// The package name, else `api-client` (generating names the crate from the spec's title).
    pub fn crate_name(&self) -> &str {
        self.crate_name.as_deref().unwrap_or("api-client")
    }

    /// The command named in every generated file's first line.
    pub fn command(&self) -> &str {
        self.command.as_deref().unwrap_or(DEFAULT_COMMAND)
    }

    /// Reads a `codegen.yaml`.
    pub fn from_yaml(text: &str) -> Result<Self, serde_yaml::Error> {
        serde_yaml::from_str(text)
    }

    pub fn env_prefix(&self) -> String {
        self.env_prefix
            .clone()
            .unwrap_or_else(|| self.crate_name().to_shouty_snake_case())
    }

    /// The response headers a request id is read from, lower-cased.
    pub fn request_id_headers(&self) -> Vec<String> {
        match &self.request_id_headers {
            Some(headers) => headers.iter().map(|h| h.to_ascii_lowercase()).collect(),
            None => DEFAULT_REQUEST_ID_HEADERS
                .iter()
                .map(|h| h.to_string())
                .collect(),
        }
    }

    /// The crates.io keywords: the configured ones, or the crate name and generic ones.
    pub fn keywords(&self) -> Vec<String> {
        let generic = [self.crate_name(), "api", "client", "sdk", "openapi"];
        self.keywords
            .clone()
            .unwrap_or_else(|| generic.map(String::from).to_vec())
    }

    /// The name code uses for the crate, e.g. `telnyx_openapi` or `my_api`.
    pub fn crate_ident(&self) -> String {
        self.crate_name().to_snake_case()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_webhook_scheme_is_read_and_its_unknown_keys_refused() {
        let config = Config::from_yaml(
            "webhook_signature: {scheme: ed25519, signature_header: s, timestamp_header: t}",
        )
        .unwrap();
        assert_eq!(
            config.webhook_signature,
            Some(WebhookSignature::Ed25519 {
                signature_header: "s".into(),
                timestamp_header: "t".into()
            })
        );
        let standard = Config::from_yaml("webhook_signature: {scheme: standard-webhooks}").unwrap();
        assert_eq!(
            standard.webhook_signature,
            Some(WebhookSignature::StandardWebhooks)
        );
        assert!(Config::from_yaml("webhook_signature: {scheme: rsa}").is_err());
        assert!(Config::from_yaml(
            "webhook_signature: {scheme: ed25519, signature_header: s, timestamp_header: t, extra: 1}"
        )
        .is_err());
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line() {
        let error = Config::from_yaml("crate_name: x\nuser_agnet: y\n").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("unknown field `user_agnet`"), "{message}");
        assert!(message.contains("line 2"), "{message}");
    }

    #[test]
    fn a_title_that_starts_with_a_digit_still_names_a_valid_crate() {
        let config = Config::default().resolved("1Forge Finance");
        assert_eq!(config.crate_name(), "api-1forge-finance");
    }

    #[test]
    fn a_title_that_is_a_keyword_still_names_a_valid_crate() {
        let config = Config::default().resolved("Const");
        assert_eq!(config.crate_name(), "api-const");
        assert_eq!(config.crate_ident(), "api_const");
    }
}
