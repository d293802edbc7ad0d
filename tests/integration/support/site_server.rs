//! Small websites from fixtures/sites/, served on 127.0.0.x (one port for
//! all addresses), with a log of every request as the server saw it. A site
//! may misbehave as its spec says: fail, throttle, redirect, answer slowly,
//! dribble its body a byte at a time, or page its news listing without end.
use std::collections::HashMap;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

/// What one site serves and how it misbehaves.
#[derive(Debug, Clone, Default)]
pub struct SiteSpec {
    /// A folder under fixtures/sites/.
    pub fixture: &'static str,
    /// Time the server takes for every answer.
    pub latency: Duration,
    /// robots.txt answers with this status instead of the file.
    pub robots_status: Option<u16>,
    /// robots.txt answers with this text instead of the file.
    pub robots_txt: Option<&'static str>,
    /// (path, n): the first n requests of the path get 503 with Retry-After.
    pub fail_first: Vec<(&'static str, u32)>,
    /// (path, n): the first n requests of the path get 429 with Retry-After.
    pub too_many_first: Vec<(&'static str, u32)>,
    /// Retry-After seconds sent with those 503s and 429s.
    pub retry_after_secs: u64,
    /// (from, to): 301 redirects.
    pub redirects: Vec<(&'static str, &'static str)>,
    /// (path, time): the path answers this much later still.
    pub slow: Vec<(&'static str, Duration)>,
    /// (path, bytes): the page is sent with this many more bytes, streamed
    /// in chunks without a Content-Length.
    pub padding: Vec<(&'static str, usize)>,
    /// (path, interval): the headers go at once, the body one byte per interval.
    pub dribble: Vec<(&'static str, Duration)>,
    /// /nyheter?page=N pages without end (see `Endless`).
    pub endless: Option<Endless>,
}

/// A news listing at /nyheter that always has a next page (`?page=N+1`),
/// made from the fixture's `nyheter/sida.html`; its articles
/// /nyheter/artikel-K are made from `nyheter/artikel.html`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Endless {
    /// Article links on each page.
    pub per_page: usize,
    /// Pages with new articles; every page after the last of them lists
    /// its articles again. `None`: every page brings new ones.
    pub pages_with_news: Option<usize>,
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Logged {
    /// The address the request came to (127.0.0.x).
    pub host: String,
    /// Path and query.
    pub path: String,
    /// When it arrived.
    pub at: Instant,
    pub user_agent: String,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    pub status: u16,
    /// Bytes of body sent back (0 while the answer is not ready).
    pub body_bytes: usize,
}

struct SiteState {
    spec: SiteSpec,
    dir: PathBuf,
    origin: String,
    port: u16,
    ip: Ipv4Addr,
    /// Path to (status, answers left) of the faults to come.
    failures: Mutex<HashMap<String, (StatusCode, u32)>>,
    log: Arc<Mutex<Vec<Logged>>>,
}

/// The running server; it stops when dropped.
pub struct SiteServer {
    pub port: u16,
    pub started: Instant,
    log: Arc<Mutex<Vec<Logged>>>,
    _runtime: tokio::runtime::Runtime,
}

const LAST_MODIFIED: &str = "Mon, 04 Mar 2024 08:00:00 GMT";

impl SiteServer {
    /// Serve each spec on its address, all on one free port.
    pub fn start(sites: Vec<(Ipv4Addr, SiteSpec)>) -> SiteServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        for _ in 0..20 {
            let bound = runtime.block_on(async {
                let first = tokio::net::TcpListener::bind((Ipv4Addr::new(127, 0, 0, 1), 0))
                    .await
                    .ok()?;
                let port = first.local_addr().ok()?.port();
                let mut listeners = Vec::new();
                for (ip, _) in &sites {
                    listeners.push(
                        tokio::net::TcpListener::bind(SocketAddr::from((*ip, port)))
                            .await
                            .ok()?,
                    );
                }
                drop(first);
                Some((port, listeners))
            });
            let Some((port, listeners)) = bound else {
                continue;
            };
            for ((ip, spec), listener) in sites.iter().zip(listeners) {
                let state = Arc::new(SiteState {
                    dir: crate::support::fixture(&format!("sites/{}", spec.fixture)),
                    spec: spec.clone(),
                    origin: format!("http://{ip}:{port}"),
                    port,
                    ip: *ip,
                    failures: Mutex::new(
                        (spec
                            .fail_first
                            .iter()
                            .map(|f| (f, StatusCode::SERVICE_UNAVAILABLE)))
                        .chain(
                            spec.too_many_first
                                .iter()
                                .map(|f| (f, StatusCode::TOO_MANY_REQUESTS)),
                        )
                        .map(|((p, n), status)| (p.to_string(), (status, *n)))
                        .collect(),
                    ),
                    log: log.clone(),
                });
                let app = axum::Router::new().fallback(serve).with_state(state);
                runtime.spawn(async move { axum::serve(listener, app).await });
            }
            return SiteServer {
                port,
                started: Instant::now(),
                log,
                _runtime: runtime,
            };
        }
        panic!("cannot bind the test sites to one port");
    }

    /// `http://IP:PORT`
    pub fn origin(&self, ip: Ipv4Addr) -> String {
        format!("http://{ip}:{}", self.port)
    }

    /// Every request so far, in arrival order.
    pub fn log(&self) -> Vec<Logged> {
        self.log.lock().unwrap().clone()
    }

    /// The requests that came to one address.
    pub fn log_of(&self, ip: Ipv4Addr) -> Vec<Logged> {
        let ip = ip.to_string();
        self.log().into_iter().filter(|l| l.host == ip).collect()
    }

    /// Forget the requests so far (the server must be idle).
    pub fn clear_log(&self) {
        self.log.lock().unwrap().clear();
    }
}

/// The file for a path: `/` is index.html, `/a` is a.html or
/// a/index.html, a query `?k=v` picks `NAME@k=v.html` when it exists.
fn resolve(st: &SiteState, path: &str, query: Option<&str>) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/').trim_end_matches('/');
    if rel.split('/').any(|s| s == "..") {
        return None;
    }
    let base = st.dir.join(rel);
    let mut candidates = Vec::new();
    for stem in [base.join("index"), base.clone()] {
        if let Some(q) = query {
            candidates.push(PathBuf::from(format!("{}@{q}.html", stem.display())));
        }
    }
    candidates.push(base.clone());
    candidates.push(PathBuf::from(format!("{}.html", base.display())));
    candidates.push(base.join("index.html"));
    candidates.into_iter().find(|p| p.is_file())
}

fn content_type(path: &str, bytes: &[u8]) -> &'static str {
    if path.ends_with(".gz") {
        "application/gzip"
    } else if path.ends_with("rss.xml") {
        "application/rss+xml; charset=utf-8"
    } else if path.ends_with(".xml") {
        "application/xml; charset=utf-8"
    } else if path.ends_with(".txt") {
        "text/plain; charset=utf-8"
    } else if std::str::from_utf8(bytes).is_ok() {
        "text/html; charset=utf-8"
    } else {
        "text/html; charset=iso-8859-1"
    }
}

async fn serve(State(st): State<Arc<SiteState>>, req: Request) -> Response {
    let at = Instant::now();
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let entry = {
        let h = |name| {
            req.headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        Logged {
            host: st.ip.to_string(),
            path: req
                .uri()
                .path_and_query()
                .map(|p| p.to_string())
                .unwrap_or_default(),
            at,
            user_agent: h(header::USER_AGENT).unwrap_or_default(),
            if_none_match: h(header::IF_NONE_MATCH),
            if_modified_since: h(header::IF_MODIFIED_SINCE),
            status: 0,
            body_bytes: 0,
        }
    };
    drop(req);
    // logged on arrival: a client that gives up still shows in the log
    let index = {
        let mut log = st.log.lock().unwrap();
        log.push(entry.clone());
        log.len() - 1
    };
    let slow = st
        .spec
        .slow
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, d)| *d);
    let latency = st.spec.latency + slow.unwrap_or_default();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let resp = answer(&st, &path, query.as_deref(), entry.if_none_match.as_deref());
    let padding = st
        .spec
        .padding
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, n)| *n);
    if let Some(e) = st.log.lock().unwrap().get_mut(index) {
        e.status = resp.0.as_u16();
        e.body_bytes = resp.2.len() + padding.unwrap_or(0);
    }
    let mut b = Response::builder().status(resp.0);
    for (k, v) in resp.1 {
        b = b.header(k, v);
    }
    let dribble = st
        .spec
        .dribble
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, d)| *d);
    if let Some(every) = dribble {
        let bytes = futures::stream::unfold(resp.2.into_iter(), move |mut rest| async move {
            tokio::time::sleep(every).await;
            let b = rest.next()?;
            Some((Ok::<_, std::io::Error>(vec![b]), rest))
        });
        return b.body(Body::from_stream(bytes)).unwrap();
    }
    match padding {
        None => b.body(Body::from(resp.2)).unwrap(),
        Some(n) => {
            let filler = std::iter::repeat_n(vec![b' '; 16 * 1024], n / (16 * 1024) + 1);
            let chunks = std::iter::once(resp.2)
                .chain(filler)
                .map(Ok::<_, std::io::Error>);
            b.body(Body::from_stream(futures::stream::iter(chunks)))
                .unwrap()
        }
    }
}

