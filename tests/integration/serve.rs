//! Integration tests: `iop serve`. The router in-process (tower `oneshot`)
//! for every endpoint and error, over an index of the hand-written records
//! (fixtures/records/sample.jsonl) and one hostile record
//! (fixtures/records/hostile.jsonl); and the page in headless Chromium,
//! served on 127.0.0.1, which must show results, the chart and the evidence
//! and must not run the `<script>` in the hostile record.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use iop::index::Indexer;
use iop::record::Record;
use iop::search::{By, Filters, FundingOptions, SearchRequest, Searcher};
use iop::serve::{self, Limits};
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{fixture, read_jsonl, run_iop};

mod browser;
mod cdp;
mod limits;

/// The records of a fixture file.
fn records(name: &str) -> Vec<Record> {
    read_jsonl(&fixture(name))
        .into_iter()
        .map(|v| serde_json::from_value(v).unwrap())
        .collect()
}

/// A fresh index of the sample records and the hostile one.
fn index() -> (tempfile::TempDir, Arc<Searcher>) {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("index");
    let mut ix = Indexer::open(&dir).unwrap();
    for r in records("records/sample.jsonl")
        .iter()
        .chain(&records("records/hostile.jsonl"))
    {
        ix.upsert(r).unwrap();
    }
    ix.finish().unwrap();
    let s = Searcher::open(&dir).unwrap();
    (d, Arc::new(s))
}

fn app(s: &Arc<Searcher>) -> axum::Router {
    serve::router(s.clone(), Limits::default())
}

/// GET a path; status, content type and body.
async fn get(app: axum::Router, uri: &str) -> (StatusCode, String, Vec<u8>) {
    let req = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let resp = app.oneshot(req).await.unwrap();
    let status = resp.status();
    let ct = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = axum::body::to_bytes(resp.into_body(), 1 << 24)
        .await
        .unwrap();
    (status, ct, body.to_vec())
}

/// GET a JSON endpoint, expecting `want`.
async fn json(app: axum::Router, uri: &str, want: StatusCode) -> Value {
    let (status, ct, body) = get(app, uri).await;
    assert_eq!(status, want, "{uri}: {}", String::from_utf8_lossy(&body));
    assert_eq!(ct, "application/json", "{uri}");
    serde_json::from_slice(&body).unwrap()
}

/// A value as JSON text reads back (f32 scores as printed, not widened).
fn as_json<T: serde::Serialize>(t: T) -> Value {
    serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap()
}

