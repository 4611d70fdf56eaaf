//! Per-request headers and query parameters, and the client's default
//! headers; every scenario runs against the async and the blocking client.

mod common;

use common::{Call, Harness, Mode};
use telnyx_openapi::{Client, Error};
use wiremock::matchers::{header, query_param};
use wiremock::{Mock, MockServer, Request};

fn extra_headers_and_query_parameters_are_sent(mode: Mode) {
    let harness = Harness::new();
    let server = harness.block_on(async {
        let server = MockServer::start().await;
        Mock::given(header("x-trace", "abc"))
            .and(query_param("include", "urls"))
            .respond_with(common::ok_answer())
            .mount(&server)
            .await;
        server
    });
    let call = Call {
        header: Some(("X-Trace", "abc")),
        query: Some(("include", "urls")),
        ..Call::default()
    };
    let result = harness.retrieve(mode, &common::base_url(&server), &call);
    assert!(result.is_ok(), "{result:?}");
}

/// A mock API that answers only requests with this header, sent once with
/// this one value.
fn expecting_header(harness: &Harness, name: &'static str, value: &'static str) -> MockServer {
    harness.block_on(async {
        let server = MockServer::start().await;
        Mock::given(move |request: &Request| {
            let values: Vec<_> = request.headers.get_all(name).iter().collect();
            values == [value]
        })
        .respond_with(common::ok_answer())
        .mount(&server)
        .await;
        server
    })
}

fn default_headers_are_sent(mode: Mode) {
    let harness = Harness::new();
    let server = expecting_header(&harness, "x-team", "billing");
    let call = Call {
        default_header: Some(("x-team", "billing")),
        ..Call::default()
    };
    let result = harness.retrieve(mode, &common::base_url(&server), &call);
    assert!(result.is_ok(), "{result:?}");
}

fn a_requests_header_replaces_the_default(mode: Mode) {
    let harness = Harness::new();
    let server = expecting_header(&harness, "x-trace", "from-request");
    let call = Call {
        default_header: Some(("x-trace", "from-client")),
        header: Some(("x-trace", "from-request")),
        ..Call::default()
    };
    let result = harness.retrieve(mode, &common::base_url(&server), &call);
    assert!(result.is_ok(), "{result:?}");
}

fn an_invalid_header_is_refused_before_sending(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![common::ok_answer()]);
    let call = Call {
        header: Some(("bad header", "x")),
        ..Call::default()
    };
    let result = harness.retrieve(mode, &common::base_url(&server), &call);
    assert!(
        matches!(result, Err(Error::InvalidRequest(_))),
        "{result:?}"
    );
    assert_eq!(harness.requests(&server), 0);
}

#[test]
fn an_invalid_default_header_fails_the_build() {
    let result = Client::builder()
        .api_key("k")
        .default_header("x-ok", "line\nbreak")
        .build();
    assert!(matches!(result, Err(Error::Config(_))), "{result:?}");
}

#[test]
fn an_api_key_that_cannot_be_a_header_fails_the_build() {
    let result = Client::builder().api_key("line\nbreak").build();
    assert!(matches!(result, Err(Error::Config(_))), "{result:?}");
}

#[test]
fn a_base_url_that_is_not_an_http_url_without_a_query_fails_the_build() {
    for base_url in [
        "api.telnyx.com/v2",
        "localhost:8080",
        "ftp://api.telnyx.com/v2",
        "https://api.telnyx.com/v2?region=eu",
    ] {
        match Client::builder().api_key("k").base_url(base_url).build() {
            Err(Error::Config(message)) => assert!(message.contains(base_url), "{message}"),
            other => panic!("{base_url}: expected a configuration error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_client_made_with_such_a_key_refuses_every_request() {
    let client = Client::new("line\nbreak");
    let result = client.recordings().retrieve("id").await;
    assert!(matches!(result, Err(Error::Config(_))), "{result:?}");
}

in_both_modes!(
    extra_headers_and_query_parameters_are_sent,
    default_headers_are_sent,
    a_requests_header_replaces_the_default,
    an_invalid_header_is_refused_before_sending,
);

#[test]
fn a_client_defaults_to_sixty_second_attempts_and_two_retries() {
    let client = Client::new("k");
    let debug = format!("{client:?}");
    assert!(debug.contains("timeout: 60s"), "{debug}");
    assert!(debug.contains("max_retries: 2"), "{debug}");
}
