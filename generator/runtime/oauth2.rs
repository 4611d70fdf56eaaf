//! OAuth2's client credentials flow: a token fetched from the token URL with
//! the client's id and secret, kept until shortly before it expires or until
//! the API refuses it, and fetched by one request at a time.

use std::fmt;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, Url};
use serde_json::Value;

use crate::auth::base64;
use crate::params::percent_encode;
use crate::{Client, Error};

/// A token is fetched again this long before it expires, or after half its
/// lifetime when that is shorter.
const REFRESH_MARGIN: Duration = Duration::from_secs(30);

/// Where a client's tokens come from, and the one it holds.
pub(crate) struct TokenSource {
    token_url: Url,
    client_id: String,
    client_secret: String,
    /// Space-separated, as the token request sends them.
    scopes: &'static str,
    /// Locked while a token is fetched, so that concurrent requests wait
    /// for that one fetch rather than each making their own.
    token: tokio::sync::Mutex<Option<Token>>,
}

struct Token {
    /// `Bearer <access token>`, marked sensitive.
    authorization: HeaderValue,
    /// When to fetch another; `None` when the endpoint gave no lifetime.
    refresh_at: Option<Instant>,
}

impl TokenSource {
    pub(crate) fn new(
        token_url: &str,
        client_id: String,
        client_secret: String,
        scopes: &'static str,
    ) -> Result<Self, String> {
        let token_url = Url::parse(token_url)
            .ok()
            .filter(|url| matches!(url.scheme(), "http" | "https"))
            .ok_or_else(|| {
                format!("the OAuth2 token URL {token_url:?} is not an http or https URL")
            })?;
        Ok(TokenSource {
            token_url,
            client_id,
            client_secret,
            scopes,
            token: tokio::sync::Mutex::new(None),
        })
    }

    /// The `Authorization` value of the current token, fetched first when
    /// there is none or it is about to expire.
    pub(crate) async fn authorization(&self, client: &Client) -> Result<HeaderValue, Error> {
        let mut token = self.token.lock().await;
        if let Some(current) = token.as_ref() {
            if current.refresh_at.is_none_or(|at| Instant::now() < at) {
                return Ok(current.authorization.clone());
            }
        }
        let fresh = self.fetch(client).await?;
        let authorization = fresh.authorization.clone();
        *token = Some(fresh);
        Ok(authorization)
    }

    /// Forgets the token the API refused, unless another request already
    /// replaced it, so that the next request fetches a new one.
    pub(crate) async fn refused(&self, authorization: &HeaderValue) {
        let mut token = self.token.lock().await;
        if token
            .as_ref()
            .is_some_and(|current| current.authorization == *authorization)
        {
            *token = None;
        }
    }

    /// Asks the token endpoint for a token (RFC 6749, section 4.4), the
    /// client authenticated with HTTP Basic as section 2.3.1 says every
    /// server supports.
    async fn fetch(&self, client: &Client) -> Result<Token, Error> {
        let mut body = String::from("grant_type=client_credentials");
        if !self.scopes.is_empty() {
            body.push_str("&scope=");
            body.push_str(&percent_encode(self.scopes));
        }
        let credentials = format!(
            "{}:{}",
            percent_encode(&self.client_id),
            percent_encode(&self.client_secret)
        );
        let mut authorization =
            HeaderValue::try_from(format!("Basic {}", base64(credentials.as_bytes()))).map_err(
                |_| {
                    Error::Config("the OAuth2 client credentials cannot be sent in a header".into())
                },
            )?;
        authorization.set_sensitive(true);
        let mut request = reqwest::Request::new(Method::POST, self.token_url.clone());
        let headers = request.headers_mut();
        headers.insert(AUTHORIZATION, authorization);
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if !client.http_times_out() {
            *request.timeout_mut() = Some(client.timeout());
        }
        *request.body_mut() = Some(body.into());
        tracing::debug!(token_url = %self.token_url, "fetching an OAuth2 token");
        let fetched_at = Instant::now();
        let response = client
            .http()
            .execute(request)
            .await
            .map_err(Error::from_reqwest)?;
        let status = response.status();
        let body = response.bytes().await.map_err(Error::from_reqwest)?;
        if !status.is_success() {
            return Err(Error::Token(format!(
                "{} answered {status}: {}",
                self.token_url,
                crate::error::excerpt(&body)
            )));
        }
        let answer: Value = serde_json::from_slice(&body).map_err(|error| {
            Error::Token(format!("{} answered with no JSON: {error}", self.token_url))
        })?;
        let access_token = answer
            .get("access_token")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                Error::Token(format!(
                    "{} answered without an `access_token`",
                    self.token_url
                ))
            })?;
        let mut authorization =
            HeaderValue::try_from(format!("Bearer {access_token}")).map_err(|_| {
                Error::Token(format!(
                    "{} answered with a token that cannot be sent in a header",
                    self.token_url
                ))
            })?;
        authorization.set_sensitive(true);
        // Some servers send the lifetime as a string.
        let lifetime = match answer.get("expires_in") {
            Some(Value::Number(seconds)) => seconds.as_f64(),
            Some(Value::String(seconds)) => seconds.parse().ok(),
            _ => None,
        }
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok());
        // A lifetime too long for the clock never expires.
        let refresh_at = lifetime.and_then(|lifetime| {
            fetched_at.checked_add(lifetime - REFRESH_MARGIN.min(lifetime / 2))
        });
        Ok(Token {
            authorization,
            refresh_at,
        })
    }
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSource")
            .field("token_url", &self.token_url.as_str())
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}
