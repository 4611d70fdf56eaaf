//! The client generated, with no generator change, from the project's spec plus
//! Telnyx's list and delete recordings operations, against a local mock.

use serde_json::{json, Value};
use telnyx_recordings_api::models::{
    ListRecordingsFilter, ListRecordingsFilterCreatedAt, ListRecordingsPage,
};
use telnyx_recordings_api::resources::recordings::ListParams;
use telnyx_recordings_api::Client;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(server.uri())
        // Retries have tests of their own; here an error is the answer.
        .max_retries(0)
        .build()
        .expect("client builds")
}

fn recording(id: &str) -> Value {
    json!({"id": id, "record_type": "recording", "channels": "single"})
}

/// A page of `ids` as page `number` of `total_pages`.
fn page(ids: &[&str], number: i64, total_pages: i64) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| recording(id)).collect();
    ResponseTemplate::new(200).set_body_json(json!({
        "data": data,
        "meta": {"page_number": number, "page_size": 2, "total_pages": total_pages, "total_results": 5}
    }))
}

fn uuid(n: u8) -> String {
    format!("00000000-0000-0000-0000-0000000000{n:02}")
}

#[tokio::test]
async fn list_sends_nested_filters_and_page_as_deep_object_query_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/recordings"))
        .and(query_param(
            "filter[created_at][gte]",
            "2019-03-29T11:10:00Z",
        ))
        .and(query_param("filter[conference_id]", "conf 1"))
        .and(query_param("page[number]", "2"))
        .and(query_param("page[size]", "25"))
        .and(query_param_is_missing("filter[to]"))
        .respond_with(page(&[ID], 2, 2))
        .expect(1)
        .mount(&server)
        .await;

    let params = ListParams::new()
        .with_filter(
            ListRecordingsFilter::new()
                .with_conference_id("conf 1")
                .with_created_at(
                    ListRecordingsFilterCreatedAt::new().with_gte("2019-03-29T11:10:00Z"),
                ),
        )
        .with_page(ListRecordingsPage::new().with_number(2).with_size(25));
    let list = client_for(&server)
        .recordings()
        .list(params)
        .await
        .expect("the page decodes");

    let data = list.data.expect("data");
    assert_eq!(data[0].id.to_string(), ID);
    assert_eq!(list.meta.and_then(|m| m.total_pages), Some(2));
}

#[tokio::test]
async fn list_without_parameters_sends_no_query_string() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/recordings"))
        .and(query_param_is_missing("page[number]"))
        .respond_with(page(&[], 1, 0))
        .expect(1)
        .mount(&server)
        .await;

    let list = client_for(&server)
        .recordings()
        .list(ListParams::new())
        .await
        .unwrap();
    assert_eq!(list.data, Some(vec![]));
}

#[tokio::test]
async fn auto_paging_walks_every_page_once_keeping_the_filters() {
    let server = MockServer::start().await;
    let ids: Vec<String> = (1..=5).map(uuid).collect();
    for (number, chunk) in ids.chunks(2).enumerate() {
        let number = number as i64 + 1;
        let chunk: Vec<&str> = chunk.iter().map(String::as_str).collect();
        Mock::given(method("GET"))
            .and(path("/recordings"))
            .and(query_param("page[number]", number.to_string()))
            .and(query_param("page[size]", "2"))
            .and(query_param("filter[conference_id]", "c"))
            .respond_with(page(&chunk, number, 3))
            .expect(1)
            .mount(&server)
            .await;
    }
    let params = ListParams::new()
        .with_filter(ListRecordingsFilter::new().with_conference_id("c"))
        .with_page(ListRecordingsPage::new().with_size(2));

    let client = client_for(&server);
    let recordings = client
        .recordings()
        .list_auto_paging(params)
        .collect_all()
        .await
        .expect("every page decodes");

    let seen: Vec<String> = recordings.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(seen, ids);
}

#[tokio::test]
async fn auto_paging_fetches_the_next_page_only_when_it_is_needed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("page[number]", "1"))
        .respond_with(page(&[&uuid(1), &uuid(2)], 1, 5))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("page[number]", "2"))
        .respond_with(page(&[&uuid(3)], 2, 5))
        .expect(0)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let mut pages = client.recordings().list_auto_paging(ListParams::new());
    for n in 1..=2 {
        let recording = pages.next().await.expect("an item").expect("it decodes");
        assert_eq!(recording.id.to_string(), uuid(n));
    }
}

#[tokio::test]
async fn auto_paging_stops_at_the_first_error_and_yields_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("page[number]", "1"))
        .respond_with(page(&[&uuid(1)], 1, 3))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("page[number]", "2"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"errors": [{"code": "1", "title": "boom"}]})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let client = client_for(&server);
    let mut pages = client.recordings().list_auto_paging(ListParams::new());
    assert!(pages.next().await.expect("first item").is_ok());
    let error = pages
        .next()
        .await
        .expect("the error is yielded")
        .unwrap_err();
    assert_eq!(
        error.to_string().split(':').next(),
        Some("500 Internal Server Error")
    );
    assert!(pages.next().await.is_none(), "nothing after the error");
}

#[tokio::test]
async fn retrieve_and_delete_address_the_recording_by_id() {
    let server = MockServer::start().await;
    for verb in ["GET", "DELETE"] {
        Mock::given(method(verb))
            .and(path(format!("/recordings/{ID}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": recording(ID)})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client_for(&server);

    let retrieved = client
        .recordings()
        .retrieve(ID)
        .await
        .expect("retrieve decodes");
    let deleted = client
        .recordings()
        .delete(ID)
        .await
        .expect("delete decodes");

    assert_eq!(retrieved.data.id.to_string(), ID);
    assert_eq!(deleted, retrieved);
}

#[tokio::test]
async fn the_paginator_is_a_stream_of_every_item() {
    use futures_core::Stream;
    use std::future::poll_fn;
    use std::pin::Pin;

    let server = MockServer::start().await;
    for number in 1..=2 {
        Mock::given(method("GET"))
            .and(query_param("page[number]", number.to_string()))
            .respond_with(page(&[&uuid(number as u8)], number, 2))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client_for(&server);
    let mut stream = client.recordings().list_auto_paging(ListParams::new());

    let mut seen = Vec::new();
    while let Some(item) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        seen.push(item.expect("the item decodes").id.to_string());
    }

    assert_eq!(seen, [uuid(1), uuid(2)]);
}
