//! The client: credentials, base URL, timeout, retries and the HTTP connection pool.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, USER_AGENT};
use reqwest::Url;

use crate::auth::{Credentials, Given};
use crate::base_url::{invalid_base_url, parse_base_url, ServerTemplate};
use crate::retry::DEFAULT_MAX_RETRIES;
use crate::{Error, BASE_URL_ENV, DEFAULT_BASE_URL};

/// How long one attempt may take unless the builder or the request says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How the client waits before a retry.
type SleepFn = Arc<dyn Fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// A client that requests are sent through: [`Client`], whose requests are
/// awaited, or, with the `blocking` feature, `blocking::Client`, whose
/// requests are sent with `.send()`. Resources and requests are generic over
/// it so that both kinds share one API. It cannot be implemented outside
/// this crate.
pub trait Transport: sealed::Sealed {}

pub(crate) mod sealed {
    use crate::{Client, Error};

    pub trait Sealed: Sized {
        /// The async client that does the work.
        fn client(&self) -> &Client;
        /// Wraps a configured async client.
        fn from_client(client: Client) -> Result<Self, Error>;
    }
}

impl Transport for Client {}

impl sealed::Sealed for Client {
    fn client(&self) -> &Client {
        self
    }

    fn from_client(client: Client) -> Result<Self, Error> {
        Ok(client)
    }
}

/// The entry point of the API: holds the configuration and a connection pool.
///
/// Cloning is cheap and shares the pool. Reach the operations through the
/// resource accessors, such as the ones listed in [`resources`](crate::resources).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    /// What every request sends unless it says otherwise: `Accept`,
    /// `User-Agent` and the default headers, put together once.
    headers: HeaderMap,
    /// What requests are authenticated with, as their operations require.
    credentials: Credentials,
    base_url: String,
    /// `base_url` parsed once; `None` when it is not an http(s) URL without
    /// a query, which every request then reports.
    base: Option<Url>,
    /// Whether the user gave the base URL (builder or environment), which
    /// then replaces the servers of single operations too.
    base_url_given: bool,
    /// The server variables the user set, which operations' own servers use too.
    server_variables: Vec<(&'static str, String)>,
    timeout: Duration,
    max_retries: u32,
    http: reqwest::Client,
    /// Whether `http` was built here with `timeout` as its own, so that a
    /// request needs no timeout of its own (reqwest keeps one in a map
    /// allocated for each request).
    http_times_out: bool,
    sleep: SleepFn,
    /// What webhook deliveries are verified with, when the crate has webhooks.
    webhook_key: Option<String>,
    webhook_tolerance: Option<Duration>,
}

impl Client {
    /// The client `new` makes: the builder's credentials (a credential
    /// that cannot be sent fails each request that needs it) and every other
    /// default. The base URL comes from the environment variable named by
    /// [`BASE_URL_ENV`] if it is set, else [`DEFAULT_BASE_URL`].
    ///
    /// # Panics
    ///
    /// Like `reqwest::Client::new`, if the TLS backend cannot be initialised.
    // Only specs with one secret have `new`.
    #[allow(dead_code)]
    pub(crate) fn with_defaults(mut builder: ClientBuilder) -> Self {
        let http = timed_http_client(DEFAULT_TIMEOUT)
            .unwrap_or_else(|error| panic!("the HTTP client cannot be built: {error}"));
        builder.http = Some(http);
        builder.http_times_out = true;
        let credentials = std::mem::take(&mut builder.credentials).resolve(false);
        builder.into_client(credentials)
    }

