//! `iop serve` under hostile clients, over real TCP on 127.0.0.1: half-open
//! and idle connections are closed by the header timeout, connections over
//! the cap wait their turn, shutdown is not held by a half-open connection
//! but lets a request in progress finish, the Host header is checked
//! against DNS rebinding, every error (414, 431, 400, a bad query) is JSON
//! with `nosniff`, and paging reaches the end of a 10 050-document index.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use iop::index::Indexer;
use iop::search::Searcher;
use iop::serve::{self, Limits};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{app, index, json};

/// A server on a free port of 127.0.0.1; stop it with the sender.
struct Server {
    addr: SocketAddr,
    stop: tokio::sync::oneshot::Sender<()>,
    done: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start(app: axum::Router, limits: Limits, hosts: &[&str]) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hosts: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let done = tokio::spawn(async move {
        serve::serve_with(listener, app, limits, &hosts, async {
            let _ = stopped.await;
        })
        .await
    });
    Server { addr, stop, done }
}

/// Send raw bytes, read the answer until the server closes (or 10 s).
async fn raw(addr: SocketAddr, request: &[u8]) -> String {
    let mut tcp = TcpStream::connect(addr).await.unwrap();
    // a server that answers before reading everything may close early
    let _ = tcp.write_all(request).await;
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), tcp.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

/// A GET with `Connection: close`; status line, headers and body.
async fn get(addr: SocketAddr, path: &str, host: &str) -> (u16, String, String) {
    let answer = raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await;
    split(&answer)
}

