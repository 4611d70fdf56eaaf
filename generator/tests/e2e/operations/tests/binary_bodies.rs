//! Raw request bodies (bytes or a stream) and binary answers written to a
//! writer a chunk at a time, against a local mock.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use operations_stress::{Client, Error, ErrorBody, RawBody};
use tokio::io::AsyncWrite;
use wiremock::matchers::{body_bytes, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CONTENT: &str = "/items/7/content";

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        // Retries happen at once, so that the tests that make them are quick.
        .sleep_impl(|_| async {})
        .build()
        .expect("client builds")
}

/// Bytes that differ from one offset to the next, so that a chunk lost or
/// repeated shows.
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

#[tokio::test]
async fn a_bytes_body_arrives_with_the_specs_media_type() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(CONTENT))
        .and(header("content-type", "application/octet-stream"))
        .and(body_bytes(vec![1, 2, 3]))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    client_for(&server)
        .items()
        .put_items_item_id_content(7, vec![1u8, 2, 3])
        .await
        .unwrap();
}

#[tokio::test]
async fn a_streamed_body_arrives_complete() {
    let server = MockServer::start().await;
    let content = pattern(1 << 20);
    Mock::given(method("PUT"))
        .and(path(CONTENT))
        .and(header("content-type", "application/octet-stream"))
        .and(body_bytes(content.clone()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = RawBody::from_reader(io::Cursor::new(content));
    assert!(!body.is_replayable());

    client_for(&server)
        .items()
        .put_items_item_id_content(7, body)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bytes_body_is_sent_again_on_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(body_bytes(b"take two".to_vec()))
        .respond_with(ResponseTemplate::new(503))
        .expect(3)
        .mount(&server)
        .await;

    let error = client_for(&server)
        .items()
        .put_items_item_id_content(7, "take two")
        .await
        .unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
}

#[tokio::test]
async fn a_streamed_body_is_sent_once_even_when_retries_are_asked_for() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let body = RawBody::from_reader(io::Cursor::new(b"only once".to_vec()));

    let error = client_for(&server)
        .items()
        .put_items_item_id_content(7, body)
        .max_retries(3)
        .await
        .unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
}

/// A writer that keeps what it is given and the size of each write.
#[derive(Default)]
struct Recorder {
    bytes: Vec<u8>,
    writes: Vec<usize>,
}

impl AsyncWrite for Recorder {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.bytes.extend_from_slice(buf);
        self.writes.push(buf.len());
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn a_large_download_is_written_a_chunk_at_a_time() {
    let server = MockServer::start().await;
    let content = pattern(4 << 20);
    Mock::given(method("GET"))
        .and(path(CONTENT))
        .and(header("accept", "audio/mpeg"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(content.clone(), "audio/mpeg"))
        .mount(&server)
        .await;
    let mut writer = Recorder::default();

    let written = client_for(&server)
        .items()
        .get_items_item_id_content(7)
        .write_to(&mut writer)
        .await
        .unwrap();

    assert_eq!(written, content.len() as u64);
    assert!(writer.bytes == content, "the body arrived changed");
    assert!(
        writer.writes.len() > 1 && writer.writes.iter().all(|&n| n < content.len()),
        "the body was written whole: {:?}",
        writer.writes
    );
}

#[tokio::test]
async fn a_download_answered_with_an_error_status_is_a_typed_api_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CONTENT))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(serde_json::json!({"message": "no file"})),
        )
        .mount(&server)
        .await;
    let mut writer = Recorder::default();

    let error = client_for(&server)
        .items()
        .get_items_item_id_content(7)
        .write_to(&mut writer)
        .await
        .unwrap_err();

    let Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(api.status().as_u16(), 404);
    let Some(ErrorBody::Missing(missing)) = api.typed_body() else {
        panic!(
            "expected the documented error body, got {:?}",
            api.typed_body()
        );
    };
    assert_eq!(missing.message, "no file");
    assert!(writer.bytes.is_empty());
}

#[tokio::test]
async fn a_download_gives_the_headers_before_the_body_is_read() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CONTENT))
        .respond_with(ResponseTemplate::new(200).set_body_raw(b"ID3".to_vec(), "audio/mpeg"))
        .mount(&server)
        .await;

    let mut download = client_for(&server)
        .items()
        .get_items_item_id_content(7)
        .download()
        .await
        .unwrap();

    assert_eq!(download.headers()["content-type"], "audio/mpeg");
    let mut body = Vec::new();
    while let Some(chunk) = download.chunk().await.unwrap() {
        body.extend_from_slice(&chunk);
    }
    assert_eq!(body, b"ID3");
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_writes_a_download_to_a_std_writer() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(CONTENT))
            .respond_with(ResponseTemplate::new(200).set_body_raw(pattern(100_000), "audio/mpeg"))
            .mount(&server)
            .await;
        server
    });
    let client = operations_stress::blocking::Client::builder()
        .base_url(server.uri())
        .build()
        .unwrap();
    let mut file = Vec::new();

    let written = client
        .items()
        .get_items_item_id_content(7)
        .write_to(&mut file)
        .unwrap();

    assert_eq!(written, 100_000);
    assert!(file == pattern(100_000));
}
