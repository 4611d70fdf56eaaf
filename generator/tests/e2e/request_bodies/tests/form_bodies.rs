//! Form bodies spelled as the spec's `encoding` says, byte for byte.

use std::collections::HashMap;

use request_bodies::models::{
    CheckoutSessionParams, CheckoutSessionParamsMode, CreateFilterBody, CreateFilterBodyColor,
    LineItem,
};
use request_bodies::Client;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(server.uri())
        .build()
        .expect("client builds")
}

/// The body of the only request the server received, its brackets decoded
/// for reading (form encoding sends them as `%5B` and `%5D`).
async fn only_body(server: &MockServer) -> String {
    let requests: Vec<Request> = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    String::from_utf8(requests[0].body.clone())
        .expect("a form body is text")
        .replace("%5B", "[")
        .replace("%5D", "]")
}

#[tokio::test]
async fn deep_object_fields_nest_by_key_and_index_arrays() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/checkout/sessions"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "cs_1"})))
        .mount(&server)
        .await;
    let params = CheckoutSessionParams::new(CheckoutSessionParamsMode::Payment)
        .with_metadata(HashMap::from([(
            "order_id".to_string(),
            "6735".to_string(),
        )]))
        .with_line_items(vec![
            LineItem::new("p_1").with_quantity(2),
            LineItem::new("p_2"),
        ])
        .with_expand(vec!["customer".into()]);

    let session = client_for(&server)
        .checkout()
        .create_checkout_session(&params)
        .await
        .unwrap();

    assert_eq!(session.id, "cs_1");
    assert_eq!(
        only_body(&server).await,
        "expand[0]=customer&line_items[0][price]=p_1&line_items[0][quantity]=2\
         &line_items[1][price]=p_2&metadata[order_id]=6735&mode=payment"
    );
}

#[tokio::test]
async fn form_arrays_follow_their_style_and_explode() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/filters"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let filter = CreateFilterBody::new("mine")
        .with_tags(vec!["a".into(), "b".into()])
        .with_ids(vec![1, 2])
        .with_words(vec!["x".into(), "y".into()])
        .with_codes(vec!["c".into(), "d".into()]);

    client_for(&server)
        .checkout()
        .create_filter(&filter)
        .await
        .unwrap();

    assert_eq!(
        only_body(&server).await,
        "codes=c%7Cd&ids=1%2C2&name=mine&tags=a&tags=b&words=x%20y"
    );
}

#[tokio::test]
async fn an_object_without_encoding_is_spelled_as_its_properties() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let filter = CreateFilterBody::new("mine")
        .with_color(CreateFilterBodyColor::new().with_r(100).with_g(200));

    client_for(&server)
        .checkout()
        .create_filter(&filter)
        .await
        .unwrap();

    assert_eq!(only_body(&server).await, "g=200&r=100&name=mine");
}
