//! Where requests go: the spec's server URL with its variables filled in,
//! a base URL the user gives instead, and the servers of single operations.

use reqwest::Url;

use crate::{Error, BASE_URL_ENV};

/// The spec's server URL with `{name}` placeholders, and each variable's
/// default; the builder's variable setters fill it.
#[derive(Debug)]
pub(crate) struct ServerTemplate {
    pub(crate) url: &'static str,
    pub(crate) defaults: &'static [(&'static str, &'static str)],
}

impl ServerTemplate {
    /// The URL with each variable set to its value in `values`, else to its default.
    pub(crate) fn fill(&self, values: &[(&'static str, String)]) -> String {
        let mut url = self.url.to_string();
        for (name, default) in self.defaults {
            let value = values
                .iter()
                .rev()
                .find(|(set, _)| set == name)
                .map_or(*default, |(_, value)| value.as_str());
            url = url.replace(&format!("{{{name}}}"), value);
        }
        url
    }
}

/// The base URL, if it is an `http` or `https` URL without a query or
/// fragment: each request's path and query are set on a copy of it.
pub(crate) fn parse_base_url(base_url: &str) -> Option<Url> {
    Url::parse(base_url).ok().filter(is_base_url)
}

fn is_base_url(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
        && url.has_host()
        && url.query().is_none()
        && url.fragment().is_none()
}

/// Why the client cannot send to `base_url`, naming how to give another.
pub(crate) fn invalid_base_url(base_url: &str) -> String {
    if base_url.is_empty() {
        format!(
            "no base URL: the API's spec names no server; give one with \
             ClientBuilder::base_url or {BASE_URL_ENV}"
        )
    } else if !base_url.contains("://") {
        format!(
            "the base URL {base_url:?} is relative (the spec's server has no host); give the \
             full URL with ClientBuilder::base_url or {BASE_URL_ENV}"
        )
    } else {
        format!("the base URL {base_url:?} is not an http or https URL without a query")
    }
}

/// The base URL of an operation that names its own server: that server,
/// resolved against the client's base URL when it is a path such as `/v2`.
pub(crate) fn operation_base(client_base: &Url, server: &str) -> Result<Url, Error> {
    client_base
        .join(server)
        .ok()
        .filter(is_base_url)
        .ok_or_else(|| {
            Error::Config(format!(
                "the operation's server URL {server:?} is not an http or https URL without a query"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    static SERVER: ServerTemplate = ServerTemplate {
        url: "https://{region}.example.com/{version}",
        defaults: &[("region", "us"), ("version", "v1")],
    };

    #[test]
    fn unset_variables_keep_their_defaults_and_the_last_value_set_wins() {
        assert_eq!(SERVER.fill(&[]), "https://us.example.com/v1");
        let values = [("region", "eu".to_string()), ("region", "ap".to_string())];
        assert_eq!(SERVER.fill(&values), "https://ap.example.com/v1");
    }

    #[test]
    fn a_relative_operation_server_keeps_the_clients_host() {
        let base = Url::parse("https://api.example.com/v1").unwrap();
        let url = operation_base(&base, "/v2").unwrap();
        assert_eq!(url.as_str(), "https://api.example.com/v2");
        let url = operation_base(&base, "https://files.example.com").unwrap();
        assert_eq!(url.as_str(), "https://files.example.com/");
    }

    #[test]
    fn a_relative_or_missing_base_url_says_how_to_give_one() {
        assert!(invalid_base_url("/v1").contains("relative"));
        assert!(invalid_base_url("").contains("names no server"));
        assert!(invalid_base_url("/v1").contains("ClientBuilder::base_url"));
    }
}
