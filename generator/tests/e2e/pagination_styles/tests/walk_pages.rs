//! Every detected paging style walks three pages against a local mock, with
//! the async client and (with the `blocking` feature) the blocking one;
//! each page is requested once, with the paginator's options.

use pagination_styles::{Client, Error};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

#[derive(Clone, Copy, Debug)]
enum Style {
    PageNumber,
    Offset,
    HasMore,
    /// Search results: a `page` token from `next_page`.
    SearchNextPage,
    CursorField,
    NextPageUri,
    LinksNext,
    LinkHeader,
    /// Declared in codegen.yaml: a cursor at `continuation.token`.
    Declared,
}

const STYLES: [Style; 9] = [
    Style::PageNumber,
    Style::Offset,
    Style::HasMore,
    Style::SearchNextPage,
    Style::CursorField,
    Style::NextPageUri,
    Style::LinksNext,
    Style::LinkHeader,
    Style::Declared,
];

/// The items of page `n` (1-based): two each.
fn items(n: usize) -> Value {
    json!([{"id": (2 * n - 1).to_string()}, {"id": (2 * n).to_string()}])
}

fn get(route: &str) -> MockBuilder {
    Mock::given(method("GET"))
        .and(path(route))
        .and(header("x-walk", "yes"))
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// Mounts the three pages of `style`, each expected exactly once.
async fn mount(server: &MockServer, style: Style) {
    let uri = server.uri();
    let pages: Vec<Mock> = match style {
        Style::PageNumber => (1..=3)
            .map(|n| {
                get("/pages")
                    .and(query_param("page[number]", n.to_string()))
                    .respond_with(ok(json!({
                        "data": items(n),
                        "meta": {"page_number": n, "page_size": 2, "total_pages": 3, "total_results": 6}
                    })))
            })
            .collect(),
        Style::Offset => (1..=3)
            .map(|n| {
                get("/offsets")
                    .and(query_param("offset", (2 * (n - 1)).to_string()))
                    .respond_with(ok(json!({"items": items(n), "total": 6})))
            })
            .collect(),
        Style::HasMore => vec![
            get("/charges")
                .and(query_param_is_missing("starting_after"))
                .respond_with(ok(json!({"object": "list", "data": items(1), "has_more": true}))),
            get("/charges")
                .and(query_param("starting_after", "2"))
                .respond_with(ok(json!({"object": "list", "data": items(2), "has_more": true}))),
            get("/charges")
                .and(query_param("starting_after", "4"))
                .respond_with(ok(json!({"object": "list", "data": items(3), "has_more": false}))),
        ],
        Style::SearchNextPage => vec![
            get("/search/charges")
                .and(query_param_is_missing("page"))
                .respond_with(ok(json!({"data": items(1), "has_more": true, "next_page": "p2"}))),
            get("/search/charges")
                .and(query_param("page", "p2"))
                .respond_with(ok(json!({"data": items(2), "has_more": true, "next_page": "p3"}))),
            get("/search/charges")
                .and(query_param("page", "p3"))
                .respond_with(ok(json!({"data": items(3), "has_more": false, "next_page": null}))),
        ],
        Style::CursorField => vec![
            get("/events")
                .and(query_param_is_missing("cursor"))
                .respond_with(ok(json!({"events": items(1), "response_metadata": {"next_cursor": "c2"}}))),
            get("/events")
                .and(query_param("cursor", "c2"))
                .respond_with(ok(json!({"events": items(2), "response_metadata": {"next_cursor": "c3"}}))),
            get("/events")
                .and(query_param("cursor", "c3"))
                .respond_with(ok(json!({"events": items(3), "response_metadata": {"next_cursor": ""}}))),
        ],
        Style::NextPageUri => vec![
            get("/calls")
                .and(query_param_is_missing("Page"))
                .respond_with(ok(json!({"calls": items(1), "next_page_uri": "/calls?Page=1&PageToken=p1"}))),
            get("/calls")
                .and(query_param("Page", "1"))
                .respond_with(ok(json!({"calls": items(2), "next_page_uri": "/calls?Page=2&PageToken=p2"}))),
            get("/calls")
                .and(query_param("Page", "2"))
                .respond_with(ok(json!({"calls": items(3), "next_page_uri": null}))),
        ],
        Style::LinksNext => vec![
            get("/articles")
                .and(query_param_is_missing("page"))
                .respond_with(ok(json!({"data": items(1), "links": {"next": format!("{uri}/articles?page=2")}}))),
            get("/articles")
                .and(query_param("page", "2"))
                .respond_with(ok(json!({"data": items(2), "links": {"next": format!("{uri}/articles?page=3")}}))),
            get("/articles")
                .and(query_param("page", "3"))
                .respond_with(ok(json!({"data": items(3), "links": {"next": null}}))),
        ],
        Style::LinkHeader => vec![
            get("/repos").and(query_param_is_missing("page")).respond_with(
                ok(items(1)).insert_header(
                    "link",
                    format!(r#"<{uri}/repos?page=2>; rel="next", <{uri}/repos?page=3>; rel="last""#),
                ),
            ),
            get("/repos").and(query_param("page", "2")).respond_with(
                ok(items(2)).insert_header(
                    "link",
                    format!(r#"<{uri}/repos?page=1>; rel="prev", <{uri}/repos?page=3>; rel="next""#),
                ),
            ),
            get("/repos")
                .and(query_param("page", "3"))
                .respond_with(ok(items(3))),
        ],
        Style::Declared => vec![
            get("/logs")
                .and(query_param_is_missing("from_token"))
                .respond_with(ok(json!({"lines": items(1), "continuation": {"token": "t2"}}))),
            get("/logs")
                .and(query_param("from_token", "t2"))
                .respond_with(ok(json!({"lines": items(2), "continuation": {"token": "t3"}}))),
            get("/logs")
                .and(query_param("from_token", "t3"))
                .respond_with(ok(json!({"lines": items(3), "continuation": {}}))),
        ],
    };
    for page in pages {
        page.expect(1).mount(server).await;
    }
}

/// Every item of `style`'s operation, through `$client`; `$($wait)*` is
/// `.await` for the async client and nothing for the blocking one.
macro_rules! walk {
    ($client:expr, $style:expr, [$($wait:tt)*]) => {{
        let client = $client;
        let result = match $style {
            Style::PageNumber => client.pages().list_auto_paging(Default::default()).header("x-walk", "yes").collect_all()$($wait)*,
            Style::Offset => client.offsets().list_auto_paging(Default::default()).header("x-walk", "yes").collect_all()$($wait)*,
            Style::HasMore => client.charges().list_auto_paging(Default::default()).header("x-walk", "yes").collect_all()$($wait)*,
            Style::SearchNextPage => client.search().charges_auto_paging(Default::default()).header("x-walk", "yes").collect_all()$($wait)*,
            Style::CursorField => client.events().list_auto_paging(Default::default()).header("x-walk", "yes").collect_all()$($wait)*,
            Style::NextPageUri => client.calls().list_auto_paging(Default::default()).header("x-walk", "yes").collect_all()$($wait)*,
            Style::LinksNext => client.articles().list_auto_paging().header("x-walk", "yes").collect_all()$($wait)*,
            Style::Declared => client.logs().list_auto_paging(Default::default()).header("x-walk", "yes").collect_all()$($wait)*,
            Style::LinkHeader => client.repos().list_auto_paging(Default::default()).header("x-walk", "yes").collect_all()$($wait)*,
        };
        result.map(|items| items.into_iter().map(|item| item.id).collect::<Vec<_>>())
    }};
}

const SIX: [&str; 6] = ["1", "2", "3", "4", "5", "6"];

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn every_style_walks_three_pages_once_each() {
    for style in STYLES {
        let server = MockServer::start().await;
        mount(&server, style).await;
        let ids =
            walk!(&client(&server), style, [.await]).unwrap_or_else(|e| panic!("{style:?}: {e}"));
        assert_eq!(ids, SIX, "{style:?}");
        server.verify().await;
    }
}

#[cfg(feature = "blocking")]
#[test]
fn every_style_walks_three_pages_once_each_blocking() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime for the mock");
    for style in STYLES {
        let server = runtime.block_on(async {
            let server = MockServer::start().await;
            mount(&server, style).await;
            server
        });
        let client = pagination_styles::blocking::Client::builder()
            .base_url(server.uri())
            .max_retries(0)
            .build()
            .expect("client builds");
        let ids = walk!(&client, style, []).unwrap_or_else(|e| panic!("{style:?}: {e}"));
        assert_eq!(ids, SIX, "{style:?}");
        // The iterator, item by item, as well.
        if let Style::PageNumber = style {
            runtime.block_on(server.verify());
            runtime.block_on(server.reset());
            runtime.block_on(mount(&server, style));
            let mut pages = client
                .pages()
                .list_auto_paging(Default::default())
                .header("x-walk", "yes");
            let first = pages.next().expect("an item").expect("it decodes");
            assert_eq!(first.id, "1");
            assert_eq!(pages.count(), 5);
        }
        drop(client);
        runtime.block_on(server.verify());
    }
}

#[tokio::test]
async fn walking_stops_at_the_first_error_and_yields_it() {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("cursor"))
        .respond_with(ok(
            json!({"events": items(1), "response_metadata": {"next_cursor": "c2"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let mut events = client.events().list_auto_paging(Default::default());

    let mut seen = Vec::new();
    while let Some(item) = events.next().await {
        seen.push(item.map(|item| item.id).map_err(|e| e.status()));
    }
    assert_eq!(
        seen,
        [
            Ok("1".into()),
            Ok("2".into()),
            Err(Some(reqwest::StatusCode::INTERNAL_SERVER_ERROR))
        ]
    );
}

#[tokio::test]
async fn a_cursor_already_fetched_is_not_fetched_again() {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("cursor"))
        .respond_with(ok(
            json!({"events": items(1), "response_metadata": {"next_cursor": "c2"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(query_param("cursor", "c2"))
        .respond_with(ok(
            json!({"events": items(2), "response_metadata": {"next_cursor": "c2"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let mut events = client.events().list_auto_paging(Default::default());

    let mut ids = Vec::new();
    let error = loop {
        match events.next().await {
            Some(Ok(item)) => ids.push(item.id),
            Some(Err(error)) => break error,
            None => panic!("ended without saying why"),
        }
    };
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert!(matches!(error, Error::Pagination(_)), "{error:?}");
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn a_page_limit_stops_a_server_that_never_ends() {
    let server = MockServer::start().await;
    Mock::given(path("/offsets"))
        .respond_with(ok(json!({"items": items(1), "total": 1000})))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    let result = client
        .offsets()
        .list_auto_paging(Default::default())
        .max_pages(2)
        .collect_all()
        .await;
    assert!(matches!(result, Err(Error::Pagination(_))), "{result:?}");
}

#[tokio::test]
async fn a_next_url_on_another_host_is_refused() {
    let server = MockServer::start().await;
    Mock::given(path("/articles"))
        .respond_with(ok(json!({"data": items(1), "links": {"next": "https://elsewhere.example/articles?page=2"}})))
        .expect(1)
        .mount(&server)
        .await;
    let result = client(&server)
        .articles()
        .list_auto_paging()
        .collect_all()
        .await;
    assert!(
        matches!(result, Err(Error::InvalidRequest(_))),
        "{result:?}"
    );
}
