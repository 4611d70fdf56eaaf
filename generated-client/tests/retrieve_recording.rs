//! The generated client against a local mock server, for the retrieve operation.

use std::time::Duration;

use telnyx_openapi::models::{
    RecordingChannels, RecordingRecordType, RecordingSource, RecordingStatus,
};
use telnyx_openapi::{Client, Error, ErrorBody};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SEED: &str = include_str!("data/recording.json");
const RECORDING_ID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(format!("{}/v2", server.uri()))
        // Retries of error statuses happen at once instead of after backoff.
        .sleep_impl(|_| async {})
        .build()
        .expect("client builds")
}

async fn serve(status: u16, body: &str, content_type: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type),
        )
        .mount(&server)
        .await;
    server
}

fn api_error(
    result: Result<telnyx_openapi::models::RecordingResponse, Error>,
) -> Box<telnyx_openapi::ApiError> {
    match result {
        Err(Error::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn seed_response_decodes_to_the_seed_values() {
    let server = serve(200, SEED, "application/json").await;
    let recording = client_for(&server)
        .recordings()
        .retrieve(RECORDING_ID)
        .await
        .expect("the seed decodes")
        .data;

    assert_eq!(
        recording.call_control_id.as_deref(),
        Some("v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw")
    );
    assert_eq!(
        recording.call_leg_id.as_deref(),
        Some("84a97d76-e40f-11ed-9074-02420a0daa69")
    );
    assert_eq!(
        recording.call_session_id.as_deref(),
        Some("84a97d76-e40f-11ed-9074-02420a0daa69")
    );
    assert_eq!(recording.channels, Some(RecordingChannels::Dual));
    assert_eq!(
        recording.conference_id.as_deref(),
        Some("84a97d76-e40f-11ed-9074-02420a0daa69")
    );
    assert_eq!(
        recording.created_at.map(|t| t.to_rfc3339()),
        Some("2018-02-02T22:25:27.521+00:00".to_string())
    );
    let urls = recording.download_urls.expect("download_urls");
    assert_eq!(urls.mp3.as_deref(), Some("<string>"));
    assert_eq!(urls.wav.as_deref(), Some("<string>"));
    assert_eq!(recording.duration_millis, Some(60000));
    assert_eq!(recording.id.to_string(), RECORDING_ID);
    assert_eq!(recording.record_type, RecordingRecordType::Recording);
    assert_eq!(
        recording.recording_started_at.map(|t| t.to_rfc3339()),
        Some("2019-01-23T18:10:02.574+00:00".to_string())
    );
    assert_eq!(recording.recording_ended_at, recording.recording_started_at);
    assert_eq!(recording.source, Some(RecordingSource::Conference));
    assert_eq!(recording.status, Some(RecordingStatus::Completed));
    assert_eq!(recording.updated_at, recording.created_at);
}

#[tokio::test]
async fn seed_response_round_trips_through_serde() {
    let decoded: telnyx_openapi::models::RecordingResponse = serde_json::from_str(SEED).unwrap();
    let reencoded = serde_json::to_value(&decoded).unwrap();
    let original: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let again: telnyx_openapi::models::RecordingResponse =
        serde_json::from_value(reencoded).unwrap();
    assert_eq!(again, decoded);
    assert_eq!(original["data"]["source"], serde_json::json!("conference"));
}

#[tokio::test]
async fn auth_accept_and_user_agent_headers_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/recordings/{RECORDING_ID}")))
        .and(header("authorization", "Bearer test-key"))
        .and(header("accept", "application/json"))
        .and(header(
            "user-agent",
            concat!("telnyx-openapi/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw(SEED, "application/json"))
        .expect(1)
        .mount(&server)
        .await;

    client_for(&server)
        .recordings()
        .retrieve(RECORDING_ID)
        .await
        .expect("the request matches");
}

#[tokio::test]
async fn error_statuses_become_api_errors_with_telnyx_error_objects() {
    for (status, code, title) in [
        (401, "10009", "Authentication failed"),
        (404, "10005", "Resource not found"),
        (422, "10015", "Invalid parameter"),
    ] {
        let body = serde_json::json!({
            "errors": [{
                "code": code,
                "title": title,
                "detail": "More about it.",
                "source": {"pointer": "/recording_id"}
            }]
        });
        let server = serve(status, &body.to_string(), "application/json").await;
        let error = api_error(client_for(&server).recordings().retrieve("x").await);

        assert_eq!(error.status().as_u16(), status);
        let Some(ErrorBody::Errors(typed)) = error.typed_body() else {
            panic!("not the spec's `Errors`: {error:?}");
        };
        let first = &typed.errors.as_deref().unwrap()[0];
        assert_eq!(first.code, code);
        assert_eq!(first.title, title);
        assert_eq!(first.detail.as_deref(), Some("More about it."));
        assert_eq!(
            first.source.as_ref().and_then(|s| s.pointer.as_deref()),
            Some("/recording_id")
        );
    }
}

#[tokio::test]
async fn api_error_displays_as_one_line() {
    let body = r#"{"errors":[{"code":"10005","title":"Resource not found"}]}"#;
    let server = serve(404, body, "application/json").await;
    let error = client_for(&server)
        .recordings()
        .retrieve("x")
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "404 Not Found: Resource not found (code 10005)"
    );
}

#[tokio::test]
async fn non_json_error_keeps_the_raw_body() {
    let server = serve(502, "<html>Bad Gateway</html>", "text/html").await;
    let error = api_error(client_for(&server).recordings().retrieve("x").await);
    assert_eq!(error.status().as_u16(), 502);
    assert!(error.typed_body().is_none());
    assert_eq!(error.body(), b"<html>Bad Gateway</html>");
    assert_eq!(
        error.to_string(),
        "502 Bad Gateway: <html>Bad Gateway</html>"
    );
}

#[tokio::test]
async fn unknown_enum_values_are_kept() {
    let body = SEED.replace("\"conference\"", "\"webrtc\"");
    let server = serve(200, &body, "application/json").await;
    let recording = client_for(&server)
        .recordings()
        .retrieve("x")
        .await
        .unwrap()
        .data;
    let source = recording.source.expect("source");
    assert_eq!(source, RecordingSource::Unknown("webrtc".to_string()));
    assert_eq!(source.as_str(), "webrtc");
    assert_eq!(
        serde_json::to_value(&source).unwrap(),
        serde_json::json!("webrtc")
    );
}

#[tokio::test]
async fn missing_optional_fields_decode_as_none() {
    let body = format!(r#"{{"data": {{"id": "{RECORDING_ID}", "record_type": "recording"}}}}"#);
    let server = serve(200, &body, "application/json").await;
    let recording = client_for(&server)
        .recordings()
        .retrieve("x")
        .await
        .unwrap()
        .data;
    assert_eq!(recording.channels, None);
    assert_eq!(recording.duration_millis, None);
    assert_eq!(recording.download_urls, None);
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    let body = SEED.replace("\"channels\"", "\"brand_new_field\": 1, \"channels\"");
    let server = serve(200, &body, "application/json").await;
    let recording = client_for(&server)
        .recordings()
        .retrieve("x")
        .await
        .unwrap()
        .data;
    assert_eq!(recording.channels, Some(RecordingChannels::Dual));
}

#[tokio::test]
async fn decode_errors_name_the_json_path_and_show_the_body() {
    let body = SEED.replace("60000", "\"a minute\"");
    let server = serve(200, &body, "application/json").await;
    match client_for(&server).recordings().retrieve("x").await {
        Err(Error::Decode(error)) => {
            assert_eq!(error.path(), "data.duration_millis");
            assert!(
                error.excerpt().starts_with("{   \"data\""),
                "{}",
                error.excerpt()
            );
            assert!(error.excerpt().chars().count() <= 201);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn hostile_ids_stay_inside_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/recordings/a%2F..%2Fb%3Fc%23d"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(SEED, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    client_for(&server)
        .recordings()
        .retrieve("a/../b?c#d")
        .await
        .expect("the encoded path matches");
}

#[tokio::test]
async fn empty_and_dot_ids_are_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = client_for(&server);
    for id in ["", ".", ".."] {
        match client.recordings().retrieve(id).await {
            Err(Error::InvalidRequest(message)) => assert!(message.contains("recording_id")),
            other => panic!("expected the id {id:?} to be refused, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(500)))
        .mount(&server)
        .await;
    let result = client_for(&server)
        .recordings()
        .retrieve("x")
        .timeout(Duration::from_millis(50))
        .await;
    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
}

/// A mock API that answers after half a second.
async fn slow_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(500)))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_clients_timeout_applies_to_every_request() {
    let server = slow_server().await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .timeout(Duration::from_millis(50))
        .max_retries(0)
        .build()
        .expect("client builds");
    let result = client.recordings().retrieve("x").await;
    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
}

#[tokio::test]
async fn the_clients_timeout_applies_with_an_http_client_of_your_own() {
    let server = slow_server().await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .http_client(reqwest::Client::new())
        .timeout(Duration::from_millis(50))
        .max_retries(0)
        .build()
        .expect("client builds");
    let result = client.recordings().retrieve("x").await;
    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
}

#[test]
fn the_api_key_never_appears_in_debug_output() {
    let client = Client::new("secret-key-123");
    let builder = Client::builder().api_key("secret-key-123");
    assert!(!format!("{client:?}").contains("secret-key-123"));
    assert!(!format!("{builder:?}").contains("secret-key-123"));
}

#[tokio::test]
async fn a_key_that_cannot_be_sent_is_not_shown_in_the_error() {
    let client = Client::new("secret\nkey-123");
    let error = client
        .recordings()
        .retrieve(RECORDING_ID)
        .await
        .expect_err("the key cannot be a header");
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert!(
        !format!("{error} {error:?}").contains("key-123"),
        "{error:?}"
    );
}

#[test]
fn from_env_without_a_key_is_a_configuration_error() {
    // The only test that touches this variable, so it cannot race another.
    std::env::remove_var(telnyx_openapi::API_KEY_ENV);
    assert!(matches!(Client::from_env(), Err(Error::Config(_))));
}

#[test]
fn an_awaited_request_is_a_future_with_a_name_that_can_be_stored() {
    fn sendable<F: std::future::Future + Send>(future: F) -> F {
        future
    }
    struct Pending<'a> {
        call: telnyx_openapi::Sending<'a, telnyx_openapi::models::RecordingResponse>,
    }
    let client = Client::new("k");
    let pending = Pending {
        call: sendable(std::future::IntoFuture::into_future(
            client.recordings().retrieve(RECORDING_ID),
        )),
    };
    drop(pending.call);
}

#[test]
fn polling_a_finished_request_again_is_an_error_not_a_panic() {
    use std::future::{Future, IntoFuture};
    use std::task::{Context, Poll, Waker};
    // A key that cannot be a header: the request fails before any I/O.
    let client = Client::new("line\nbreak");
    let mut call = std::pin::pin!(client.recordings().retrieve(RECORDING_ID).into_future());
    let mut cx = Context::from_waker(Waker::noop());
    let first = call.as_mut().poll(&mut cx);
    assert!(
        matches!(first, Poll::Ready(Err(Error::Config(_)))),
        "{first:?}"
    );
    let again = call.as_mut().poll(&mut cx);
    assert!(
        matches!(again, Poll::Ready(Err(Error::InvalidRequest(_)))),
        "{again:?}"
    );
}
