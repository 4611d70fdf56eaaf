//! Checks that a webhook delivery was signed by the API and is recent. Needs
//! no API client: a server that only receives webhooks has no API key.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

use crate::webhook_error::WebhookError;
use crate::webhook_scheme::{self, Key};
use crate::webhooks::{Event, WEBHOOK_KEY_ENV};

/// How far a delivery's timestamp may be from now unless set otherwise.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Verifies webhook deliveries with the key the API signs them with; cheap
/// to clone, and the key never shows in `Debug`.
#[derive(Clone)]
pub struct WebhookVerifier {
    key: Key,
    tolerance: Duration,
}

impl WebhookVerifier {
    /// A verifier with this key, as the API's dashboard shows it.
    pub fn new(key: &str) -> Result<Self, WebhookError> {
        Ok(WebhookVerifier {
            key: Key::parse(key.trim())?,
            tolerance: DEFAULT_TOLERANCE,
        })
    }

    /// A verifier whose key comes from the environment variable named by
    /// [`WEBHOOK_KEY_ENV`].
    pub fn from_env() -> Result<Self, WebhookError> {
        match std::env::var(WEBHOOK_KEY_ENV) {
            Ok(key) if !key.trim().is_empty() => Self::new(&key),
            _ => Err(WebhookError::MissingKey {
                env: WEBHOOK_KEY_ENV,
            }),
        }
    }

    /// How far a delivery's timestamp may be from now, either way; five
    /// minutes unless set. Older deliveries are refused as replays.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks the signature and the timestamp of a delivery: `body` is the
    /// request body exactly as received, `headers` the request's headers.
    pub fn verify(&self, body: &[u8], headers: &HeaderMap) -> Result<(), WebhookError> {
        self.verify_at(body, headers, SystemTime::now())
    }

    /// [`verify`](Self::verify), as if it were `now`.
    pub fn verify_at(
        &self,
        body: &[u8],
        headers: &HeaderMap,
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let now = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
        };
        webhook_scheme::verify(&self.key, body, headers, now, self.tolerance)
    }

    /// Verifies a delivery, then decodes it into its [`Event`].
    pub fn unwrap(&self, body: &[u8], headers: &HeaderMap) -> Result<Event, WebhookError> {
        self.verify(body, headers)?;
        Ok(Event::from_slice(body)?)
    }
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("key", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

/// The text of a header the scheme needs.
pub(crate) fn header<'h>(
    headers: &'h HeaderMap,
    name: &'static str,
) -> Result<&'h str, WebhookError> {
    let value = headers
        .get(name)
        .ok_or(WebhookError::MissingHeader { name })?;
    value
        .to_str()
        .map(str::trim)
        .map_err(|_| WebhookError::InvalidHeader {
            name,
            reason: "it is not text".into(),
        })
}

/// The timestamp header, in seconds since the Unix epoch, if it is within
/// `tolerance` of `now`.
pub(crate) fn timestamp(
    headers: &HeaderMap,
    name: &'static str,
    now: i64,
    tolerance: Duration,
) -> Result<i64, WebhookError> {
    let text = header(headers, name)?;
    let timestamp: i64 = text.parse().map_err(|_| WebhookError::InvalidHeader {
        name,
        reason: format!("{text:?} is not a Unix timestamp in seconds"),
    })?;
    let tolerance_secs = i64::try_from(tolerance.as_secs()).unwrap_or(i64::MAX);
    if timestamp.abs_diff(now) > tolerance_secs.unsigned_abs() {
        return Err(WebhookError::StaleTimestamp {
            timestamp,
            now,
            tolerance,
        });
    }
    Ok(timestamp)
}

/// Standard base64, the encoding keys and signatures are sent in.
pub(crate) fn base64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}
