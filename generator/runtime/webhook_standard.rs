//! Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 of
//! `"{webhook-id}.{webhook-timestamp}.{body}"` with a `whsec_` secret, sent as
//! space-separated `v1,<base64>` entries in `webhook-signature`.

use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use reqwest::header::HeaderMap;
use sha2::Sha256;

use crate::webhook_error::WebhookError;
use crate::webhook_verifier::{base64, header, timestamp};

const ID_HEADER: &str = "webhook-id";
const TIMESTAMP_HEADER: &str = "webhook-timestamp";
const SIGNATURE_HEADER: &str = "webhook-signature";

/// The signing secret, decoded.
#[derive(Clone)]
pub(crate) struct Key(Vec<u8>);

impl Key {
    /// A secret as the API shows it: `whsec_` and base64 (the prefix is optional).
    pub(crate) fn parse(text: &str) -> Result<Key, WebhookError> {
        let encoded = text.strip_prefix("whsec_").unwrap_or(text);
        match base64(encoded) {
            Some(bytes) if !bytes.is_empty() => Ok(Key(bytes)),
            _ => Err(WebhookError::InvalidKey {
                reason: "it is not `whsec_` followed by base64".into(),
            }),
        }
    }
}

/// Checks the timestamp first, then each signature the header lists (there
/// are several while the API rotates its secret) in constant time.
pub(crate) fn verify(
    key: &Key,
    body: &[u8],
    headers: &HeaderMap,
    now: i64,
    tolerance: Duration,
) -> Result<(), WebhookError> {
    let id = header(headers, ID_HEADER)?;
    let signatures = header(headers, SIGNATURE_HEADER)?;
    let timestamp_text = header(headers, TIMESTAMP_HEADER)?;
    timestamp(headers, TIMESTAMP_HEADER, now, tolerance)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key.0).map_err(|_| WebhookError::InvalidKey {
        reason: "HMAC refuses it".into(),
    })?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp_text.as_bytes());
    mac.update(b".");
    mac.update(body);
    let mut listed = false;
    for entry in signatures.split(' ').filter(|entry| !entry.is_empty()) {
        let Some(encoded) = entry.strip_prefix("v1,") else {
            continue;
        };
        listed = true;
        if let Some(signature) = base64(encoded) {
            if mac.clone().verify_slice(&signature).is_ok() {
                return Ok(());
            }
        }
    }
    if listed {
        Err(WebhookError::BadSignature)
    } else {
        Err(WebhookError::InvalidHeader {
            name: SIGNATURE_HEADER,
            reason: "it lists no `v1,` signature".into(),
        })
    }
}