fn ids(v: &Value) -> Vec<&str> {
    let mut ids: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn search_answers_the_libraries_json_and_the_clis_hits() {
    let (d, s) = index();
    let v = json(app(&s), "/api/search?q=kvinnojouren", StatusCode::OK).await;
    let req = SearchRequest {
        query: "kvinnojouren".into(),
        ..SearchRequest::default()
    };
    assert_eq!(v, as_json(s.search_register(&req).unwrap()));
    assert_eq!(v["total"], 2);
    assert_eq!(v["hits"][0]["id"], "lkpg-2023-kvinnojouren");
    assert_eq!(v["hits"][0]["public_sek_per_year"], 1_200_000);
    assert!(
        v["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("**Kvinnojouren**")
    );
    // `iop search --format json` prints the very same hits
    let ix = d.path().join("index");
    let (code, out, err) = run_iop(&[
        "search",
        "--index",
        ix.to_str().unwrap(),
        "--format",
        "json",
        "kvinnojouren",
    ]);
    assert_eq!(code, 0, "{err}");
    let cli: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(cli, v["hits"]);
}

#[tokio::test]
async fn every_filter_sort_and_paging_parameter() {
    let (_d, s) = index();
    let q = |uri: &'static str| {
        let a = app(&s);
        async move { json(a, uri, StatusCode::OK).await }
    };
    assert_eq!(
        ids(&q("/api/search?municipality=Link%C3%B6ping").await),
        [
            "lkpg-2022-blavagen",
            "lkpg-2023-kvinnojouren",
            "lkpg-2024-tjejzonen-hostile"
        ]
    );
    assert_eq!(
        ids(&q("/api/search?county=Sk%C3%A5ne+l%C3%A4n").await),
        ["malmo-2022-rodakorset", "skane-2023-helamanniskan"]
    );
    assert_eq!(
        ids(&q("/api/search?partner=Stadsmissionen").await),
        ["nkpg-2024-stadsmissionen"]
    );
    assert_eq!(
        ids(&q("/api/search?from=2024&to=2024&municipality=0581").await),
        ["nkpg-2024-stadsmissionen"]
    );
    // amounts as people type them, with spaces; blank fields as a form sends them
    let v = q("/api/search?q=&county=&min_sek=1+000+000&max_sek=1+200+000&sort=sek").await;
    assert_eq!(ids(&v), ["lkpg-2023-kvinnojouren"]);
    let by_sek = q("/api/search?sort=sek&limit=2").await;
    let all = s
        .search_register(&SearchRequest {
            sort: iop::search::Sort::Sek,
            limit: 2,
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(by_sek, as_json(all));
    assert_eq!(by_sek["hits"].as_array().unwrap().len(), 2);
    let page2 = q("/api/search?sort=sek&limit=2&offset=2").await;
    assert_eq!(page2["total"], by_sek["total"]);
    assert_ne!(page2["hits"][0]["id"], by_sek["hits"][0]["id"]);
    // a huge limit is cut, not refused
    assert_eq!(q("/api/search?limit=1000000").await["total"], 8);
}

#[tokio::test]
async fn funding_answers_the_report_of_the_library() {
    let (_d, s) = index();
    for (by, uri) in [
        (By::Municipality, "/api/funding"),
        (By::County, "/api/funding?by=county"),
        (By::Partner, "/api/funding?by=partner"),
    ] {
        let v = json(app(&s), uri, StatusCode::OK).await;
        let opts = FundingOptions {
            by,
            ..FundingOptions::default()
        };
        let want = s.funding("", &Filters::default(), opts).unwrap();
        assert_eq!(v, as_json(want), "{uri}");
    }
    let v = json(
        app(&s),
        "/api/funding?by=county&county=%C3%96sterg%C3%B6tland&q=kvinnojouren&sort=sek",
        StatusCode::OK,
    )
    .await;
    assert_eq!(v["rows"].as_array().unwrap().len(), 1);
    assert_eq!(v["rows"][0]["name"], "Östergötlands län");
    // the chart follows the query: only the agreement whose page speaks of it
    assert_eq!(v["rows"][0]["agreements"], 1);
    assert!(v["rows"][0]["sek_per_inhabitant"].as_f64().unwrap() > 0.0);
}

#[tokio::test]
async fn a_record_comes_whole_with_its_evidence() {
    let (_d, s) = index();
    let v = json(
        app(&s),
        "/api/records/lkpg-2023-kvinnojouren",
        StatusCode::OK,
    )
    .await;
    let want = records("records/sample.jsonl")
        .into_iter()
        .find(|r| r.id == "lkpg-2023-kvinnojouren")
        .unwrap();
    assert_eq!(v, as_json(&want));
    assert_eq!(
        v["agreements"][0]["evidence"][1]["quote"],
        "Kommunen bidrar med 1 200 000 kronor per år."
    );
    let v = json(app(&s), "/api/records/finns-inte", StatusCode::NOT_FOUND).await;
    assert_eq!(v["error"], "no record with id \"finns-inte\"");
}

#[tokio::test]
async fn every_error_is_json_with_a_clear_message() {
    let (_d, s) = index();
    let cases: [(&str, StatusCode, &str); 10] = [
        (
            "/api/search?q=%22avtal",
            StatusCode::BAD_REQUEST,
            "bad query",
        ),
        (
            "/api/search?county=Lappland",
            StatusCode::BAD_REQUEST,
            "county \"Lappland\": no such county",
        ),
        (
            "/api/search?municipality=Atlantis",
            StatusCode::BAD_REQUEST,
            "municipality \"Atlantis\": no such kommun or region",
        ),
        (
            "/api/search?from=2024&to=2023",
            StatusCode::BAD_REQUEST,
            "from 2024 is after to 2023",
        ),
        (
            "/api/search?min_sek=mycket",
            StatusCode::BAD_REQUEST,
            "min_sek \"mycket\": not a whole number of kronor",
        ),
        (
            "/api/search?kommun=Link%C3%B6ping",
            StatusCode::BAD_REQUEST,
            "unknown field `kommun`",
        ),
        (
            "/api/search?sort=datum",
            StatusCode::BAD_REQUEST,
            "sort \"datum\": not one of score, published, sek",
        ),
        (
            "/api/search?limit=-1",
            StatusCode::BAD_REQUEST,
            "limit \"-1\": not a whole number of hits",
        ),
        (
            "/api/funding?by=kommun",
            StatusCode::BAD_REQUEST,
            "by \"kommun\": not one of municipality, county, partner",
        ),
        (
            "/api/nothing-here",
            StatusCode::NOT_FOUND,
            "no such page or endpoint: /api/nothing-here",
        ),
    ];
    for (uri, status, message) in cases {
        let v = json(app(&s), uri, status).await;
        let got = v["error"].as_str().unwrap();
        assert!(got.contains(message), "{uri}: {got:?}");
    }
    let req = Request::builder()
        .method("POST")
        .uri("/api/search")
        .body(Body::empty())
        .unwrap();
    let resp = app(&s).oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(resp.headers()[header::CONTENT_TYPE], "application/json");
}

#[tokio::test]
async fn a_slow_request_is_cut_off_with_a_json_503() {
    let slow = axum::Router::new().route(
        "/slow",
        axum::routing::get(|| async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            "done"
        }),
    );
    let limits = Limits {
        request_timeout: Duration::from_millis(50),
        ..Limits::default()
    };
    let v = json(
        serve::with_limits(slow, limits),
        "/slow",
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
    assert!(v["error"].as_str().unwrap().contains("took too long"));
}

#[tokio::test]
async fn the_page_and_its_assets_come_from_the_binary() {
    let (_d, s) = index();
    let (status, ct, body) = get(app(&s), "/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "text/html; charset=utf-8");
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains(r#"<script src="/app.js" defer></script>"#));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN"
    );
    let (status, ct, js) = get(app(&s), "/app.js").await;
    assert_eq!(
        (status, ct.as_str()),
        (StatusCode::OK, "text/javascript; charset=utf-8")
    );
    let js = String::from_utf8(js).unwrap();
    assert!(
        !js.contains("innerHTML"),
        "document text goes in as text nodes"
    );
    let (status, ct, _) = get(app(&s), "/style.css").await;
    assert_eq!(
        (status, ct.as_str()),
        (StatusCode::OK, "text/css; charset=utf-8")
    );
    let resp = app(&s)
        .oneshot(Request::builder().uri("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let csp = resp.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
}

#[test]
fn serve_names_a_bad_address_and_a_missing_index() {
    let (code, _, err) = run_iop(&["serve", "--addr", "localhost"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--addr \"localhost\""), "{err}");
    let d = tempfile::tempdir().unwrap();
    let missing = d.path().join("no-index");
    let (code, _, err) = run_iop(&["serve", "--index", missing.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("no-index"), "{err}");
}

/// `iop serve` itself: binds a free port on 127.0.0.1, says where on
/// stderr, answers, and on Ctrl-C (SIGINT) stops with status 0.
#[cfg(unix)]
#[test]
fn iop_serve_answers_over_tcp_and_stops_on_ctrl_c() {
    use std::io::{Read, Write};

    let d = tempfile::tempdir().unwrap();
    let ix = d.path().join("index");
    let (code, _, err) = run_iop(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        fixture("records/sample.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (mut child, addr, line) = crate::support::spawn_serve(&ix);
    assert!(line.contains("serving 7 documents"), "{line}");

    let mut tcp = std::net::TcpStream::connect(&addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        tcp,
        "GET /api/search?q=kvinnojouren&limit=1 HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    tcp.read_to_string(&mut resp).unwrap();
    assert!(resp.starts_with("HTTP/1.1 200 OK"), "{resp}");
    assert!(resp.contains(r#""id":"lkpg-2023-kvinnojouren""#), "{resp}");

    let status = crate::support::interrupt(&mut child, Duration::from_secs(10), "");
    assert_eq!(status.code(), Some(0));
}
