//! A `has_more` list whose items may be `null` pages after the last item that is not.

use pagination_styles::Client;
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_null_last_item_pages_after_the_last_item_that_is_not() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/refunds"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [{"id": "r1"}, null], "has_more": true})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/refunds"))
        .and(query_param("starting_after", "r1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [{"id": "r2"}], "has_more": false})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client builds");
    let refunds = client
        .refunds()
        .list_auto_paging(Default::default())
        .collect_all()
        .await
        .expect("both pages are read");
    let ids: Vec<Option<String>> = refunds.into_iter().map(|r| r.map(|r| r.id)).collect();
    assert_eq!(ids, [Some("r1".to_string()), None, Some("r2".to_string())]);
}
