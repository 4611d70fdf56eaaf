//! The bytes of a `multipart/form-data` body (RFC 7578): a boundary line
//! and headers before each part, its content, and a closing boundary, so
//! that the body's length is known before it is sent whenever every part's
//! length is.

use std::collections::hash_map::RandomState;
use std::collections::VecDeque;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use tokio::io::AsyncRead;
use tokio_util::io::ReaderStream;

use super::{Content, PartValue};
use crate::error::UploadFailure;

/// How much of a streamed file is read at a time.
const CHUNK_SIZE: usize = 64 * 1024;

/// A boundary no part is likely to hold: 64 random hex digits, as reqwest
/// makes them. Each `RandomState` is seeded afresh, which spares the crate
/// a dependency on a random generator.
pub(super) fn boundary() -> String {
    let random = || RandomState::new().build_hasher().finish();
    format!(
        "{:016x}-{:016x}-{:016x}-{:016x}",
        random(),
        random(),
        random(),
        random()
    )
}

/// The body of `parts`, in order, between lines of `boundary`.
pub(super) fn body(
    boundary: &str,
    parts: impl IntoIterator<Item = (&'static str, PartValue)>,
) -> Body {
    let mut body = Body::new();
    for (name, part) in parts {
        match part {
            PartValue::Text(text) => {
                body.copy(&part_head(boundary, name, None, None));
                body.copy(text.as_bytes());
            }
            PartValue::Json(json, media_type) => {
                body.copy(&part_head(
                    boundary,
                    name,
                    None,
                    Some(media_type.as_bytes()),
                ));
                body.copy(&json);
            }
            PartValue::File(file, content_type) => {
                let file_name = file.file_name.as_deref();
                let head = part_head(boundary, name, file_name, Some(content_type.as_bytes()));
                body.copy(&head);
                match file.content {
                    Content::Bytes(bytes) => body.share(bytes),
                    Content::Reader(reader, length) => body.file(FileStream {
                        reader,
                        length,
                        file_name: file.file_name,
                    }),
                }
            }
        }
        body.copy(PART_END);
    }
    body.copy(&closing(boundary));
    body
}

/// The boundary line and headers that open a part, up to the blank line
/// before its content.
fn part_head(
    boundary: &str,
    name: &str,
    file_name: Option<&str>,
    content_type: Option<&[u8]>,
) -> Vec<u8> {
    let mut head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
        escape(name)
    )
    .into_bytes();
    if let Some(file_name) = file_name {
        head.extend_from_slice(format!("; filename=\"{}\"", escape(file_name)).as_bytes());
    }
    if let Some(content_type) = content_type {
        head.extend_from_slice(b"\r\nContent-Type: ");
        head.extend_from_slice(content_type);
    }
    head.extend_from_slice(b"\r\n\r\n");
    head
}

/// What ends each part's content.
const PART_END: &[u8] = b"\r\n";

/// The line that closes the body.
fn closing(boundary: &str) -> Vec<u8> {
    format!("--{boundary}--\r\n").into_bytes()
}

