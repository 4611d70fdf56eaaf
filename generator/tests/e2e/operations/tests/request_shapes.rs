//! Query styles, headers, request bodies and response shapes of a generated
//! client, against a local mock.

use operations_stress::models::{AddNoteBody, GetItemsSort, NewItem, PatchItemsItemIdBody};
use operations_stress::resources::items::ListParams;
use operations_stress::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_bytes, body_json, header, headers, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .build()
        .expect("client builds")
}

fn list_params() -> ListParams {
    ListParams::new(GetItemsSort::Desc, "trace-1")
}

fn item(id: i64) -> serde_json::Value {
    json!({"id": id, "name": format!("item {id}")})
}

/// The raw query string of the only request the server received.
async fn only_query(server: &MockServer) -> String {
    let requests: Vec<Request> = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    requests[0].url.query().unwrap_or_default().to_string()
}

#[tokio::test]
async fn query_arrays_follow_their_style_and_explode() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .mount(&server)
        .await;
    let params = list_params()
        .with_ids(vec![1, 2])
        .with_tags(vec!["a b".into(), "c".into()])
        .with_spaced(vec!["x".into(), "y".into()])
        .with_piped(vec!["p".into(), "q".into()]);

    client_for(&server).items().list(params).await.unwrap();

    assert_eq!(
        only_query(&server).await,
        "ids=1&ids=2&tags=a%20b%2Cc&spaced=x%20y&piped=p%7Cq&sort=desc"
    );
}

#[tokio::test]
async fn header_parameters_are_sent_with_arrays_comma_separated() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-trace", "trace-1"))
        .and(headers("x-flags", vec!["a", "b"]))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .expect(1)
        .mount(&server)
        .await;
    let params = list_params().with_x_flags(vec!["a".into(), "b".into()]);

    client_for(&server).items().list(params).await.unwrap();
}

#[tokio::test]
async fn cookie_parameters_share_one_cookie_header_with_values_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("cookie", "session=a%20b%3Bc; seen=x%2Cy"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .expect(1)
        .mount(&server)
        .await;
    let params = list_params()
        .with_session("a b;c")
        .with_seen(vec!["x".into(), "y".into()]);

    client_for(&server).items().list(params).await.unwrap();
}

#[tokio::test]
async fn no_cookie_header_is_sent_without_cookie_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .mount(&server)
        .await;

    client_for(&server)
        .items()
        .list(list_params())
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("cookie").is_none());
}

#[tokio::test]
async fn a_header_value_that_cannot_be_sent_is_refused_before_sending() {
    let server = MockServer::start().await;
    let params = ListParams::new(GetItemsSort::Desc, "line\nbreak");

    let result = client_for(&server).items().list(params).await;

    assert!(
        matches!(result, Err(Error::InvalidRequest(_))),
        "{result:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_json_body_is_sent_with_its_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/items"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"name": "new"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(item(7)))
        .expect(1)
        .mount(&server)
        .await;
    let body = NewItem::new("new");

    let created = client_for(&server).items().create(&body).await.unwrap();

    assert_eq!(created.map(|item| item.id), Some(7));
}

#[tokio::test]
async fn a_reference_annotated_as_nullable_holds_the_referenced_type_or_null() {
    let server = MockServer::start().await;
    let copy = json!({"id": 2, "name": "copy", "copied_from": {"name": "original"}});
    let original = json!({"id": 1, "name": "original", "copied_from": null});
    for (id, body) in [("2", copy), ("1", original)] {
        Mock::given(method("GET"))
            .and(path(format!("/api/items/{id}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }
    let client = client_for(&server);
    // The field's type is the referenced `NewItem`, not a copy of it.
    let copied_from: Option<NewItem> = client.items().retrieve(2).await.unwrap().copied_from;
    assert_eq!(
        copied_from.map(|item| item.name).as_deref(),
        Some("original")
    );
    let original = client.items().retrieve(1).await.unwrap();
    assert_eq!(original.copied_from, None);
}

#[tokio::test]
async fn a_success_without_a_body_decodes_to_none_where_another_has_one() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(202))
        .mount(&server)
        .await;
    let body = NewItem::new("later");

    let created = client_for(&server).items().create(&body).await.unwrap();

    assert_eq!(created, None);
}

#[tokio::test]
async fn an_optional_body_is_left_out_when_none() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/api/items/3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(item(3)))
        .mount(&server)
        .await;
    let items = client_for(&server);

    items.items().update(3, None).await.unwrap();
    let patch = PatchItemsItemIdBody::new().with_name("renamed");
    items.items().update(3, Some(&patch)).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].body.is_empty());
    assert!(!requests[0].headers.contains_key("content-type"));
    assert_eq!(requests[1].body, br#"{"name":"renamed"}"#);
}

