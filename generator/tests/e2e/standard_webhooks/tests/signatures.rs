//! A client whose API signs webhooks with Standard Webhooks (HMAC-SHA256):
//! the scheme's published test vector, deliveries signed here with a fresh
//! secret, and each way a delivery is refused.

use std::hash::{BuildHasher, RandomState};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use reqwest::header::{HeaderMap, HeaderValue};
use sha2::Sha256;
use standard_webhooks_client::webhooks::{Event, WebhookError, WebhookVerifier, WEBHOOK_KEY_ENV};

const PAID: &str = r#"{"type":"invoice.paid","timestamp":"2024-05-01T10:00:00Z","data":{"id":"in_1","amount":1200}}"#;

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// A secret no other run uses, as an API shows it.
fn fresh_secret() -> String {
    let bytes: Vec<u8> = (0..4)
        .flat_map(|index| RandomState::new().hash_one(index).to_le_bytes())
        .collect();
    format!("whsec_{}", b64().encode(bytes))
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> String {
    let key = b64().decode(secret.trim_start_matches("whsec_")).unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    format!("v1,{}", b64().encode(mac.finalize().into_bytes()))
}

fn headers(id: &str, timestamp: i64, signature: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", HeaderValue::from_str(id).unwrap());
    headers.insert(
        "webhook-timestamp",
        HeaderValue::from_str(&timestamp.to_string()).unwrap(),
    );
    headers.insert(
        "webhook-signature",
        HeaderValue::from_str(signature).unwrap(),
    );
    headers
}

fn signed(secret: &str, body: &[u8], timestamp: i64) -> HeaderMap {
    headers("msg_1", timestamp, &sign(secret, "msg_1", timestamp, body))
}

/// The headers of the `invoice.paid` delivery, signed with `secret` now.
fn paid_now(secret: &str) -> HeaderMap {
    signed(secret, PAID.as_bytes(), now())
}

#[test]
fn the_schemes_published_test_vector_verifies() {
    let verifier = WebhookVerifier::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let body = br#"{"test": 2432232314}"#;
    let at = UNIX_EPOCH + Duration::from_secs(1614265330);
    let good = headers(
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
    verifier.verify_at(body, &good, at).unwrap();
    // While a secret is rotated, the header lists a signature per secret.
    let rotated = headers(
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
    verifier.verify_at(body, &rotated, at).unwrap();
}

#[test]
fn a_signed_delivery_decodes_to_its_typed_event() {
    let secret = fresh_secret();
    let verifier = WebhookVerifier::new(&secret).unwrap();
    let event = verifier
        .unwrap(PAID.as_bytes(), &paid_now(&secret))
        .unwrap();
    let Event::InvoicePaid(paid) = event else {
        panic!("not the paid event");
    };
    assert_eq!((paid.data.id.as_str(), paid.data.amount), ("in_1", 1200));
}

#[test]
fn one_flipped_byte_of_body_timestamp_id_or_signature_is_refused() {
    let secret = fresh_secret();
    let verifier = WebhookVerifier::new(&secret).unwrap();
    let timestamp = now();
    let good = signed(&secret, PAID.as_bytes(), timestamp);

    let mut body = PAID.as_bytes().to_vec();
    body[12] ^= 0x01;
    assert!(matches!(
        verifier.verify(&body, &good),
        Err(WebhookError::BadSignature)
    ));

    // Flipping the low bit of the last digit moves the time by one second,
    // still within the window, so only the signature can fail.
    let mut stamp = timestamp.to_string().into_bytes();
    *stamp.last_mut().unwrap() ^= 0x01;
    let mut later = good.clone();
    later.insert(
        "webhook-timestamp",
        HeaderValue::from_bytes(&stamp).unwrap(),
    );
    assert!(matches!(
        verifier.verify(PAID.as_bytes(), &later),
        Err(WebhookError::BadSignature)
    ));

    let mut other_id = good.clone();
    other_id.insert("webhook-id", HeaderValue::from_static("msg_2"));
    assert!(matches!(
        verifier.verify(PAID.as_bytes(), &other_id),
        Err(WebhookError::BadSignature)
    ));

    let signature = good["webhook-signature"].to_str().unwrap();
    let mut bytes = b64().decode(signature.trim_start_matches("v1,")).unwrap();
    bytes[0] ^= 0x01;
    let mut flipped = good.clone();
    flipped.insert(
        "webhook-signature",
        HeaderValue::from_str(&format!("v1,{}", b64().encode(bytes))).unwrap(),
    );
    assert!(matches!(
        verifier.verify(PAID.as_bytes(), &flipped),
        Err(WebhookError::BadSignature)
    ));
}

#[test]
fn another_secret_and_a_stale_timestamp_are_refused_apart() {
    let secret = fresh_secret();
    let verifier = WebhookVerifier::new(&secret).unwrap();
    let other = signed(&fresh_secret(), PAID.as_bytes(), now());
    assert!(matches!(
        verifier.verify(PAID.as_bytes(), &other),
        Err(WebhookError::BadSignature)
    ));

    let old = signed(&secret, PAID.as_bytes(), now() - 301);
    assert!(matches!(
        verifier.verify(PAID.as_bytes(), &old),
        Err(WebhookError::StaleTimestamp { .. })
    ));
    let wider = verifier.tolerance(Duration::from_secs(600));
    wider.verify(PAID.as_bytes(), &old).unwrap();
}

#[test]
fn missing_headers_and_bad_secrets_say_what_to_check() {
    let secret = fresh_secret();
    let verifier = WebhookVerifier::new(&secret).unwrap();
    let mut missing = paid_now(&secret);
    missing.remove("webhook-id");
    assert!(matches!(
        verifier.verify(PAID.as_bytes(), &missing),
        Err(WebhookError::MissingHeader { name: "webhook-id" })
    ));
    let mut unversioned = paid_now(&secret);
    unversioned.insert("webhook-signature", HeaderValue::from_static("v2,abc"));
    assert!(matches!(
        verifier.verify(PAID.as_bytes(), &unversioned),
        Err(WebhookError::InvalidHeader {
            name: "webhook-signature",
            ..
        })
    ));
    assert!(matches!(
        WebhookVerifier::new("whsec_!!"),
        Err(WebhookError::InvalidKey { .. })
    ));
    assert_eq!(WEBHOOK_KEY_ENV, "STANDARD_WEBHOOKS_CLIENT_WEBHOOK_SECRET");
}

#[test]
fn an_event_type_not_in_the_spec_is_kept_as_unknown_json() {
    let body =
        br#"{"type":"invoice.refunded","timestamp":"2024-05-01T10:00:00Z","data":{"id":"in_1"}}"#;
    let secret = fresh_secret();
    let event = WebhookVerifier::new(&secret)
        .unwrap()
        .unwrap(body, &signed(&secret, body, now()))
        .unwrap();
    assert_eq!(event, Event::Unknown(serde_json::from_slice(body).unwrap()));
}

#[test]
fn the_client_verifies_with_the_builders_secret() {
    let secret = fresh_secret();
    let client = standard_webhooks_client::Client::builder()
        .webhook_key(&secret)
        .build()
        .unwrap();
    let event = client
        .webhooks()
        .unwrap(PAID.as_bytes(), &paid_now(&secret))
        .unwrap();
    assert!(matches!(event, Event::InvoicePaid(_)));
}

#[tokio::test]
async fn a_webhooks_resource_shares_the_accessor_that_receives_deliveries() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .and(wiremock::matchers::path("/webhook_endpoints"))
        .respond_with(
            wiremock::ResponseTemplate::new(200).set_body_json(["https://example.com/hooks"]),
        )
        .mount(&server)
        .await;
    let secret = fresh_secret();
    let client = standard_webhooks_client::Client::builder()
        .base_url(server.uri())
        .webhook_key(&secret)
        .build()
        .unwrap();
    let webhooks = client.webhooks();
    let endpoints = webhooks.list_webhook_endpoints().await.unwrap();
    assert_eq!(endpoints, ["https://example.com/hooks"]);
    let event = webhooks
        .unwrap(PAID.as_bytes(), &paid_now(&secret))
        .unwrap();
    assert!(matches!(event, Event::InvoicePaid(_)));
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_receives_through_the_shared_webhooks_resource() {
    let secret = fresh_secret();
    let client = standard_webhooks_client::blocking::Client::builder()
        .webhook_key(&secret)
        .build()
        .unwrap();
    let event = client
        .webhooks()
        .unwrap(PAID.as_bytes(), &paid_now(&secret))
        .unwrap();
    assert!(matches!(event, Event::InvoicePaid(_)));
}
