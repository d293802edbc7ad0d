//! `iop serve`: the axum router over [`crate::search`]. The JSON API answers
//! with the very types the CLI prints ([`SearchResponse`], [`FundingReport`],
//! [`Record`]); the search page (HTML, CSS and vanilla JS compiled into the
//! binary, no CDN) calls that API. Handlers only translate HTTP: they parse
//! parameters, run the search on a blocking thread (bounded by a semaphore)
//! and map [`SearchError`]s to status codes, every error as JSON
//! `{"error": "..."}`. Uses `search` and `record` only.
//!
//! [`SearchResponse`]: crate::search::SearchResponse
//! [`FundingReport`]: crate::search::FundingReport
//! [`Record`]: crate::record::Record
//! [`SearchError`]: crate::search::SearchError

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::timeout::TimeoutLayer;

use crate::search::Searcher;

mod api;
mod error;
mod page;

pub use api::{MAX_API_LIMIT, MAX_QUERY_CHARS, Params};
pub use error::ApiError;

/// Bounds on what one client can make the server do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Searches running at once on blocking threads; more wait their turn.
    pub concurrent_searches: usize,
    /// Longest time a request may take, waiting included (then 503).
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Limits {
            concurrent_searches: (cores * 2).max(4),
            request_timeout: Duration::from_secs(10),
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

/// The request timeout (503 after `limits.request_timeout`) and JSON bodies
/// for error responses that have none, around any routes.
pub fn with_limits(routes: Router, limits: Limits) -> Router {
    // the last layer added is the outermost: it sees the timeout's answer
    routes
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
        .layer(axum::middleware::map_response(error::json_for_bare_errors))
}

/// Serve `app` on `listener` until `shutdown` completes; requests in flight
/// are finished first.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