/// A name or file name as browsers write it in a quoted parameter
/// (WHATWG HTML, "multipart/form-data encoding algorithm"): quotes and line
/// breaks percent-encoded, so that no value can end the parameter or the
/// header; everything else, non-ASCII included, sent as UTF-8.
fn escape(value: &str) -> String {
    value
        .replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The content of a file read as the body is sent.
struct FileStream {
    reader: Pin<Box<dyn AsyncRead + Send + 'static>>,
    /// The length the file had when its part was made, which the body's
    /// `Content-Length` counts on; `None` for a reader of unknown length.
    length: Option<u64>,
    /// Named in the error when the file does not yield what was promised.
    file_name: Option<String>,
}

enum Piece {
    Bytes(Bytes),
    File(FileStream),
}

/// One attempt's body, built part by part: headers, text and JSON gathered
/// into shared buffers, file bytes kept as they are, files read as sent.
pub(super) struct Body {
    pieces: VecDeque<Piece>,
    /// Bytes gathered since the last piece.
    pending: BytesMut,
    /// The body's length, while every piece's is known.
    length: Option<u64>,
    reading: Option<Reading>,
}

impl Body {
    fn new() -> Self {
        Body {
            pieces: VecDeque::new(),
            pending: BytesMut::new(),
            length: Some(0),
            reading: None,
        }
    }

    /// Copies `bytes` into the body (small pieces: headers, text, JSON).
    fn copy(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        self.count(Some(bytes.len() as u64));
    }

    /// Adds `bytes` without copying them (a file's content).
    fn share(&mut self, bytes: Bytes) {
        self.count(Some(bytes.len() as u64));
        self.flush();
        self.pieces.push_back(Piece::Bytes(bytes));
    }

    /// Adds a file, read a chunk at a time as the body is sent.
    fn file(&mut self, file: FileStream) {
        self.count(file.length);
        self.flush();
        self.pieces.push_back(Piece::File(file));
    }

    /// The body's length in bytes, unless a part's length is unknown.
    pub(super) fn length(&self) -> Option<u64> {
        self.length
    }

    /// The body as reqwest sends it.
    pub(super) fn into_reqwest(self) -> reqwest::Body {
        reqwest::Body::wrap_stream(self)
    }

    fn count(&mut self, length: Option<u64>) {
        self.length = self.length.zip(length).map(|(sum, length)| sum + length);
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let bytes = self.pending.split().freeze();
            self.pieces.push_back(Piece::Bytes(bytes));
        }
    }
}

/// The file being read, and how much of it has been.
struct Reading {
    chunks: ReaderStream<Pin<Box<dyn AsyncRead + Send + 'static>>>,
    length: Option<u64>,
    read: u64,
    file_name: Option<String>,
}

impl Reading {
    /// The file's next chunk, `None` at its end, or an error when the file
    /// could not be read or did not yield the length its part promised.
    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<Option<Bytes>>> {
        let chunk = match ready!(Pin::new(&mut self.chunks).poll_next(cx)) {
            Some(Ok(chunk)) => chunk,
            Some(Err(error)) => {
                let problem = format!("could not be read: {error}");
                return Poll::Ready(Err(self.failure(error.kind(), &problem)));
            }
            None => {
                return Poll::Ready(match self.length {
                    Some(length) if self.read < length => {
                        let problem = format!(
                            "ended after {} bytes, but had {length} when the part was made, \
                             which the request's Content-Length counts",
                            self.read
                        );
                        Err(self.failure(io::ErrorKind::UnexpectedEof, &problem))
                    }
                    _ => Ok(None),
                })
            }
        };
        self.read += chunk.len() as u64;
        Poll::Ready(match self.length {
            Some(length) if self.read > length => {
                let problem = format!(
                    "has more than the {length} bytes it had when the part was made, \
                     which the request's Content-Length counts"
                );
                Err(self.failure(io::ErrorKind::InvalidData, &problem))
            }
            _ => Ok(Some(chunk)),
        })
    }

    fn failure(&self, kind: io::ErrorKind, problem: &str) -> io::Error {
        let file = match &self.file_name {
            Some(name) => format!("the file part `{name}`"),
            None => "a file part".to_string(),
        };
        io::Error::new(kind, UploadFailure(format!("{file} {problem}")))
    }
}

