//! One request to the API: built by a resource method, sent when awaited
//! (or with `.send()` through the blocking client).

use std::fmt::{self, Display};
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE,
};
use reqwest::StatusCode;
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::base_url::{invalid_base_url, operation_base, ServerTemplate};
use crate::client::header_pair;
use crate::error::{DecodeError, DecodeErrorBody};
use crate::form::{encode_form, FormStyles};
use crate::oauth2::TokenSource;
use crate::params::{cookie_pair, encode_query, header_text, QueryStyle};
use crate::{retry, Client, Error, Response, Transport};

/// Sends a request, with retries, and gives its answer undecoded.
type SendRaw<'a> = Pin<Box<dyn Future<Output = Result<Response<Bytes>, Error>> + Send + 'a>>;

/// Turns a successful answer into what the request returns. The body is
/// the buffer it was received in, copied only if a caller asks for it.
type Decode<'a, T> = Box<dyn FnOnce(Response<Bytes>) -> Result<T, Error> + Send + 'a>;

/// A request to the API, returned by every operation method.
///
/// Await it to send it and get the decoded response (with the blocking
/// client, call `.send()`); call its methods first to change how this one
/// request is sent, or to get the status and headers as well.
#[must_use = "a request does nothing until it is sent"]
pub struct Request<'a, T, C = Client> {
    client: &'a C,
    parts: Parts,
    decode: Decode<'a, T>,
}

impl<'a, T, C: Transport> Request<'a, T, C> {
    fn new(client: &'a C, method: Method, path_template: &str, decode: Decode<'a, T>) -> Self {
        Request {
            client,
            parts: Parts {
                method,
                path: Ok(path_template.to_string()),
                timeout: None,
                max_retries: None,
                headers: Ok(HeaderMap::new()),
                query: Vec::new(),
                body: None,
                streamed: None,
                server: None,
                server_template: None,
                error_body: None,
                next_url: None,
                security: &[],
            },
            decode,
        }
    }

    /// Fills `{name}` in the path with `value`, percent-encoded as one path
    /// segment. Values that would change the path's shape (empty, `.`, `..`)
    /// are refused when the request is sent.
    // Not every spec has path parameters.
    #[allow(dead_code)]
    pub(crate) fn path_param(mut self, name: &str, value: impl Display) -> Self {
        if let Ok(path) = &self.parts.path {
            self.parts.path = fill_placeholder(path, name, &value);
        }
        self
    }

    /// Fills the path parameter `name` with a list, items joined by commas.
    #[allow(dead_code)]
    pub(crate) fn path_list_param<V: Display>(
        mut self,
        name: &str,
        items: impl Iterator<Item = V> + Clone,
    ) -> Self {
        if let Ok(path) = &self.parts.path {
            self.parts.path = fill_list(path, name, items);
        }
        self
    }

