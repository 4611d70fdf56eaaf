//! An operation whose JSON is of another media type asks for it, since a
//! server may refuse `Accept: application/json` with `406`.

use error_shapes::Client;
use wiremock::matchers::{headers, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_json_api_response_is_asked_for_by_its_media_type() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/articles/x"))
        // wiremock reads a header's comma-separated values one by one.
        .and(headers(
            "accept",
            vec!["application/vnd.api+json", "application/json;q=0.9"],
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/vnd.api+json")
                .set_body_string(r#"{"id":"x"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client builds");
    client
        .articles()
        .retrieve("x")
        .await
        .expect("the article is sent to a request that accepts its media type");
}
