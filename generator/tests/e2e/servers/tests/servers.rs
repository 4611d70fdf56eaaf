//! Where requests go: the spec's server with its variables, the servers of
//! single paths and operations, and a base URL the user gives instead.
//! The spec's hosts are resolved to a local mock, whose `Host` header then
//! says which server a request was sent to.

use regional_accounts::models::File;
use regional_accounts::servers::Region;
use regional_accounts::{Client, ClientBuilder, Error, DEFAULT_BASE_URL};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const HOSTS: &[&str] = &[
    "us.api.example.test",
    "eu.api.example.test",
    "files.example.test",
    "uploads.us.example.test",
    "uploads.eu.example.test",
];

/// A builder whose HTTP client sends every host of the spec to `server`.
fn builder_via(server: &MockServer) -> ClientBuilder {
    let http = HOSTS
        .iter()
        .fold(reqwest::Client::builder(), |http, host| {
            http.resolve(host, *server.address())
        })
        .build()
        .expect("HTTP client builds");
    Client::builder().api_key("test-key").http_client(http)
}

async fn answer(server: &MockServer, host: &str, at: &str, body: serde_json::Value) {
    Mock::given(header("host", host))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

#[test]
fn the_default_base_url_is_the_first_server_with_its_variables_at_their_defaults() {
    assert_eq!(DEFAULT_BASE_URL, "http://us.api.example.test/v1");
    assert_eq!(Client::new("k").base_url(), DEFAULT_BASE_URL);
}

#[tokio::test]
async fn requests_go_to_the_default_server() {
    let server = MockServer::start().await;
    answer(
        &server,
        "us.api.example.test",
        "/v1/accounts/acc_1",
        json!({"id": "acc_1"}),
    )
    .await;

    let client = builder_via(&server).build().unwrap();
    let account = client.accounts().retrieve("acc_1").await.unwrap();

    assert_eq!(account.id, "acc_1");
}

#[tokio::test]
async fn variable_setters_change_the_url_and_an_enum_variable_takes_its_enum() {
    let server = MockServer::start().await;
    answer(
        &server,
        "eu.api.example.test",
        "/v2/accounts/acc_1",
        json!({"id": "acc_1"}),
    )
    .await;

    let client = builder_via(&server)
        .region(Region::Eu)
        .version("v2")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "http://eu.api.example.test/v2");

    client.accounts().retrieve("acc_1").await.unwrap();
}

#[tokio::test]
async fn a_path_items_server_receives_its_operations() {
    let server = MockServer::start().await;
    answer(
        &server,
        "files.example.test",
        "/v2/files/file_1",
        json!({"id": "file_1"}),
    )
    .await;

    let client = builder_via(&server).build().unwrap();

    client.files().retrieve("file_1").await.unwrap();
}

#[tokio::test]
async fn an_operations_server_wins_over_its_paths() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("host", "uploads.us.example.test"))
        .and(path("/uploads"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "file_1"})))
        .expect(1)
        .mount(&server)
        .await;

    let client = builder_via(&server).build().unwrap();

    client
        .files()
        .create_upload(&File::new("file_1"))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_variable_set_on_the_client_reaches_an_operations_own_server() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("host", "uploads.eu.example.test"))
        .and(path("/uploads"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "file_1"})))
        .expect(1)
        .mount(&server)
        .await;

    let client = builder_via(&server).region(Region::Eu).build().unwrap();

    client
        .files()
        .create_upload(&File::new("file_1"))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_base_url_the_user_gives_receives_the_operations_with_servers_of_their_own() {
    let server = MockServer::start().await;
    let host = server.address().to_string();
    answer(
        &server,
        &host,
        "/mock/files/file_1",
        json!({"id": "file_1"}),
    )
    .await;
    Mock::given(method("POST"))
        .and(header("host", host.as_str()))
        .and(path("/mock/uploads"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "file_1"})))
        .expect(1)
        .mount(&server)
        .await;

    let client = builder_via(&server)
        .base_url(format!("{}/mock", server.uri()))
        .build()
        .unwrap();

    client.files().retrieve("file_1").await.unwrap();
    client
        .files()
        .create_upload(&File::new("file_1"))
        .await
        .unwrap();
}

#[test]
fn a_relative_base_url_is_refused_naming_how_to_give_a_full_one() {
    let error = Client::builder()
        .api_key("k")
        .base_url("/v1")
        .build()
        .unwrap_err();

    let Error::Config(message) = error else {
        panic!("expected a configuration error, got {error:?}");
    };
    assert!(message.contains("relative"), "{message}");
    assert!(message.contains("ClientBuilder::base_url"), "{message}");
    assert!(message.contains("REGIONAL_ACCOUNTS_BASE_URL"), "{message}");
}
