//! No credential appears in `Debug` output, errors or `tracing` events, and
//! `from_env` reads one variable per credential. A test binary of its own,
//! since it sets environment variables that `build` reads.

use std::fmt::{self, Write};
use std::sync::{Arc, Mutex};

use auth_schemes::{Client, Error};
use tracing::field::{Field, Visit};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRETS: [&str; 6] = [
    "user-secret",
    "password-secret",
    "bearer-secret",
    "header-secret",
    "query-secret",
    "cookie-secret",
];

fn with_every_credential(base_url: &str) -> auth_schemes::ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .max_retries(0)
        .basic_auth(SECRETS[0], SECRETS[1])
        .bearer_token(SECRETS[2])
        .header_key(SECRETS[3])
        .query_key(SECRETS[4])
        .cookie_key(SECRETS[5])
        .oauth2_client_credentials("client-id", "client-secret")
}

fn assert_no_secret(text: &str) {
    for secret in SECRETS.iter().chain(&["client-secret"]) {
        assert!(!text.contains(secret), "{secret} shown in {text}");
    }
}

#[test]
fn credentials_never_appear_in_debug_output() {
    let builder = with_every_credential("http://127.0.0.1:1");
    assert_no_secret(&format!("{builder:?}"));
    let client = builder.build().expect("client builds");
    let debug = format!("{client:?}");
    assert_no_secret(&debug);
    assert!(
        debug.contains("basicAuth"),
        "the schemes set are named: {debug}"
    );
}

#[tokio::test]
async fn a_connection_error_does_not_show_a_query_key() {
    // Nothing listens on port 1.
    let client = with_every_credential("http://127.0.0.1:1").build().unwrap();
    let error = client
        .checks()
        .get_query_key()
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    assert_no_secret(&error.to_string());
    assert_no_secret(&format!("{error:?}"));
}

/// Keeps every event of the client as text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        metadata.target().starts_with("auth_schemes")
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut line = String::new();
        event.record(&mut Line(&mut line));
        self.0.lock().unwrap().push(line);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn tracing_events_never_show_a_credential() {
    let capture = Capture::default();
    let events = Arc::clone(&capture.0);
    tracing::subscriber::with_default(capture, || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(
                    ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})),
                )
                .mount(&server)
                .await;
            let client = with_every_credential(&server.uri()).build().unwrap();
            let checks = client.checks();
            for call in [
                checks.get_basic(),
                checks.get_combined(),
                checks.get_cookie_key(),
            ] {
                call.await.expect("call succeeds");
            }
            let offline = with_every_credential("http://127.0.0.1:1").build().unwrap();
            let _ = offline.checks().get_query_key().await;
        });
    });
    let events = events.lock().unwrap();
    // The failed attempt's event shows the URL, where the query key was.
    assert!(
        events.iter().any(|event| event.contains("api_key=")),
        "{events:?}"
    );
    for event in events.iter() {
        assert_no_secret(event);
    }
}

#[tokio::test]
async fn from_env_reads_one_variable_per_credential() {
    // The only test that sets these variables.
    std::env::set_var("AUTH_SCHEMES_USERNAME", "env-user");
    std::env::set_var("AUTH_SCHEMES_PASSWORD", "env-password");
    std::env::set_var("AUTH_SCHEMES_HEADER_KEY", "env-header");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .mount(&server)
        .await;
    std::env::set_var("AUTH_SCHEMES_BASE_URL", server.uri());
    let client = Client::from_env().expect("client builds");
    client
        .checks()
        .get_basic()
        .await
        .expect("basic call succeeds");
    client
        .checks()
        .get_header_key()
        .await
        .expect("key call succeeds");
    let bearer = client.checks().get_bearer().await;
    assert!(
        matches!(bearer, Err(Error::MissingCredentials(_))),
        "{bearer:?}"
    );
    let requests = server.received_requests().await.unwrap();
    let header = |index: usize, name: &str| {
        requests[index]
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    // base64 of `env-user:env-password`.
    assert_eq!(
        header(0, "authorization").as_deref(),
        Some("Basic ZW52LXVzZXI6ZW52LXBhc3N3b3Jk")
    );
    assert_eq!(header(1, "x-api-key").as_deref(), Some("env-header"));
}
