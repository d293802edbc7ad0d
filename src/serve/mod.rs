//! `iop serve`: the axum router over [`crate::search`]. The JSON API answers
//! with the very types the CLI prints ([`SearchResponse`], [`FundingReport`],
//! [`Record`]); the search page (HTML, CSS and vanilla JS compiled into the
//! binary, no CDN) calls that API. Handlers only translate HTTP: they parse
//! parameters, run the search on a blocking thread (bounded by a semaphore)
//! and map [`SearchError`]s to status codes, every error as JSON
//! `{"error": "..."}`. Around them: URL length, request time and header
//! limits, and the Host check against DNS rebinding ([`hosts`]); the
//! connections themselves are bounded in [`conn`]. Uses `search` and
//! `record` only.
//!
//! [`SearchResponse`]: crate::search::SearchResponse
//! [`FundingReport`]: crate::search::FundingReport
//! [`Record`]: crate::record::Record
//! [`SearchError`]: crate::search::SearchError

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::timeout::TimeoutLayer;

use crate::search::Searcher;

mod api;
mod conn;
mod error;
mod hosts;
mod page;

pub use api::{MAX_API_LIMIT, MAX_QUERY_CHARS, Params};
pub use conn::MAX_HEAD_BYTES;
pub use error::ApiError;
pub use hosts::Hosts;

/// Longest URL (path and query) answered, in bytes; longer ones get 414.
/// A query of [`MAX_QUERY_CHARS`] Swedish letters, percent-encoded, fits.
pub const MAX_URI_BYTES: usize = 32 * 1024;

/// Bounds on what one client can make the server do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Searches running at once on blocking threads; more wait their turn.
    pub concurrent_searches: usize,
    /// Longest time a request may take, waiting included (then 503).
    pub request_timeout: Duration,
    /// Time a client has to send a request's head; also the longest a
    /// kept-alive connection waits idle for its next request.
    pub header_timeout: Duration,
    /// Longest a response waits for the client to take any of its bytes.
    pub write_timeout: Duration,
    /// Connections open at once; more wait until one closes. Lowered to fit
    /// the process's open-file limit.
    pub max_connections: usize,
    /// On shutdown, how long requests in progress may take to finish.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Limits {
            concurrent_searches: (cores * 2).max(4),
            request_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            max_connections: 4096,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// What every handler shares: the open index and the search permits.
#[derive(Clone)]
pub struct AppState {
    searcher: Arc<Searcher>,
    permits: Arc<Semaphore>,
}

/// The whole application: API routes, the page and its assets, with the
/// request timeout and JSON bodies for bare error responses.
pub fn router(searcher: Arc<Searcher>, limits: Limits) -> Router {
    let state = AppState {
        searcher,
        permits: Arc::new(Semaphore::new(limits.concurrent_searches.max(1))),
    };
    let routes = Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/style.css", get(page::style))
        .route("/api/search", get(api::search))
        .route("/api/funding", get(api::funding))
        .route("/api/agreements", get(api::agreements))
        .route("/api/agreements/{id}", get(api::agreement))
        .route("/avtal/{id}", get(page::agreement))
        .route("/api/records/{id}", get(api::record))
        .fallback(api::not_found)
        .with_state(state);
    with_limits(routes, limits)
}

/// Around any routes: 414 for a URL longer than [`MAX_URI_BYTES`], the
/// request timeout (503 after `limits.request_timeout`), JSON bodies for
/// error responses that have none, and `X-Content-Type-Options: nosniff` on
/// every response.
pub fn with_limits(routes: Router, limits: Limits) -> Router {
    // the last layer added is the outermost: it sees the timeout's answer
    routes
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
        .layer(axum::middleware::from_fn(refuse_long_uri))
        .layer(axum::middleware::map_response(error::json_for_bare_errors))
        .layer(axum::middleware::map_response(nosniff))
}

/// 414 with a JSON body for a URL longer than [`MAX_URI_BYTES`].
async fn refuse_long_uri(req: Request, next: Next) -> Response {
    let len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if len > MAX_URI_BYTES {
        return ApiError {
            status: StatusCode::URI_TOO_LONG,
            message: format!(
                "the URL has {len} bytes; at most {MAX_URI_BYTES} are read \
                 (a query is at most {MAX_QUERY_CHARS} characters)"
            ),
        }
        .into_response();
    }
    next.run(req).await
}

/// Browsers must take every answer as the type it says it is.
async fn nosniff(mut resp: Response) -> Response {
    resp.headers_mut()
        .entry(header::X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    resp
}

/// Serve `app` on `listener` with the default [`Limits`] until `shutdown`
/// completes, answering only to the server's own host names ([`Hosts`]).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, app, Limits::default(), &[], shutdown).await
}

/// Serve `app` on `listener` until `shutdown` completes: HTTP/1.1 with the
/// connection bounds of `limits`, answering only requests addressed to the
/// server's own host names or to `allowed_hosts` (403 otherwise). Requests
/// in progress at shutdown get `limits.shutdown_grace` to finish.
pub async fn serve_with(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    allowed_hosts: &[String],
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let hosts = Arc::new(Hosts::new(listener.local_addr()?, allowed_hosts));
    let app = app
        .layer(axum::middleware::from_fn_with_state(hosts, hosts::check))
        .layer(axum::middleware::map_response(nosniff));
    conn::run(listener, app, limits, shutdown).await
}