impl Stream for Body {
    type Item = io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(reading) = &mut self.reading {
                match ready!(reading.poll_chunk(cx)) {
                    Ok(Some(chunk)) => return Poll::Ready(Some(Ok(chunk))),
                    Ok(None) => self.reading = None,
                    Err(error) => {
                        // Nothing follows an error: the body is cut short.
                        self.reading = None;
                        self.pieces.clear();
                        self.pending.clear();
                        return Poll::Ready(Some(Err(error)));
                    }
                }
            }
            match self.pieces.pop_front() {
                // What was gathered after the last piece ends the body.
                None if !self.pending.is_empty() => {
                    return Poll::Ready(Some(Ok(self.pending.split().freeze())))
                }
                None => return Poll::Ready(None),
                Some(Piece::Bytes(bytes)) => return Poll::Ready(Some(Ok(bytes))),
                Some(Piece::File(file)) => {
                    self.reading = Some(Reading {
                        chunks: ReaderStream::with_capacity(file.reader, CHUNK_SIZE),
                        length: file.length,
                        read: 0,
                        file_name: file.file_name,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FilePart, Multipart};
    use super::*;

    /// Everything `body` yields, or its first error.
    async fn read(mut body: Body) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_next(cx)).await {
            bytes.extend_from_slice(&chunk?);
        }
        Ok(bytes)
    }

    fn file_of(content: &'static [u8], length: Option<u64>) -> FileStream {
        FileStream {
            reader: Box::pin(content),
            length,
            file_name: Some("a.txt".to_string()),
        }
    }

    #[test]
    fn quotes_and_line_breaks_in_names_are_percent_encoded() {
        let head = part_head("b", "x\"y", Some("a\r\nb\".txt"), None);
        assert_eq!(
            head,
            b"--b\r\nContent-Disposition: form-data; name=\"x%22y\"; filename=\"a%0D%0Ab%22.txt\"\r\n\r\n"
        );
    }

    #[tokio::test]
    async fn a_file_is_sent_whole_when_it_yields_its_length() {
        let mut body = Body::new();
        body.copy(b"head");
        body.file(file_of(b"abc", Some(3)));
        body.copy(b"tail");
        assert_eq!(body.length(), Some(11));
        assert_eq!(read(body).await.unwrap(), b"headabctail");
    }

    #[tokio::test]
    async fn a_file_of_unknown_length_leaves_the_body_length_unknown() {
        let mut body = Body::new();
        body.copy(b"head");
        body.file(file_of(b"abc", None));
        assert_eq!(body.length(), None);
        assert_eq!(read(body).await.unwrap(), b"headabc");
    }

    #[tokio::test]
    async fn a_file_shorter_than_its_length_fails_the_body() {
        let mut body = Body::new();
        body.file(file_of(b"abc", Some(5)));
        let error = read(body).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        assert!(error
            .to_string()
            .contains("`a.txt` ended after 3 bytes, but had 5"));
    }

    #[tokio::test]
    async fn a_file_longer_than_its_length_fails_before_the_extra_bytes_are_sent() {
        let mut body = Body::new();
        body.file(file_of(b"abcdef", Some(3)));
        body.copy(b"tail");
        let mut sent = Vec::new();
        let error = loop {
            match std::future::poll_fn(|cx| Pin::new(&mut body).poll_next(cx)).await {
                Some(Ok(chunk)) => sent.extend_from_slice(&chunk),
                Some(Err(error)) => break error,
                None => panic!("the body ended without an error"),
            }
        };
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error
            .to_string()
            .contains("`a.txt` has more than the 3 bytes"));
        assert!(sent.is_empty(), "sent {sent:?}");
        assert!(std::future::poll_fn(|cx| Pin::new(&mut body).poll_next(cx))
            .await
            .is_none());
    }

    /// The bytes of the body `form` sends, with the boundary `b`.
    async fn encoded(form: Multipart) -> (Vec<u8>, Option<u64>) {
        let body = body("b", form.parts);
        let length = body.length();
        (read(body).await.unwrap(), length)
    }

    #[tokio::test]
    async fn a_body_is_each_part_with_its_headers_between_boundaries() {
        let form = Multipart::new()
            .text("note", &"hi")
            .json("meta", &serde_json::json!({"a": 1}), "application/json")
            .files(
                "file",
                [FilePart::from_bytes("a.txt", b"xyz".as_slice())],
                "text/plain",
            );
        let (bytes, length) = encoded(form).await;
        let expected = concat!(
            "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n",
            "--b\r\nContent-Disposition: form-data; name=\"meta\"\r\n",
            "Content-Type: application/json\r\n\r\n{\"a\":1}\r\n",
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n",
            "Content-Type: text/plain\r\n\r\nxyz\r\n",
            "--b--\r\n",
        );
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
        assert_eq!(length, Some(expected.len() as u64));
    }

    #[tokio::test]
    async fn a_body_with_a_reader_has_no_length() {
        let reader = FilePart::from_reader(b"xyz".as_slice(), "a.txt");
        let form = Multipart::new().files("file", [reader], "text/plain");
        let (bytes, length) = encoded(form).await;
        assert!(bytes.ends_with(b"\r\n\r\nxyz\r\n--b--\r\n"));
        assert_eq!(length, None);
    }
}
