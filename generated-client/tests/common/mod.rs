//! What the behaviour tests share: one call of the retrieve operation through
//! either client, a mock API that answers from a script, and a TCP server
//! that misbehaves below HTTP.

// Each test file uses a different part of this module.
#![allow(dead_code)]

use std::future::IntoFuture;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use telnyx_openapi::models::RecordingResponse;
use telnyx_openapi::resources::Recordings;
use telnyx_openapi::{ApiError, Client, ClientBuilder, Error, Request, Response, Transport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::runtime::Runtime;
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const SEED: &str = include_str!("../data/recording.json");
pub const RECORDING_ID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
pub const API_KEY: &str = "test-key";

/// Which client sends the request.
#[derive(Debug, Clone, Copy)]
pub enum Mode {
    Async,
    #[cfg(feature = "blocking")]
    Blocking,
}

/// Runs each named scenario `fn name(mode: Mode)` as a test of the async
/// client and, with the `blocking` feature, as a test of the blocking one.
#[macro_export]
macro_rules! in_both_modes {
    ($($scenario:ident),* $(,)?) => {
        mod async_client {
            $(#[test]
            fn $scenario() {
                super::$scenario($crate::common::Mode::Async)
            })*
        }
        #[cfg(feature = "blocking")]
        mod blocking_client {
            $(#[test]
            fn $scenario() {
                super::$scenario($crate::common::Mode::Blocking)
            })*
        }
    };
}

/// Client and request settings of one call; `None` keeps the default.
#[derive(Debug, Clone, Default)]
pub struct Call {
    pub client_max_retries: Option<u32>,
    pub client_timeout: Option<Duration>,
    pub default_header: Option<(&'static str, &'static str)>,
    pub max_retries: Option<u32>,
    pub timeout: Option<Duration>,
    pub header: Option<(&'static str, &'static str)>,
    pub query: Option<(&'static str, &'static str)>,
}

/// A runtime for the mock servers and the async client, and the delays the
/// client asked to wait before retries (recorded, not slept).
pub struct Harness {
    runtime: Runtime,
    sleeps: Arc<Mutex<Vec<Duration>>>,
}

impl Harness {
    pub fn new() -> Self {
        Harness {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("test runtime"),
            sleeps: Arc::default(),
        }
    }

    /// The delays the client waited before each retry, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }

    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// A mock API under `/v2` that gives these answers in turn, then `404`.
    pub fn script(&self, answers: Vec<ResponseTemplate>) -> MockServer {
        self.block_on(async {
            let server = MockServer::start().await;
            for answer in answers {
                Mock::given(wiremock::matchers::any())
                    .respond_with(answer)
                    .up_to_n_times(1)
                    .mount(&server)
                    .await;
            }
            server
        })
    }

    /// How many requests the mock API received.
    pub fn requests(&self, server: &MockServer) -> usize {
        self.block_on(server.received_requests())
            .map_or(0, |requests| requests.len())
    }

    /// Retrieves the recording, keeping the status and headers.
    pub fn retrieve(
        &self,
        mode: Mode,
        base_url: &str,
        call: &Call,
    ) -> Result<Response<RecordingResponse>, Error> {
        match mode {
            Mode::Async => {
                let client: Client = self.client(base_url, call);
                self.send(call.request(&client).with_response())
            }
            #[cfg(feature = "blocking")]
            Mode::Blocking => {
                let client: telnyx_openapi::blocking::Client = self.client(base_url, call);
                self.send(call.request(&client).with_response())
            }
        }
    }

    /// Retrieves the recording without decoding the body.
    pub fn retrieve_raw(
        &self,
        mode: Mode,
        base_url: &str,
        call: &Call,
    ) -> Result<Response<Vec<u8>>, Error> {
        match mode {
            Mode::Async => {
                let client: Client = self.client(base_url, call);
                self.send(call.request(&client).raw())
            }
            #[cfg(feature = "blocking")]
            Mode::Blocking => {
                let client: telnyx_openapi::blocking::Client = self.client(base_url, call);
                self.send(call.request(&client).raw())
            }
        }
    }

    /// A client of the mock server that records its retry delays.
    fn client<C: Sender>(&self, base_url: &str, call: &Call) -> C {
        let sleeps = Arc::clone(&self.sleeps);
        let mut builder =
            C::builder()
                .api_key(API_KEY)
                .base_url(base_url)
                .sleep_impl(move |delay| {
                    sleeps.lock().unwrap().push(delay);
                    async {}
                });
        if let Some(retries) = call.client_max_retries {
            builder = builder.max_retries(retries);
        }
        if let Some(timeout) = call.client_timeout {
            builder = builder.timeout(timeout);
        }
        if let Some((name, value)) = call.default_header {
            builder = builder.default_header(name, value);
        }
        builder.build().expect("client builds")
    }

    fn send<C: Sender, T: Send>(&self, request: Request<'_, T, C>) -> Result<T, Error> {
        C::run(&self.runtime, request)
    }
}

impl Call {
    /// The retrieve request with this call's options.
    fn request<'a, C: Sender>(&self, client: &'a C) -> Request<'a, RecordingResponse, C> {
        let mut request = client.recordings().retrieve(RECORDING_ID);
        if let Some(retries) = self.max_retries {
            request = request.max_retries(retries);
        }
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        if let Some((name, value)) = self.header {
            request = request.header(name, value);
        }
        if let Some((name, value)) = self.query {
            request = request.query(name, value);
        }
        request
    }
}

