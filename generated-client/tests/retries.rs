//! Which failures are retried, how often, and how long the client waits
//! first; every scenario runs against the async and the blocking client.

mod common;

use std::time::{Duration, SystemTime};

use common::{error_answer, ok_answer, Call, Fault, FaultServer, Harness, Mode};
use telnyx_openapi::{ApiErrorKind, Error};

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// Asserts that `delay` is backoff for the `retry`th retry: 0.5 s doubling,
/// less up to 25% jitter.
fn assert_backoff(delay: Duration, retry: u32) {
    let full = ms(500) * 2u32.pow(retry - 1);
    assert!(
        delay > full.mul_f64(0.75) - ms(1) && delay <= full,
        "retry {retry} waited {delay:?}, not backoff from {full:?}"
    );
}

fn server_errors_then_success_succeed_on_the_third_attempt(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![error_answer(500), error_answer(500), ok_answer()]);
    let result = harness.retrieve(mode, &common::base_url(&server), &Call::default());
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(harness.requests(&server), 3);
}

fn persistent_server_errors_fail_after_three_attempts(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![error_answer(500); 4]);
    let error =
        common::api_error(harness.retrieve(mode, &common::base_url(&server), &Call::default()));
    assert_eq!(error.kind(), ApiErrorKind::InternalServer);
    assert_eq!(harness.requests(&server), 3);
}

fn backoff_doubles_between_retries(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![error_answer(500); 3]);
    let _ = harness.retrieve(mode, &common::base_url(&server), &Call::default());
    let sleeps = harness.sleeps();
    assert_eq!(sleeps.len(), 2, "{sleeps:?}");
    assert_backoff(sleeps[0], 1);
    assert_backoff(sleeps[1], 2);
}

fn retry_after_seconds_sets_the_delay(mode: Mode) {
    let harness = Harness::new();
    let limited = error_answer(429).insert_header("retry-after", "1");
    let server = harness.script(vec![limited, ok_answer()]);
    let result = harness.retrieve(mode, &common::base_url(&server), &Call::default());
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(harness.sleeps(), [Duration::from_secs(1)]);
}

fn retry_after_ms_sets_the_delay(mode: Mode) {
    let harness = Harness::new();
    let limited = error_answer(429).insert_header("retry-after-ms", "1500");
    let server = harness.script(vec![limited, ok_answer()]);
    let result = harness.retrieve(mode, &common::base_url(&server), &Call::default());
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(harness.sleeps(), [ms(1500)]);
}

fn retry_after_http_date_sets_the_delay(mode: Mode) {
    let harness = Harness::new();
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
    let limited = error_answer(429).insert_header("retry-after", date.as_str());
    let server = harness.script(vec![limited, ok_answer()]);
    let result = harness.retrieve(mode, &common::base_url(&server), &Call::default());
    assert!(result.is_ok(), "{result:?}");
    let sleeps = harness.sleeps();
    // HTTP dates have whole seconds, and a little time passes.
    assert!(
        sleeps.len() == 1
            && sleeps[0] > Duration::from_secs(28)
            && sleeps[0] <= Duration::from_secs(30),
        "{sleeps:?}"
    );
}

fn huge_retry_after_falls_back_to_backoff(mode: Mode) {
    let harness = Harness::new();
    let limited = error_answer(429).insert_header("retry-after", "3600");
    let server = harness.script(vec![limited, ok_answer()]);
    let result = harness.retrieve(mode, &common::base_url(&server), &Call::default());
    assert!(result.is_ok(), "{result:?}");
    let sleeps = harness.sleeps();
    assert_eq!(sleeps.len(), 1);
    assert_backoff(sleeps[0], 1);
}

fn x_should_retry_false_stops_a_server_error_at_once(mode: Mode) {
    let harness = Harness::new();
    let refused = error_answer(503).insert_header("x-should-retry", "false");
    let server = harness.script(vec![refused, ok_answer()]);
    let error =
        common::api_error(harness.retrieve(mode, &common::base_url(&server), &Call::default()));
    assert_eq!(error.status().as_u16(), 503);
    assert_eq!(harness.requests(&server), 1);
}

fn x_should_retry_true_retries_a_bad_request(mode: Mode) {
    let harness = Harness::new();
    let retry = error_answer(400).insert_header("x-should-retry", "true");
    let server = harness.script(vec![retry, ok_answer()]);
    let result = harness.retrieve(mode, &common::base_url(&server), &Call::default());
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(harness.requests(&server), 2);
}

