//! Crawl of many hosts over loopback: serves `IOP_BENCH_HOSTS` (default 300)
//! small news sites, each on its own address 127.0.1.x, 127.0.2.x, ... (so
//! each is a host of its own), and runs the `iop crawl` binary over all of
//! them with the default settings (every host at once) and `--delay-ms`
//! `IOP_BENCH_DELAY_MS` (default 200). Each site answers robots.txt, a
//! listing of 10 articles with a second page of 10 more, and 404 for the
//! probed news paths and /sitemap.xml: 28 requests a host, each answered
//! after 1 to 20 ms (the host's own latency). Prints the wall time of the
//! crawl against the slowest host's own span (first request to last answer),
//! the goal being wall <= 1.1 x that span, and the crawler's peak memory.
//! Fails when a page is missing or a request failed. Bounded: the crawl is
//! killed after 600 s.
//!
//! `cargo bench --bench crawl`; `IOP_BENCH_CONCURRENT_HOSTS=16` runs it with
//! that many hosts at once instead, for comparison.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Articles on each of the two listing pages.
const PER_PAGE: usize = 10;
/// The crawl is killed after this long.
const LIMIT: Duration = Duration::from_secs(600);

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One site's log.
#[derive(Default)]
struct Site {
    /// When the first request came and the last answer went.
    first: Mutex<Option<Instant>>,
    last: Mutex<Option<Instant>>,
    requests: AtomicUsize,
    /// How long the site takes for every answer.
    latency: Duration,
}

fn listing(page: usize) -> String {
    let items: String = (0..PER_PAGE)
        .map(|i| {
            let k = (page - 1) * PER_PAGE + i;
            format!("<li><a href=\"/nyheter/artikel-{k}\">Avtal med föreningen {k}</a></li>\n")
        })
        .collect();
    let next = if page == 1 {
        "<a href=\"/nyheter?page=2\">Nästa sida</a>"
    } else {
        ""
    };
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Nyheter</title></head>\
         <body><nav><a href=\"/\">Start</a><a href=\"/nyheter\">Nyheter</a></nav><main><h1>Nyheter</h1>\
         <ul>{items}</ul><nav class=\"paginering\">{next}</nav></main></body></html>"
    )
}

fn article(k: usize) -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Avtal med föreningen {k}</title></head>\
         <body><main><article><h1>Avtal med föreningen {k}</h1><p>Publicerad 2024-03-01</p>\
         <p>Kommunen och föreningen {k} har tecknat ett idéburet offentligt partnerskap om stöd till unga.</p>\
         <p>Kommunen bidrar med {} kronor per år.</p></article></main></body></html>",
        50_000 + k * 1000
    )
}

async fn serve(State(site): State<Arc<Site>>, req: Request) -> Response {
    let arrived = Instant::now();
    site.first.lock().unwrap().get_or_insert(arrived);
    site.requests.fetch_add(1, Ordering::Relaxed);
    tokio::time::sleep(site.latency).await;
    let html =
        |body: String| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    let path = req.uri().path();
    let query = req.uri().query().unwrap_or("");
    let resp = match path {
        "/robots.txt" => "User-agent: *\nDisallow: /intern/\n".into_response(),
        "/nyheter" if query == "page=2" => html(listing(2)),
        "/nyheter" => html(listing(1)),
        p => match p
            .strip_prefix("/nyheter/artikel-")
            .and_then(|k| k.parse::<usize>().ok())
            .filter(|k| *k < 2 * PER_PAGE)
        {
            Some(k) => html(article(k)),
            None => (StatusCode::NOT_FOUND, "<h1>Sidan finns inte</h1>").into_response(),
        },
    };
    *site.last.lock().unwrap() = Some(Instant::now());
    resp
}

/// The address of site `i`: 127.0.1.1, ..., 127.0.1.250, 127.0.2.1, ...
fn address(i: usize) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 1 + (i / 250) as u8, 1 + (i % 250) as u8)
}

