//! The seed's example, run as a user would, against a local server.

use std::path::PathBuf;
use std::process::{Command, Output};

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SEED: &str = include_str!("data/recording.json");

/// `cargo test` builds the examples beside the test binaries' `deps/` folder.
fn example_binary() -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary has a path");
    let target_dir = test_binary
        .parent()
        .and_then(|deps| deps.parent())
        .expect("test binaries live in <target>/<profile>/deps");
    target_dir.join("examples").join(format!(
        "retrieve_recording{}",
        std::env::consts::EXE_SUFFIX
    ))
}

fn run_example(server: &MockServer) -> Output {
    Command::new(example_binary())
        .arg("recording_id")
        .env("TELNYX_API_KEY", "test-key")
        .env("TELNYX_BASE_URL", format!("{}/v2", server.uri()))
        .output()
        .expect("the example runs")
}

#[tokio::test]
async fn the_example_prints_the_seed_recording_and_exits_zero() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/recordings/recording_id"))
        .and(header("authorization", "Bearer test-key"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(SEED, "application/json"))
        .mount(&server)
        .await;

    let output = run_example(&server);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw"),
        "{stdout}"
    );
    assert!(
        stdout.contains("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        "{stdout}"
    );
}

#[tokio::test]
async fn the_example_reports_an_api_error_in_one_line_and_exits_non_zero() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_raw(
            r#"{"errors":[{"code":"10005","title":"Resource not found"}]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;

    let output = run_example(&server);
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "404 Not Found: Resource not found (code 10005)\n"
    );
}
