//! Multipart bodies: file, text, JSON and repeated parts; files streamed
//! without being held in memory; a `Content-Length` whenever every part's
//! length is known; which bodies a retry sends again; the variants of a
//! multipart union.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use request_bodies::models::{FileMetadata, MessageParams};
use request_bodies::resources::files::{ReplaceAvatarBody, UploadFileBody};
use request_bodies::resources::messages::{CreateMultipartBody, CreateParams};
use request_bodies::resources::stickers::CreateAnimatedStickerBody;
use request_bodies::{Client, Error, FilePart};
use serde_json::json;
use tokio::io::{AsyncRead, ReadBuf};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(server.uri())
        .build()
        .expect("client builds")
}

/// One part of a received multipart body.
#[derive(Debug, PartialEq)]
struct Part {
    /// The part's headers, each line as sent.
    headers: Vec<String>,
    body: Vec<u8>,
}

impl Part {
    fn header(&self, prefix: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|line| line.to_ascii_lowercase().starts_with(prefix))
            .map(String::as_str)
    }
}

/// The boundary the request's `Content-Type` names.
fn boundary(request: &Request) -> String {
    let content_type = request.headers["content-type"].to_str().unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {content_type}"));
    boundary.to_string()
}

/// The parts of a received multipart body, in order.
fn parts(request: &Request) -> Vec<Part> {
    let delimiter = format!("--{}", boundary(request));
    let body = &request.body;
    let mut parts = Vec::new();
    let mut starts: Vec<usize> = body
        .windows(delimiter.len())
        .enumerate()
        .filter(|(_, window)| *window == delimiter.as_bytes())
        .map(|(index, _)| index)
        .collect();
    let last = starts.pop().expect("a closing delimiter");
    assert_eq!(&body[last + delimiter.len()..], b"--\r\n");
    starts.push(last);
    for pair in starts.windows(2) {
        let part = &body[pair[0] + delimiter.len() + 2..pair[1] - 2];
        let split = part
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .expect("headers end");
        let headers = String::from_utf8(part[..split].to_vec()).unwrap();
        parts.push(Part {
            headers: headers.split("\r\n").map(str::to_string).collect(),
            body: part[split + 4..].to_vec(),
        });
    }
    parts
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

async fn created(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/files"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "file_1"})))
        .mount(server)
        .await;
}

#[tokio::test]
async fn file_text_json_and_repeated_parts_are_sent_as_the_spec_says() {
    let server = MockServer::start().await;
    created(&server).await;
    let body = UploadFileBody::new(
        FilePart::from_bytes("report.pdf", b"%PDF-1.7".as_slice()).content_type("application/pdf"),
        "evidence",
    )
    .with_metadata(FileMetadata::new("Q3").with_tags(vec!["x".into()]))
    .with_labels(vec!["a".into(), "b".into()])
    .with_attachments(vec![
        FilePart::from_bytes("one.txt", b"1".as_slice()),
        FilePart::from_bytes("two.txt", b"2".as_slice()),
    ])
    .with_pages(3);

    let file = client_for(&server).files().upload_file(body).await.unwrap();

    assert_eq!(file.id, "file_1");
    let parts = parts(&only_request(&server).await);
    let dispositions: Vec<&str> = parts
        .iter()
        .map(|part| part.header("content-disposition").unwrap())
        .collect();
    assert_eq!(
        dispositions,
        [
            "Content-Disposition: form-data; name=\"attachments\"; filename=\"one.txt\"",
            "Content-Disposition: form-data; name=\"attachments\"; filename=\"two.txt\"",
            "Content-Disposition: form-data; name=\"file\"; filename=\"report.pdf\"",
            "Content-Disposition: form-data; name=\"labels\"",
            "Content-Disposition: form-data; name=\"labels\"",
            "Content-Disposition: form-data; name=\"metadata\"",
            "Content-Disposition: form-data; name=\"pages\"",
            "Content-Disposition: form-data; name=\"purpose\"",
        ]
    );
    let bodies: Vec<&[u8]> = parts.iter().map(|part| part.body.as_slice()).collect();
    assert_eq!(
        bodies,
        [
            b"1".as_slice(),
            b"2",
            b"%PDF-1.7",
            b"a",
            b"b",
            br#"{"tags":["x"],"title":"Q3"}"#,
            b"3",
            b"evidence"
        ]
    );
    let content_type = |index: usize| parts[index].header("content-type");
    assert_eq!(
        content_type(0),
        Some("Content-Type: application/octet-stream")
    );
    assert_eq!(content_type(2), Some("Content-Type: application/pdf"));
    assert_eq!(content_type(3), None);
    assert_eq!(content_type(5), Some("Content-Type: application/json"));
}

/// The request's `Content-Length`, if it has one.
fn content_length(request: &Request) -> Option<usize> {
    let length = request.headers.get("content-length")?;
    Some(length.to_str().unwrap().parse().unwrap())
}

#[tokio::test]
async fn a_body_of_bytes_text_and_json_is_sent_with_its_length() {
    let server = MockServer::start().await;
    created(&server).await;
    let body = UploadFileBody::new(FilePart::from_bytes("a.txt", b"abc".as_slice()), "evidence")
        .with_metadata(FileMetadata::new("Q3"));

    client_for(&server).files().upload_file(body).await.unwrap();

    let request = only_request(&server).await;
    assert_eq!(content_length(&request), Some(request.body.len()));
    assert!(!request.headers.contains_key("transfer-encoding"));
    assert_eq!(parts(&request).len(), 3);
}

#[tokio::test]
async fn a_file_part_takes_the_media_type_its_encoding_declares() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let body = ReplaceAvatarBody::new(FilePart::from_bytes("me.png", b"\x89PNG".as_slice()));

    client_for(&server)
        .files()
        .replace_avatar("u1", body)
        .await
        .unwrap();

    let parts = parts(&only_request(&server).await);
    assert_eq!(parts.len(), 1);
    assert_eq!(
        parts[0].header("content-type"),
        Some("Content-Type: image/png")
    );
    assert_eq!(parts[0].body, b"\x89PNG");
}

