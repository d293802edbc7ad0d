//! The only module that touches the network: `iop crawl` fetches the news
//! pages of municipal sites into the page store. Sites come from `--seed`
//! URLs or from the settings (every kommun and region of the reference
//! table, entry points given by hand winning). Each site is crawled by one
//! task that asks its host one thing at a time (`host`); every site runs at
//! once, as far as the open-file limit allows (`openfiles`), or at most
//! `crawl.concurrent_hosts` when that is set. Parts: `client` (HTTP,
//! deadlines, retries), `pacer` (delay and budgets of a host's requests),
//! `robots`, `frontier` (queue, seen set, resume journal), `discover`
//! (sitemaps, feeds, listings), `urls` (normalisation, traps). Uses
//! `config`, `reference`, `page` and `store`.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use url::Url;

use crate::config::Settings;
use crate::reference::Reference;
use crate::store::{Store, StoreError};

mod answer;
pub mod client;
pub mod discover;
pub mod frontier;
mod host;
pub mod openfiles;
pub mod pacer;
pub mod robots;
mod sitemap;
pub mod urls;

pub use pacer::Stop;

/// Errors of the crawl; each names the URL or host it is about.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
    #[error("{url}: {detail}")]
    Http { url: String, detail: String },
    #[error("{url}: HTTP {status}")]
    Status { url: String, status: u16 },
    #[error(
        "{url}: gave up after {attempts} attempts: {last}; the {secs} s a page may take in all are spent"
    )]
    Deadline {
        url: String,
        secs: u64,
        attempts: u32,
        /// What went wrong the last time.
        last: String,
    },
    #[error("{url}: not fetched: {stop}")]
    Stopped { url: String, stop: Stop },
    #[error("host {host}: no page saved ({requests} requests, {found} article links found{why})")]
    NothingSaved {
        host: String,
        requests: usize,
        found: usize,
        /// Why the crawl of the host ended early, if it did.
        why: String,
    },
    #[error("{0}")]
    OpenFiles(String),
    #[error("{url}: gave up after {attempts} attempts: {last}")]
    GaveUp {
        url: String,
        attempts: u32,
        /// What went wrong the last time.
        last: String,
    },
    #[error("{url}: the body is larger than {limit} bytes, skipped")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: {detail}")]
    Redirect { url: String, detail: String },
    #[error("host {host} not crawled now: robots.txt is unavailable ({detail})")]
    Robots { host: String, detail: String },
    #[error(
        "host {host} not crawled: robots.txt asks for a Crawl-delay of {secs} s, more than the {max} s we wait"
    )]
    CrawlDelay { host: String, secs: u64, max: u64 },
    #[error("{url}: {detail}")]
    Content { url: String, detail: String },
    #[error("{url}: cannot save: {source}")]
    Store {
        url: String,
        #[source]
        source: StoreError,
    },
    #[error("bad seed {seed:?}: {detail}")]
    Seed { seed: String, detail: String },
}

impl CrawlError {
    /// What went wrong, without the URL.
    pub fn reason(&self) -> String {
        match self {
            CrawlError::Http { detail, .. } => detail.clone(),
            CrawlError::Status { status, .. } => format!("HTTP {status}"),
            other => other.to_string(),
        }
    }
}

/// One site to crawl: its host and where to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteJob {
    /// The site's host without `www.`; the crawl never leaves it.
    pub site: String,
    /// Scheme, host and port of the site.
    pub origin: Url,
    /// Where to start.
    pub entry_points: Vec<Url>,
}

/// Run-time options of a crawl.
#[derive(Debug, Clone)]
pub struct Options {
    /// Least time between two requests to one host.
    pub delay: Duration,
    /// Stop after this many requests in all (robots.txt, sitemaps, feeds,
    /// listings and articles; every retry and redirect hop counts).
    pub max_pages: Option<usize>,
}

