//! A synchronous client, for programs without an async runtime.
//!
//! It has the same API as the async [`Client`](crate::Client): the same
//! builder, resources, options and errors; a request is sent with `.send()`
//! instead of being awaited.
//!
//! It runs the async client on a small runtime of its own (one worker
//! thread), so retries, timeouts and `tracing` events behave the same. Like
//! `reqwest::blocking`, it must not be used, or dropped, inside an async
//! runtime: that panics.

use std::fmt;
use std::sync::Arc;

use crate::client::sealed::Sealed;
use crate::{ClientBuilder, Error, Request, Transport};

/// The synchronous client: a [`crate::Client`] with a runtime of its own.
///
/// Cloning is cheap and shares the connection pool and the runtime.
#[derive(Clone)]
pub struct Client {
    client: crate::Client,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl Client {
    /// Wraps an async client made by `new`.
    ///
    /// # Panics
    ///
    /// If the runtime cannot be initialised.
    // Only specs with one secret, or none, have `new`.
    #[allow(dead_code)]
    pub(crate) fn wrap(client: crate::Client) -> Self {
        match Client::from_client(client) {
            Ok(client) => client,
            Err(error) => panic!("{error}"),
        }
    }

    /// A client whose credentials come from the environment, like [`crate::Client::from_env`].
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::default().build()
    }

    /// A builder to set the credentials, base URL, timeout, retries, default
    /// headers or HTTP client.
    pub fn builder() -> ClientBuilder<Client> {
        ClientBuilder::default()
    }

    /// The base URL requests go to, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        self.client.base_url()
    }

    /// Runs `future` on the client's runtime, blocking the thread.
    // Only paginators use it, and not every spec has them.
    #[allow(dead_code)]
    pub(crate) fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}

impl Transport for Client {}

impl Sealed for Client {
    fn client(&self) -> &crate::Client {
        &self.client
    }

    fn from_client(client: crate::Client) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name(concat!(env!("CARGO_PKG_NAME"), "-blocking"))
            .enable_all()
            .build()
            .map_err(|error| {
                Error::Config(format!("cannot start the client's runtime: {error}"))
            })?;
        Ok(Client {
            client,
            runtime: Arc::new(runtime),
        })
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Client").field(&self.client).finish()
    }
}

impl<T> Request<'_, T, Client> {
    /// Sends the request, with retries, and decodes the answer, blocking
    /// the thread until it is done.
    pub fn send(self) -> Result<T, Error> {
        let runtime = Arc::clone(&self.transport().runtime);
        runtime.block_on(self.execute())
    }
}
