//! API errors by kind, with what they carry; every scenario runs against the
//! async and the blocking client.

mod common;

use common::{error_answer, Call, Harness, Mode};
use telnyx_openapi::{ApiErrorKind, Error, ErrorBody};
use wiremock::ResponseTemplate;

fn once() -> Call {
    Call {
        max_retries: Some(0),
        ..Call::default()
    }
}

fn each_error_status_has_its_kind(mode: Mode) {
    for (status, kind) in [
        (400, ApiErrorKind::BadRequest),
        (401, ApiErrorKind::Authentication),
        (403, ApiErrorKind::PermissionDenied),
        (404, ApiErrorKind::NotFound),
        (409, ApiErrorKind::Conflict),
        (422, ApiErrorKind::UnprocessableEntity),
        (429, ApiErrorKind::RateLimit),
        (500, ApiErrorKind::InternalServer),
        (503, ApiErrorKind::InternalServer),
        (418, ApiErrorKind::Other),
    ] {
        let harness = Harness::new();
        let server = harness.script(vec![error_answer(status)]);
        let error = common::api_error(harness.retrieve(mode, &common::base_url(&server), &once()));
        assert_eq!(error.kind(), kind, "{status}");
        assert_eq!(error.status().as_u16(), status);
    }
}

fn api_errors_carry_the_request_id_telnyx_errors_and_raw_body(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![error_answer(404)]);
    let result = harness.retrieve(mode, &common::base_url(&server), &once());
    assert_eq!(
        result.as_ref().err().and_then(Error::request_id),
        Some("req-123")
    );
    let error = common::api_error(result);
    assert_eq!(error.request_id(), Some("req-123"));
    assert_eq!(error.headers()["x-request-id"], "req-123");
    let Some(ErrorBody::Errors(typed)) = error.typed_body() else {
        panic!("not the spec's `Errors`: {error:?}");
    };
    let first = &typed.errors.as_deref().unwrap()[0];
    assert_eq!(first.code, "10005");
    assert_eq!(first.title, "Resource not found");
    assert_eq!(first.detail.as_deref(), Some("Gone."));
    let body: serde_json::Value = serde_json::from_slice(error.body()).unwrap();
    assert_eq!(body["errors"][0]["code"], "10005");
}

fn api_errors_display_as_one_line(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![error_answer(404)]);
    let error = harness
        .retrieve(mode, &common::base_url(&server), &once())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "404 Not Found: Resource not found (code 10005)"
    );
}

fn errors_say_whether_a_retry_might_help(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![
        error_answer(429),
        error_answer(404),
        error_answer(503).insert_header("x-should-retry", "false"),
    ]);
    let url = common::base_url(&server);
    let retryable: Vec<bool> = (0..3)
        .map(|_| {
            harness
                .retrieve(mode, &url, &once())
                .unwrap_err()
                .is_retryable()
        })
        .collect();
    assert_eq!(retryable, [true, false, false]);
}

fn an_error_status_without_telnyx_errors_keeps_its_body(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![
        ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html")
    ]);
    let error = common::api_error(harness.retrieve(mode, &common::base_url(&server), &once()));
    assert!(error.typed_body().is_none());
    assert_eq!(error.body(), b"<html>Bad Gateway</html>");
    assert_eq!(
        error.to_string(),
        "502 Bad Gateway: <html>Bad Gateway</html>"
    );
}

fn connection_errors_are_not_api_errors(mode: Mode) {
    let harness = Harness::new();
    let error = harness
        .retrieve(mode, &common::refused_base_url(), &once())
        .unwrap_err();
    assert!(matches!(error, Error::Connection(_)), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(error.is_retryable());
}

in_both_modes!(
    each_error_status_has_its_kind,
    api_errors_carry_the_request_id_telnyx_errors_and_raw_body,
    api_errors_display_as_one_line,
    errors_say_whether_a_retry_might_help,
    an_error_status_without_telnyx_errors_keeps_its_body,
    connection_errors_are_not_api_errors,
);
