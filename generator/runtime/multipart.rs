//! `multipart/form-data` bodies: file parts streamed from bytes, files or
//! any async reader, text parts and JSON parts.

mod encode;

use std::fmt;
use std::io::Seek;
use std::path::Path;
use std::pin::Pin;

use bytes::Bytes;
use reqwest::header::HeaderValue;
use serde::Serialize;
use serde_json::Value;
use tokio::io::AsyncRead;

use crate::request::{Attempt, StreamedBody};
use crate::{Request, Transport};

/// A file sent as one part of a `multipart/form-data` body: its content,
/// its file name and its media type.
///
/// Content from bytes ([`FilePart::from_bytes`]) can be sent again, so a
/// request carrying it is retried as any other. Content from a file or a
/// reader ([`FilePart::from_path`], [`FilePart::from_file`],
/// [`FilePart::from_reader`]) is streamed as it is read, never held in
/// memory whole, and so can be sent only once: a request carrying it is
/// never retried, whatever `max_retries` says; a failed attempt is returned
/// as the error.
///
/// The body is sent with a `Content-Length` whenever every part's length is
/// known: bytes, and files from [`FilePart::from_path`] and
/// [`FilePart::from_file`], whose length is read when the part is made. A
/// file that then yields more or fewer bytes fails the request with
/// [`Error::Upload`](crate::Error::Upload), cutting the body short. A body
/// with a part from [`FilePart::from_reader`], whose length is unknown, is
/// sent chunked (`Transfer-Encoding: chunked`), which some upload APIs refuse.
pub struct FilePart {
    content: Content,
    file_name: Option<String>,
    /// The part's media type, or why the one given was refused.
    content_type: Option<Result<HeaderValue, String>>,
}

enum Content {
    Bytes(Bytes),
    /// Read once, as the request is sent; its length, when known.
    Reader(Pin<Box<dyn AsyncRead + Send + 'static>>, Option<u64>),
}

impl FilePart {
    /// A file held in memory, sent as `file_name`. It can be sent again on a retry.
    pub fn from_bytes(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        FilePart::new(Content::Bytes(bytes.into()), Some(file_name.into()))
    }

    /// The file at `path`, streamed as the request is sent, named after the
    /// path's last component. Its length is read now, and sent as part of
    /// the body's `Content-Length`.
    ///
    /// # Errors
    ///
    /// When the file cannot be opened or its length read.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await?;
        let length = file.metadata().await?.len();
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        let content = Content::Reader(Box::pin(file), Some(length));
        Ok(FilePart::new(content, file_name))
    }

    /// An open file, streamed from where it stands as the request is sent.
    /// Its length from there is read now, and sent as part of the body's
    /// `Content-Length`.
    ///
    /// # Errors
    ///
    /// When the file's length or position cannot be read.
    pub async fn from_file(
        file: tokio::fs::File,
        file_name: impl Into<String>,
    ) -> std::io::Result<Self> {
        let mut file = file.into_std().await;
        let length = file.metadata()?.len();
        let left = length.saturating_sub(file.stream_position()?);
        let file = tokio::fs::File::from_std(file);
        let content = Content::Reader(Box::pin(file), Some(left));
        Ok(FilePart::new(content, Some(file_name.into())))
    }

    /// Whatever `reader` yields, streamed as the request is sent. Its length
    /// is unknown, so the body is sent chunked, without a `Content-Length`.
    pub fn from_reader(
        reader: impl AsyncRead + Send + 'static,
        file_name: impl Into<String>,
    ) -> Self {
        let content = Content::Reader(Box::pin(reader), None);
        FilePart::new(content, Some(file_name.into()))
    }

    /// Sends the part with this media type (e.g. `image/png`) instead of
    /// the one the spec gives, or `application/octet-stream`. A value that
    /// cannot be a header fails the request before it is sent.
    #[must_use]
    pub fn content_type(mut self, media_type: &str) -> Self {
        self.content_type = Some(
            HeaderValue::from_str(media_type)
                .map_err(|_| format!("the file part's content type {media_type:?} is not valid")),
        );
        self
    }

