//! One request to the API: built by a resource method, sent when awaited.

use std::fmt::Display;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::{ACCEPT, USER_AGENT};
use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, DecodeError};
use crate::{Client, Error};

const USER_AGENT_VALUE: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A request to the API, returned by every operation method.
///
/// Await it to send it and get the decoded response; call its methods first
/// to change how this one request is sent.
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<'a, T> {
    client: &'a Client,
    method: Method,
    /// The path with its parameters filled in, or why a parameter was refused.
    path: Result<String, String>,
    timeout: Option<Duration>,
    decode: fn(Vec<u8>) -> Result<T, Error>,
}

impl<'a, T> Request<'a, T> {
    fn new(
        client: &'a Client,
        method: Method,
        path_template: &str,
        decode: fn(Vec<u8>) -> Result<T, Error>,
    ) -> Self {
        Request {
            client,
            method,
            path: Ok(path_template.to_string()),
            timeout: None,
            decode,
        }
    }

    /// Fills `{name}` in the path with `value`, percent-encoded as one path
    /// segment. Values that would change the path's shape (empty, `.`, `..`)
    /// are refused when the request is sent.
    pub(crate) fn path_param(mut self, name: &str, value: impl Display) -> Self {
        if let Ok(path) = &self.path {
            let value = value.to_string();
            self.path = if value.is_empty() || value == "." || value == ".." {
                Err(format!(
                    "path parameter `{name}` may not be {value:?}: it would change the request's path"
                ))
            } else {
                Ok(path.replace(&format!("{{{name}}}"), &encode_segment(&value)))
            };
        }
        self
    }

    /// Sets the timeout for this request, instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the request and decodes the response.
    pub async fn send(self) -> Result<T, Error> {
        let path = self.path.map_err(Error::InvalidRequest)?;
        let url = format!("{}{path}", self.client.base_url());
        let response = self
            .client
            .http()
            .request(self.method, url)
            .bearer_auth(self.client.api_key())
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, USER_AGENT_VALUE)
            .timeout(self.timeout.unwrap_or(self.client.timeout()))
            .send()
            .await
            .map_err(Error::from_reqwest)?;
        let status = response.status();
        // Only an error keeps the headers; a success does not pay to copy them.
        let headers = (!status.is_success()).then(|| response.headers().clone());
        let body: Vec<u8> = response.bytes().await.map_err(Error::from_reqwest)?.into();
        if let Some(headers) = headers {
            return Err(ApiError::new(status, headers, body).into());
        }
        (self.decode)(body)
    }
}

impl<'a, T: DeserializeOwned> Request<'a, T> {
    pub(crate) fn json(client: &'a Client, method: Method, path_template: &str) -> Self {
        Request::new(client, method, path_template, decode_json)
    }
}

// Not every spec has operations without a body, or with a non-JSON one.
#[allow(dead_code)]
impl<'a> Request<'a, ()> {
    pub(crate) fn empty(client: &'a Client, method: Method, path_template: &str) -> Self {
        Request::new(client, method, path_template, |_| Ok(()))
    }
}

#[allow(dead_code)]
impl<'a> Request<'a, Vec<u8>> {
    pub(crate) fn bytes(client: &'a Client, method: Method, path_template: &str) -> Self {
        Request::new(client, method, path_template, Ok)
    }
}

impl<'a, T: Send + 'a> IntoFuture for Request<'a, T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Decodes with plain serde_json, and only when that fails decodes again with
/// path tracking to say where: tracking every value doubled the cost of
/// decoding, about a tenth of a call to a local server.
fn decode_json<T: DeserializeOwned>(body: Vec<u8>) -> Result<T, Error> {
    if let Ok(value) = serde_json::from_slice(&body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(&body);
    serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| DecodeError::new(error, &body).into())
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so that
/// `/`, `?` and `#` in a value stay inside its path segment.
fn encode_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
