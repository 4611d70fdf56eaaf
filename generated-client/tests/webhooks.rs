//! Webhook deliveries signed as Telnyx signs them, with a key made for each
//! run: what is verified and decoded, what is refused and why, and the
//! example's server end to end over loopback.

use std::hash::{BuildHasher, RandomState};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use ed25519_dalek::{Signer, SigningKey};
use reqwest::header::{HeaderMap, HeaderValue};
use telnyx_openapi::models::CallRecordingErrorPayloadReason;
use telnyx_openapi::webhooks::{Event, WebhookError, WebhookVerifier};
use telnyx_openapi::Client;

#[path = "../examples/recording_webhook.rs"]
#[allow(dead_code)]
mod recording_webhook;

const SAVED: &str = r#"{"data":{"event_type":"call.recording.saved","id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","occurred_at":"2018-02-02T22:25:27.521992Z","payload":{"call_leg_id":"428c31b6-7af4-4bcb-b7f5-5013ef9657c1","channels":"single","recording_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","recording_urls":{"mp3":"http://example.com/recording.mp3","wav":null}},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"http://example.com/webhooks"}}"#;

/// A key no other run uses: its seed comes from the standard library's
/// randomly seeded hasher.
fn fresh_key() -> SigningKey {
    let mut seed = [0u8; 32];
    for (index, chunk) in seed.chunks_mut(8).enumerate() {
        chunk.copy_from_slice(&RandomState::new().hash_one(index).to_le_bytes());
    }
    SigningKey::from_bytes(&seed)
}

fn public_key(key: &SigningKey) -> String {
    base64::engine::general_purpose::STANDARD.encode(key.verifying_key().to_bytes())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The headers Telnyx sends with `body`, signed at `timestamp`.
fn signed(key: &SigningKey, body: &[u8], timestamp: i64) -> HeaderMap {
    let mut message = format!("{timestamp}|").into_bytes();
    message.extend_from_slice(body);
    let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(&message).to_bytes());
    let mut headers = HeaderMap::new();
    headers.insert(
        "telnyx-timestamp",
        HeaderValue::from_str(&timestamp.to_string()).unwrap(),
    );
    headers.insert(
        "telnyx-signature-ed25519",
        HeaderValue::from_str(&signature).unwrap(),
    );
    headers
}

fn verifier(key: &SigningKey) -> WebhookVerifier {
    WebhookVerifier::new(&public_key(key)).unwrap()
}

#[test]
fn a_signed_delivery_decodes_to_its_typed_event() {
    let key = fresh_key();
    let headers = signed(&key, SAVED.as_bytes(), now());
    let Event::CallRecordingSaved(event) =
        verifier(&key).unwrap(SAVED.as_bytes(), &headers).unwrap()
    else {
        panic!("not the saved event");
    };
    let payload = event.data.unwrap().payload.unwrap();
    assert_eq!(
        payload.recording_id.as_deref(),
        Some("3fa85f64-5717-4562-b3fc-2c963f66afa6")
    );
    let urls = payload.recording_urls.unwrap();
    assert_eq!(
        urls.mp3.as_deref(),
        Some("http://example.com/recording.mp3")
    );
    assert_eq!(urls.wav, None);
}

#[test]
fn the_client_verifies_with_the_builders_key_and_tolerance() {
    let key = fresh_key();
    let client = Client::builder()
        .api_key("unused")
        .webhook_key(public_key(&key))
        .webhook_tolerance(Duration::from_secs(3600))
        .build()
        .unwrap();
    let headers = signed(&key, SAVED.as_bytes(), now() - 1800);
    let event = client
        .webhooks()
        .unwrap(SAVED.as_bytes(), &headers)
        .unwrap();
    assert!(matches!(event, Event::CallRecordingSaved(_)));
    assert_eq!(
        client.webhooks().unsafe_unwrap(SAVED.as_bytes()).unwrap(),
        event
    );
}

#[test]
fn one_flipped_byte_of_body_timestamp_or_signature_is_refused() {
    let key = fresh_key();
    let verifier = verifier(&key);
    let timestamp = now();
    let headers = signed(&key, SAVED.as_bytes(), timestamp);

    let mut body = SAVED.as_bytes().to_vec();
    body[40] ^= 0x01;
    assert!(matches!(
        verifier.unwrap(&body, &headers),
        Err(WebhookError::BadSignature)
    ));

    // Flipping the low bit of the last digit moves the time by one second,
    // still within the window, so only the signature can fail.
    let mut stamp = timestamp.to_string().into_bytes();
    *stamp.last_mut().unwrap() ^= 0x01;
    let mut later = headers.clone();
    later.insert("telnyx-timestamp", HeaderValue::from_bytes(&stamp).unwrap());
    assert!(matches!(
        verifier.unwrap(SAVED.as_bytes(), &later),
        Err(WebhookError::BadSignature)
    ));

    let signature = headers["telnyx-signature-ed25519"].to_str().unwrap();
    let mut bytes = base64::engine::general_purpose::STANDARD
        .decode(signature)
        .unwrap();
    bytes[10] ^= 0x01;
    let mut flipped = headers.clone();
    flipped.insert(
        "telnyx-signature-ed25519",
        HeaderValue::from_str(&base64::engine::general_purpose::STANDARD.encode(bytes)).unwrap(),
    );
    assert!(matches!(
        verifier.unwrap(SAVED.as_bytes(), &flipped),
        Err(WebhookError::BadSignature)
    ));
}