    /// How long each attempt of this request may take, instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.parts.timeout = Some(timeout);
        self
    }

    /// How many times this request is tried again after a retryable
    /// failure, instead of the client's setting; 0 sends it once. Setting it
    /// also enables retries for a POST or PATCH, which the client does not
    /// retry on its own since they may not be safe to repeat.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.parts.max_retries = Some(max_retries);
        self
    }

    /// Sends this header too, replacing the client's default header of the
    /// same name. An invalid name or value fails the request before it is sent.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Ok(headers) = &mut self.parts.headers {
            match header_pair(name, value) {
                Ok((name, value)) => {
                    headers.insert(name, value);
                }
                Err(message) => self.parts.headers = Err(message),
            }
        }
        self
    }

    /// Adds a query parameter, e.g. one the API accepts that the spec does not list.
    pub fn query(mut self, name: &str, value: impl Display) -> Self {
        self.parts.query.push((name.to_string(), value.to_string()));
        self
    }

    /// Returns the status and headers of the answer beside the decoded value.
    pub fn with_response(self) -> Request<'a, Response<T>, C>
    where
        T: 'a,
    {
        self.map_decode(|decode| {
            Box::new(move |raw: Response<Bytes>| {
                let (status, headers) = (raw.status(), raw.headers().clone());
                decode(raw).map(|value| Response::new(status, headers, value))
            })
        })
    }

    /// Returns the answer with its body as received, without decoding it.
    /// Error statuses are still errors, and are retried as usual.
    pub fn raw(self) -> Request<'a, Response<Vec<u8>>, C> {
        self.map_decode(|_| Box::new(|raw| Ok(raw.map(Vec::from))))
    }

    fn map_decode<U>(self, f: impl FnOnce(Decode<'a, T>) -> Decode<'a, U>) -> Request<'a, U, C> {
        Request {
            client: self.client,
            parts: self.parts,
            decode: f(self.decode),
        }
    }

    /// The client the request is sent through.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    pub(crate) fn transport(&self) -> &'a C {
        self.client
    }

    /// Sends the request, with retries, and gives a successful answer with
    /// its body still to be read; error answers are errors as usual.
    #[allow(dead_code)]
    pub(crate) fn send_unread(
        self,
    ) -> impl Future<Output = Result<reqwest::Response, Error>> + Send + 'a {
        send_with(self.client.client(), self.parts, |response| {
            std::future::ready(Ok(response))
        })
    }

    /// The future that sends the request, with retries, and decodes the answer.
    pub(crate) fn execute(self) -> Sending<'a, T> {
        Sending {
            sending: send_raw(self.client.client(), self.parts),
            decode: Some(self.decode),
        }
    }
}

/// An awaited [`Request`]: sends it, with retries, and decodes the answer.
#[must_use = "futures do nothing unless awaited"]
pub struct Sending<'a, T> {
    /// What sends the request: the same for every response type, so
    /// compiled once, and boxed since its type cannot be named.
    sending: SendRaw<'a>,
    /// `None` once the answer is decoded.
    decode: Option<Decode<'a, T>>,
}

impl<T> Future for Sending<'_, T> {
    type Output = Result<T, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        // Once finished, the sending future is not polled again: it may panic.
        let Some(decode) = this.decode.take() else {
            return Poll::Ready(Err(Error::InvalidRequest(
                "the request was polled again after it finished".into(),
            )));
        };
        match this.sending.as_mut().poll(cx) {
            Poll::Ready(answer) => Poll::Ready(answer.and_then(decode)),
            Poll::Pending => {
                this.decode = Some(decode);
                Poll::Pending
            }
        }
    }
}

impl<T> fmt::Debug for Sending<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sending").finish_non_exhaustive()
    }
}

/// Everything of a request but its client and decoding, so that building
/// and sending it is compiled once rather than once per response type.
struct Parts {
    method: Method,
    /// The path with its parameters filled in, or why a parameter was refused.
    path: Result<String, String>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    /// Extra headers, or why one was refused.
    headers: Result<HeaderMap, String>,
    query: Vec<(String, String)>,
    /// The encoded body and its media type.
    /// Shared, so that an attempt after the first copies no bytes.
    body: Option<(Bytes, &'static str)>,
    /// A body made for each attempt instead (a multipart form), which may
    /// not be sendable twice.
    streamed: Option<Box<dyn StreamedBody>>,
    /// The operation's own server, used unless the user gave a base URL.
    server: Option<&'static str>,
    /// The same, with the variables the user may set left to fill.
    server_template: Option<&'static ServerTemplate>,
    /// How the operation's documented error bodies are decoded.
    error_body: Option<DecodeErrorBody>,
    /// A next page's URL, as the API gave it, sent instead of the path and query.
    next_url: Option<String>,
    /// The operation's security requirements: alternatives, each the
    /// schemes it sends together; none sends no credentials.
    security: &'static [&'static [usize]],
}

/// The future that sends a request with retries and reads the answer's body.
fn send_raw(client: &Client, parts: Parts) -> SendRaw<'_> {
    send_with(client, parts, retry::read_body)
}

