//! An operation whose 2xx responses carry different bodies returns an enum
//! decoded by the status, against a local mock.

use operations_stress::models::Job;
use operations_stress::resources::jobs::StartJobResponse;
use operations_stress::Client;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client of a server answering `POST /jobs` with `answer`.
async fn answering(answer: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/jobs"))
        .respond_with(answer)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .build()
        .expect("client builds");
    (server, client)
}

#[tokio::test]
async fn a_201_decodes_into_created() {
    let (_server, client) =
        answering(ResponseTemplate::new(201).set_body_json(json!({"id": "job-1"}))).await;

    let response = client.jobs().start_job().await.unwrap();

    match response {
        StartJobResponse::Created(Job { id, .. }) => assert_eq!(id, "job-1"),
        other => panic!("expected Created, got {other:?}"),
    }
}

#[tokio::test]
async fn a_202_decodes_into_accepted() {
    let (_server, client) =
        answering(ResponseTemplate::new(202).set_body_json(json!({"ticket": "t-7"}))).await;

    let response = client.jobs().start_job().await.unwrap();

    match response {
        StartJobResponse::Accepted(queued) => assert_eq!(queued.ticket, "t-7"),
        other => panic!("expected Accepted, got {other:?}"),
    }
}

#[tokio::test]
async fn a_204_is_no_content_without_decoding_a_body() {
    let (_server, client) = answering(ResponseTemplate::new(204)).await;

    let response = client.jobs().start_job().await.unwrap();

    assert_eq!(response, StartJobResponse::NoContent);
}

#[tokio::test]
async fn a_2xx_the_spec_does_not_list_is_kept_as_other() {
    let (_server, client) =
        answering(ResponseTemplate::new(200).set_body_json(json!({"surprise": true}))).await;

    let response = client.jobs().start_job().await.unwrap();

    assert_eq!(response, StartJobResponse::Other(json!({"surprise": true})));
}

#[tokio::test]
async fn with_response_keeps_the_status_beside_the_variant() {
    let (_server, client) =
        answering(ResponseTemplate::new(202).set_body_json(json!({"ticket": "t-7"}))).await;

    let response = client.jobs().start_job().with_response().await.unwrap();

    assert_eq!(response.status().as_u16(), 202);
    assert!(matches!(response.value(), StartJobResponse::Accepted(_)));
}

#[tokio::test]
async fn raw_gives_the_body_undecoded() {
    let (_server, client) =
        answering(ResponseTemplate::new(201).set_body_string("{\"id\":\"j\"}")).await;

    let response = client.jobs().start_job().raw().await.unwrap();

    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(response.into_value(), b"{\"id\":\"j\"}".to_vec());
}