/// Counters of a crawl, shared with whoever shows progress.
#[derive(Debug, Default)]
pub struct Stats {
    pub hosts_total: AtomicUsize,
    pub hosts_done: AtomicUsize,
    pub hosts_failed: AtomicUsize,
    /// Pages fetched and saved.
    pub saved: AtomicUsize,
    /// Pages the server said were unchanged (304); the stored copy was kept.
    pub unchanged: AtomicUsize,
    /// Pages already saved by the interrupted crawl this one resumed.
    pub resumed: AtomicUsize,
    /// Requests sent, every retry and redirect hop counted (`--max-pages`
    /// bounds this).
    pub requests: AtomicUsize,
    pub errors: AtomicUsize,
    /// Hosts whose crawl stopped at its request limit or time budget; their
    /// journal stays, so the next crawl goes on from there.
    pub hosts_stopped: AtomicUsize,
    /// True when the crawl stopped at `--max-pages`.
    pub stopped: AtomicBool,
}

/// Where the crawl reports failures and warnings as they happen.
pub trait Observer: Send + Sync {
    fn error(&self, err: &CrawlError);
    /// Something the user should know that is no failure: entries of a
    /// sitemap skipped, a host stopped at its budget, hosts at once bounded.
    fn warning(&self, message: &str);
}

/// The sites of `--seed` URLs: grouped by site, in the order given.
pub fn sites_of_seeds(seeds: &[String]) -> Result<Vec<SiteJob>, CrawlError> {
    let mut jobs: Vec<SiteJob> = Vec::new();
    for s in seeds {
        let bad = |detail: String| CrawlError::Seed {
            seed: s.clone(),
            detail,
        };
        let parsed = Url::parse(s).map_err(|e| bad(e.to_string()))?;
        let url = urls::normalise(&parsed).ok_or_else(|| bad("not an http(s) URL".into()))?;
        add_entry(&mut jobs, url);
    }
    Ok(jobs)
}

/// The sites of the settings: every kommun and region domain of the
/// reference table (when `crawl.reference_sites`), starting at the site
/// root, with the entry points of `[[sites]]` replacing the root.
pub fn sites_of_settings(settings: &Settings, reference: &Reference) -> Vec<SiteJob> {
    let given: BTreeMap<&str, &Vec<String>> = settings
        .sites
        .iter()
        .map(|s| (s.code.as_str(), &s.entry_points))
        .collect();
    let mut jobs = Vec::new();
    for body in reference.bodies() {
        let entries: Vec<Url> = match given.get(body.code.as_str()) {
            Some(eps) => eps
                .iter()
                .filter_map(|e| Url::parse(e).ok().and_then(|u| urls::normalise(&u)))
                .collect(),
            None if settings.crawl.reference_sites && !body.domain.is_empty() => {
                Url::parse(&format!("https://www.{}/", body.domain))
                    .into_iter()
                    .collect()
            }
            None => Vec::new(),
        };
        for e in entries {
            add_entry(&mut jobs, e);
        }
    }
    jobs
}

fn add_entry(jobs: &mut Vec<SiteJob>, url: Url) {
    let site = urls::site_of(url.host_str().unwrap_or("")).to_string();
    match jobs.iter_mut().find(|j| j.site == site) {
        Some(j) => {
            if !j.entry_points.contains(&url) {
                j.entry_points.push(url);
            }
        }
        None => {
            let mut origin = url.clone();
            origin.set_path("/");
            origin.set_query(None);
            jobs.push(SiteJob {
                site,
                origin,
                entry_points: vec![url],
            });
        }
    }
}

/// What every site task shares.
struct Shared {
    limits: client::Limits,
    store: Store,
    settings: Settings,
    options: Options,
    stats: Arc<Stats>,
    observer: Arc<dyn Observer>,
}

