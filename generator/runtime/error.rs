//! The one error type of this crate, and what an API error carries.

use std::borrow::Cow;
use std::fmt;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

pub use crate::auth::MissingCredentials;
use crate::ErrorBody;

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
    /// The operation needs credentials the client was not given; nothing was sent.
    #[error(transparent)]
    MissingCredentials(MissingCredentials),
    /// An OAuth2 token could not be fetched from the token URL.
    #[error("OAuth2 token request failed: {0}")]
    Token(String),
    /// A paginator stopped walking: the API named a page already fetched,
    /// or the paginator's page limit was reached.
    #[error("pagination stopped: {0}")]
    Pagination(String),
    /// A downloaded body could not be written where it was asked to go
    /// (`write_to` of a binary answer).
    #[error("the response body could not be written: {0}")]
    Write(#[source] std::io::Error),
    /// A file sent in the request body could not be read, or yielded more
    /// or fewer bytes than the length it had when its part was made; the
    /// body was cut short, so the API never received a whole request.
    #[error("the request body could not be sent: {0}")]
    Upload(#[source] std::io::Error),
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

    /// The request id of the API's answer, if it answered and sent one.
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

    pub(crate) fn from_reqwest(mut error: reqwest::Error) -> Self {
        // reqwest shows the URL, whose query may hold an API key.
        if let Some(url) = error.url_mut() {
            crate::auth::redact_url(url);
        }
        if let Some(upload) = upload_failure(&error) {
            Error::Upload(upload)
        } else if error.is_timeout() {
            Error::Timeout(error)
        } else if error.is_builder() {
            Error::InvalidRequest(error.to_string())
        } else {
            Error::Connection(error)
        }
    }
}

/// Marks the error a request body yields when one of its files cannot be
/// sent whole, so that it is returned as [`Error::Upload`] rather than as a
/// connection error.
// Only crates with multipart bodies build one.
#[allow(dead_code)]
#[derive(Debug)]
pub(crate) struct UploadFailure(pub(crate) String);

impl fmt::Display for UploadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UploadFailure {}

/// The upload failure among the causes of `error`, if any; reqwest and
/// hyper wrap what the body yielded in their own errors.
fn upload_failure(error: &reqwest::Error) -> Option<std::io::Error> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            if let Some(failure) = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<UploadFailure>())
            {
                return Some(std::io::Error::new(io.kind(), failure.0.clone()));
            }
        }
        cause = error.source();
    }
    None
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
/// Its `Display` is one line, e.g. `404 Not Found: Resource not found (code 10005)`,
/// taken from the message and code fields of the spec's error schema.
/// Match on [`kind`](ApiError::kind) to handle a class of failure, and on
/// [`typed_body`](ApiError::typed_body) for what the API said.
#[derive(Debug, Clone)]
pub struct ApiError {
    status: StatusCode,
    headers: HeaderMap,
    typed: Option<ErrorBody>,
    body: Vec<u8>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: Vec<u8>) -> Self {
        ApiError {
            status,
            headers,
            typed: None,
            body,
        }
    }

    /// Decodes the body as the operation documents it for this status; a
    /// body that does not match stays raw only.
    pub(crate) fn decode_body(&mut self, decode: DecodeErrorBody) {
        self.typed = decode(self.status.as_u16(), &self.body);
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

    /// The request id, to quote when asking the API's support about a
    /// request: the first of [`REQUEST_ID_HEADERS`](crate::REQUEST_ID_HEADERS) the answer carries.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// The body decoded as the type the spec documents for this operation
    /// and status; `None` when it documents none or the body does not match.
    pub fn typed_body(&self) -> Option<&ErrorBody> {
        self.typed.as_ref()
    }

    /// The body decoded as `T`, for a status the spec does not document;
    /// `None` when it does not match.
    pub fn body_as<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_slice(&self.body).ok()
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

/// Decodes an error body as the type an operation documents for a status.
pub(crate) type DecodeErrorBody = fn(u16, &[u8]) -> Option<ErrorBody>;

/// The first of the configured request id headers that `headers` carries.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    crate::REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
}

/// What an error's one line says beside its status, read from the fields
/// its schema has for them.
pub(crate) struct Summary<'a> {
    pub(crate) message: Option<&'a str>,
    pub(crate) code: Option<String>,
    /// How many more errors the body lists.
    pub(crate) more: usize,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status)?;
        match self.typed.as_ref().and_then(ErrorBody::summary) {
            Some(summary) => {
                if let Some(message) = summary.message {
                    write!(f, ": {message}")?;
                }
                if let Some(code) = &summary.code {
                    write!(f, " (code {code})")?;
                }
                if summary.more > 0 {
                    write!(f, " and {} more", summary.more)?;
                }
                Ok(())
            }
            None if self.body.is_empty() => Ok(()),
            None => write!(f, ": {}", excerpt(&self.body)),
        }
    }
}

impl std::error::Error for ApiError {}

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
pub(crate) fn excerpt(body: &[u8]) -> String {
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