#[tokio::test]
async fn a_file_is_streamed_from_its_path_with_its_name() {
    let server = MockServer::start().await;
    created(&server).await;
    let dir = scratch("path");
    let file_path = dir.join("notes.txt");
    std::fs::write(&file_path, b"from disk").unwrap();
    let file = FilePart::from_path(&file_path).await.unwrap();

    client_for(&server)
        .files()
        .upload_file(UploadFileBody::new(file, "evidence"))
        .await
        .unwrap();

    std::fs::remove_dir_all(&dir).unwrap();
    let request = only_request(&server).await;
    assert_eq!(content_length(&request), Some(request.body.len()));
    assert!(!request.headers.contains_key("transfer-encoding"));
    let parts = parts(&request);
    let file = parts
        .iter()
        .find(|part| {
            part.header("content-disposition")
                .unwrap()
                .contains("name=\"file\"")
        })
        .unwrap();
    assert!(file
        .header("content-disposition")
        .unwrap()
        .ends_with("filename=\"notes.txt\""));
    assert_eq!(file.body, b"from disk");
}

/// A fresh scratch folder for one test's files.
fn scratch(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("request-bodies-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn an_open_file_is_sent_from_where_it_stands_with_its_length() {
    use tokio::io::AsyncSeekExt;

    let server = MockServer::start().await;
    created(&server).await;
    let dir = scratch("open-file");
    let file_path = dir.join("notes.txt");
    std::fs::write(&file_path, b"skip:the rest").unwrap();
    let mut file = tokio::fs::File::open(&file_path).await.unwrap();
    file.seek(io::SeekFrom::Start(5)).await.unwrap();
    let file = FilePart::from_file(file, "rest.txt").await.unwrap();

    client_for(&server)
        .files()
        .upload_file(UploadFileBody::new(file, "evidence"))
        .await
        .unwrap();

    std::fs::remove_dir_all(&dir).unwrap();
    let request = only_request(&server).await;
    assert_eq!(content_length(&request), Some(request.body.len()));
    let parts = parts(&request);
    assert!(parts.iter().any(|part| part.body == b"the rest"));
}

/// Sends a body whose file part is made from a file of `before` bytes that
/// then holds `after`, and returns the error.
async fn error_for_a_file_changed_after_its_part_was_made(
    test: &str,
    before: &[u8],
    after: &[u8],
) -> (Error, MockServer) {
    let server = MockServer::start().await;
    created(&server).await;
    let dir = scratch(test);
    let file_path = dir.join("changing.bin");
    std::fs::write(&file_path, before).unwrap();
    let file = FilePart::from_path(&file_path).await.unwrap();
    std::fs::write(&file_path, after).unwrap();

    let error = client_for(&server)
        .files()
        .upload_file(UploadFileBody::new(file, "evidence"))
        .await
        .unwrap_err();

    std::fs::remove_dir_all(&dir).unwrap();
    (error, server)
}

#[tokio::test]
async fn a_file_that_grew_after_its_part_was_made_fails_the_request() {
    let (error, server) =
        error_for_a_file_changed_after_its_part_was_made("grew", b"1234", b"12345678").await;

    assert!(matches!(&error, Error::Upload(_)), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("`changing.bin` has more than the 4 bytes it had"),
        "{message}"
    );
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a body cut short is no request"
    );
}

