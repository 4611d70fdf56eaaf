//! The `tracing` events of each attempt: what they name, and that the API
//! key is never among it.

mod common;

use std::fmt::{self, Write};
use std::sync::{Arc, Mutex};

use common::{error_answer, ok_answer, Call, Harness, Mode, API_KEY};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Keeps this crate's events as `message key=value ...` lines.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("telnyx_openapi")
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = Line(format!("{} ", event.metadata().level()));
        event.record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, "{}={value:?} ", field.name());
    }
}

#[test]
fn each_attempt_is_an_event_with_method_path_status_attempt_and_elapsed_time() {
    let harness = Harness::new();
    let limited = error_answer(429).insert_header("retry-after-ms", "250");
    let server = harness.script(vec![limited, ok_answer()]);
    let capture = Capture::default();
    let result = tracing::subscriber::with_default(capture.clone(), || {
        harness.retrieve(Mode::Async, &common::base_url(&server), &Call::default())
    });
    assert!(result.is_ok(), "{result:?}");
    let events = capture.0.lock().unwrap().clone();
    let path = format!("path=/v2/recordings/{}", common::RECORDING_ID);
    assert_eq!(events.len(), 3, "{events:#?}");
    let (failed, retrying, received) = (&events[0], &events[1], &events[2]);
    for (event, expected) in [
        (
            failed,
            [
                "message=attempt failed",
                "method=GET",
                &path,
                "attempt=1",
                "status=429",
                "elapsed=",
            ],
        ),
        (
            retrying,
            [
                "message=retrying",
                "method=GET",
                &path,
                "attempt=1",
                "delay=250ms",
                "INFO",
            ],
        ),
        (
            received,
            [
                "message=response received",
                "method=GET",
                &path,
                "attempt=2",
                "status=200",
                "elapsed=",
            ],
        ),
    ] {
        for part in expected {
            assert!(event.contains(part), "`{part}` missing from {event}");
        }
    }
    // The clock is read only when events can be recorded, as here.
    for event in [failed, received] {
        assert!(!event.contains("elapsed=0ns"), "{event}");
    }
}

#[test]
fn events_never_show_the_api_key() {
    let harness = Harness::new();
    let server = harness.script(vec![error_answer(500), ok_answer()]);
    let capture = Capture::default();
    tracing::subscriber::with_default(capture.clone(), || {
        let _ = harness.retrieve(Mode::Async, &common::base_url(&server), &Call::default());
    });
    let events = capture.0.lock().unwrap().clone();
    assert!(!events.is_empty());
    assert!(
        events.iter().all(|event| !event.contains(API_KEY)),
        "{events:#?}"
    );
}