/// The future that sends a request with retries, `finish` taking each
/// successful answer (error answers are read whole, to be retried or
/// returned). The request is checked and its URL made before the `async`
/// block, which then holds only what every attempt needs (an `async fn`
/// would keep all of `parts` to the end).
fn send_with<R, F>(
    client: &Client,
    parts: Parts,
    finish: fn(reqwest::Response) -> F,
) -> Pin<Box<dyn Future<Output = Result<R, Error>> + Send + '_>>
where
    R: Send + 'static,
    F: Future<Output = Result<R, Error>> + Send + 'static,
{
    let checked = (|| {
        let path = parts.path.map_err(Error::InvalidRequest)?;
        let own_headers = parts.headers.map_err(Error::InvalidRequest)?;
        // A request that adds no header of its own and no body sends the
        // client's headers with its credential header already on them.
        let prepared = (own_headers.is_empty() && parts.body.is_none())
            .then(|| client.auth_credentials().prepared(parts.security))
            .flatten();
        let mut headers = match prepared {
            Some(prepared) => Headers::Prepared(prepared),
            None => {
                // The client's headers are copied whole, their hashes with them.
                let mut headers = client.headers().clone();
                headers.extend(own_headers);
                if let Some((_, content_type)) = &parts.body {
                    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
                }
                Headers::Own(headers)
            }
        };
        let base = client
            .base()
            .ok_or_else(|| Error::Config(invalid_base_url(client.base_url())))?;
        let own_base;
        let base = match (parts.server_template, parts.server) {
            _ if client.base_url_given() => base,
            (Some(template), _) => {
                own_base = operation_base(base, &template.fill(client.server_variables()))?;
                &own_base
            }
            (None, Some(server)) => {
                own_base = operation_base(base, server)?;
                &own_base
            }
            (None, None) => base,
        };
        let mut url = match &parts.next_url {
            Some(next) => next_page_url(base, next)?,
            None => {
                let mut url = join(base, &path);
                if !parts.query.is_empty() {
                    url.query_pairs_mut().extend_pairs(&parts.query);
                }
                url
            }
        };
        let tokens = match &mut headers {
            Headers::Prepared(_) => None,
            Headers::Own(headers) => {
                client
                    .auth_credentials()
                    .apply(parts.security, headers, &mut url)?
            }
        };
        Ok((url, headers, tokens))
    })();
    let (url, headers, tokens) = match checked {
        Ok(checked) => checked,
        Err(error) => return Box::pin(std::future::ready(Err(error))),
    };
    // Only a request's own timeout, or the client's when its HTTP client
    // was given rather than built with it, is set on the request.
    let timeout = match parts.timeout {
        Some(timeout) => Some(timeout),
        None if client.http_times_out() => None,
        None => Some(client.timeout()),
    };
    let mut max_retries =
        retry::max_retries(&parts.method, parts.max_retries, client.max_retries());
    // A body that cannot be sent twice is sent once.
    if parts
        .streamed
        .as_ref()
        .is_some_and(|body| !body.replayable())
    {
        max_retries = 0;
    }
    let mut outgoing = Outgoing {
        method: parts.method,
        url,
        headers,
        body: parts.body.map(|(body, _)| body),
        streamed: parts.streamed,
        timeout,
    };
    let error_body = parts.error_body;
    match tokens {
        // Most requests: a future without the token's states, which would
        // make every call's future, allocated and moved for each, larger.
        None => Box::pin(async move {
            let answer = outgoing.send(client, max_retries, false, finish).await;
            with_error_body(answer, error_body)
        }),
        Some(tokens) => Box::pin(send_with_token(
            client,
            outgoing,
            tokens,
            max_retries,
            finish,
            error_body,
        )),
    }
}

/// What every attempt of a request sends.
struct Outgoing<'c> {
    method: Method,
    url: Url,
    headers: Headers<'c>,
    body: Option<Bytes>,
    streamed: Option<Box<dyn StreamedBody>>,
    timeout: Option<Duration>,
}

/// The headers of a request: a map the client prepared, copied for each
/// attempt, or the request's own, copied for each attempt but the last.
enum Headers<'c> {
    Prepared(&'c HeaderMap),
    Own(HeaderMap),
}