#[tokio::test]
async fn a_file_that_shrank_after_its_part_was_made_fails_the_request() {
    let (error, server) =
        error_for_a_file_changed_after_its_part_was_made("shrank", b"12345678", b"1234").await;

    assert!(matches!(&error, Error::Upload(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("`changing.bin` ended after 4 bytes, but had 8"),
        "{error}"
    );
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a body cut short is no request"
    );
}

/// Yields `left` bytes of `z`, as much as each read asks, counting the reads.
struct CountingReader {
    left: usize,
    reads: Arc<AtomicUsize>,
}

impl AsyncRead for CountingReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let n = self.left.min(buf.remaining());
        if n > 0 {
            buf.put_slice(&vec![b'z'; n]);
            self.left -= n;
            self.reads.fetch_add(1, Ordering::SeqCst);
        }
        Poll::Ready(Ok(()))
    }
}

const LARGE: usize = 4 * 1024 * 1024;

#[tokio::test]
async fn a_large_reader_is_streamed_in_chunks_not_buffered_first() {
    let server = MockServer::start().await;
    created(&server).await;
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = CountingReader {
        left: LARGE,
        reads: Arc::clone(&reads),
    };
    let client = client_for(&server);
    let request = client.files().upload_file(UploadFileBody::new(
        FilePart::from_reader(reader, "big.bin"),
        "evidence",
    ));
    assert_eq!(reads.load(Ordering::SeqCst), 0, "read before sending");

    request.await.unwrap();

    assert!(reads.load(Ordering::SeqCst) >= 16, "read in chunks");
    let request = only_request(&server).await;
    assert!(
        !request.headers.contains_key("content-length"),
        "a reader has no length known in advance"
    );
    assert_eq!(request.headers["transfer-encoding"], "chunked");
    let parts = parts(&request);
    let file = parts.iter().find(|part| part.body.len() > 1000).unwrap();
    assert_eq!(file.body.len(), LARGE);
    assert!(file.body.iter().all(|&byte| byte == b'z'));
}

/// 503 once, then the answer `ok`.
async fn unavailable_once_then(server: &MockServer, ok: ResponseTemplate) {
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after-ms", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ok)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_body_of_bytes_is_sent_again_on_a_retry() {
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(json!({"id": "file_1"}));
    unavailable_once_then(&server, ok).await;
    let body = UploadFileBody::new(
        FilePart::from_bytes("a.txt", b"same".as_slice()),
        "evidence",
    );

    client_for(&server)
        .files()
        .upload_file(body)
        .max_retries(1)
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let sent: Vec<Vec<Part>> = requests.iter().map(parts).collect();
    assert_eq!(sent[0], sent[1]);
    assert_eq!(requests[1].body, requests[0].body);
    assert_eq!(content_length(&requests[1]), Some(requests[1].body.len()));
    assert!(sent[0].iter().any(|part| part.body == b"same"));
}