    /// Whether the content can be sent again, for a retry: content from
    /// bytes can, a stream cannot.
    pub fn is_replayable(&self) -> bool {
        matches!(self.content, Content::Bytes(_))
    }

    fn new(content: Content, file_name: Option<String>) -> Self {
        FilePart {
            content,
            file_name,
            content_type: None,
        }
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let content = match &self.content {
            Content::Bytes(bytes) => format!("{} bytes", bytes.len()),
            Content::Reader(_, Some(length)) => format!("a stream of {length} bytes"),
            Content::Reader(_, None) => "a stream".to_string(),
        };
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("content", &content)
            .finish()
    }
}

/// A `multipart/form-data` body being built by an operation method, one
/// call per property of the body.
pub(crate) struct Multipart {
    parts: Vec<(&'static str, PartValue)>,
    /// The line between parts, the same in every attempt.
    boundary: String,
    /// Why the body cannot be sent, found while building it.
    problem: Option<String>,
}

enum PartValue {
    Text(String),
    /// JSON text and its media type.
    Json(Bytes, &'static str),
    File(FilePart, HeaderValue),
}

// Not every spec sends each kind of part.
#[allow(dead_code)]
impl Multipart {
    pub(crate) fn new() -> Self {
        Multipart {
            parts: Vec::new(),
            boundary: encode::boundary(),
            problem: None,
        }
    }

    /// A text part per value: scalars as they read, each item of an array
    /// its own part; `None` sends nothing.
    pub(crate) fn text(mut self, name: &'static str, value: &impl Serialize) -> Self {
        match crate::params::json_value(value) {
            Ok(Value::Array(items)) => {
                for item in items {
                    self.push_text(name, item);
                }
            }
            Ok(value) => self.push_text(name, value),
            Err(error) => self.refuse(name, error),
        }
        self
    }

    /// A JSON part per value, with this media type; each item of an array
    /// its own part; `None` sends nothing.
    pub(crate) fn json(
        mut self,
        name: &'static str,
        value: &impl Serialize,
        media_type: &'static str,
    ) -> Self {
        let items = match crate::params::json_value(value) {
            Ok(Value::Array(items)) => items,
            Ok(value) => vec![value],
            Err(error) => {
                self.refuse(name, error);
                return self;
            }
        };
        for item in items.iter().filter(|item| !item.is_null()) {
            match serde_json::to_vec(item) {
                Ok(json) => self
                    .parts
                    .push((name, PartValue::Json(json.into(), media_type))),
                Err(error) => self.refuse(name, error),
            }
        }
        self
    }

    /// A file part per file, each with its own media type or `media_type`.
    pub(crate) fn files(
        mut self,
        name: &'static str,
        files: impl IntoIterator<Item = FilePart>,
        media_type: &'static str,
    ) -> Self {
        for mut file in files {
            let content_type = match file.content_type.take() {
                Some(Ok(own)) => own,
                Some(Err(problem)) => {
                    self.problem.get_or_insert(problem);
                    continue;
                }
                None => HeaderValue::from_static(media_type),
            };
            self.parts.push((name, PartValue::File(file, content_type)));
        }
        self
    }

    /// Why the body cannot be sent, if anything found while building it says.
    pub(crate) fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    fn push_text(&mut self, name: &'static str, value: Value) {
        let text = match value {
            Value::Null => return,
            Value::String(text) => text,
            other => other.to_string(),
        };
        self.parts.push((name, PartValue::Text(text)));
    }

