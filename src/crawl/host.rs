//! The crawl of one site: robots.txt first, then the frontier, one request
//! at a time with the host's delay between them, within the host's budgets
//! (requests, time) and the crawl's `--max-pages`. Discovery pages lead to
//! articles; articles are saved to the store (conditionally re-fetched when
//! already there). A site resumes from its journal when the last crawl of it
//! was killed or stopped at a budget; pages saved since that crawl started
//! are not fetched again. A site from which nothing was saved is a failure.

use std::sync::atomic::Ordering;
use std::time::Duration;

use url::Url;

use super::answer::handle;
use super::client::{Client, Follow, Validators};
use super::frontier::{Frontier, Kind};
use super::pacer::{Budget, Pacer, Stop};
use super::{CrawlError, Shared, SiteJob, robots, urls};
use crate::store::Entry;

/// What the crawl of one site came to.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// Pages saved in this run.
    pub saved: usize,
    /// Stored pages the server said were unchanged.
    pub unchanged: usize,
    /// Pages this crawl of the site saved before it was interrupted.
    pub saved_before: usize,
    /// Article links queued in this run.
    pub found: usize,
    /// Requests sent to the host in this run.
    pub requests: usize,
    /// Why the crawl stopped with URLs still queued.
    pub stop: Option<Stop>,
}

/// Crawl one site; false when it failed (nothing could be crawled or saved).
pub(super) async fn crawl_site(sh: &Shared, job: &SiteJob) -> bool {
    let o = match run(sh, job).await {
        Ok(o) => o,
        Err(e) => {
            report(sh, &e);
            return false;
        }
    };
    match o.stop {
        // the user's budget for the whole crawl, not the host's failure
        Some(Stop::MaxPages(_)) => {
            sh.stats.stopped.store(true, Ordering::Relaxed);
            return true;
        }
        Some(stop) => {
            sh.stats.hosts_stopped.fetch_add(1, Ordering::Relaxed);
            sh.observer.warning(&format!(
                "host {}: stopped after {} requests and {} pages saved: {stop}; the next crawl goes on from here",
                job.site, o.requests, o.saved
            ));
        }
        None => {}
    }
    if o.saved + o.unchanged + o.saved_before == 0 {
        report(
            sh,
            &CrawlError::NothingSaved {
                host: job.site.clone(),
                requests: o.requests,
                found: o.found,
                why: o
                    .stop
                    .map(|s| format!("; stopped: {s}"))
                    .unwrap_or_default(),
            },
        );
        return false;
    }
    true
}

pub(super) fn report(sh: &Shared, e: &CrawlError) {
    sh.stats.errors.fetch_add(1, Ordering::Relaxed);
    sh.observer.error(e);
}

pub(super) fn store_err(url: &Url) -> impl FnOnce(crate::store::StoreError) -> CrawlError + '_ {
    move |source| CrawlError::Store {
        url: url.to_string(),
        source,
    }
}

pub(super) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// True when `fetched_at` is at or after `since` (both RFC 3339).
fn fetched_since(fetched_at: &str, since: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(fetched_at),
        chrono::DateTime::parse_from_rfc3339(since),
    ) {
        (Ok(a), Ok(b)) => a >= b,
        _ => false,
    }
}

/// The budgets of one host under the settings and options.
fn budget(sh: &Shared) -> Budget {
    let c = &sh.settings.crawl;
    Budget {
        max_requests: (c.max_pages_per_host > 0).then_some(c.max_pages_per_host),
        time: (c.host_time_budget_secs > 0).then(|| Duration::from_secs(c.host_time_budget_secs)),
        max_total: sh.options.max_pages,
    }
}