#[tokio::test]
async fn a_streamed_body_is_sent_once_and_its_failure_returned() {
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(json!({"id": "file_1"}));
    unavailable_once_then(&server, ok).await;
    let reader = CountingReader {
        left: 10,
        reads: Arc::new(AtomicUsize::new(0)),
    };
    let body = UploadFileBody::new(FilePart::from_reader(reader, "a.bin"), "evidence");

    let error = client_for(&server)
        .files()
        .upload_file(body)
        .max_retries(3)
        .await
        .unwrap_err();

    assert!(
        matches!(&error, Error::Api(api) if api.status() == 503),
        "{error:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_invalid_content_type_fails_before_sending() {
    let server = MockServer::start().await;
    created(&server).await;
    let file = FilePart::from_bytes("a.txt", b"x".as_slice()).content_type("text/plain\n");

    let error = client_for(&server)
        .files()
        .upload_file(UploadFileBody::new(file, "evidence"))
        .await
        .unwrap_err();

    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn only_a_file_from_bytes_can_be_sent_again() {
    assert!(FilePart::from_bytes("a", b"x".as_slice()).is_replayable());
    let reader = CountingReader {
        left: 1,
        reads: Arc::new(AtomicUsize::new(0)),
    };
    assert!(!FilePart::from_reader(reader, "a").is_replayable());
}

async fn message_posted(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/messages"))
        .and(query_param("notify", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "msg_1"})))
        .mount(server)
        .await;
}

#[tokio::test]
async fn the_multipart_form_of_a_json_body_sends_its_fields_and_files_as_parts() {
    let server = MockServer::start().await;
    message_posted(&server).await;
    let body = CreateMultipartBody::new("hello")
        .with_embed(FileMetadata::new("Q3"))
        .with_attachment(FilePart::from_bytes("photo.png", b"\x89PNG".as_slice()));

    let message = client_for(&server)
        .messages()
        .create_multipart(body, CreateParams::new().with_notify(true))
        .await
        .unwrap();

    assert_eq!(message.id, "msg_1");
    let parts = parts(&only_request(&server).await);
    let dispositions: Vec<&str> = parts
        .iter()
        .map(|part| part.header("content-disposition").unwrap())
        .collect();
    assert_eq!(
        dispositions,
        [
            "Content-Disposition: form-data; name=\"embed\"",
            "Content-Disposition: form-data; name=\"text\"",
            "Content-Disposition: form-data; name=\"attachment\"; filename=\"photo.png\"",
        ]
    );
    let bodies: Vec<&[u8]> = parts.iter().map(|part| part.body.as_slice()).collect();
    assert_eq!(
        bodies,
        [br#"{"title":"Q3"}"#.as_slice(), b"hello", b"\x89PNG"]
    );
}

#[tokio::test]
async fn a_body_that_may_also_be_multipart_is_sent_as_json_by_its_first_method() {
    let server = MockServer::start().await;
    message_posted(&server).await;

    client_for(&server)
        .messages()
        .create(
            &MessageParams::new("hello"),
            CreateParams::new().with_notify(true),
        )
        .await
        .unwrap();

    let request = only_request(&server).await;
    assert_eq!(request.headers["content-type"], "application/json");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"text": "hello"}));
}

#[tokio::test]
async fn a_variant_of_a_multipart_union_is_sent_with_its_own_parts() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/stickers"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "sticker_1"})))
        .mount(&server)
        .await;
    let frames = vec![
        FilePart::from_bytes("1.png", b"one".as_slice()),
        FilePart::from_bytes("2.png", b"two".as_slice()),
    ];
    let body = CreateAnimatedStickerBody::new(true, "wave").with_frames(frames);

    let sticker = client_for(&server)
        .stickers()
        .create_animated_sticker(body)
        .await
        .unwrap();

    assert_eq!(sticker.id, "sticker_1");
    let parts = parts(&only_request(&server).await);
    let dispositions: Vec<&str> = parts
        .iter()
        .map(|part| part.header("content-disposition").unwrap())
        .collect();
    assert_eq!(
        dispositions,
        [
            "Content-Disposition: form-data; name=\"frames\"; filename=\"1.png\"",
            "Content-Disposition: form-data; name=\"frames\"; filename=\"2.png\"",
            "Content-Disposition: form-data; name=\"loop\"",
            "Content-Disposition: form-data; name=\"name\"",
        ]
    );
    let bodies: Vec<&[u8]> = parts.iter().map(|part| part.body.as_slice()).collect();
    assert_eq!(bodies, [b"one".as_slice(), b"two", b"true", b"wave"]);
}
