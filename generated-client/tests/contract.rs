//! The generated client against Prism, a mock server that serves and validates
//! `spec/openapi.yaml`: the spec, the generator and the client checked against
//! a server none of us wrote.
//!
//! Prism is installed into `xtask/mock/node_modules` by `npm ci` on first use
//! (see `mock_server`), and runs with `--errors`: a request or response that
//! breaks the spec gets an error answer whose `sl-violations` header lists the
//! violations. Without Node.js and npm these tests fail and say so.

mod examples;
mod mock_server;

use std::collections::BTreeSet;

use mock_server::Mode;
use reqwest::header::{HeaderMap, HeaderValue};
use telnyx_openapi::models::{Errors, RecordingResponse};
use telnyx_openapi::{ApiError, Client, Error, ErrorBody};

const API_KEY: &str = "contract-test-key";

/// How many random responses the dynamic-mode test decodes.
const RANDOM_RESPONSES: usize = 200;

/// How many of them are in flight at a time.
const CONCURRENT_REQUESTS: usize = 4;

fn client(mode: Mode) -> Client {
    client_with(mode, reqwest::Client::new())
}

fn client_with(mode: Mode, http: reqwest::Client) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(mock_server::url(mode))
        .http_client(http)
        .build()
        .expect("the client builds")
}

/// The id the spec gives as the example of the `recording_id` parameter.
fn recording_id() -> String {
    examples::PATHS_RECORDINGS_RECORDING_ID_GET_PARAMETERS_0_EXAMPLE.decode()
}

/// What went wrong, with the violations Prism found when it found any.
fn explain(error: &Error) -> String {
    match error {
        Error::Api(api) => match violations(api) {
            Some(violations) => format!(
                "Prism found the exchange breaks the spec: {violations}\n(it answered {}: {})",
                api.status(),
                api.body_text()
            ),
            None => format!("{error}; the body: {}", api.body_text()),
        },
        other => other.to_string(),
    }
}

fn violations(error: &ApiError) -> Option<&str> {
    let header = error.headers().get("sl-violations")?;
    Some(header.to_str().unwrap_or("(not UTF-8)"))
}

fn accepted<T>(result: Result<T, Error>) -> T {
    result.unwrap_or_else(|error| panic!("{}", explain(&error)))
}

#[tokio::test]
async fn a_retrieved_recording_decodes_to_the_spec_example() {
    let response = client(Mode::Static)
        .recordings()
        .retrieve(&recording_id())
        .await;

    let expected: RecordingResponse =
        examples::COMPONENTS_SCHEMAS_RECORDING_RESPONSE_EXAMPLE.decode();
    assert_eq!(accepted(response), expected);
}

#[tokio::test]
async fn prism_accepts_every_request_the_client_sends() {
    // Random answers made from the schemas, so that a bad example in the spec
    // fails only the tests about examples.
    let client = client(Mode::Dynamic);
    // The spec's id, and ids the client must percent-encode into the path.
    for id in [recording_id().as_str(), "a b/c?d#e%f", "é"] {
        let response = client.recordings().retrieve(id).await;
        if let Err(error) = response {
            panic!("retrieving {id:?}: {}", explain(&error));
        }
    }
}

#[tokio::test]
async fn prism_rejects_a_request_without_the_auth_header() {
    // Shows that Prism checks the auth header the client sends.
    let url = format!(
        "{}/recordings/{}",
        mock_server::url(Mode::Static),
        recording_id()
    );
    let response = reqwest::get(url).await.expect("Prism answers");

    assert_eq!(response.status(), 401);
    let violations = response.headers().get("sl-violations");
    assert!(
        violations.is_some_and(|v| v.to_str().is_ok_and(|v| v.contains("security"))),
        "{violations:?}"
    );
}

/// The error the client returns when Prism is asked, with `Prefer: code=…`,
/// for the response of that status.
async fn error_for_status(code: u16) -> Box<ApiError> {
    let mut headers = HeaderMap::new();
    let prefer = HeaderValue::from_str(&format!("code={code}")).expect("a valid header");
    headers.insert("prefer", prefer);
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("the HTTP client builds");
    let client = client_with(Mode::Static, http);
    match client.recordings().retrieve(&recording_id()).await {
        Err(Error::Api(error)) if violations(&error).is_none() => error,
        Err(error) => panic!("asking for a {code}: {}", explain(&error)),
        Ok(response) => panic!("asked for a {code}, got a success: {response:?}"),
    }
}

/// Checks that `error` is the spec's `Errors` example, sent with `status`.
fn assert_is_the_errors_example(error: &ApiError, status: u16) {
    let expected: Errors = examples::COMPONENTS_SCHEMAS_ERRORS_EXAMPLE.decode();
    let received = match error.typed_body() {
        Some(ErrorBody::Errors(received)) => received,
        other => panic!("not the spec's `Errors`: {other:?}"),
    };

    assert_eq!(error.status().as_u16(), status);
    assert_eq!(received, &expected);
}

#[tokio::test]
async fn unauthorized_comes_back_as_a_typed_api_error() {
    let error = error_for_status(401).await;
    assert_is_the_errors_example(&error, 401);
}

#[tokio::test]
async fn not_found_comes_back_as_a_typed_api_error() {
    let error = error_for_status(404).await;
    assert_is_the_errors_example(&error, 404);
}

#[tokio::test]
async fn unprocessable_entity_comes_back_as_a_typed_api_error() {
    let error = error_for_status(422).await;
    assert_is_the_errors_example(&error, 422);
}

#[tokio::test]
async fn a_status_the_spec_covers_by_default_comes_back_as_a_typed_api_error() {
    let error = error_for_status(503).await;
    assert_is_the_errors_example(&error, 503);
}

#[tokio::test]
async fn random_responses_that_conform_to_the_schema_all_decode() {
    let client = client(Mode::Dynamic);
    let id = recording_id();
    // A few requests in flight at a time keep Prism busy.
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..CONCURRENT_REQUESTS {
        let (client, id) = (client.clone(), id.clone());
        requests.spawn(async move {
            let mut results = Vec::new();
            for _ in 0..RANDOM_RESPONSES / CONCURRENT_REQUESTS {
                results.push(client.recordings().retrieve(&id).await);
            }
            results
        });
    }
    let mut failures = Vec::new();
    let mut ids = BTreeSet::new();
    while let Some(results) = requests.join_next().await {
        for result in results.expect("the request task completes") {
            match result {
                Ok(response) => {
                    ids.insert(response.data.id);
                }
                Err(error) => failures.push(explain(&error)),
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {RANDOM_RESPONSES} random responses failed; the first: {}",
        failures.len(),
        failures[0]
    );
    // Random ids differ: Prism really did make the responses up.
    assert!(ids.len() > RANDOM_RESPONSES / 2, "{ids:?}");
}