#[tokio::test]
async fn no_content_responses_return_unit() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/api/items/9"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/items/9"))
        .and(body_json(json!(["a", "b"])))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server);

    client.items().delete(9).await.unwrap();
    client
        .items()
        .replace(9, &["a".into(), "b".into()])
        .await
        .unwrap();
}

#[tokio::test]
async fn binary_downloads_ask_for_their_media_type_and_return_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/items/4/content"))
        .and(header("accept", "audio/mpeg"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![0xff, 0xfb, 0x00], "audio/mpeg"))
        .expect(1)
        .mount(&server)
        .await;

    let bytes = client_for(&server)
        .items()
        .get_items_item_id_content(4)
        .await
        .unwrap();

    assert_eq!(bytes, [0xff, 0xfb, 0x00]);
}

#[tokio::test]
async fn binary_uploads_are_sent_as_they_are() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/items/4/content"))
        .and(header("content-type", "application/octet-stream"))
        .and(body_bytes(vec![1, 2, 3]))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    client_for(&server)
        .items()
        .put_items_item_id_content(4, vec![1, 2, 3])
        .await
        .unwrap();
}

#[tokio::test]
async fn flat_page_parameters_are_walked_with_a_required_page_count() {
    let server = MockServer::start().await;
    for number in 1..=2 {
        Mock::given(method("GET"))
            .and(query_param("page[number]", number.to_string()))
            .and(header("x-trace", "trace-1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "data": [item(number)],
                "meta": {"total_pages": 2}
            })))
            .expect(1)
            .mount(&server)
            .await;
    }

    let items = client_for(&server)
        .items()
        .list_auto_paging(list_params())
        .collect_all()
        .await
        .unwrap();

    assert_eq!(items.iter().map(|i| i.id).collect::<Vec<_>>(), [1, 2]);
}

#[tokio::test]
async fn paging_a_nested_list_keeps_its_path_parameter() {
    let server = MockServer::start().await;
    for number in 1..=2 {
        Mock::given(method("GET"))
            .and(path("/api/folders/a%2Fb/items"))
            .and(query_param("page[number]", number.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "data": [item(number)],
                "meta": {"total_pages": 2}
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client_for(&server);
    let folder = String::from("a/b");

    let pages = client
        .items()
        .list_folder_items_auto_paging(&folder, Default::default());
    drop(folder);
    let items = pages.collect_all().await.unwrap();

    assert_eq!(items.iter().map(|i| i.id).collect::<Vec<_>>(), [1, 2]);
}

#[tokio::test]
async fn a_form_body_is_sent_url_encoded_with_arrays_repeated() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/items/5/notes"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_bytes(b"Tags=x&Tags=y&Text=a%20b%26c".to_vec()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let note = AddNoteBody::new("a b&c").with_tags(vec!["x".into(), "y".into()]);

    client_for(&server)
        .items()
        .add_note(5, &note)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_head_operation_sends_head_and_returns_the_answers_headers() {
    let server = MockServer::start().await;
    Mock::given(method("HEAD"))
        .and(path("/api/status"))
        .respond_with(ResponseTemplate::new(200).insert_header("x-up-since", "2024-01-01"))
        .mount(&server)
        .await;

    let response = client_for(&server)
        .status()
        .head_status()
        .with_response()
        .await
        .unwrap();

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["x-up-since"], "2024-01-01");
}

#[tokio::test]
async fn a_list_path_parameter_takes_strs_or_strings_and_sends_them_comma_separated() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/api/labels/urgent,on%20hold"))
        .respond_with(ResponseTemplate::new(204))
        .expect(2)
        .mount(&server)
        .await;
    let client = client_for(&server);
    client
        .labels()
        .delete(&["urgent", "on hold"])
        .await
        .expect("strs");
    let owned = vec!["urgent".to_string(), "on hold".to_string()];
    client.labels().delete(&owned).await.expect("strings");
}