type Answer = (StatusCode, Vec<(header::HeaderName, String)>, Vec<u8>);

/// A page of the endless listing or one of its articles.
fn endless(st: &SiteState, e: &Endless, path: &str, query: Option<&str>) -> Option<Answer> {
    let ok = |bytes: String| {
        let ct = vec![(header::CONTENT_TYPE, "text/html; charset=utf-8".to_string())];
        Some((StatusCode::OK, ct, bytes.into_bytes()))
    };
    let template = |name: &str| std::fs::read_to_string(st.dir.join("nyheter").join(name)).unwrap();
    if path == "/nyheter" {
        let page: usize = query
            .and_then(|q| q.strip_prefix("page="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(1)
            .max(1);
        let shown = e.pages_with_news.map_or(page, |m| page.min(m));
        let items: String = ((shown - 1) * e.per_page..shown * e.per_page)
            .map(|k| {
                format!("      <li><a href=\"/nyheter/artikel-{k}\">Föreningsstöd i Lunda, beslut {k}</a></li>\n")
            })
            .collect();
        return ok(template("sida.html")
            .replace("{{items}}", &items)
            .replace("{{page}}", &page.to_string())
            .replace("{{next}}", &(page + 1).to_string()));
    }
    let k: usize = path.strip_prefix("/nyheter/artikel-")?.parse().ok()?;
    let last = e.pages_with_news.map_or(usize::MAX, |m| m * e.per_page);
    (k < last)
        .then(|| template("artikel.html").replace("{{n}}", &k.to_string()))
        .and_then(ok)
}

fn answer(st: &SiteState, path: &str, query: Option<&str>, inm: Option<&str>) -> Answer {
    let html = |s: &str| vec![(header::CONTENT_TYPE, format!("text/html; charset=utf-8{s}"))];
    if let Some(a) = st
        .spec
        .endless
        .as_ref()
        .and_then(|e| endless(st, e, path, query))
    {
        return a;
    }
    if let Some((status, n)) = st
        .failures
        .lock()
        .unwrap()
        .get_mut(path)
        .filter(|(_, n)| *n > 0)
    {
        *n -= 1;
        let mut hs = html("");
        hs.push((header::RETRY_AFTER, st.spec.retry_after_secs.to_string()));
        return (
            *status,
            hs,
            b"<h1>Tillf\xc3\xa4lligt otillg\xc3\xa4nglig</h1>".to_vec(),
        );
    }
    if let Some(t) = st.spec.robots_txt.filter(|_| path == "/robots.txt") {
        let ct = vec![(header::CONTENT_TYPE, "text/plain".to_string())];
        return (StatusCode::OK, ct, t.as_bytes().to_vec());
    }
    if let Some(s) = st.spec.robots_status.filter(|_| path == "/robots.txt") {
        return (
            StatusCode::from_u16(s).unwrap(),
            html(""),
            b"<h1>Serverfel</h1>".to_vec(),
        );
    }
    if let Some((_, to)) = st.spec.redirects.iter().find(|(from, _)| *from == path) {
        return (
            StatusCode::MOVED_PERMANENTLY,
            vec![(header::LOCATION, to.to_string())],
            Vec::new(),
        );
    }
    let (file, gzip) = match resolve(st, path, query) {
        Some(f) => (f, false),
        None => match path.strip_suffix(".gz").and_then(|p| resolve(st, p, None)) {
            Some(f) => (f, true),
            None => {
                return (
                    StatusCode::NOT_FOUND,
                    html(""),
                    b"<h1>Sidan finns inte</h1>".to_vec(),
                );
            }
        },
    };
    let mut bytes = std::fs::read(&file).unwrap();
    if let Ok(text) = std::str::from_utf8(&bytes) {
        bytes = text
            .replace("{{origin}}", &st.origin)
            .replace("{{port}}", &st.port.to_string())
            .into_bytes();
    }
    if gzip {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&bytes).unwrap();
        bytes = gz.finish().unwrap();
    }
    let etag = format!(
        "\"{:x}\"",
        bytes
            .iter()
            .fold(0xcbf29ce484222325u64, |h, b| (h ^ *b as u64)
                .wrapping_mul(0x100000001b3))
    );
    let name = if gzip {
        path.to_string()
    } else {
        file.display().to_string()
    };
    let mut headers = vec![
        (
            header::CONTENT_TYPE,
            content_type(&name, &bytes).to_string(),
        ),
        (header::ETAG, etag.clone()),
        (header::LAST_MODIFIED, LAST_MODIFIED.to_string()),
    ];
    if inm == Some(etag.as_str()) {
        headers.remove(0);
        return (StatusCode::NOT_MODIFIED, headers, Vec::new());
    }
    (StatusCode::OK, headers, bytes)
}