fn split(answer: &str) -> (u16, String, String) {
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((answer, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

/// True when the server closes the connection within `within` (whatever
/// it sends first is read and dropped).
async fn closed_by_server(tcp: &mut TcpStream, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, tcp.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

/// A connection that sent part of a request head and then nothing.
async fn half_open(addr: SocketAddr) -> TcpStream {
    let mut tcp = TcpStream::connect(addr).await.unwrap();
    tcp.write_all(b"GET /api/search?q=avtal HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .await
        .unwrap();
    tcp
}

fn quick(header_timeout: Duration) -> Limits {
    Limits {
        header_timeout,
        ..Limits::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_open_connections_are_closed_by_the_header_timeout_and_others_are_served() {
    let (_d, s) = index();
    let server = start(app(&s), quick(Duration::from_millis(500)), &[]).await;
    let mut slow = Vec::new();
    for _ in 0..50 {
        slow.push(half_open(server.addr).await);
    }
    let host = server.addr.to_string();
    let (status, _, body) = get(server.addr, "/api/search?q=kvinnojouren", &host).await;
    assert_eq!(status, 200, "{body}");
    for tcp in &mut slow {
        assert!(closed_by_server(tcp, Duration::from_secs(10)).await);
    }
    // an idle kept-alive connection is closed after the same time
    let mut idle = TcpStream::connect(server.addr).await.unwrap();
    idle.write_all(format!("GET /style.css HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes())
        .await
        .unwrap();
    assert!(closed_by_server(&mut idle, Duration::from_secs(10)).await);
    let _ = server.stop.send(());
    server.done.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_wait_and_are_served_when_one_closes() {
    let (_d, s) = index();
    let limits = Limits {
        max_connections: 2,
        ..quick(Duration::from_millis(700))
    };
    let server = start(app(&s), limits, &[]).await;
    let _a = half_open(server.addr).await;
    let _b = half_open(server.addr).await;
    // the third waits in the kernel's queue until a half-open one times out
    let (status, _, body) = get(server.addr, "/api/search?q=avtal", "localhost").await;
    assert_eq!(status, 200, "{body}");
    let _ = server.stop.send(());
    server.done.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_is_not_held_by_a_half_open_connection() {
    let (_d, s) = index();
    let limits = Limits {
        shutdown_grace: Duration::from_secs(60),
        ..quick(Duration::from_secs(60))
    };
    let server = start(app(&s), limits, &[]).await;
    let mut slow = half_open(server.addr).await;
    // a preconnect that never sends a byte
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let t = Instant::now();
    let _ = server.stop.send(());
    tokio::time::timeout(Duration::from_secs(5), server.done)
        .await
        .expect("shutdown waited for an idle connection")
        .unwrap()
        .unwrap();
    assert!(t.elapsed() < Duration::from_secs(5));
    assert!(closed_by_server(&mut slow, Duration::from_secs(1)).await);
    assert!(closed_by_server(&mut silent, Duration::from_secs(1)).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_lets_a_request_in_progress_finish() {
    let slow = axum::Router::new().route(
        "/slow",
        axum::routing::get(|| async {
            tokio::time::sleep(Duration::from_millis(500)).await;
            "done"
        }),
    );
    let server = start(
        serve::with_limits(slow, Limits::default()),
        Limits::default(),
        &[],
    )
    .await;
    let addr = server.addr;
    let request = tokio::spawn(async move { get(addr, "/slow", "127.0.0.1").await });
    tokio::time::sleep(Duration::from_millis(150)).await;
    let _ = server.stop.send(());
    let (status, _, body) = request.await.unwrap();
    assert_eq!((status, body.as_str()), (200, "done"));
    server.done.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_for_another_host_name_is_refused_against_dns_rebinding() {
    let (_d, s) = index();
    let server = start(app(&s), Limits::default(), &["register.example.se"]).await;
    let port = server.addr.port();
    for host in [format!("evil.example:{port}"), "127.0.0.1.nip.io".into()] {
        let (status, head, body) = get(server.addr, "/api/search?q=avtal", &host).await;
        assert_eq!(status, 403, "{host}: {body}");
        assert!(head.contains("content-type: application/json"), "{head}");
        assert!(head.contains("x-content-type-options: nosniff"), "{head}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert!(
            v["error"].as_str().unwrap().contains("--allow-host"),
            "{body}"
        );
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        "register.example.se".into(),
    ] {
        let (status, _, body) = get(server.addr, "/", &host).await;
        assert_eq!(status, 200, "{host}: {body}");
    }
    let _ = server.stop.send(());
    server.done.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heads_too_long_or_unreadable_get_json_errors_too() {
    let (_d, s) = index();
    let server = start(app(&s), Limits::default(), &[]).await;
    let cases = [
        // over the server's URL limit: its own 414
        (
            format!("/api/search?q={}", "a".repeat(40_000)),
            414,
            "the URL has",
        ),
        // over hyper's URI limit and the head limit: 431 from the HTTP layer
        (
            format!("/api/search?q={}", "a".repeat(70_000)),
            431,
            "too large",
        ),
    ];
    for (path, want, says) in cases {
        let (status, head, body) = get(server.addr, &path, "127.0.0.1").await;
        assert_eq!(status, want, "{head}");
        assert!(head.contains("content-type: application/json"), "{head}");
        let v: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
        assert!(v["error"].as_str().unwrap().contains(says), "{body}");
    }
    let answer = raw(server.addr, b"BR\xffKEN \x01 HTTP/9\r\n\r\n").await;
    let (status, head, body) = split(&answer);
    assert_eq!(status, 400, "{answer}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(serde_json::from_str::<Value>(&body).is_ok(), "{body}");
    let _ = server.stop.send(());
    server.done.await.unwrap().unwrap();
}

#[tokio::test]
async fn api_answers_say_nosniff_and_bad_queries_are_400_keeping_their_dashes() {
    let (_d, s) = index();
    for (uri, status) in [
        ("/api/search?q=avtal", StatusCode::OK),
        ("/api/funding", StatusCode::OK),
        ("/api/records/finns-inte", StatusCode::NOT_FOUND),
        ("/api/search?q=title:*", StatusCode::BAD_REQUEST),
        ("/api/search?q=url:*", StatusCode::BAD_REQUEST),
        ("/api/search?q=id:*", StatusCode::BAD_REQUEST),
    ] {
        let resp = tower::ServiceExt::oneshot(
            app(&s),
            axum::http::Request::builder()
                .uri(uri)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(resp.status(), status, "{uri}");
        assert_eq!(resp.headers()["x-content-type-options"], "nosniff", "{uri}");
    }
    let v = json(app(&s), "/api/search?q=url:*", StatusCode::BAD_REQUEST).await;
    assert!(!v["error"].as_str().unwrap().contains("damaged"), "{v}");
    let nested = format!("{}st%C3%B6d{}", "-(".repeat(250), ")".repeat(250));
    let v = json(
        app(&s),
        &format!("/api/search?q={nested}"),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(v["error"].as_str().unwrap().contains("250 groups"), "{v}");
    let v = json(
        app(&s),
        "/api/search?q=%22avtal+--+st%C3%B6d",
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        v["error"].as_str().unwrap().contains("avtal -- stöd"),
        "{v}"
    );
    let v = json(app(&s), "/api/search?partner=--", StatusCode::BAD_REQUEST).await;
    assert!(
        v["error"].as_str().unwrap().contains("partner \"--\""),
        "{v}"
    );
}

/// An index of `n` small generated records.
fn many(n: usize) -> (tempfile::TempDir, Arc<Searcher>) {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("index");
    let mut ix = Indexer::open(&dir).unwrap();
    for i in 0..n {
        let r: iop::record::Record = serde_json::from_value(serde_json::json!({
            "id": format!("sida-{i:05}"),
            "source": {"url": null, "path": null, "title": format!("Avtal {i}"),
                       "published": format!("20{:02}-01-01", 10 + i % 15)},
            "text": "Kommunen tecknar avtal med föreningen.",
            "agreements": [], "quotes": []
        }))
        .unwrap();
        ix.upsert(&r).unwrap();
    }
    ix.finish().unwrap();
    (d, Arc::new(Searcher::open(&dir).unwrap()))
}

#[tokio::test]
async fn a_page_past_offset_10000_is_that_page_and_next_ends() {
    let (_d, s) = many(10_050);
    let ids = |v: &Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    for sort in ["score", "published"] {
        let at = |offset: usize| {
            let a = app(&s);
            async move {
                json(
                    a,
                    &format!("/api/search?q=avtal&sort={sort}&limit=20&offset={offset}"),
                    StatusCode::OK,
                )
                .await
            }
        };
        let p1 = ids(&at(10_000).await);
        let p2 = ids(&at(10_020).await);
        assert_eq!(p1.len(), 20);
        assert_eq!(p2.len(), 20);
        assert!(
            p1.iter().all(|id| !p2.contains(id)),
            "{sort}: pages overlap"
        );
        let last = at(10_040).await;
        assert_eq!(ids(&last).len(), 10);
        let past = at(60_000).await;
        assert_eq!(
            (past["total"].as_u64(), ids(&past).len()),
            (Some(10_050), 0)
        );
    }
    // the page's "next" rule: on while offset + limit < total
    let mut seen = std::collections::BTreeSet::new();
    let mut offset = 0;
    let mut pages = 0;
    loop {
        let v = json(
            app(&s),
            &format!("/api/search?q=avtal&limit=1000&offset={offset}"),
            StatusCode::OK,
        )
        .await;
        seen.extend(ids(&v));
        pages += 1;
        let total = v["total"].as_u64().unwrap() as usize;
        if offset + 1000 >= total {
            break;
        }
        offset += 1000;
        assert!(pages < 20, "next never ends");
    }
    assert_eq!((seen.len(), pages), (10_050, 11));
}

/// `iop serve` stops on Ctrl-C (SIGINT) at once although a client holds a
/// connection with half a request head and another sent nothing at all.
#[cfg(unix)]
#[test]
fn ctrl_c_is_not_blocked_by_a_half_open_connection() {
    use std::io::Write;

    let d = tempfile::tempdir().unwrap();
    let ix = d.path().join("index");
    let sample = crate::support::fixture("records/sample.jsonl");
    let (code, _, err) = crate::support::run_iop(&[
        "index",
        "--index",
        ix.to_str().unwrap(),
        sample.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (mut child, addr, _) = crate::support::spawn_serve(&ix);
    let mut half = std::net::TcpStream::connect(&addr).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    let _silent = std::net::TcpStream::connect(&addr).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    // well under the 10 s header timeout and the 10 s shutdown grace
    let status = crate::support::interrupt(
        &mut child,
        Duration::from_secs(5),
        "with a half-open connection",
    );
    assert_eq!(status.code(), Some(0));
}
