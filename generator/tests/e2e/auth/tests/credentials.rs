//! Each security scheme puts its credentials where the spec says, each
//! operation sends the requirement the spec gives it, and a missing
//! credential stops a call before anything is sent; against a local mock.

use auth_schemes::{Client, ClientBuilder, Error};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A mock API that answers every GET with a status body.
async fn api() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .mount(&server)
        .await;
    server
}

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder().base_url(server.uri()).max_retries(0)
}

/// The one request the mock received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("requests are recorded");
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.remove(0)
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().expect("text"))
}

fn query(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// A client with a credential for every scheme but OAuth2.
fn every_key(server: &MockServer) -> Client {
    builder(server)
        .basic_auth("AC123", "s3cr3t")
        .bearer_token("bearer-1")
        .header_key("header-1")
        .query_key("query-1")
        .cookie_key("cookie-1")
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn basic_auth_sends_the_username_and_password_in_base64() {
    let server = api().await;
    let client = builder(&server)
        .basic_auth("AC123", "s3cr3t")
        .build()
        .unwrap();
    client.checks().get_basic().await.expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic QUMxMjM6czNjcjN0")
    );
}

#[tokio::test]
async fn a_bearer_token_is_sent_in_the_authorization_header() {
    let server = api().await;
    let client = builder(&server).bearer_token("bearer-1").build().unwrap();
    client.checks().get_bearer().await.expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Bearer bearer-1"));
}

#[tokio::test]
async fn an_api_key_goes_in_the_header_the_spec_names() {
    let server = api().await;
    let client = builder(&server).header_key("header-1").build().unwrap();
    client
        .checks()
        .get_header_key()
        .await
        .expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some("header-1"));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn an_api_key_goes_in_the_query_parameter_the_spec_names() {
    let server = api().await;
    let client = builder(&server).query_key("query 1&x").build().unwrap();
    client
        .checks()
        .get_query_key()
        .await
        .expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/query-key");
    assert_eq!(query(&request, "api_key").as_deref(), Some("query 1&x"));
}

#[tokio::test]
async fn an_api_key_goes_in_the_cookie_the_spec_names() {
    let server = api().await;
    let client = builder(&server).cookie_key("cookie-1").build().unwrap();
    client
        .checks()
        .get_cookie_key()
        .await
        .expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "cookie"), Some("session=cookie-1"));
}

#[tokio::test]
async fn a_cookie_key_joins_the_cookies_the_request_already_has() {
    let server = api().await;
    let client = builder(&server).cookie_key("cookie-1").build().unwrap();
    client
        .checks()
        .get_cookie_key()
        .header("cookie", "theme=dark")
        .await
        .expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "cookie"),
        Some("theme=dark; session=cookie-1")
    );
}

#[tokio::test]
async fn a_requirement_naming_two_schemes_sends_both() {
    let server = api().await;
    let client = every_key(&server);
    client.checks().get_combined().await.expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some("header-1"));
    assert_eq!(query(&request, "api_key").as_deref(), Some("query-1"));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn alternatives_send_the_first_the_client_has_credentials_for() {
    let server = api().await;
    let client = every_key(&server);
    client.checks().get_either().await.expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), Some("Bearer bearer-1"));
    assert_eq!(header(&request, "x-api-key"), None);
}

#[tokio::test]
async fn a_later_alternative_is_sent_when_the_client_lacks_the_first() {
    let server = api().await;
    let client = builder(&server).header_key("header-1").build().unwrap();
    client.checks().get_either().await.expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some("header-1"));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn an_operation_whose_security_is_empty_sends_no_credentials() {
    let server = api().await;
    let client = every_key(&server);
    client.checks().get_public().await.expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(header(&request, "x-api-key"), None);
    assert_eq!(header(&request, "cookie"), None);
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn a_missing_credential_fails_the_call_before_anything_is_sent() {
    let server = api().await;
    let client = builder(&server).header_key("header-1").build().unwrap();
    let result = client.checks().get_basic().await;
    let Err(Error::MissingCredentials(missing)) = result else {
        panic!("expected missing credentials, got {result:?}");
    };
    assert_eq!(missing.scheme(), "basicAuth");
    assert_eq!(missing.setter(), "basic_auth");
    assert_eq!(
        missing.env(),
        ["AUTH_SCHEMES_USERNAME", "AUTH_SCHEMES_PASSWORD"]
    );
    let message = missing.to_string();
    assert!(message.contains("ClientBuilder::basic_auth"), "{message}");
    assert!(message.contains("AUTH_SCHEMES_USERNAME"), "{message}");
    let received = server
        .received_requests()
        .await
        .expect("requests are recorded");
    assert!(received.is_empty(), "{received:?}");
}

#[tokio::test]
async fn a_client_without_credentials_still_calls_operations_that_need_none() {
    let server = api().await;
    let client = builder(&server)
        .build()
        .expect("a client without credentials builds");
    client.checks().get_public().await.expect("call succeeds");
    assert!(matches!(
        client.checks().get_bearer().await,
        Err(Error::MissingCredentials(_))
    ));
}

#[tokio::test]
async fn the_last_credential_set_for_a_scheme_wins() {
    let server = api().await;
    let client = builder(&server)
        .header_key("first")
        .header_key("second")
        .build()
        .unwrap();
    client
        .checks()
        .get_header_key()
        .await
        .expect("call succeeds");
    assert_eq!(
        header(&only_request(&server).await, "x-api-key"),
        Some("second")
    );
}

#[test]
fn a_credential_that_cannot_be_a_header_fails_the_build() {
    let result = Client::builder().header_key("line\nbreak").build();
    assert!(matches!(result, Err(Error::Config(_))), "{result:?}");
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_has_the_same_setters_and_sends_the_same_credentials() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(api());
    let client = auth_schemes::blocking::Client::builder()
        .base_url(server.uri())
        .basic_auth("AC123", "s3cr3t")
        .build()
        .expect("client builds");
    client.checks().get_basic().send().expect("call succeeds");
    let request = runtime.block_on(only_request(&server));
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic QUMxMjM6czNjcjN0")
    );
}

#[tokio::test]
async fn a_calls_own_authorization_header_replaces_the_clients_credentials() {
    let server = api().await;
    let client = builder(&server).bearer_token("bearer-1").build().unwrap();
    client
        .checks()
        .get_bearer()
        .header("authorization", "Bearer for-this-call")
        .await
        .expect("call succeeds");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some("Bearer for-this-call")
    );
}

#[tokio::test]
async fn a_query_key_the_url_already_carries_is_not_sent_twice() {
    let server = api().await;
    let client = builder(&server).query_key("query-1").build().unwrap();
    // As a next page's URL carries the key the API echoed.
    client
        .checks()
        .get_query_key()
        .query("api_key", "query-1")
        .await
        .expect("call succeeds");
    let request = only_request(&server).await;
    let keys = request
        .url
        .query_pairs()
        .filter(|(key, _)| key == "api_key")
        .count();
    assert_eq!(keys, 1, "{}", request.url);
}
