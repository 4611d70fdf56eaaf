//! The status, headers and request id of a successful call, and its body
//! undecoded; every scenario runs against the async and the blocking client.

mod common;

use common::{Call, Harness, Mode, RECORDING_ID};
use telnyx_openapi::Error;
use wiremock::ResponseTemplate;

fn with_response_gives_the_status_headers_request_id_and_value(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![common::ok_answer()
        .insert_header("x-request-id", "req-ok")
        .insert_header("x-rate-limit-remaining", "99")]);
    let response = harness
        .retrieve(mode, &common::base_url(&server), &Call::default())
        .expect("the seed decodes");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.request_id(), Some("req-ok"));
    assert_eq!(response.headers()["x-rate-limit-remaining"], "99");
    assert_eq!(response.value().data.id.to_string(), RECORDING_ID);
    assert_eq!(response.into_value().data.id.to_string(), RECORDING_ID);
}

fn raw_gives_the_body_without_decoding_it(mode: Mode) {
    let harness = Harness::new();
    let body = "this is not the recording's JSON";
    let server = harness.script(vec![ResponseTemplate::new(200)
        .insert_header("x-request-id", "req-raw")
        .set_body_raw(body, "text/plain")]);
    let response = harness
        .retrieve_raw(mode, &common::base_url(&server), &Call::default())
        .expect("nothing is decoded");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.request_id(), Some("req-raw"));
    assert_eq!(response.value(), body.as_bytes());
}

fn raw_still_reports_error_statuses(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![common::error_answer(404)]);
    let result = harness.retrieve_raw(mode, &common::base_url(&server), &Call::default());
    assert!(matches!(result, Err(Error::Api(_))), "{result:?}");
}

in_both_modes!(
    with_response_gives_the_status_headers_request_id_and_value,
    raw_gives_the_body_without_decoding_it,
    raw_still_reports_error_statuses,
);