impl Headers<'_> {
    /// The headers of one attempt; the last takes the request's own.
    fn for_attempt(&mut self, last: bool) -> HeaderMap {
        match self {
            Headers::Prepared(prepared) => (*prepared).clone(),
            Headers::Own(own) if last => std::mem::take(own),
            Headers::Own(own) => own.clone(),
        }
    }

    /// Sets a header, on a copy of the map if the client prepared it.
    fn insert(&mut self, name: HeaderName, value: HeaderValue) {
        match self {
            Headers::Prepared(prepared) => {
                let mut own = (*prepared).clone();
                own.insert(name, value);
                *self = Headers::Own(own);
            }
            Headers::Own(own) => {
                own.insert(name, value);
            }
        }
    }
}

impl<'c> Outgoing<'c> {
    /// Sends the request with retries. The last attempt takes the headers
    /// and body, unless `keep` says they may be sent again afterwards.
    fn send<'s, R, F>(
        &'s mut self,
        client: &'s Client,
        max_retries: u32,
        keep: bool,
        finish: fn(reqwest::Response) -> F,
    ) -> impl Future<Output = Result<R, Error>> + use<'s, 'c, R, F>
    where
        F: Future<Output = Result<R, Error>> + 's,
    {
        let Outgoing {
            method,
            url,
            headers,
            body,
            streamed,
            timeout,
        } = self;
        let (method, url, timeout): (&Method, &Url, _) = (method, url, *timeout);
        let build = move |last_attempt: bool| {
            let mut request = reqwest::Request::new(method.clone(), url.clone());
            // The last attempt takes the headers and body; earlier ones send copies.
            let last = last_attempt && !keep;
            *request.headers_mut() = headers.for_attempt(last);
            let attempt_body = if last { body.take() } else { body.clone() };
            // `timeout_mut` allocates a slot in the request's extensions
            // even to store `None`.
            if timeout.is_some() {
                *request.timeout_mut() = timeout;
            }
            *request.body_mut() = attempt_body.map(reqwest::Body::from);
            if let Some(streamed) = streamed {
                let attempt = streamed.attempt(last);
                let headers = request.headers_mut();
                headers.insert(CONTENT_TYPE, attempt.content_type);
                if let Some(length) = attempt.length {
                    // hyper sends a body of this length rather than chunks.
                    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
                }
                *request.body_mut() = Some(attempt.body);
            }
            request
        };
        retry::send(client, method, url.path(), build, max_retries, finish)
    }
}

/// Sends a request with a fetched token. One the API refuses is replaced
/// and the request sent again, once, so it keeps its headers and body.
async fn send_with_token<'a, R, F>(
    client: &'a Client,
    mut outgoing: Outgoing<'a>,
    tokens: Arc<TokenSource>,
    max_retries: u32,
    finish: fn(reqwest::Response) -> F,
    error_body: Option<DecodeErrorBody>,
) -> Result<R, Error>
where
    F: Future<Output = Result<R, Error>>,
{
    let token = tokens.authorization(client).await?;
    outgoing.headers.insert(AUTHORIZATION, token.clone());
    // A body streamed once cannot go out again after a refused token.
    let resendable = outgoing
        .streamed
        .as_ref()
        .is_none_or(|body| body.replayable());
    let answer = outgoing.send(client, max_retries, resendable, finish).await;
    // Decided before awaiting, so that the future never holds a
    // reference to the answer, which need not be `Sync`.
    let unauthorized =
        matches!(&answer, Err(Error::Api(api)) if api.status() == StatusCode::UNAUTHORIZED);
    if !unauthorized {
        return with_error_body(answer, error_body);
    }
    // The refused token is dropped even when this body cannot go out
    // again, so that the next request fetches a new one.
    tokens.refused(&token).await;
    if !resendable {
        return with_error_body(answer, error_body);
    }
    drop(answer);
    let fresh = tokens.authorization(client).await?;
    outgoing.headers.insert(AUTHORIZATION, fresh);
    let answer = outgoing.send(client, max_retries, false, finish).await;
    with_error_body(answer, error_body)
}

/// An error answer's body decoded as the type the operation documents for
/// its status, when it documents one.
fn with_error_body<R>(
    answer: Result<R, Error>,
    decode: Option<DecodeErrorBody>,
) -> Result<R, Error> {
    answer.map_err(|mut error| {
        if let (Error::Api(api), Some(decode)) = (&mut error, decode) {
            api.decode_body(decode);
        }
        error
    })
}

