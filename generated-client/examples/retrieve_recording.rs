//! The seed's example: retrieve a call recording and print it.
//!
//! ```sh
//! TELNYX_API_KEY=... cargo run -p telnyx-openapi --example retrieve_recording -- <recording_id>
//! ```
//!
//! `TELNYX_BASE_URL` points it at another server, such as a local mock.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let recording_id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "recording_id".to_string());
    let client = match telnyx_openapi::Client::from_env() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    match client.recordings().retrieve(&recording_id).await {
        Ok(recording) => {
            println!("{:#?}", recording.data);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