#[test]
fn another_accounts_key_is_a_bad_signature() {
    let headers = signed(&fresh_key(), SAVED.as_bytes(), now());
    let error = verifier(&fresh_key())
        .unwrap(SAVED.as_bytes(), &headers)
        .unwrap_err();
    assert!(matches!(error, WebhookError::BadSignature));
    assert!(error.to_string().contains("key"), "{error}");
}

#[test]
fn a_timestamp_outside_the_window_is_refused_unless_the_window_is_wider() {
    let key = fresh_key();
    let old = now() - 6 * 60;
    let headers = signed(&key, SAVED.as_bytes(), old);
    let error = verifier(&key)
        .unwrap(SAVED.as_bytes(), &headers)
        .unwrap_err();
    assert!(matches!(error, WebhookError::StaleTimestamp { timestamp, .. } if timestamp == old));
    let future = signed(&key, SAVED.as_bytes(), now() + 6 * 60);
    assert!(matches!(
        verifier(&key).verify(SAVED.as_bytes(), &future),
        Err(WebhookError::StaleTimestamp { .. })
    ));
    let wider = verifier(&key).tolerance(Duration::from_secs(10 * 60));
    assert!(wider.verify(SAVED.as_bytes(), &headers).is_ok());
}

#[test]
fn missing_and_malformed_headers_and_keys_are_told_apart() {
    let key = fresh_key();
    let verifier = verifier(&key);
    let headers = signed(&key, SAVED.as_bytes(), now());

    let mut missing = headers.clone();
    missing.remove("telnyx-signature-ed25519");
    assert!(matches!(
        verifier.verify(SAVED.as_bytes(), &missing),
        Err(WebhookError::MissingHeader {
            name: "telnyx-signature-ed25519"
        })
    ));
    let mut not_a_number = headers.clone();
    not_a_number.insert("telnyx-timestamp", HeaderValue::from_static("yesterday"));
    assert!(matches!(
        verifier.verify(SAVED.as_bytes(), &not_a_number),
        Err(WebhookError::InvalidHeader {
            name: "telnyx-timestamp",
            ..
        })
    ));
    let mut short = headers.clone();
    short.insert(
        "telnyx-signature-ed25519",
        HeaderValue::from_static("c2hvcnQ="),
    );
    assert!(matches!(
        verifier.verify(SAVED.as_bytes(), &short),
        Err(WebhookError::InvalidHeader {
            name: "telnyx-signature-ed25519",
            ..
        })
    ));
    assert!(matches!(
        WebhookVerifier::new("not base64!"),
        Err(WebhookError::InvalidKey { .. })
    ));
    assert!(matches!(
        WebhookVerifier::new("c2hvcnQ="),
        Err(WebhookError::InvalidKey { .. })
    ));
}

#[test]
fn an_event_type_not_in_the_spec_is_kept_as_unknown_json() {
    let key = fresh_key();
    let body = br#"{"data":{"event_type":"call.recording.transcription.saved","payload":{"transcription_text":"hello"}}}"#;
    let headers = signed(&key, body, now());
    let Event::Unknown(value) = verifier(&key).unwrap(body, &headers).unwrap() else {
        panic!("an unknown event is not Unknown");
    };
    assert_eq!(
        value,
        serde_json::from_slice::<serde_json::Value>(body).unwrap()
    );
}

#[test]
fn the_error_event_decodes_and_a_known_event_of_the_wrong_shape_is_a_decode_error() {
    let body = br#"{"data":{"event_type":"call.recording.error","payload":{"reason":"Unsupported backend"}}}"#;
    let Event::CallRecordingError(event) = Event::from_slice(body).unwrap() else {
        panic!("not the error event");
    };
    let reason = event.data.unwrap().payload.unwrap().reason;
    assert_eq!(
        reason,
        Some(CallRecordingErrorPayloadReason::UnsupportedBackend)
    );

    let wrong = br#"{"data":{"event_type":"call.recording.saved","payload":{"recording_id":7}}}"#;
    let error = Event::from_slice(wrong).unwrap_err();
    assert_eq!(error.path(), "data.payload.recording_id");
}

#[test]
fn the_verifier_never_shows_its_key() {
    let key = public_key(&fresh_key());
    let verifier = WebhookVerifier::new(&key).unwrap();
    assert!(!format!("{verifier:?}").contains(&key));
}

#[tokio::test]
async fn the_example_server_prints_the_recording_id_of_a_signed_delivery() {
    let key = fresh_key();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (lines, mut received) = tokio::sync::mpsc::unbounded_channel();
    let server = tokio::spawn(recording_webhook::serve(
        listener,
        verifier(&key),
        move |line| {
            let _ = lines.send(line);
        },
    ));
    let http = reqwest::Client::new();
    let url = format!("http://{address}/webhooks");

    let response = http
        .post(&url)
        .headers(signed(&key, SAVED.as_bytes(), now()))
        .body(SAVED)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        received.recv().await.unwrap(),
        "recording 3fa85f64-5717-4562-b3fc-2c963f66afa6 saved, mp3 at http://example.com/recording.mp3"
    );

    let forged = http
        .post(&url)
        .headers(signed(&fresh_key(), SAVED.as_bytes(), now()))
        .body(SAVED)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 400);
    assert!(received
        .recv()
        .await
        .unwrap()
        .starts_with("refused: the webhook signature does not match"));
    server.abort();
}
