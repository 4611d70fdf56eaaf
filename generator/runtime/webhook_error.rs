//! What can go wrong when a webhook delivery is received.

use std::time::Duration;

use crate::DecodeError;

/// Why a webhook delivery was refused or could not be decoded.
///
/// Each variant says what to check: the key, a header, the clock, or the
/// payload.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// No key was given to the builder or the verifier, and the environment
    /// variable is not set.
    #[error("no webhook key: set {env} or pass the key to the builder or `WebhookVerifier::new`")]
    MissingKey {
        /// The environment variable that was read.
        env: &'static str,
    },
    /// The key is not one this scheme can use, e.g. not base64 or of the
    /// wrong length.
    #[error("the webhook key is invalid ({reason}); copy it again from the API's dashboard")]
    InvalidKey {
        /// What is wrong with it.
        reason: String,
    },
    /// The delivery lacks a header the signature needs.
    #[error("the webhook delivery has no `{name}` header; pass the request's headers unchanged")]
    MissingHeader {
        /// The header's name.
        name: &'static str,
    },
    /// A header is there but cannot be read, e.g. a timestamp that is not a number.
    #[error("the webhook header `{name}` is malformed: {reason}")]
    InvalidHeader {
        /// The header's name.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The timestamp is further from now than the tolerance allows: an old
    /// delivery replayed, or a clock that is off.
    #[error("the webhook timestamp {timestamp} is more than {}s from now ({now}); check the server's clock, or widen the tolerance", tolerance.as_secs())]
    StaleTimestamp {
        /// The delivery's timestamp, in seconds since the Unix epoch.
        timestamp: i64,
        /// The time it was checked at, in seconds since the Unix epoch.
        now: i64,
        /// The largest difference allowed.
        tolerance: Duration,
    },
    /// The signature does not match the body and timestamp under this key:
    /// the body was changed (pass the raw bytes, not re-encoded JSON), or the
    /// key is not the one the API signs with.
    #[error("the webhook signature does not match; check that the body is the raw bytes received and that the key is this account's")]
    BadSignature,
    /// The payload is not JSON, or does not have the shape its event type promises.
    #[error("the webhook payload cannot be decoded: {0}")]
    Decode(Box<DecodeError>),
}

impl From<DecodeError> for WebhookError {
    fn from(error: DecodeError) -> Self {
        WebhookError::Decode(Box::new(error))
    }
}

/// Decodes part of a payload already parsed, naming the path that failed.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    body: &[u8],
) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize(value).map_err(|error| DecodeError::new(error, body))
}

/// Parses a payload as JSON, naming where it stops being JSON.
pub(crate) fn parse(body: &[u8]) -> Result<serde_json::Value, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| DecodeError::new(error, body))
}
