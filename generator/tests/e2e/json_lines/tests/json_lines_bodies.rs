//! JSON Lines bodies: one compact JSON document a line, with the spec's media type.

use json_lines::models::{Event, Record};
use json_lines::Client;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client builds")
}

async fn only_body(server: &MockServer) -> String {
    let requests: Vec<Request> = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    String::from_utf8(requests[0].body.clone()).expect("JSON Lines are text")
}

#[tokio::test]
async fn each_item_is_sent_as_one_line_of_json_with_the_specs_media_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/records"))
        .and(header("content-type", "application/x-ndjson"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    let records = [
        Record::new("rec-1").with_text("two\nlines"),
        Record::new("rec-2"),
    ];
    client_for(&server)
        .records()
        .upsert_records(&records)
        .await
        .expect("the records are sent");
    assert_eq!(
        only_body(&server).await,
        "{\"_id\":\"rec-1\",\"text\":\"two\\nlines\"}\n{\"_id\":\"rec-2\"}\n"
    );
}

#[tokio::test]
async fn an_empty_list_sends_an_empty_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/records"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    client_for(&server)
        .records()
        .upsert_records(&[])
        .await
        .expect("the empty list is sent");
    assert_eq!(only_body(&server).await, "");
}

#[tokio::test]
async fn a_schema_of_one_line_sends_each_item_as_that_line() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/events"))
        .and(header("content-type", "application/jsonl"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    client_for(&server)
        .events()
        .import_events(&[Event::new("opened"), Event::new("closed")])
        .await
        .expect("the events are sent");
    assert_eq!(
        only_body(&server).await,
        "{\"name\":\"opened\"}\n{\"name\":\"closed\"}\n"
    );
}
