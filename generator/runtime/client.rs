//! The client: credentials, base URL, timeout and the HTTP connection pool.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::{Error, API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL};

/// How long one request may take unless the builder or the request says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The entry point of the API: holds the configuration and a connection pool.
///
/// Cloning is cheap and shares the pool. Reach the operations through the
/// resource accessors, such as the ones listed in [`resources`](crate::resources).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    api_key: String,
    base_url: String,
    timeout: Duration,
    http: reqwest::Client,
}

impl Client {
    /// A client with this API key and every default. The base URL comes from
    /// the environment variable named by [`BASE_URL_ENV`] if it is set, else
    /// [`DEFAULT_BASE_URL`].
    ///
    /// # Panics
    ///
    /// Like `reqwest::Client::new`, if the TLS backend cannot be initialised.
    /// Use [`Client::builder`] to handle that as an error.
    pub fn new(api_key: impl Into<String>) -> Self {
        let http = reqwest::Client::new();
        Client::from_parts(api_key.into(), None, DEFAULT_TIMEOUT, http)
    }

    /// A client whose API key comes from the environment variable named by
    /// [`API_KEY_ENV`].
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::default().build()
    }

    /// A builder to set the API key, base URL, timeout or HTTP client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(crate) fn api_key(&self) -> &str {
        &self.inner.api_key
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    fn from_parts(
        api_key: String,
        base_url: Option<String>,
        timeout: Duration,
        http: reqwest::Client,
    ) -> Self {
        let base_url = base_url
            .or_else(|| {
                std::env::var(BASE_URL_ENV)
                    .ok()
                    .filter(|url| !url.is_empty())
            })
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
        Client {
            inner: Arc::new(Inner {
                api_key,
                base_url: base_url.trim_end_matches('/').to_string(),
                timeout,
                http,
            }),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api_key", &"<redacted>")
            .field("base_url", &self.inner.base_url)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]; every setting is optional.
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// The API key sent as a bearer token. Without it, the environment
    /// variable named by [`API_KEY_ENV`] is read.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(api_key.into());
        self
    }

    /// The base URL, e.g. of a mock server. Without it, the environment
    /// variable named by [`BASE_URL_ENV`] is read, else [`DEFAULT_BASE_URL`] is used.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// How long one request may take; 60 seconds unless set.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// A `reqwest::Client` of your own, e.g. with a proxy or custom TLS roots.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    ///
    /// Fails with [`Error::Config`] when no API key is given or found in the
    /// environment, and with [`Error::Connection`] when the HTTP client cannot
    /// be built.
    pub fn build(self) -> Result<Client, Error> {
        let api_key = match self.api_key {
            Some(key) => key,
            None => std::env::var(API_KEY_ENV)
                .ok()
                .filter(|key| !key.is_empty())
                .ok_or_else(|| {
                    Error::Config(format!(
                        "no API key: set {API_KEY_ENV} or call ClientBuilder::api_key"
                    ))
                })?,
        };
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .build()
                .map_err(Error::Connection)?,
        };
        Ok(Client::from_parts(
            api_key,
            self.base_url,
            self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            http,
        ))
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}
