//! Sending a request with retries: which failures are tried again, how long
//! to wait first, and the `tracing` events of each attempt.

use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use tracing::level_filters::{LevelFilter, STATIC_MAX_LEVEL};
use tracing::Level;

use crate::error::ApiError;
use crate::{Client, Error, Response};

/// Retries after the first attempt unless the client or the request says otherwise.
pub(crate) const DEFAULT_MAX_RETRIES: u32 = 2;
const INITIAL_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// A longer delay asked for by the API is ignored in favour of backoff.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Backoff is shortened by up to this fraction, so that clients spread out.
const MAX_JITTER: f64 = 0.25;

/// Sends the request that `build` makes, trying again up to `max_retries`
/// times while it fails in a way that [`Error::is_retryable`] allows, and
/// returns the last outcome, a successful answer as `finish` makes it.
/// `build` makes the request anew for each attempt (told whether it is the
/// last), so that a request that is not retried is never copied.
///
/// This and the futures below are `async` blocks returned by plain
/// functions rather than `async fn`s, which would keep a second copy of
/// each argument in the future that every call allocates and moves.
#[allow(clippy::manual_async_fn)]
pub(crate) fn send<'a, R, F: Future<Output = Result<R, Error>> + 'a>(
    client: &'a Client,
    method: &'a Method,
    path: &'a str,
    mut build: impl FnMut(bool) -> reqwest::Request + 'a,
    max_retries: u32,
    finish: fn(reqwest::Response) -> F,
) -> impl Future<Output = Result<R, Error>> + 'a {
    async move {
        // Events name the path, which says which operation this is; the API key
        // travels in a header and is never logged.
        let mut attempt = 1;
        loop {
            let last = attempt > max_retries;
            // The clock is read only if a debug event could be recorded: reading
            // it is a measurable part of a call.
            let started = debug_events_possible().then(Instant::now);
            // One attempt: a `2xx` answer's status and what `finish` made
            // of it, or the error it came to.
            let outcome = match client.http().execute(build(last)).await {
                Ok(response) => {
                    let (status, response) = with_status(response);
                    if status.is_success() {
                        finish(response).await.map(|answer| (status, answer))
                    } else {
                        Err(read_error(response).await)
                    }
                }
                Err(error) => Err(Error::from_reqwest(error)),
            };
            let elapsed = started.map(|started| started.elapsed()).unwrap_or_default();
            match &outcome {
                Ok((status, _)) => tracing::debug!(
                    %method, %path, attempt, status = status.as_u16(), ?elapsed,
                    "response received"
                ),
                Err(error) => tracing::debug!(
                    %method, %path, attempt, status = error.status().map(|s| s.as_u16()),
                    %error, ?elapsed, "attempt failed"
                ),
            }
            let retryable = matches!(&outcome, Err(error) if error.is_retryable());
            if last || !retryable {
                return outcome.map(|(_, answer)| answer);
            }
            let headers = outcome
                .as_ref()
                .err()
                .and_then(Error::as_api_error)
                .map(ApiError::headers);
            let delay = retry_delay(headers, attempt, SystemTime::now(), random_fraction());
            // Not kept across the wait, so not in the future's state.
            drop(outcome);
            tracing::info!(%method, %path, attempt, ?delay, "retrying");
            client.sleep(delay).await;
            attempt += 1;
        }
    }
}

/// Whether any subscriber could record a `debug` event: the most verbose
/// level any of them enables, so never `false` when one would be recorded,
/// whatever their filters on targets or fields.
fn debug_events_possible() -> bool {
    STATIC_MAX_LEVEL >= Level::DEBUG && LevelFilter::current() >= Level::DEBUG
}

/// The answer's status beside it, read outside the future above: an
/// answer borrowed inside it would be kept in it for the rest of the attempt.
fn with_status(response: reqwest::Response) -> (StatusCode, reqwest::Response) {
    (response.status(), response)
}

/// The error an answer with an error status comes to, its body read whole.
#[allow(clippy::manual_async_fn)]
fn read_error(mut response: reqwest::Response) -> impl Future<Output = Error> {
    async move {
        match whole_body(&mut response).await {
            Ok(body) => {
                let headers = std::mem::take(response.headers_mut());
                ApiError::new(response.status(), headers, body.into()).into()
            }
            Err(error) => error,
        }
    }
}

/// A successful answer with its whole body.
#[allow(clippy::manual_async_fn)]
pub(crate) fn read_body(
    mut response: reqwest::Response,
) -> impl Future<Output = Result<Response<Bytes>, Error>> {
    // The status and headers stay in the answer while the body is read.
    async move {
        let body = whole_body(&mut response).await?;
        let headers = std::mem::take(response.headers_mut());
        Ok(Response::new(response.status(), headers, body))
    }
}

/// The answer's body, read a chunk at a time: a body that arrives in one
/// chunk is kept as it came, a longer one is copied once. Its future is a
/// fraction of the size of `reqwest::Response::bytes`, which keeps the
/// whole answer beside a collector.
async fn whole_body(response: &mut reqwest::Response) -> Result<Bytes, Error> {
    let Some(first) = next_chunk(response).await? else {
        return Ok(Bytes::new());
    };
    let Some(second) = next_chunk(response).await? else {
        return Ok(first);
    };
    let mut body = Vec::with_capacity(first.len() + second.len());
    body.extend_from_slice(&first);
    body.extend_from_slice(&second);
    while let Some(chunk) = next_chunk(response).await? {
        body.extend_from_slice(&chunk);
    }
    Ok(body.into())
}

