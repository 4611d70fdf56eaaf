//! Ed25519 webhook signatures: the API signs `"{timestamp}|{body}"` with its
//! private key and sends the signature in base64; the public key verifies it.

use std::time::Duration;

use ed25519_dalek::{Signature, VerifyingKey};
use reqwest::header::HeaderMap;

use crate::webhook_error::WebhookError;
use crate::webhook_verifier::{base64, header, timestamp};
use crate::webhooks::{SIGNATURE_HEADER, TIMESTAMP_HEADER};

/// The API's public key.
#[derive(Clone)]
pub(crate) struct Key(VerifyingKey);

impl Key {
    /// A base64 public key, as the API's dashboard shows it.
    pub(crate) fn parse(text: &str) -> Result<Key, WebhookError> {
        let bytes = base64(text).ok_or_else(|| WebhookError::InvalidKey {
            reason: "it is not base64".into(),
        })?;
        let bytes: [u8; 32] =
            bytes
                .try_into()
                .map_err(|bytes: Vec<u8>| WebhookError::InvalidKey {
                    reason: format!("an Ed25519 public key has 32 bytes, not {}", bytes.len()),
                })?;
        VerifyingKey::from_bytes(&bytes)
            .map(Key)
            .map_err(|_| WebhookError::InvalidKey {
                reason: "it is not an Ed25519 public key".into(),
            })
    }
}

/// Checks the timestamp first, then the signature over the timestamp and body.
pub(crate) fn verify(
    key: &Key,
    body: &[u8],
    headers: &HeaderMap,
    now: i64,
    tolerance: Duration,
) -> Result<(), WebhookError> {
    let signature_text = header(headers, SIGNATURE_HEADER)?;
    let timestamp_text = header(headers, TIMESTAMP_HEADER)?;
    timestamp(headers, TIMESTAMP_HEADER, now, tolerance)?;
    let bytes = base64(signature_text).ok_or_else(|| WebhookError::InvalidHeader {
        name: SIGNATURE_HEADER,
        reason: "it is not base64".into(),
    })?;
    let signature = Signature::from_slice(&bytes).map_err(|_| WebhookError::InvalidHeader {
        name: SIGNATURE_HEADER,
        reason: format!("an Ed25519 signature has 64 bytes, not {}", bytes.len()),
    })?;
    let mut message = Vec::with_capacity(timestamp_text.len() + 1 + body.len());
    message.extend_from_slice(timestamp_text.as_bytes());
    message.push(b'|');
    message.extend_from_slice(body);
    key.0
        .verify_strict(&message, &signature)
        .map_err(|_| WebhookError::BadSignature)
}