// Query, header and body parameters. Not every spec uses each of them.
#[allow(dead_code)]
impl<'a, T, C: Transport> Request<'a, T, C> {
    /// Appends the query parameter `name`, spelled in `style`; `None` adds nothing.
    pub(crate) fn query_param(
        mut self,
        name: &str,
        value: &impl Serialize,
        style: QueryStyle,
    ) -> Self {
        if let Ok(path) = &mut self.parts.path {
            match encode_query(name, value, style) {
                Ok(pairs) if pairs.is_empty() => {}
                Ok(pairs) => {
                    path.push(if path.contains('?') { '&' } else { '?' });
                    path.push_str(&pairs);
                }
                Err(error) => self.parts.path = Err(error),
            }
        }
        self
    }

    /// Sets the header `name`; `None` sets nothing.
    pub(crate) fn header_param(self, name: &str, value: &impl Serialize) -> Self {
        match header_text(value) {
            Ok(Some(text)) => self.header(name, &text),
            Ok(None) => self,
            Err(error) => self.refuse(format!("header parameter `{name}`: {error}")),
        }
    }

    /// Adds the cookie `name` to the `Cookie` header, which every cookie
    /// parameter shares; `None` adds nothing. The value is percent-encoded,
    /// since a cookie value cannot hold spaces, commas or semicolons.
    pub(crate) fn cookie_param(self, name: &str, value: &impl Serialize) -> Self {
        match header_text(value) {
            Ok(Some(text)) => {
                let pair = cookie_pair(name, &text);
                let cookies = self
                    .parts
                    .headers
                    .as_ref()
                    .ok()
                    .and_then(|headers| headers.get(COOKIE)?.to_str().ok())
                    .map(|earlier| format!("{earlier}; {pair}"));
                self.header("cookie", cookies.as_deref().unwrap_or(&pair))
            }
            Ok(None) => self,
            Err(error) => self.refuse(format!("cookie parameter `{name}`: {error}")),
        }
    }

    /// Sends `body` as JSON.
    pub(crate) fn json_body(mut self, body: &(impl Serialize + ?Sized)) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.parts.body = Some((Bytes::from(bytes), "application/json"));
                self
            }
            Err(error) => self.refuse(format!("the request body cannot be encoded: {error}")),
        }
    }

    /// Sends each of `lines` as a line of JSON (JSON Lines, such as `application/x-ndjson`).
    pub(crate) fn json_lines_body(
        mut self,
        lines: &[impl Serialize],
        media_type: &'static str,
    ) -> Self {
        let mut bytes = Vec::new();
        for line in lines {
            // Compact JSON has no line break: one inside a string is written `\n`.
            if let Err(error) = serde_json::to_writer(&mut bytes, line) {
                return self.refuse(format!("the request body cannot be encoded: {error}"));
            }
            bytes.push(b'\n');
        }
        self.parts.body = Some((Bytes::from(bytes), media_type));
        self
    }

    /// Sends `body`, an object, as `application/x-www-form-urlencoded`,
    /// each property in its style from `styles` (exploded form if absent).
    pub(crate) fn form_body(mut self, body: &impl Serialize, styles: FormStyles) -> Self {
        match encode_form(body, styles) {
            Ok(form) => {
                self.parts.body = Some((Bytes::from(form), "application/x-www-form-urlencoded"));
                self
            }
            Err(error) => self.refuse(error),
        }
    }

    /// Sends `body`, made anew for each attempt (see [`StreamedBody`]).
    pub(crate) fn streamed_body(mut self, body: impl StreamedBody + 'static) -> Self {
        self.parts.streamed = Some(Box::new(body));
        self
    }

    /// Sends the request to the server the operation names in the spec
    /// (absolute, or a path on the client's host) unless the user gave the
    /// client a base URL, which then receives every request.
    pub(crate) fn server(mut self, url: &'static str) -> Self {
        self.parts.server = Some(url);
        self
    }

    /// As [`server`](Self::server), for a server URL whose variables the
    /// user may have set on the client.
    pub(crate) fn server_template(mut self, template: &'static ServerTemplate) -> Self {
        self.parts.server_template = Some(template);
        self
    }

    /// Sends the credentials of the first of these requirements the client
    /// meets (each a set of scheme indices sent together); with none met,
    /// the request fails before it is sent.
    pub(crate) fn security(mut self, requirements: &'static [&'static [usize]]) -> Self {
        self.parts.security = requirements;
        self
    }

    /// Decodes an error answer's body as the type the operation documents
    /// for its status.
    pub(crate) fn error_body(mut self, decode: DecodeErrorBody) -> Self {
        self.parts.error_body = Some(decode);
        self
    }

    /// Sends the request to the next page's URL the API gave (absolute, or
    /// relative to the base URL) instead of its path and query; `None` leaves it.
    pub(crate) fn next_url(mut self, url: Option<String>) -> Self {
        if url.is_some() {
            self.parts.next_url = url;
        }
        self
    }

    /// Asks for this media type instead of JSON.
    pub(crate) fn accept(self, media_type: &'static str) -> Self {
        self.header("accept", media_type)
    }

    /// Fails the request, before it is sent, for this reason.
    pub(crate) fn refuse(mut self, reason: String) -> Self {
        if self.parts.path.is_ok() {
            self.parts.path = Err(reason);
        }
        self
    }
}

