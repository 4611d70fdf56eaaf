//! Each common shape of error body decodes into the type the spec documents
//! for its operation and status, and its one-line `Display` uses the
//! schema's message field; against a local mock.

use error_shapes::models::{BasicError, CodedError, Errors, NestedError};
use error_shapes::{ApiError, Client, Error, ErrorBody};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn error_for(route: &str, answer: ResponseTemplate) -> ApiError {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(answer)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds");
    let result = match route.split('/').nth(1) {
        Some("charges") => client.charges().retrieve("x").await.map(drop),
        Some("calls") => client.calls().retrieve("x").await.map(drop),
        Some("repos") => client.repos().retrieve("x").await.map(drop),
        Some("articles") => client.articles().retrieve("x").await.map(drop),
        other => panic!("no operation for {other:?}"),
    };
    match result {
        Err(Error::Api(error)) => *error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn json_answer(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

#[tokio::test]
async fn a_nested_error_object_decodes_for_a_status_range() {
    let body = json!({"error": {"type": "card_error", "message": "Your card was declined.", "param": "card"}});
    let error = error_for("/charges/x", json_answer(402, body)).await;
    let Some(ErrorBody::NestedError(NestedError { error: inner, .. })) = error.typed_body() else {
        panic!("not a NestedError: {error:?}");
    };
    assert_eq!(inner.type_, "card_error");
    assert_eq!(inner.param.as_deref(), Some("card"));
    assert_eq!(
        error.to_string(),
        "402 Payment Required: Your card was declined."
    );
}

#[tokio::test]
async fn a_flat_error_with_a_numeric_code_decodes() {
    let body = json!({"code": 20404, "message": "The requested resource was not found", "more_info": "https://example.com/20404", "status": 404});
    let error = error_for("/calls/x", json_answer(404, body)).await;
    let Some(ErrorBody::CodedError(coded)) = error.typed_body() else {
        panic!("not a CodedError: {error:?}");
    };
    assert_eq!(coded.code, 20404);
    assert_eq!(
        coded.more_info.as_deref(),
        Some("https://example.com/20404")
    );
    assert_eq!(
        error.to_string(),
        "404 Not Found: The requested resource was not found (code 20404)"
    );
}

#[tokio::test]
async fn a_message_with_a_documentation_url_decodes() {
    let body =
        json!({"message": "Validation Failed", "documentation_url": "https://docs.example.com"});
    let error = error_for("/repos/x", json_answer(422, body)).await;
    let expected =
        BasicError::new("Validation Failed").with_documentation_url("https://docs.example.com");
    assert_eq!(error.typed_body(), Some(&ErrorBody::BasicError(expected)));
    assert_eq!(
        error.to_string(),
        "422 Unprocessable Entity: Validation Failed"
    );
}

#[tokio::test]
async fn json_api_errors_decode_for_the_default_response() {
    let body = json!({"errors": [
        {"status": "409", "code": "taken", "title": "Slug taken", "source": {"pointer": "/data/attributes/slug"}},
        {"status": "409", "title": "Another"}
    ]});
    let answer =
        ResponseTemplate::new(409).set_body_raw(body.to_string(), "application/vnd.api+json");
    let error = error_for("/articles/x", answer).await;
    let Some(ErrorBody::Errors(Errors {
        errors: Some(errors),
        ..
    })) = error.typed_body()
    else {
        panic!("not Errors: {error:?}");
    };
    assert_eq!(
        errors[0].source.as_ref().and_then(|s| s.pointer.as_deref()),
        Some("/data/attributes/slug")
    );
    assert_eq!(
        error.to_string(),
        "409 Conflict: Slug taken (code taken) and 1 more"
    );
}

#[tokio::test]
async fn a_body_that_does_not_match_its_schema_stays_raw() {
    let error = error_for("/calls/x", json_answer(404, json!({"unexpected": true}))).await;
    assert_eq!(error.typed_body(), None);
    assert_eq!(error.body(), br#"{"unexpected":true}"#);
    assert_eq!(error.to_string(), r#"404 Not Found: {"unexpected":true}"#);
    // A status the spec does not document still decodes on request.
    let error = error_for(
        "/calls/x",
        json_answer(409, json!({"code": 1, "message": "m"})),
    )
    .await;
    assert_eq!(error.typed_body(), None);
    let coded: CodedError = error.body_as().expect("decodes as asked");
    assert_eq!(coded.code, 1);
}

#[tokio::test]
async fn the_request_id_is_read_from_the_common_headers() {
    let answer =
        json_answer(404, json!({"message": "Not Found"})).insert_header("request-id", "req_42");
    let error = error_for("/repos/x", answer).await;
    assert_eq!(error.request_id(), Some("req_42"));
}