/// Crawl the sites into the store; returns when every site is done, given
/// up, stopped at its budget, or `max_pages` is reached. Every site runs at
/// once unless the open-file limit (or `crawl.concurrent_hosts`) allows
/// fewer. Failures go to `observer` and `stats`.
pub async fn crawl(
    jobs: Vec<SiteJob>,
    store: Store,
    settings: &Settings,
    options: Options,
    stats: Arc<Stats>,
    observer: Arc<dyn Observer>,
) -> Result<(), CrawlError> {
    let c = &settings.crawl;
    let limits = client::Limits {
        timeout: Duration::from_secs(c.timeout_secs),
        url_deadline: Duration::from_secs(c.url_deadline_secs),
        max_body_bytes: c.max_body_bytes,
        max_redirects: c.max_redirects,
        retries: c.retries,
        backoff: Duration::from_millis(c.backoff_ms),
    };
    // the client is made per host; a bad setting shows here, before any host
    client::Client::new(&settings.user_agent(), limits.clone())?;
    let plan = openfiles::hosts_at_once(jobs.len(), c.concurrent_hosts)?;
    if plan.hosts_at_once < jobs.len() {
        let message = plan.bounded_message(jobs.len());
        tracing::info!(
            hosts = jobs.len(),
            at_once = plan.hosts_at_once,
            "{message}"
        );
        if c.concurrent_hosts == 0 {
            observer.warning(&message);
        }
    }
    let shared = Arc::new(Shared {
        limits,
        store,
        settings: settings.clone(),
        options,
        stats: stats.clone(),
        observer,
    });
    stats.hosts_total.store(jobs.len(), Ordering::Relaxed);
    let permits = Arc::new(tokio::sync::Semaphore::new(plan.hosts_at_once));
    let mut tasks = tokio::task::JoinSet::new();
    for job in jobs {
        let shared = shared.clone();
        let permits = permits.clone();
        tasks.spawn(async move {
            let Ok(_permit) = permits.acquire_owned().await else {
                return;
            };
            if shared.stats.stopped.load(Ordering::Relaxed) {
                return;
            }
            let ok = host::crawl_site(&shared, &job).await;
            shared.stats.hosts_done.fetch_add(1, Ordering::Relaxed);
            if !ok {
                shared.stats.hosts_failed.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
    while let Some(joined) = tasks.join_next().await {
        if let Err(e) = joined {
            // a panic in one site's task must not end the others
            tracing::error!(error = %e, "a site task failed");
            stats.errors.fetch_add(1, Ordering::Relaxed);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_grouped_by_site() {
        let jobs = sites_of_seeds(&[
            "http://127.0.0.2:8080/nyheter#x".into(),
            "http://127.0.0.2:8080/press".into(),
            "https://www.kommun.se/aktuellt".into(),
        ])
        .unwrap();
        assert_eq!(jobs.len(), 2);
        assert_eq!(jobs[0].site, "127.0.0.2");
        assert_eq!(jobs[0].origin.as_str(), "http://127.0.0.2:8080/");
        assert_eq!(jobs[0].entry_points.len(), 2);
        assert_eq!(jobs[1].site, "kommun.se");
        assert!(sites_of_seeds(&["ftp://x.se/".into()]).is_err());
        assert!(sites_of_seeds(&["nyheter".into()]).is_err());
    }

    #[test]
    fn settings_cover_every_body_and_given_entry_points_win() {
        let text = format!(
            "{}\n[[sites]]\ncode = \"0580\"\nentry_points = [\"https://www.linkoping.se/nyheter/\"]\n",
            crate::config::DEFAULT_TOML
        );
        let s = Settings::parse(&text, "x").unwrap();
        let r = Reference::embedded();
        let jobs = sites_of_settings(&s, r);
        // Gotland kommun and Region Gotland share one site
        let domains: std::collections::BTreeSet<_> = r.bodies().iter().map(|b| &b.domain).collect();
        assert_eq!(jobs.len(), domains.len());
        assert!(jobs.len() > 300);
        let lkpg = jobs.iter().find(|j| j.site == "linkoping.se").unwrap();
        assert_eq!(
            lkpg.entry_points[0].as_str(),
            "https://www.linkoping.se/nyheter/"
        );
        let only = text.replace("reference_sites = true", "reference_sites = false");
        let s = Settings::parse(&only, "x").unwrap();
        assert_eq!(sites_of_settings(&s, r).len(), 1);
    }
}