/// Peak resident memory of the waited-for children, in MB.
fn children_peak_mb() -> f64 {
    // SAFETY: getrusage only writes the struct it is given
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    if rc != 0 {
        return f64::NAN;
    }
    usage.ru_maxrss as f64 / 1024.0
}

fn main() {
    let hosts = env("IOP_BENCH_HOSTS", 300);
    let delay_ms = env("IOP_BENCH_DELAY_MS", 200);
    let at_once = env("IOP_BENCH_CONCURRENT_HOSTS", 0);
    assert!(hosts <= 250 * 200, "IOP_BENCH_HOSTS is too large");
    // this process holds a listener and a connection per host
    rlimit::increase_nofile_limit(4 * hosts as u64 + 256).expect("the open-file limit");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sites: Vec<Arc<Site>> = (0..hosts)
        .map(|i| {
            Arc::new(Site {
                latency: Duration::from_millis(1 + (i as u64 * 7) % 20),
                ..Site::default()
            })
        })
        .collect();
    let mut seeds = Vec::new();
    for (i, site) in sites.iter().enumerate() {
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(SocketAddr::from((
                address(i),
                0,
            ))))
            .unwrap_or_else(|e| panic!("cannot listen on {}: {e}", address(i)));
        let port = listener.local_addr().unwrap().port();
        seeds.push(format!("http://{}:{port}/nyheter", address(i)));
        let app = axum::Router::new().fallback(serve).with_state(site.clone());
        runtime.spawn(async move { axum::serve(listener, app).await });
    }

    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_iop"));
    cmd.arg("crawl")
        .arg("--store")
        .arg(&store)
        .arg("--delay-ms")
        .arg(delay_ms.to_string());
    if at_once > 0 {
        let text = iop::config::DEFAULT_TOML.replace(
            "\nconcurrent_hosts = 0\n",
            &format!("\nconcurrent_hosts = {at_once}\n"),
        );
        let config = dir.path().join("iop.toml");
        std::fs::write(&config, text).unwrap();
        cmd.arg("--config").arg(&config);
    }
    for s in &seeds {
        cmd.arg("--seed").arg(s);
    }
    cmd.stderr(std::process::Stdio::piped());
    eprintln!(
        "crawling {hosts} loopback hosts, 28 requests each, --delay-ms {delay_ms}, {}",
        if at_once > 0 {
            format!("concurrent_hosts = {at_once}")
        } else {
            "the default settings (every host at once)".to_string()
        }
    );
    let started = Instant::now();
    let mut child = cmd.spawn().expect("the iop binary runs");
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("the crawl took more than {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let wall = started.elapsed();
    let peak = children_peak_mb();
    let log = reader.join().unwrap();

    let spans: Vec<Duration> = sites
        .iter()
        .map(|s| {
            let (first, last) = (*s.first.lock().unwrap(), *s.last.lock().unwrap());
            match (first, last) {
                (Some(a), Some(b)) => b - a,
                _ => Duration::ZERO,
            }
        })
        .collect();
    let (slowest, span) = spans
        .iter()
        .enumerate()
        .max_by_key(|(_, d)| **d)
        .map(|(i, d)| (i, *d))
        .unwrap();
    let requests: usize = sites
        .iter()
        .map(|s| s.requests.load(Ordering::Relaxed))
        .sum();
    let saved = walkdir::WalkDir::new(store.join("pages"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .count();
    let ratio = wall.as_secs_f64() / span.as_secs_f64();
    println!(
        "crawl: {hosts} hosts, {requests} requests, {saved} pages saved in {:.2} s wall; \
         slowest host ({}) spans {:.2} s on its own: wall = {ratio:.3} x its span (goal <= 1.1: {}); \
         peak memory of iop crawl {peak:.0} MB",
        wall.as_secs_f64(),
        address(slowest),
        span.as_secs_f64(),
        if ratio <= 1.1 { "met" } else { "NOT met" }
    );
    let expected = hosts * 2 * PER_PAGE;
    if !status.success() || saved != expected {
        eprintln!("{log}");
        eprintln!("iop crawl exited with {status}; {saved} of {expected} pages saved");
        std::process::exit(1);
    }
}
