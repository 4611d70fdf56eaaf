//! The one error type of this crate, and what an API error carries.

use std::borrow::Cow;
use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::Deserialize;

/// The longest excerpt of a response body that errors show.
const EXCERPT_LEN: usize = 200;

/// Everything that can go wrong with a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a status outside `2xx`.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request could not be sent, or its response could not be read.
    #[error("connection error: {0}")]
    Connection(#[source] reqwest::Error),
    /// No complete response arrived within the timeout.
    #[error("request timed out: {0}")]
    Timeout(#[source] reqwest::Error),
    /// The response body did not have the shape the spec promises.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The request was refused before anything was sent, e.g. an empty path parameter.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The client is not configured to send requests, e.g. it has no API key.
    #[error("invalid configuration: {0}")]
    Config(String),
}

impl Error {
    /// The API error, if this is one.
    pub fn as_api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The HTTP status, if the API answered.
    pub fn status(&self) -> Option<StatusCode> {
        self.as_api_error().map(ApiError::status)
    }

    /// The `x-request-id` of the API's answer, if it answered and sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.as_api_error()?.request_id()
    }

    /// Whether sending the request again might succeed: connection errors,
    /// timeouts, and the API errors that [`ApiError::is_retryable`] names.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Connection(_) | Error::Timeout(_) => true,
            Error::Api(error) => error.is_retryable(),
            _ => false,
        }
    }

    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout(error)
        } else if error.is_builder() {
            Error::InvalidRequest(error.to_string())
        } else {
            Error::Connection(error)
        }
    }
}

impl From<ApiError> for Error {
    fn from(error: ApiError) -> Self {
        Error::Api(Box::new(error))
    }
}

impl From<DecodeError> for Error {
    fn from(error: DecodeError) -> Self {
        Error::Decode(Box::new(error))
    }
}

/// What kind of failure an [`ApiError`] reports, from its HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// `400`: the request is malformed.
    BadRequest,
    /// `401`: the API key is missing or wrong.
    Authentication,
    /// `403`: the API key may not do this.
    PermissionDenied,
    /// `404`: no such resource.
    NotFound,
    /// `409`: the request conflicts with the resource's state.
    Conflict,
    /// `422`: the request is well-formed but its values are refused.
    UnprocessableEntity,
    /// `429`: too many requests; retried after the delay the API asks for.
    RateLimit,
    /// `5xx`: the API failed.
    InternalServer,
    /// Any other status outside `2xx`.
    Other,
}

impl ApiErrorKind {
    /// The kind of an answer with this status.
    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            400 => ApiErrorKind::BadRequest,
            401 => ApiErrorKind::Authentication,
            403 => ApiErrorKind::PermissionDenied,
            404 => ApiErrorKind::NotFound,
            409 => ApiErrorKind::Conflict,
            422 => ApiErrorKind::UnprocessableEntity,
            429 => ApiErrorKind::RateLimit,
            500.. => ApiErrorKind::InternalServer,
            _ => ApiErrorKind::Other,
        }
    }
}

/// An answer from the API with a status outside `2xx`.
///
/// Its `Display` is one line, e.g. `404 Not Found: Resource not found (code 10005)`.
/// Match on [`kind`](ApiError::kind) to handle a class of failure.
#[derive(Debug, Clone)]
pub struct ApiError {
    status: StatusCode,
    headers: HeaderMap,
    errors: Vec<ErrorObject>,
    body: Vec<u8>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: Vec<u8>) -> Self {
        let errors = serde_json::from_slice::<ErrorEnvelope>(&body)
            .map(|envelope| envelope.errors)
            .unwrap_or_default();
        ApiError {
            status,
            headers,
            errors,
            body,
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// What kind of failure this is, from the status.
    pub fn kind(&self) -> ApiErrorKind {
        ApiErrorKind::from_status(self.status)
    }

    /// Whether the client retries such an answer: `408`, `409`, `429` and
    /// `5xx`, unless the API's `x-should-retry` header says otherwise.
    pub fn is_retryable(&self) -> bool {
        crate::retry::should_retry(self.status, &self.headers)
    }

    /// The headers of the response.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `x-request-id` header, to quote when asking the API's support about a request.
    pub fn request_id(&self) -> Option<&str> {
        self.headers.get("x-request-id")?.to_str().ok()
    }

    /// The error objects of the body's `errors` list; empty when the body had none.
    pub fn errors(&self) -> &[ErrorObject] {
        &self.errors
    }

    /// The body exactly as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status)?;
        match self.errors.first() {
            Some(first) => {
                let summary = first.title.as_deref().or(first.detail.as_deref());
                if let Some(summary) = summary {
                    write!(f, ": {summary}")?;
                }
                if let Some(code) = &first.code {
                    write!(f, " (code {code})")?;
                }
                if self.errors.len() > 1 {
                    write!(f, " and {} more", self.errors.len() - 1)?;
                }
                Ok(())
            }
            None if self.body.is_empty() => Ok(()),
            None => write!(f, ": {}", excerpt(&self.body)),
        }
    }
}

impl std::error::Error for ApiError {}

#[derive(Deserialize)]
struct ErrorEnvelope {
    errors: Vec<ErrorObject>,
}

/// One problem the API reports, in the JSON:API error object format.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ErrorObject {
    /// The API's error code, e.g. `10005`.
    #[serde(default, deserialize_with = "string_or_number")]
    pub code: Option<String>,
    /// A short summary of the problem.
    #[serde(default)]
    pub title: Option<String>,
    /// An explanation specific to this occurrence of the problem.
    #[serde(default)]
    pub detail: Option<String>,
    /// Where in the request the problem is.
    #[serde(default)]
    pub source: Option<ErrorSource>,
    /// Further information, as the API sent it.
    #[serde(default)]
    pub meta: Option<serde_json::Value>,
}

/// Where in the request a problem is.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ErrorSource {
    /// A JSON pointer to the offending member of the request body.
    #[serde(default)]
    pub pointer: Option<String>,
    /// The query parameter that caused the problem.
    #[serde(default)]
    pub parameter: Option<String>,
}

/// Error codes are strings in the spec, but some servers send numbers.
fn string_or_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::String(code)) => Some(code),
            Some(serde_json::Value::Number(code)) => Some(code.to_string()),
            _ => None,
        },
    )
}

/// A successful response whose body is not what the spec promises.
#[derive(Debug, Clone)]
pub struct DecodeError {
    path: String,
    message: String,
    excerpt: String,
}

impl DecodeError {
    pub(crate) fn new(error: serde_path_to_error::Error<serde_json::Error>, body: &[u8]) -> Self {
        DecodeError {
            path: error.path().to_string(),
            message: error.into_inner().to_string(),
            excerpt: excerpt(body),
        }
    }

    /// The JSON path of the value that failed, e.g. `data.duration_millis`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The start of the body, at most 200 characters.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the response at `{}`: {}; the body starts `{}`",
            self.path, self.message, self.excerpt
        )
    }
}

impl std::error::Error for DecodeError {}

/// The first characters of a body, on one line.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text
        .chars()
        .take(EXCERPT_LEN)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(EXCERPT_LEN).is_some() {
        out.push('…');
    }
    out
}