/// The body's next chunk; a failure names the URL, as `bytes` would.
async fn next_chunk(response: &mut reqwest::Response) -> Result<Option<Bytes>, Error> {
    match response.chunk().await {
        Ok(chunk) => Ok(chunk),
        Err(error) => {
            let url = response.url().clone();
            Err(Error::from_reqwest(error.with_url(url)))
        }
    }
}

/// Whether an answer with this status and headers is worth trying again. The
/// API's `x-should-retry` header, when `true` or `false`, overrides the status.
pub(crate) fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").map(|value| value.as_bytes()) {
        Some(b"true") => true,
        Some(b"false") => false,
        _ => matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error(),
    }
}

/// How many retries a request gets: its own setting if it has one; else the
/// client's, for a method that is safe to repeat (RFC 9110 idempotent: GET,
/// HEAD, OPTIONS, TRACE, PUT, DELETE); else none, as a repeated POST or
/// PATCH could act twice.
pub(crate) fn max_retries(method: &Method, request: Option<u32>, client: u32) -> u32 {
    let idempotent = [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::TRACE,
        Method::PUT,
        Method::DELETE,
    ]
    .contains(method);
    request.unwrap_or(if idempotent { client } else { 0 })
}

/// How long to wait before retry number `retry` (1 for the first): the delay
/// the failed answer asks for in `retry-after-ms` or `Retry-After` when it is
/// positive and at most 60 s, else exponential backoff. `jitter` is in `[0, 1)`.
fn retry_delay(headers: Option<&HeaderMap>, retry: u32, now: SystemTime, jitter: f64) -> Duration {
    headers
        .and_then(|headers| requested_delay(headers, now))
        .filter(|delay| !delay.is_zero() && *delay <= MAX_RETRY_AFTER)
        .unwrap_or_else(|| backoff(retry, jitter))
}

fn requested_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name| headers.get(name)?.to_str().ok().map(str::trim);
    let millis = header("retry-after-ms")
        .and_then(|ms| ms.parse::<f64>().ok())
        .and_then(|ms| Duration::try_from_secs_f64(ms / 1000.0).ok());
    millis.or_else(|| {
        let value = header(RETRY_AFTER.as_str())?;
        match value.parse::<f64>() {
            Ok(seconds) => Duration::try_from_secs_f64(seconds).ok(),
            Err(_) => httpdate::parse_http_date(value)
                .ok()?
                .duration_since(now)
                .ok(),
        }
    })
}

/// 0.5 s doubling with each retry, at most 8 s, less up to 25% jitter.
fn backoff(retry: u32, jitter: f64) -> Duration {
    let doublings = retry.saturating_sub(1).min(16);
    let delay = INITIAL_BACKOFF
        .saturating_mul(1 << doublings)
        .min(MAX_BACKOFF);
    delay.mul_f64(1.0 - MAX_JITTER * jitter.clamp(0.0, 1.0))
}

/// A number in `[0, 1)`, random enough for jitter. Each `RandomState` is
/// seeded afresh, which spares the crate a dependency on a random generator.
fn random_fraction() -> f64 {
    let bits = RandomState::new().build_hasher().finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn post_and_patch_are_retried_only_when_the_request_asks() {
        assert_eq!(max_retries(&Method::POST, None, 2), 0);
        assert_eq!(max_retries(&Method::PATCH, None, 2), 0);
        assert_eq!(max_retries(&Method::POST, Some(3), 2), 3);
        assert_eq!(max_retries(&Method::GET, None, 2), 2);
        assert_eq!(max_retries(&Method::DELETE, None, 5), 5);
    }

    #[test]
    fn backoff_doubles_from_half_a_second_up_to_eight() {
        let delays: Vec<Duration> = (1..=7).map(|retry| backoff(retry, 0.0)).collect();
        let seconds = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0].map(Duration::from_secs_f64);
        assert_eq!(delays, seconds);
    }

    #[test]
    fn jitter_takes_off_at_most_a_quarter() {
        assert_eq!(backoff(2, 1.0), Duration::from_millis(750));
        for _ in 0..100 {
            let delay = retry_delay(None, 1, SystemTime::now(), random_fraction());
            assert!(delay > Duration::from_millis(375) && delay <= Duration::from_millis(500));
        }
    }

    #[test]
    fn retry_after_ms_wins_over_retry_after() {
        let headers = headers(&[("retry-after-ms", "250"), ("retry-after", "3")]);
        let delay = retry_delay(Some(&headers), 1, SystemTime::now(), 0.0);
        assert_eq!(delay, Duration::from_millis(250));
    }

    #[test]
    fn zero_negative_and_garbage_delays_fall_back_to_backoff() {
        for value in ["0", "-3", "soon", "NaN"] {
            let headers = headers(&[("retry-after", value)]);
            let delay = retry_delay(Some(&headers), 1, SystemTime::now(), 0.0);
            assert_eq!(delay, Duration::from_millis(500), "Retry-After: {value}");
        }
    }

    #[test]
    fn a_past_http_date_falls_back_to_backoff() {
        let now = SystemTime::now();
        let past = httpdate::fmt_http_date(now - Duration::from_secs(10));
        let delay = retry_delay(Some(&headers(&[("retry-after", &past)])), 1, now, 0.0);
        assert_eq!(delay, Duration::from_millis(500));
    }
}
