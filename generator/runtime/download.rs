//! Binary answers (audio, images, documents) read a chunk at a time, so that
//! a large body goes to a file or a socket without being held in memory.

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::{Client, Error, Request};

/// A successful answer whose body arrives as it is read, from
/// [`Request::download`].
///
/// The request's timeout covers reading the whole body, so give a large
/// download a longer one with [`Request::timeout`]. A failure while the
/// body is read is not retried: part of it may already have been used.
pub struct Download {
    response: reqwest::Response,
}

impl Download {
    /// The HTTP status, e.g. `200 OK`.
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The response headers, e.g. `content-type` and `content-length`.
    pub fn headers(&self) -> &HeaderMap {
        self.response.headers()
    }

    /// The request id, to quote when asking the API's support about a
    /// request: the first of [`REQUEST_ID_HEADERS`](crate::REQUEST_ID_HEADERS) the answer carries.
    pub fn request_id(&self) -> Option<&str> {
        crate::error::request_id(self.response.headers())
    }

    /// The next chunk of the body as it arrives; `None` once it is all read.
    ///
    /// # Errors
    ///
    /// [`Error::Connection`] or [`Error::Timeout`] when the body stops arriving.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        self.response.chunk().await.map_err(Error::from_reqwest)
    }

    /// Writes the rest of the body to `writer` a chunk at a time, then
    /// flushes it; returns how many bytes were written.
    ///
    /// # Errors
    ///
    /// [`Error::Write`] when `writer` fails, else as [`chunk`](Self::chunk).
    pub async fn write_to<W>(mut self, writer: &mut W) -> Result<u64, Error>
    where
        W: AsyncWrite + Unpin + ?Sized,
    {
        let mut written = 0;
        while let Some(chunk) = self.chunk().await? {
            writer.write_all(&chunk).await.map_err(Error::Write)?;
            written += chunk.len() as u64;
        }
        writer.flush().await.map_err(Error::Write)?;
        Ok(written)
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("status", &self.status())
            .finish_non_exhaustive()
    }
}

impl<'a> Request<'a, Vec<u8>, Client> {
    /// Sends the request and gives the answer with its body still to be
    /// read, a chunk at a time, instead of the whole body as a `Vec<u8>`.
    /// Connection failures and retryable error statuses are retried as
    /// usual; an error status is [`Error::Api`], its body decoded as the
    /// operation documents.
    ///
    /// # Errors
    ///
    /// As awaiting the request would, before the body is read.
    pub async fn download(self) -> Result<Download, Error> {
        let response = self.send_unread().await?;
        Ok(Download { response })
    }

    /// Sends the request and writes the answer's body to `writer` (a file,
    /// a socket) a chunk at a time, never holding it whole in memory;
    /// returns how many bytes were written. See [`download`](Self::download).
    ///
    /// # Errors
    ///
    /// As [`download`](Self::download), and as [`Download::write_to`] once
    /// the body is being written.
    pub async fn write_to<W>(self, writer: &mut W) -> Result<u64, Error>
    where
        W: AsyncWrite + Unpin + ?Sized,
    {
        self.download().await?.write_to(writer).await
    }
}

#[cfg(feature = "blocking")]
impl Request<'_, Vec<u8>, crate::blocking::Client> {
    /// Sends the request and writes the answer's body to `writer` (a file,
    /// a socket) a chunk at a time, never holding it whole in memory,
    /// blocking the thread until it is done; returns how many bytes were
    /// written. The request's timeout covers the whole body.
    ///
    /// # Errors
    ///
    /// As `send` would, before the body is read; [`Error::Write`] when
    /// `writer` fails; [`Error::Connection`] or [`Error::Timeout`] when the
    /// body stops arriving.
    pub fn write_to<W>(self, writer: &mut W) -> Result<u64, Error>
    where
        W: std::io::Write + ?Sized,
    {
        let transport = self.transport();
        transport.block_on(async {
            let mut download = Download {
                response: self.send_unread().await?,
            };
            let mut written = 0;
            while let Some(chunk) = download.chunk().await? {
                writer.write_all(&chunk).map_err(Error::Write)?;
                written += chunk.len() as u64;
            }
            writer.flush().map_err(Error::Write)?;
            Ok(written)
        })
    }
}
