//! Client overhead: `retrieve` through the generated client versus the same
//! call written by hand with reqwest + serde_json, both against a local
//! keep-alive server that answers with the seed's recording. Run by
//! `cargo xtask bench`.

use std::hint::black_box;
use std::time::Instant;

use reqwest::header::ACCEPT;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use tokio::task::JoinSet;

use benchmarks::{compare, per_second, quick, report, SEED};

const RECORDING_ID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const API_KEY: &str = "bench-key";
const IN_FLIGHT: usize = 64;

fn main() {
    let (rounds, calls) = if quick() { (1, 128) } else { (41, 1_280) };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let base_url = start_server(&runtime);
    let generated = telnyx_openapi::Client::builder()
        .api_key(API_KEY)
        .base_url(&base_url)
        .build()
        .expect("the client builds");
    let baseline = Baseline {
        http: reqwest::Client::new(),
        base_url,
    };

    let (ours, theirs) = (&generated, &baseline);
    let sequential = compare(
        rounds,
        || {
            time(&runtime, calls, || async move {
                black_box(ours.recordings().retrieve(RECORDING_ID).await).is_ok()
            })
        },
        || {
            time(&runtime, calls, || async move {
                black_box(theirs.retrieve(RECORDING_ID).await).is_ok()
            })
        },
    );
    report("client-sequential", sequential, "calls/s");

    let concurrent = compare(
        rounds,
        || {
            concurrently(&runtime, calls, generated.clone(), |client| async move {
                black_box(client.recordings().retrieve(RECORDING_ID).await).is_ok()
            })
        },
        || {
            concurrently(&runtime, calls, baseline.clone(), |baseline| async move {
                black_box(baseline.retrieve(RECORDING_ID).await).is_ok()
            })
        },
    );
    report("client-concurrent", concurrent, "calls/s");
}

/// Calls per second of `calls` calls made one after the other.
fn time<F>(runtime: &Runtime, calls: usize, call: impl Fn() -> F) -> f64
where
    F: std::future::Future<Output = bool>,
{
    runtime.block_on(async {
        // Opens the connection before the clock starts.
        assert!(call().await, "a call failed");
        let start = Instant::now();
        for _ in 0..calls {
            assert!(call().await, "a call failed");
        }
        per_second(calls, start.elapsed())
    })
}

/// Calls per second of `calls` calls with `IN_FLIGHT` of them in flight at once.
fn concurrently<C, F>(runtime: &Runtime, calls: usize, client: C, call: fn(C) -> F) -> f64
where
    C: Clone + Send + 'static,
    F: std::future::Future<Output = bool> + Send + 'static,
{
    runtime.block_on(async {
        let start = Instant::now();
        let mut tasks = JoinSet::new();
        for _ in 0..IN_FLIGHT {
            let client = client.clone();
            let share = calls / IN_FLIGHT;
            tasks.spawn(async move {
                for _ in 0..share {
                    assert!(call(client.clone()).await, "a call failed");
                }
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.expect("a task panicked");
        }
        per_second(calls / IN_FLIGHT * IN_FLIGHT, start.elapsed())
    })
}

/// The same call written by hand: what the generated client must not be slower than.
#[derive(Clone)]
struct Baseline {
    http: reqwest::Client,
    base_url: String,
}

impl Baseline {
    async fn retrieve(
        &self,
        id: &str,
    ) -> Result<benchmarks::RecordingResponse, Box<dyn std::error::Error>> {
        let response = self
            .http
            .get(format!("{}/recordings/{id}", self.base_url))
            .bearer_auth(API_KEY)
            .header(ACCEPT, "application/json")
            .send()
            .await?
            .error_for_status()?;
        Ok(serde_json::from_slice(&response.bytes().await?)?)
    }
}

/// A minimal HTTP/1.1 keep-alive server that answers every request with the
/// seed; returns its base URL. It runs on the clients' own single-threaded
/// runtime: a call then costs what its code costs, without the noise of
/// waking another thread on a shared machine.
fn start_server(runtime: &Runtime) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
    let address = listener.local_addr().expect("the port's address");
    listener
        .set_nonblocking(true)
        .expect("a non-blocking listener");
    runtime.spawn(async move {
        let listener = TcpListener::from_std(listener).expect("a tokio listener");
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream));
        }
    });
    format!("http://{address}")
}

async fn serve(mut stream: TcpStream) {
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{SEED}",
        SEED.len()
    );
    let mut buffer = Vec::new();
    let mut chunk = [0; 4096];
    loop {
        // Requests are bodiless GETs: each ends at its blank line.
        while let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            buffer.drain(..end + 4);
            if stream.write_all(response.as_bytes()).await.is_err() {
                return;
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
        }
    }
}
