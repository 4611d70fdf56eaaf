//! OAuth2 client credentials: the token is fetched from the token URL with
//! the client's id and secret, kept until shortly before it expires, fetched
//! again when the API refuses it (and the call retried once), and fetched
//! once for many concurrent calls; against a local mock.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use auth_schemes::models::Status;
use auth_schemes::{Client, Error, RawBody};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN_PATH: &str = "/oauth/token";

/// Answers token requests with `tok-1`, `tok-2`, … valid for `lifetime` seconds.
struct Tokens {
    issued: Arc<AtomicUsize>,
    lifetime: u64,
    delay: Duration,
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let number = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_delay(self.delay)
            .set_body_json(serde_json::json!({
                "access_token": format!("tok-{number}"),
                "token_type": "Bearer",
                "expires_in": self.lifetime,
            }))
    }
}

/// A mock serving both the API (accepting `accepted` tokens) and the token
/// endpoint; returns how many tokens it has issued.
async fn server(
    lifetime: u64,
    delay: Duration,
    accepted: &[&str],
) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(Tokens {
            issued: Arc::clone(&issued),
            lifetime,
            delay,
        })
        .mount(&server)
        .await;
    for token in accepted {
        Mock::given(path("/reports"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
            .mount(&server)
            .await;
    }
    Mock::given(path("/reports"))
        .respond_with(ResponseTemplate::new(401))
        .with_priority(u8::MAX)
        .mount(&server)
        .await;
    (server, issued)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .oauth2_client_credentials("client-1", "secret+1")
        .oauth2_token_url(format!("{}{TOKEN_PATH}", server.uri()))
        .max_retries(0)
        .build()
        .expect("client builds")
}

/// The `Authorization` headers the API (not the token endpoint) received.
async fn api_authorizations(server: &MockServer) -> Vec<String> {
    let requests = server
        .received_requests()
        .await
        .expect("requests are recorded");
    requests
        .iter()
        .filter(|request| request.url.path() == "/reports")
        .map(|request| {
            let value = request.headers.get("authorization").expect("authorized");
            value.to_str().expect("text").to_string()
        })
        .collect()
}

#[tokio::test]
async fn the_token_request_authenticates_the_client_and_asks_for_the_specs_scopes() {
    let (server, _) = server(3600, Duration::ZERO, &["tok-1"]).await;
    client(&server)
        .reports()
        .list_reports()
        .await
        .expect("call succeeds");
    let requests = server.received_requests().await.unwrap();
    let token = requests
        .iter()
        .find(|request| request.url.path() == TOKEN_PATH)
        .expect("a token was asked for");
    // RFC 6749 2.3.1: id and secret are form-encoded, then sent with HTTP Basic.
    let basic = token
        .headers
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(basic, "Basic Y2xpZW50LTE6c2VjcmV0JTJCMQ==");
    let content_type = token.headers.get("content-type").unwrap().to_str().unwrap();
    assert_eq!(content_type, "application/x-www-form-urlencoded");
    let body = String::from_utf8(token.body.clone()).unwrap();
    assert_eq!(
        body,
        "grant_type=client_credentials&scope=reports%3Aread%20reports%3Awrite"
    );
}

#[tokio::test]
async fn a_token_is_fetched_once_and_reused_until_it_expires() {
    let (server, issued) = server(3600, Duration::ZERO, &["tok-1"]).await;
    let client = client(&server);
    client
        .reports()
        .list_reports()
        .await
        .expect("first call succeeds");
    client
        .reports()
        .create(&Status::new(true))
        .await
        .expect("second call succeeds");
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-1"]
    );
}

#[tokio::test]
async fn a_token_about_to_expire_is_replaced_before_it_is_sent() {
    // A one-second token is replaced after half its lifetime.
    let (server, issued) = server(1, Duration::ZERO, &["tok-1", "tok-2"]).await;
    let client = client(&server);
    client
        .reports()
        .list_reports()
        .await
        .expect("first call succeeds");
    tokio::time::sleep(Duration::from_millis(600)).await;
    client
        .reports()
        .list_reports()
        .await
        .expect("second call succeeds");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-2"]
    );
}

#[tokio::test]
async fn a_refused_token_is_replaced_and_the_call_sent_again_with_its_body() {
    let (server, issued) = server(3600, Duration::ZERO, &["tok-2"]).await;
    let created = client(&server).reports().create(&Status::new(true)).await;
    assert!(created.is_ok(), "{created:?}");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-2"]
    );
    let requests = server.received_requests().await.unwrap();
    let bodies: Vec<&[u8]> = requests
        .iter()
        .filter(|request| request.url.path() == "/reports")
        .map(|request| request.body.as_slice())
        .collect();
    assert_eq!(
        bodies,
        [br#"{"ok":true}"#.as_slice(), br#"{"ok":true}"#.as_slice()]
    );
}

#[tokio::test]
async fn a_second_refusal_is_returned_rather_than_retried_again() {
    let (server, issued) = server(3600, Duration::ZERO, &[]).await;
    let result = client(&server).reports().list_reports().await;
    assert_eq!(
        result
            .as_ref()
            .err()
            .and_then(Error::status)
            .map(|s| s.as_u16()),
        Some(401)
    );
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(api_authorizations(&server).await.len(), 2);
}

#[tokio::test]
async fn concurrent_calls_wait_for_a_single_token_fetch() {
    let (server, issued) = server(3600, Duration::from_millis(200), &["tok-1"]).await;
    let client = client(&server);
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.reports().list_reports().await })
        })
        .collect();
    for call in calls {
        call.await.expect("task finishes").expect("call succeeds");
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    assert_eq!(api_authorizations(&server).await.len(), 8);
}

#[tokio::test]
async fn a_refused_token_request_is_a_token_error_and_the_api_is_not_called() {
    let server = MockServer::start().await;
    Mock::given(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(serde_json::json!({"error": "invalid_client"})),
        )
        .mount(&server)
        .await;
    let result = client(&server).reports().list_reports().await;
    let Err(Error::Token(message)) = result else {
        panic!("expected a token error, got {result:?}");
    };
    assert!(
        message.contains("400") && message.contains("invalid_client"),
        "{message}"
    );
    assert!(!message.contains("secret+1"), "{message}");
    assert!(api_authorizations(&server).await.is_empty());
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_fetches_and_sends_tokens_too() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (server, issued) = runtime.block_on(server(3600, Duration::ZERO, &["tok-1"]));
    let client = auth_schemes::blocking::Client::builder()
        .base_url(server.uri())
        .oauth2_client_credentials("client-1", "secret+1")
        .oauth2_token_url(format!("{}{TOKEN_PATH}", server.uri()))
        .build()
        .expect("client builds");
    client
        .reports()
        .list_reports()
        .send()
        .expect("first call succeeds");
    client
        .reports()
        .list_reports()
        .send()
        .expect("second call succeeds");
    assert_eq!(issued.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_streamed_upload_refused_for_its_token_is_not_resent_but_the_token_is_replaced() {
    let (server, issued) = server(3600, Duration::ZERO, &["tok-2"]).await;
    let client = client(&server);
    let reader = std::io::Cursor::new(b"report".to_vec());
    let upload = client
        .reports()
        .upload_report(RawBody::from_reader(reader))
        .await;
    assert_eq!(
        upload
            .as_ref()
            .err()
            .and_then(Error::status)
            .map(|s| s.as_u16()),
        Some(401),
        "a body read once cannot go out again"
    );
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    let listed = client.reports().list_reports().await;
    assert!(listed.is_ok(), "{listed:?}");
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-2"]
    );
}