/// A request body made anew for each attempt rather than held as bytes:
/// one that streams (a multipart form with files), so a retry needs a
/// fresh one, or cannot have one.
pub(crate) trait StreamedBody: Send {
    /// Whether [`attempt`](StreamedBody::attempt) can be called again after
    /// a first attempt; if not, the request is sent only once.
    fn replayable(&self) -> bool;

    /// The body of one attempt; `last` when no attempt follows, so the
    /// body may be taken rather than copied.
    fn attempt(&mut self, last: bool) -> Attempt;
}

/// One attempt's body made by a [`StreamedBody`].
pub(crate) struct Attempt {
    pub(crate) body: reqwest::Body,
    pub(crate) content_type: HeaderValue,
    /// The body's length, sent as `Content-Length`, when it is known
    /// before the body is read and the body itself does not tell; without
    /// it a streamed body is sent chunked.
    pub(crate) length: Option<u64>,
}

impl<'a, T> Request<'a, T, Client> {
    /// Sends the request and decodes the answer; the same as awaiting it.
    pub fn send(self) -> Sending<'a, T> {
        self.execute()
    }
}

// Not every spec has JSON responses (or any operation at all).
#[allow(dead_code)]
impl<'a, T: DeserializeOwned + Send + 'a, C: Transport> Request<'a, T, C> {
    pub(crate) fn json(client: &'a C, method: Method, path_template: &str) -> Self {
        Request::new(
            client,
            method,
            path_template,
            Box::new(|raw| decode_json(raw.into_value())),
        )
    }
}

#[allow(dead_code)]
impl<'a, C: Transport> Request<'a, (), C> {
    pub(crate) fn empty(client: &'a C, method: Method, path_template: &str) -> Self {
        Request::new(client, method, path_template, Box::new(|_| Ok(())))
    }
}

#[allow(dead_code)]
impl<'a, T: DeserializeOwned + Send + 'a, C: Transport> Request<'a, Option<T>, C> {
    /// A request whose successful answer is JSON or has no body at all.
    pub(crate) fn optional_json(client: &'a C, method: Method, path_template: &str) -> Self {
        Request::new(
            client,
            method,
            path_template,
            Box::new(|raw| decode_optional_json(raw.into_value())),
        )
    }
}

#[allow(dead_code)]
impl<'a, T: 'a, C: Transport> Request<'a, T, C> {
    /// A request whose 2xx answers carry different bodies: `decode` tells them apart by status.
    pub(crate) fn by_status(
        client: &'a C,
        method: Method,
        path_template: &str,
        decode: fn(StatusCode, Bytes) -> Result<T, Error>,
    ) -> Self {
        Request::new(
            client,
            method,
            path_template,
            Box::new(move |raw| {
                let status = raw.status();
                decode(status, raw.into_value())
            }),
        )
    }
}