    /// A client whose credentials come from the environment: the variables
    /// each of the builder's credential setters names (see the crate's docs).
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::default().build()
    }

    /// A builder to set the credentials, base URL, timeout, retries, default
    /// headers or HTTP client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(crate) fn base(&self) -> Option<&Url> {
        self.inner.base.as_ref()
    }

    pub(crate) fn base_url_given(&self) -> bool {
        self.inner.base_url_given
    }

    pub(crate) fn server_variables(&self) -> &[(&'static str, String)] {
        &self.inner.server_variables
    }

    pub(crate) fn headers(&self) -> &HeaderMap {
        &self.inner.headers
    }

    pub(crate) fn auth_credentials(&self) -> &Credentials {
        &self.inner.credentials
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    pub(crate) fn http_times_out(&self) -> bool {
        self.inner.http_times_out
    }

    pub(crate) fn max_retries(&self) -> u32 {
        self.inner.max_retries
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        (self.inner.sleep)(duration)
    }

    /// The webhook key the builder was given; only crates whose spec has
    /// signed webhooks read it.
    #[allow(dead_code)]
    pub(crate) fn webhook_key(&self) -> Option<&str> {
        self.inner.webhook_key.as_deref()
    }

    /// How old a webhook delivery may be, if the builder said.
    #[allow(dead_code)]
    pub(crate) fn webhook_tolerance(&self) -> Option<Duration> {
        self.inner.webhook_tolerance
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.inner.credentials)
            .field("base_url", &self.inner.base_url)
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .field("headers", &self.inner.headers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`] (or, with the `blocking` feature, a
/// `blocking::Client`); every setting is optional.
pub struct ClientBuilder<C = Client> {
    /// Set by the generated `security` module's setters.
    pub(crate) credentials: Given,
    base_url: Option<String>,
    /// The spec's server URL and the variables set on it, once one is set.
    server: Option<&'static ServerTemplate>,
    server_variables: Vec<(&'static str, String)>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    default_headers: Result<HeaderMap, String>,
    http: Option<reqwest::Client>,
    http_times_out: bool,
    sleep: Option<SleepFn>,
    /// Set by the `webhooks` module's setters, in crates that have them.
    #[allow(dead_code)]
    pub(crate) webhook_key: Option<String>,
    #[allow(dead_code)]
    pub(crate) webhook_tolerance: Option<Duration>,
    kind: PhantomData<fn() -> C>,
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder {
            credentials: Given::default(),
            base_url: None,
            server: None,
            server_variables: Vec::new(),
            timeout: None,
            max_retries: None,
            default_headers: Ok(HeaderMap::new()),
            http: None,
            http_times_out: false,
            sleep: None,
            webhook_key: None,
            webhook_tolerance: None,
            kind: PhantomData,
        }
    }
}

impl<C> ClientBuilder<C> {
    /// The base URL, e.g. of a mock server. Without it, the environment
    /// variable named by [`BASE_URL_ENV`] is read, else [`DEFAULT_BASE_URL`]
    /// (with the server variables set on the builder) is used. A base URL
    /// given here or in the environment also replaces the servers that
    /// single operations name in the spec, so that every request goes to it.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Sets a variable of the spec's server URL; the generated setters call it.
    #[allow(dead_code)]
    pub(crate) fn server_variable(
        mut self,
        server: &'static ServerTemplate,
        name: &'static str,
        value: impl Into<String>,
    ) -> Self {
        self.server = Some(server);
        self.server_variables.push((name, value.into()));
        self
    }

    /// How long one attempt may take, from connecting until the whole body
    /// has arrived; 60 seconds unless set. Each retry gets the full time again.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times a failed request is tried again; 2 unless set, 0 to
    /// never retry. Connection errors, timeouts, `408`, `409`, `429` and
    /// `5xx` answers are retried, unless the API's `x-should-retry` header
    /// says otherwise (it can also ask to retry another status). Only
    /// requests that are safe to repeat (GET, HEAD, OPTIONS, TRACE, PUT,
    /// DELETE) are retried by default: a POST or PATCH is sent once unless
    /// that request sets [`Request::max_retries`](crate::Request::max_retries).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// A header sent with every request, e.g. a tracing header of your own.
    /// A request's own [`header`](crate::Request::header) of the same name
    /// replaces it. An invalid name or value makes [`build`](Self::build) fail.
    pub fn default_header(mut self, name: &str, value: &str) -> Self {
        if let Ok(headers) = &mut self.default_headers {
            match header_pair(name, value) {
                Ok((name, value)) => {
                    headers.insert(name, value);
                }
                Err(message) => self.default_headers = Err(message),
            }
        }
        self
    }

    /// A `reqwest::Client` of your own, e.g. with a proxy or custom TLS roots.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self.http_times_out = false;
        self
    }

    /// How the client waits before a retry; `tokio::time::sleep` unless set.
    /// Useful to observe the delays, or to make tests that exercise retries
    /// finish at once.
    pub fn sleep_impl<F, Fut>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.sleep = Some(Arc::new(move |duration| Box::pin(sleep(duration))));
        self
    }

    /// The client, once the credentials and HTTP client are known.
    fn into_client(self, mut credentials: Credentials) -> Client {
        let given = self.base_url.or_else(|| {
            std::env::var(BASE_URL_ENV)
                .ok()
                .filter(|url| !url.is_empty())
        });
        let base_url_given = given.is_some();
        let base_url = given.unwrap_or_else(|| match self.server {
            Some(server) => server.fill(&self.server_variables),
            None => DEFAULT_BASE_URL.to_string(),
        });
        let default_headers = self.default_headers.unwrap_or_default();
        let mut headers = HeaderMap::with_capacity(2 + default_headers.len());
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, HeaderValue::from_static(crate::USER_AGENT));
        headers.extend(default_headers);
        credentials.prepare(&headers);
        let base_url = base_url.trim_end_matches('/').to_string();
        Client {
            inner: Arc::new(Inner {
                headers,
                credentials,
                base: parse_base_url(&base_url),
                base_url,
                base_url_given,
                server_variables: self.server_variables,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
                http: self.http.unwrap_or_default(),
                http_times_out: self.http_times_out,
                sleep: self
                    .sleep
                    .unwrap_or_else(|| Arc::new(|duration| Box::pin(tokio::time::sleep(duration)))),
                webhook_key: self.webhook_key,
                webhook_tolerance: self.webhook_tolerance,
            }),
        }
    }
}

/// The HTTP client of a [`Client`] that was given none: it applies the
/// client's timeout to every request itself.
fn timed_http_client(timeout: Duration) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder().timeout(timeout).build()
}

impl<C: Transport> ClientBuilder<C> {
    /// Builds the client.
    ///
    /// Credentials not given to the builder are read from the environment.
    /// Fails with [`Error::Config`] when a credential cannot be sent, the
    /// spec's every operation needs credentials and none are given or found,
    /// the base URL is not an http(s) URL without a query, or a default
    /// header is invalid, and with [`Error::Connection`] when the HTTP client
    /// cannot be built.
    pub fn build(mut self) -> Result<C, Error> {
        let credentials = std::mem::take(&mut self.credentials).resolve(true);
        if let Some(reason) = credentials.invalid() {
            return Err(Error::Config(reason.to_string()));
        }
        if credentials.is_empty() && crate::security::CREDENTIALS_REQUIRED {
            return Err(Error::Config(crate::auth::no_credentials()));
        }
        if let Err(message) = &self.default_headers {
            return Err(Error::Config(message.clone()));
        }
        if self.http.is_none() {
            let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
            self.http = Some(timed_http_client(timeout).map_err(Error::Connection)?);
            self.http_times_out = true;
        }
        let client = self.into_client(credentials);
        if client.base().is_none() {
            return Err(Error::Config(invalid_base_url(client.base_url())));
        }
        C::from_client(client)
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("server_variables", &self.server_variables)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .finish_non_exhaustive()
    }
}

/// A header name and value, or why they are refused.
pub(crate) fn header_pair(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("{name:?} is not a valid header name"))?;
    let value = HeaderValue::from_str(value)
        .map_err(|_| format!("the value of header `{name}` is not a valid header value"))?;
    Ok((name, value))
}
