//! A successful answer with its HTTP status and headers.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A successful answer: the decoded value with the status and headers it
/// came with. Returned by [`Request::with_response`](crate::Request::with_response);
/// [`Request::raw`](crate::Request::raw) gives one whose value is the body
/// as received.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    value: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, value: T) -> Self {
        Response {
            status,
            headers,
            value,
        }
    }

    /// The HTTP status, e.g. `200 OK`.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The request id, to quote when asking the API's support about a
    /// request: the first of [`REQUEST_ID_HEADERS`](crate::REQUEST_ID_HEADERS) the answer carries.
    pub fn request_id(&self) -> Option<&str> {
        crate::error::request_id(&self.headers)
    }

    /// The decoded value (the body itself for [`Request::raw`](crate::Request::raw)).
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded value, dropping the status and headers.
    pub fn into_value(self) -> T {
        self.value
    }

    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response::new(self.status, self.headers, f(self.value))
    }
}
