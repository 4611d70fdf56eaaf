//! One request to the API: built by a resource method, sent when awaited.

use std::fmt::Display;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::{ACCEPT, USER_AGENT};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{ApiError, DecodeError};
use crate::params::{encode_form, encode_query, header_text, Extras, QueryStyle};
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
    extras: Extras,
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
            extras: Extras::default(),
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
        let builder = self
            .client
            .http()
            .request(self.method, url)
            .bearer_auth(self.client.api_key())
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, USER_AGENT_VALUE)
            .timeout(self.timeout.unwrap_or(self.client.timeout()));
        let response = self
            .extras
            .apply(builder)
            .send()
            .await
            .map_err(Error::from_reqwest)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body: Vec<u8> = response.bytes().await.map_err(Error::from_reqwest)?.into();
        if !status.is_success() {
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

fn decode_json<T: DeserializeOwned>(body: Vec<u8>) -> Result<T, Error> {
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

// Query, header and body parameters. Not every spec uses each of them, so
// the crate root allows dead code in this module.
impl<'a, T> Request<'a, T> {
    /// Appends the query parameter `name`, spelled in `style`; `None` adds nothing.
    pub(crate) fn query_param(
        mut self,
        name: &str,
        value: &impl Serialize,
        style: QueryStyle,
    ) -> Self {
        if let Ok(path) = &mut self.path {
            match encode_query(name, value, style) {
                Ok(pairs) if pairs.is_empty() => {}
                Ok(pairs) => {
                    path.push(if path.contains('?') { '&' } else { '?' });
                    path.push_str(&pairs);
                }
                Err(error) => self.path = Err(error),
            }
        }
        self
    }

    /// Sets the header `name`; `None` sets nothing.
    pub(crate) fn header_param(mut self, name: &str, value: &impl Serialize) -> Self {
        let result = header_text(value).and_then(|text| match text {
            Some(text) => self.extras.header(name, &text),
            None => Ok(()),
        });
        if let Err(error) = result {
            self.path = Err(format!("header parameter `{name}`: {error}"));
        }
        self
    }

    /// Sends `body` as JSON.
    pub(crate) fn json_body(mut self, body: &(impl Serialize + ?Sized)) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.extras.body(bytes, "application/json"),
            Err(error) => self.path = Err(format!("the request body cannot be encoded: {error}")),
        }
        self
    }

    /// Sends `body`, an object, as `application/x-www-form-urlencoded`.
    pub(crate) fn form_body(mut self, body: &impl Serialize) -> Self {
        match encode_form(body) {
            Ok(form) => self
                .extras
                .body(form.into_bytes(), "application/x-www-form-urlencoded"),
            Err(error) => self.path = Err(error),
        }
        self
    }

    /// Sends `body` as it is, with this media type.
    pub(crate) fn bytes_body(mut self, body: Vec<u8>, content_type: &'static str) -> Self {
        self.extras.body(body, content_type);
        self
    }

    /// Asks for this media type instead of JSON.
    pub(crate) fn accept(mut self, media_type: &'static str) -> Self {
        if let Err(error) = self.extras.header("accept", media_type) {
            self.path = Err(error);
        }
        self
    }
}

impl<'a, T: DeserializeOwned> Request<'a, Option<T>> {
    /// A request whose successful answer is JSON or has no body at all.
    pub(crate) fn optional_json(client: &'a Client, method: Method, path_template: &str) -> Self {
        Request::new(client, method, path_template, |body| {
            if body.iter().all(u8::is_ascii_whitespace) {
                Ok(None)
            } else {
                decode_json(body).map(Some)
            }
        })
    }
}
