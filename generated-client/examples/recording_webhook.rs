//! Receives Telnyx's recording webhooks, verifies each delivery's signature
//! and prints the id of every recording that is ready.
//!
//! ```sh
//! TELNYX_PUBLIC_KEY=<the public key from the portal> \
//!     cargo run -p telnyx --example recording_webhook -- 127.0.0.1:8080
//! ```
//!
//! Point a Call Control application's webhook URL at the server (through a
//! tunnel when it runs on your machine), and record a call.

use std::convert::Infallible;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use telnyx_openapi::webhooks::{Event, WebhookVerifier};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".to_string());
    let verifier = WebhookVerifier::from_env()?;
    let listener = TcpListener::bind(&address).await?;
    println!("listening on http://{}", listener.local_addr()?);
    serve(listener, verifier, |line| println!("{line}")).await?;
    Ok(())
}

/// Answers every delivery: `200` once it is verified and decoded (Telnyx
/// retries anything else), `400` when it is refused. `report` gets one line
/// per delivery.
pub async fn serve<R>(
    listener: TcpListener,
    verifier: WebhookVerifier,
    report: R,
) -> std::io::Result<()>
where
    R: Fn(String) + Clone + Send + Sync + 'static,
{
    loop {
        let (stream, _) = listener.accept().await?;
        let verifier = verifier.clone();
        let report = report.clone();
        let service = service_fn(move |request: Request<Incoming>| {
            let verifier = verifier.clone();
            let report = report.clone();
            async move {
                let (parts, body) = request.into_parts();
                // The signature covers the body exactly as sent, so it is read as bytes.
                let status = match body.collect().await {
                    Ok(body) => match verifier.unwrap(&body.to_bytes(), &parts.headers) {
                        Ok(event) => {
                            report(describe(&event));
                            StatusCode::OK
                        }
                        Err(error) => {
                            report(format!("refused: {error}"));
                            StatusCode::BAD_REQUEST
                        }
                    },
                    Err(error) => {
                        report(format!("could not read the body: {error}"));
                        StatusCode::BAD_REQUEST
                    }
                };
                let mut response = Response::new(Full::new(Bytes::new()));
                *response.status_mut() = status;
                Ok::<_, Infallible>(response)
            }
        });
        tokio::spawn(async move {
            if let Err(error) = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                eprintln!("connection error: {error}");
            }
        });
    }
}

/// One line about an event.
pub fn describe(event: &Event) -> String {
    match event {
        Event::CallRecordingSaved(event) => {
            let payload = event.data.as_ref().and_then(|data| data.payload.as_ref());
            let id = payload.and_then(|p| p.recording_id.as_deref());
            let mp3 = payload
                .and_then(|p| p.recording_urls.as_ref())
                .and_then(|urls| urls.mp3.as_deref());
            format!(
                "recording {} saved, mp3 at {}",
                id.unwrap_or("(no id)"),
                mp3.unwrap_or("(no link)")
            )
        }
        Event::CallRecordingError(event) => {
            let reason = event
                .data
                .as_ref()
                .and_then(|data| data.payload.as_ref())
                .and_then(|payload| payload.reason.as_ref());
            format!("a call could not be recorded: {reason:?}")
        }
        Event::Unknown(value) => format!(
            "ignored `{}`",
            value
                .pointer("/data/event_type")
                .and_then(|tag| tag.as_str())
                .unwrap_or("an event without a type")
        ),
        _ => "ignored an event this example does not handle".to_string(),
    }
}