#[allow(dead_code)]
impl<'a, C: Transport> Request<'a, Vec<u8>, C> {
    pub(crate) fn bytes(client: &'a C, method: Method, path_template: &str) -> Self {
        Request::new(
            client,
            method,
            path_template,
            Box::new(|raw| Ok(raw.into_value().into())),
        )
    }
}

impl<'a, T> IntoFuture for Request<'a, T, Client> {
    type Output = Result<T, Error>;
    type IntoFuture = Sending<'a, T>;

    fn into_future(self) -> Self::IntoFuture {
        self.execute()
    }
}

pub(crate) fn decode_json<T: DeserializeOwned>(body: Bytes) -> Result<T, Error> {
    // Tracking the path doubles the cost of decoding, so it is paid only to
    // explain a failure.
    if let Ok(value) = serde_json::from_slice(&body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(&body);
    serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| DecodeError::new(error, &body).into())
}

/// The body of a 2xx status the spec does not list, as JSON; `null` when it is empty.
#[allow(dead_code)]
pub(crate) fn decode_other(body: Bytes) -> Result<serde_json::Value, Error> {
    decode_optional_json(body).map(Option::unwrap_or_default)
}

/// JSON, or `None` when the body is empty or only whitespace.
#[allow(dead_code)]
fn decode_optional_json<T: DeserializeOwned>(body: Bytes) -> Result<Option<T>, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(None)
    } else {
        decode_json(body).map(Some)
    }
}

/// A next page's URL resolved against the base URL; one on another host is
/// refused, since the API key would be sent there.
fn next_page_url(base: &Url, next: &str) -> Result<Url, Error> {
    let url = base
        .join(next)
        .map_err(|error| Error::InvalidRequest(format!("the next page's URL `{next}`: {error}")))?;
    if url.origin() != base.origin() {
        return Err(Error::InvalidRequest(format!(
            "the next page's URL `{next}` is not on the API's host"
        )));
    }
    Ok(url)
}

/// `base` with `path` (which may end in a query) appended to its path. The
/// base was parsed once, when the client was built; only the path and
/// query are parsed for each request.
fn join(base: &Url, path: &str) -> Url {
    let (path, query) = match path.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path, None),
    };
    let mut url = base.clone();
    match base.path().trim_end_matches('/') {
        "" => url.set_path(path),
        prefix => url.set_path(&format!("{prefix}{path}")),
    }
    url.set_query(query);
    url
}

/// `path` with every `{name}` replaced by `value`, written straight into
/// the new path as one percent-encoded segment.
fn fill_placeholder(path: &str, name: &str, value: &dyn Display) -> Result<String, String> {
    fill_with(path, name, |out| {
        fmt::write(&mut SegmentEncoder(out), format_args!("{value}"))
    })
}

/// `items` in OpenAPI's `simple` style: each percent-encoded, joined by
/// commas, which stay literal so that the server can split them.
fn fill_list<T: Display>(
    path: &str,
    name: &str,
    items: impl Iterator<Item = T> + Clone,
) -> Result<String, String> {
    fill_with(path, name, |out| {
        for (index, item) in items.clone().enumerate() {
            if index > 0 {
                out.push(',');
            }
            fmt::write(&mut SegmentEncoder(out), format_args!("{item}"))?;
        }
        Ok(())
    })
}

/// `path` with every `{name}` replaced by what `write` writes, which must
/// be a whole, non-empty segment other than `.` and `..`.
fn fill_with(
    path: &str,
    name: &str,
    write: impl Fn(&mut String) -> fmt::Result,
) -> Result<String, String> {
    let mut filled = String::with_capacity(path.len() + 32);
    let mut rest = path;
    while let Some(found) = placeholder(rest, name) {
        filled.push_str(&rest[..found.start]);
        let start = filled.len();
        write(&mut filled)
            .map_err(|_| format!("path parameter `{name}` could not be formatted"))?;
        let segment = &filled[start..];
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err(format!(
                "path parameter `{name}` may not be {segment:?}: it would change the request's path"
            ));
        }
        rest = &rest[found.end..];
    }
    filled.push_str(rest);
    Ok(filled)
}