fn timeouts_conflicts_rate_limits_and_server_errors_are_retried(mode: Mode) {
    for status in [408, 409, 429, 500, 502, 503, 504] {
        let harness = Harness::new();
        let server = harness.script(vec![error_answer(status), ok_answer()]);
        let result = harness.retrieve(mode, &common::base_url(&server), &Call::default());
        assert!(result.is_ok(), "{status}: {result:?}");
        assert_eq!(harness.requests(&server), 2, "{status}");
    }
}

fn other_client_errors_are_not_retried(mode: Mode) {
    for status in [400, 401, 403, 404, 422] {
        let harness = Harness::new();
        let server = harness.script(vec![error_answer(status), ok_answer()]);
        let error =
            common::api_error(harness.retrieve(mode, &common::base_url(&server), &Call::default()));
        assert_eq!(error.status().as_u16(), status);
        assert_eq!(harness.requests(&server), 1, "{status}");
    }
}

fn max_retries_zero_on_the_request_sends_exactly_one_request(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![error_answer(500), ok_answer()]);
    let call = Call {
        max_retries: Some(0),
        ..Call::default()
    };
    let result = harness.retrieve(mode, &common::base_url(&server), &call);
    assert!(matches!(result, Err(Error::Api(_))), "{result:?}");
    assert_eq!(harness.requests(&server), 1);
}

fn max_retries_zero_on_the_client_sends_exactly_one_request(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![error_answer(500), ok_answer()]);
    let call = Call {
        client_max_retries: Some(0),
        ..Call::default()
    };
    let result = harness.retrieve(mode, &common::base_url(&server), &call);
    assert!(matches!(result, Err(Error::Api(_))), "{result:?}");
    assert_eq!(harness.requests(&server), 1);
}

fn the_requests_max_retries_replaces_the_clients(mode: Mode) {
    let harness = Harness::new();
    let server = harness.script(vec![error_answer(500); 6]);
    let call = Call {
        client_max_retries: Some(1),
        max_retries: Some(4),
        ..Call::default()
    };
    let _ = harness.retrieve(mode, &common::base_url(&server), &call);
    assert_eq!(harness.requests(&server), 5);
}

fn a_server_that_never_answers_times_out_and_is_retried(mode: Mode) {
    let harness = Harness::new();
    let server = FaultServer::start(Fault::NeverAnswer);
    let call = Call {
        client_timeout: Some(ms(50)),
        ..Call::default()
    };
    let result = harness.retrieve(mode, &server.base_url(), &call);
    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
    assert_eq!(server.connections(), 3);
}

fn the_requests_timeout_replaces_the_clients(mode: Mode) {
    let harness = Harness::new();
    let server = FaultServer::start(Fault::NeverAnswer);
    let call = Call {
        client_timeout: Some(Duration::from_secs(600)),
        timeout: Some(ms(50)),
        max_retries: Some(0),
        ..Call::default()
    };
    let result = harness.retrieve(mode, &server.base_url(), &call);
    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
}

fn a_refused_connection_is_retried_then_reported_as_a_connection_error(mode: Mode) {
    let harness = Harness::new();
    let result = harness.retrieve(mode, &common::refused_base_url(), &Call::default());
    assert!(matches!(result, Err(Error::Connection(_))), "{result:?}");
    assert_eq!(harness.sleeps().len(), 2);
}

fn a_reset_mid_body_is_retried_then_reported_as_a_connection_error(mode: Mode) {
    let harness = Harness::new();
    let server = FaultServer::start(Fault::ResetMidBody);
    let result = harness.retrieve(mode, &server.base_url(), &Call::default());
    assert!(matches!(result, Err(Error::Connection(_))), "{result:?}");
    assert_eq!(server.connections(), 3);
}

in_both_modes!(
    server_errors_then_success_succeed_on_the_third_attempt,
    persistent_server_errors_fail_after_three_attempts,
    backoff_doubles_between_retries,
    retry_after_seconds_sets_the_delay,
    retry_after_ms_sets_the_delay,
    retry_after_http_date_sets_the_delay,
    huge_retry_after_falls_back_to_backoff,
    x_should_retry_false_stops_a_server_error_at_once,
    x_should_retry_true_retries_a_bad_request,
    timeouts_conflicts_rate_limits_and_server_errors_are_retried,
    other_client_errors_are_not_retried,
    max_retries_zero_on_the_request_sends_exactly_one_request,
    max_retries_zero_on_the_client_sends_exactly_one_request,
    the_requests_max_retries_replaces_the_clients,
    a_server_that_never_answers_times_out_and_is_retried,
    the_requests_timeout_replaces_the_clients,
    a_refused_connection_is_retried_then_reported_as_a_connection_error,
    a_reset_mid_body_is_retried_then_reported_as_a_connection_error,
);