/// Sends a request the way each client does.
trait Sender: Transport {
    fn builder() -> ClientBuilder<Self>;
    fn recordings(&self) -> Recordings<'_, Self>;
    fn run<T: Send>(runtime: &Runtime, request: Request<'_, T, Self>) -> Result<T, Error>;
}

impl Sender for Client {
    fn builder() -> ClientBuilder<Self> {
        Client::builder()
    }

    fn recordings(&self) -> Recordings<'_, Self> {
        Client::recordings(self)
    }

    fn run<T: Send>(runtime: &Runtime, request: Request<'_, T, Self>) -> Result<T, Error> {
        runtime.block_on(request.into_future())
    }
}

#[cfg(feature = "blocking")]
impl Sender for telnyx_openapi::blocking::Client {
    fn builder() -> ClientBuilder<Self> {
        telnyx_openapi::blocking::Client::builder()
    }

    fn recordings(&self) -> Recordings<'_, Self> {
        telnyx_openapi::blocking::Client::recordings(self)
    }

    fn run<T: Send>(_: &Runtime, request: Request<'_, T, Self>) -> Result<T, Error> {
        request.send()
    }
}

/// The base URL of a mock server, as the client is configured with it.
pub fn base_url(server: &MockServer) -> String {
    format!("{}/v2", server.uri())
}

/// An answer with a Telnyx error envelope and a request id.
pub fn error_answer(status: u16) -> ResponseTemplate {
    let body = serde_json::json!({
        "errors": [{"code": "10005", "title": "Resource not found", "detail": "Gone."}]
    });
    ResponseTemplate::new(status)
        .insert_header("x-request-id", "req-123")
        .set_body_json(body)
}

pub fn ok_answer() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(SEED, "application/json")
}

/// The API error of a failed call, or a panic naming what came instead.
pub fn api_error<T: std::fmt::Debug>(result: Result<T, Error>) -> Box<ApiError> {
    match result {
        Err(Error::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// How a [`FaultServer`] misbehaves on each connection.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// Reads the request and never answers.
    NeverAnswer,
    /// Starts a `200` answer, sends part of the body, then resets the connection.
    ResetMidBody,
}

/// A TCP server on its own thread that misbehaves on every connection.
pub struct FaultServer {
    pub addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl FaultServer {
    pub fn start(fault: Fault) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("non-blocking");
        let addr = listener.local_addr().expect("address");
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&connections);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                while let Ok((stream, _)) = listener.accept().await {
                    counter.fetch_add(1, Ordering::SeqCst);
                    tokio::spawn(misbehave(stream, fault));
                }
            });
        });
        FaultServer { addr, connections }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}/v2", self.addr)
    }

    /// How many connections were accepted.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

async fn misbehave(mut stream: tokio::net::TcpStream, fault: Fault) -> io::Result<()> {
    read_request_head(&mut stream).await?;
    match fault {
        Fault::NeverAnswer => {
            // Hold the connection open until the client gives up on it.
            let mut rest = Vec::new();
            stream.read_to_end(&mut rest).await?;
        }
        Fault::ResetMidBody => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                SEED.len()
            );
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(&SEED.as_bytes()[..20]).await?;
            stream.flush().await?;
            // A zero linger makes the close an RST instead of a FIN.
            stream.set_zero_linger()?;
        }
    }
    Ok(())
}

async fn read_request_head(stream: &mut tokio::net::TcpStream) -> io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    Ok(())
}

/// An address where nothing listens: connecting is refused.
pub fn refused_base_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{addr}/v2")
}