/// Percent-encodes everything written to it but RFC 3986's unreserved
/// characters, so that `/`, `?` and `#` in a value stay inside its segment.
struct SegmentEncoder<'a>(&'a mut String);

impl fmt::Write for SegmentEncoder<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let bytes = text.as_bytes();
        // Unreserved bytes are copied a run at a time: an ID is one run. A
        // run is ASCII, so it starts and ends on character boundaries.
        let mut start = 0;
        while start < bytes.len() {
            let end = bytes[start..]
                .iter()
                .position(|byte| !UNRESERVED[usize::from(*byte)])
                .map_or(bytes.len(), |run| start + run);
            if start < end {
                self.0.push_str(&text[start..end]);
            }
            let Some(&byte) = bytes.get(end) else {
                break;
            };
            self.0.push('%');
            self.0.push(char::from(HEX[usize::from(byte >> 4)]));
            self.0.push(char::from(HEX[usize::from(byte & 0xF)]));
            start = end + 1;
        }
        Ok(())
    }
}

/// RFC 3986's unreserved bytes, looked up rather than tested in turn since
/// every byte of every path parameter is.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        byte += 1;
    }
    table
};

/// Where `{name}` is in `path`.
fn placeholder(path: &str, name: &str) -> Option<std::ops::Range<usize>> {
    path.match_indices('{').find_map(|(start, _)| {
        let after = path.get(start + 1..)?;
        let end = start + 1 + name.len();
        (after.starts_with(name) && path.get(end..)?.starts_with('}')).then_some(start..end + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(path: &str, name: &str, value: &str) -> Result<String, String> {
        fill_placeholder(path, name, &value)
    }

    #[test]
    fn every_occurrence_of_a_placeholder_is_filled() {
        assert_eq!(filled("/a/{b}/c/{b}", "b", "x"), Ok("/a/x/c/x".to_string()));
    }

    #[test]
    fn a_placeholder_whose_name_begins_another_leaves_the_other_alone() {
        assert_eq!(
            filled("/{id_type}/{id}", "id", "7"),
            Ok("/{id_type}/7".to_string())
        );
    }

    #[test]
    fn a_list_is_joined_by_literal_commas_each_item_encoded() {
        assert_eq!(
            fill_list("/s/{id}", "id", ["a b", "c,d"].iter()),
            Ok("/s/a%20b,c%2Cd".to_string())
        );
        assert!(fill_list("/s/{id}", "id", std::iter::empty::<u8>()).is_err());
    }

    #[test]
    fn a_value_is_encoded_to_stay_inside_its_segment() {
        assert_eq!(
            filled("/r/{id}", "id", "a/b?c#d é"),
            Ok("/r/a%2Fb%3Fc%23d%20%C3%A9".to_string())
        );
    }

    #[test]
    fn multi_byte_characters_anywhere_in_a_value_are_encoded_whole() {
        assert_eq!(filled("/r/{id}", "id", "é"), Ok("/r/%C3%A9".to_string()));
        assert_eq!(filled("/r/{id}", "id", "aé"), Ok("/r/a%C3%A9".to_string()));
        assert_eq!(filled("/r/{id}", "id", "éa"), Ok("/r/%C3%A9a".to_string()));
        assert_eq!(
            filled("/r/{id}", "id", "日x本"),
            Ok("/r/%E6%97%A5x%E6%9C%AC".to_string())
        );
    }

    #[test]
    fn values_that_would_change_the_path_are_refused() {
        for value in ["", ".", ".."] {
            assert!(filled("/r/{id}", "id", value).is_err(), "{value:?}");
        }
    }

    #[test]
    fn a_path_is_joined_after_the_base_urls_own_path() {
        let base = Url::parse("https://api.example.com/v2/").unwrap();
        let url = join(&base, "/recordings/7?page=2");
        assert_eq!(
            url.as_str(),
            "https://api.example.com/v2/recordings/7?page=2"
        );
    }
}