async fn run(sh: &Shared, job: &SiteJob) -> Result<Outcome, CrawlError> {
    let c = &sh.settings.crawl;
    // one client per host: its connection closes when the host is done
    let client = Client::new(&sh.settings.user_agent(), sh.limits.clone())?;
    let mut pacer = Pacer::with_budget(sh.options.delay, budget(sh), sh.stats.clone());
    let mut out = Outcome::default();
    let rules = match robots::fetch(&client, &job.origin, &c.user_agent, &mut pacer).await {
        Ok(r) => r,
        Err(CrawlError::Stopped { stop, .. }) => {
            out.stop = Some(stop);
            out.requests = pacer.sent();
            return Ok(out);
        }
        Err(e) => return Err(e),
    };
    if let Some(d) = rules.crawl_delay() {
        if d > Duration::from_secs(c.max_crawl_delay_secs) {
            return Err(CrawlError::CrawlDelay {
                host: job.site.clone(),
                secs: d.as_secs(),
                max: c.max_crawl_delay_secs,
            });
        }
        pacer.slow_down_to(d);
    }
    tracing::info!(site = %job.site, delay_ms = pacer.delay().as_millis() as u64, "crawling");

    let replay = sh.store.replay(&job.site).map_err(store_err(&job.origin))?;
    let (mut frontier, started_at) = match replay {
        Some(r) => {
            tracing::info!(site = %job.site, queued = r.queued.len(), done = r.done.len(), "resuming");
            out.saved_before = saved_before(sh, &r).await;
            let j = sh
                .store
                .journal(&job.site, None)
                .map_err(store_err(&job.origin))?;
            let mut f = Frontier::resume(j, &r);
            // entry points new to this run join the queue; the rest were seen
            seed(&mut f, job, &rules, &c.news_paths).map_err(store_err(&job.origin))?;
            (f, r.started_at)
        }
        None => {
            let at = now();
            let j = sh
                .store
                .journal(&job.site, Some(&Entry::Started(at.clone())))
                .map_err(store_err(&job.origin))?;
            let mut f = Frontier::new(j);
            seed(&mut f, job, &rules, &c.news_paths).map_err(store_err(&job.origin))?;
            (f, at)
        }
    };

    while let Some(next) = frontier.pop() {
        let url = &next.url;
        if frontier.was_fetched(url) {
            tracing::debug!(url = %url, "already fetched as a redirect target");
            frontier.done(url).map_err(store_err(url))?;
            continue;
        }
        if !rules.allowed(url) {
            tracing::debug!(url = %url, "disallowed by robots.txt");
            frontier.done(url).map_err(store_err(url))?;
            continue;
        }
        let mut validators = None;
        if next.kind == Kind::Article {
            let stored = sh.store.meta(url.as_str()).map_err(store_err(url))?;
            if let Some(m) = &stored
                && fetched_since(&m.fetched_at, &started_at)
            {
                sh.stats.resumed.fetch_add(1, Ordering::Relaxed);
                frontier.done(url).map_err(store_err(url))?;
                continue;
            }
            validators = stored.map(|m| Validators {
                etag: m.etag,
                last_modified: m.last_modified,
            });
        }
        let fetched = client
            .get(url, validators.as_ref(), &mut pacer, &|u: &Url| {
                if frontier.was_fetched(u) {
                    Follow::AlreadyFetched
                } else if rules.allowed(u) {
                    Follow::Yes
                } else {
                    Follow::Disallowed
                }
            })
            .await;
        match fetched {
            // the URL stays queued in the journal: the next crawl asks for it
            Err(CrawlError::Stopped { stop, .. }) => {
                out.stop = Some(stop);
                break;
            }
            Ok(resp) => {
                if !frontier.fetched(url, &resp.final_url) {
                    tracing::debug!(url = %url, target = %resp.final_url, "redirects to a page already fetched");
                } else if let Err(e) = handle(
                    sh,
                    job,
                    &mut frontier,
                    &next,
                    resp,
                    validators.is_some(),
                    &mut out,
                )
                .await
                {
                    report(sh, &e);
                }
            }
            Err(e) => report(sh, &e),
        }
        frontier.done(url).map_err(store_err(url))?;
    }
    out.requests = pacer.sent();
    if out.stop.is_none() {
        frontier.finish().map_err(store_err(&job.origin))?;
    }
    Ok(out)
}

/// Pages the interrupted crawl a resumed one goes on from saved.
async fn saved_before(sh: &Shared, r: &crate::store::Replay) -> usize {
    let articles: Vec<String> = r
        .queued
        .iter()
        .filter(|q| q.kind == Kind::Article.name() && r.done.contains(&q.url))
        .map(|q| q.url.clone())
        .collect();
    let (store, since) = (sh.store.clone(), r.started_at.clone());
    tokio::task::spawn_blocking(move || {
        articles
            .iter()
            .filter(|u| {
                store
                    .meta(u)
                    .ok()
                    .flatten()
                    .is_some_and(|m| fetched_since(&m.fetched_at, &since))
            })
            .count()
    })
    .await
    .unwrap_or(0)
}

/// The first URLs of a site: its entry points, sitemaps and news paths.
fn seed(
    f: &mut Frontier,
    job: &SiteJob,
    rules: &robots::Rules,
    news_paths: &[String],
) -> Result<(), crate::store::StoreError> {
    for e in &job.entry_points {
        let kind = if e.path() == "/" {
            Kind::Home
        } else {
            Kind::Listing
        };
        f.push(e.clone(), kind)?;
    }
    let sitemaps = rules
        .sitemaps()
        .iter()
        .filter_map(|s| Url::parse(s).ok())
        .chain(job.origin.join("/sitemap.xml").ok());
    for s in sitemaps.filter_map(|s| urls::normalise(&s)) {
        if urls::on_site(&s, &job.site) {
            f.push(s, Kind::Sitemap)?;
        }
    }
    for p in news_paths {
        if let Some(u) = job.origin.join(p).ok().and_then(|u| urls::normalise(&u)) {
            f.push(u, Kind::Listing)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_times_compare_as_times() {
        assert!(fetched_since(
            "2024-01-01T10:00:00.500Z",
            "2024-01-01T10:00:00Z"
        ));
        assert!(fetched_since(
            "2024-01-01T11:00:00+01:00",
            "2024-01-01T10:00:00Z"
        ));
        assert!(!fetched_since(
            "2023-12-31T23:59:59Z",
            "2024-01-01T00:00:00.000Z"
        ));
        assert!(!fetched_since("yesterday", "2024-01-01T00:00:00Z"));
    }
}
