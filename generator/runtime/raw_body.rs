//! Request bodies sent as they are (`application/octet-stream`, audio,
//! images, text): bytes held in memory, or a stream read as it is sent.

use std::fmt;
use std::path::Path;

use bytes::Bytes;
use reqwest::header::HeaderValue;
use tokio::io::AsyncRead;
use tokio_util::io::ReaderStream;

use crate::request::{Attempt, StreamedBody};
use crate::{Request, Transport};

/// The body of an operation that sends raw content, with the media type the
/// spec gives it.
///
/// Bytes (from a `Vec<u8>`, [`Bytes`], a string or a static slice) can be
/// sent again, so a request carrying them is retried as any other. A file, a
/// reader or a stream is sent as it is read, never held whole in memory, and
/// so can be sent only once: a request carrying one is never retried,
/// whatever `max_retries` says, and a failed attempt is returned as the error.
pub struct RawBody {
    content: Content,
}

enum Content {
    Bytes(Bytes),
    /// Taken by the one attempt that sends it.
    Stream(Option<reqwest::Body>),
}

impl RawBody {
    /// Whatever `reader` yields, streamed as the request is sent.
    pub fn from_reader(reader: impl AsyncRead + Send + 'static) -> Self {
        RawBody::from_stream(ReaderStream::new(reader))
    }

    /// The file at `path`, streamed as the request is sent.
    ///
    /// # Errors
    ///
    /// When the file cannot be opened.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let file = tokio::fs::File::open(path).await?;
        Ok(RawBody::from_reader(file))
    }

    /// The chunks `stream` yields, sent as they come; an error it yields
    /// fails the request.
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        RawBody {
            content: Content::Stream(Some(reqwest::Body::wrap_stream(stream))),
        }
    }

    /// Whether the body can be sent again, so that its request may be retried.
    pub fn is_replayable(&self) -> bool {
        matches!(self.content, Content::Bytes(_))
    }
}

impl From<Bytes> for RawBody {
    fn from(bytes: Bytes) -> Self {
        RawBody {
            content: Content::Bytes(bytes),
        }
    }
}

impl From<Vec<u8>> for RawBody {
    fn from(bytes: Vec<u8>) -> Self {
        RawBody::from(Bytes::from(bytes))
    }
}

impl From<&'static [u8]> for RawBody {
    fn from(bytes: &'static [u8]) -> Self {
        RawBody::from(Bytes::from_static(bytes))
    }
}

impl From<String> for RawBody {
    fn from(text: String) -> Self {
        RawBody::from(Bytes::from(text))
    }
}

impl From<&'static str> for RawBody {
    fn from(text: &'static str) -> Self {
        RawBody::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<tokio::fs::File> for RawBody {
    fn from(file: tokio::fs::File) -> Self {
        RawBody::from_reader(file)
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.content {
            Content::Bytes(bytes) => write!(f, "RawBody({} bytes)", bytes.len()),
            Content::Stream(_) => f.write_str("RawBody(stream)"),
        }
    }
}

/// A raw body with its media type, made into each attempt's body.
struct Sendable {
    body: RawBody,
    media_type: &'static str,
}

impl StreamedBody for Sendable {
    fn replayable(&self) -> bool {
        self.body.is_replayable()
    }

    fn attempt(&mut self, _last: bool) -> Attempt {
        let body = match &mut self.body.content {
            // A clone of `Bytes` shares the buffer: nothing is copied.
            Content::Bytes(bytes) => reqwest::Body::from(bytes.clone()),
            // Only one attempt is made; a second would send nothing.
            Content::Stream(stream) => stream.take().unwrap_or_else(|| reqwest::Body::from("")),
        };
        // Bytes carry their length in the body itself; a stream's is unknown.
        Attempt {
            body,
            content_type: HeaderValue::from_static(self.media_type),
            length: None,
        }
    }
}

// Not every spec has raw bodies.
#[allow(dead_code)]
impl<'a, T, C: Transport> Request<'a, T, C> {
    /// Sends `body` as it is, with this media type.
    pub(crate) fn raw_body(self, body: RawBody, media_type: &'static str) -> Self {
        self.streamed_body(Sendable { body, media_type })
    }
}