    fn refuse(&mut self, name: &str, error: serde_json::Error) {
        self.problem
            .get_or_insert(format!("the part `{name}` cannot be encoded: {error}"));
    }
}

impl StreamedBody for Multipart {
    fn replayable(&self) -> bool {
        self.parts.iter().all(|(_, part)| match part {
            PartValue::File(file, _) => file.is_replayable(),
            PartValue::Text(_) | PartValue::Json(..) => true,
        })
    }

    fn attempt(&mut self, last: bool) -> Attempt {
        // The last attempt takes the parts; earlier ones (which only a
        // replayable body gets) send copies, which share the bytes.
        let body = if last {
            encode::body(&self.boundary, std::mem::take(&mut self.parts))
        } else {
            encode::body(&self.boundary, self.parts.iter().filter_map(copy))
        };
        let content_type = format!("multipart/form-data; boundary={}", self.boundary);
        let content_type = HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("multipart/form-data"));
        Attempt {
            length: body.length(),
            body: body.into_reqwest(),
            content_type,
        }
    }
}

// Not every spec has a multipart body in every resource.
#[allow(dead_code)]
impl<'a, T, C: Transport> Request<'a, T, C> {
    /// Sends `form` as `multipart/form-data`, streamed; retried only when
    /// every part can be sent again (see [`FilePart`]).
    pub(crate) fn multipart_body(self, form: Multipart) -> Self {
        match form.problem() {
            Some(problem) => {
                let problem = problem.to_string();
                self.refuse(problem)
            }
            None => self.streamed_body(form),
        }
    }
}

/// A copy of a part for an attempt that may be followed by another; `None`
/// for a stream, which only the last attempt sends.
fn copy((name, part): &(&'static str, PartValue)) -> Option<(&'static str, PartValue)> {
    let copied = match part {
        PartValue::Text(text) => PartValue::Text(text.clone()),
        PartValue::Json(json, media_type) => PartValue::Json(json.clone(), media_type),
        PartValue::File(file, content_type) => {
            let Content::Bytes(bytes) = &file.content else {
                return None;
            };
            let copy = FilePart {
                content: Content::Bytes(bytes.clone()),
                file_name: file.file_name.clone(),
                content_type: None,
            };
            PartValue::File(copy, content_type.clone())
        }
    };
    Some((name, copied))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(form: &Multipart) -> Vec<(&str, &str)> {
        form.parts
            .iter()
            .filter_map(|(name, part)| match part {
                PartValue::Text(text) => Some((*name, text.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_list_is_one_text_part_per_item_and_none_is_no_part() {
        let form = Multipart::new()
            .text("tags", &Some(vec!["a", "b"]))
            .text("count", &3)
            .text("note", &None::<String>);
        assert_eq!(texts(&form), [("tags", "a"), ("tags", "b"), ("count", "3")]);
    }

    #[test]
    fn a_json_part_holds_the_value_as_json_and_none_is_no_part() {
        let form = Multipart::new()
            .json("meta", &serde_json::json!({"a": 1}), "application/json")
            .json("none", &None::<Value>, "application/json");
        assert_eq!(form.parts.len(), 1);
        assert!(
            matches!(&form.parts[0], ("meta", PartValue::Json(json, "application/json")) if json.as_ref() == br#"{"a":1}"#)
        );
    }

    #[test]
    fn a_body_with_a_streamed_file_cannot_be_sent_again() {
        let bytes = Multipart::new().files(
            "file",
            [FilePart::from_bytes("a", b"x".as_slice())],
            "application/octet-stream",
        );
        assert!(bytes.replayable());
        let reader = FilePart::from_reader(tokio::io::empty(), "a");
        let streamed = bytes.files("more", [reader], "application/octet-stream");
        assert!(!streamed.replayable());
    }

    #[test]
    fn an_invalid_content_type_is_a_problem_before_sending() {
        let file = FilePart::from_bytes("a", b"x".as_slice()).content_type("bad\nvalue");
        let form = Multipart::new().files("file", [file], "application/octet-stream");
        assert!(form.problem().is_some());
    }
}
