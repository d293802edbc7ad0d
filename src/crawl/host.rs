//! The crawl of one site: robots.txt first, then the frontier, one request
//! at a time with the host's delay between them. Discovery pages lead to
//! articles; articles are saved to the store (conditionally re-fetched when
//! already there). A site resumes from its journal when the last crawl of it
//! was killed; pages saved since that crawl started are not fetched again.

use std::sync::atomic::Ordering;
use std::time::Duration;

use url::Url;

use super::client::{Follow, Pacer, Response, Validators};
use super::discover;
use super::frontier::{Frontier, Kind};
use super::{CrawlError, Shared, SiteJob, robots, urls};
use crate::page::FetchMeta;
use crate::store::Entry;

/// Crawl one site; false when the site could not be crawled at all.
pub(super) async fn crawl_site(sh: &Shared, job: &SiteJob) -> bool {
    match run(sh, job).await {
        Ok(()) => true,
        Err(e) => {
            report(sh, &e);
            false
        }
    }
}

fn report(sh: &Shared, e: &CrawlError) {
    sh.stats.errors.fetch_add(1, Ordering::Relaxed);
    sh.observer.error(e);
}

fn store_err(url: &Url) -> impl FnOnce(crate::store::StoreError) -> CrawlError + '_ {
    move |source| CrawlError::Store {
        url: url.to_string(),
        source,
    }
}

fn now() -> String {
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

async fn run(sh: &Shared, job: &SiteJob) -> Result<(), CrawlError> {
    let c = &sh.settings.crawl;
    let mut pacer = Pacer::new(sh.options.delay);
    let rules = robots::fetch(&sh.client, &job.origin, &c.user_agent, &mut pacer).await?;
    sh.stats.requests.fetch_add(1, Ordering::Relaxed);
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

    let mut requests = 1usize;
    while let Some((url, kind)) = frontier.pop() {
        if c.max_pages_per_host > 0 && requests >= c.max_pages_per_host {
            tracing::warn!(site = %job.site, limit = c.max_pages_per_host, "page limit of the site reached");
            break;
        }
        if frontier.was_fetched(&url) {
            tracing::debug!(url = %url, "already fetched as a redirect target");
            frontier.done(&url).map_err(store_err(&url))?;
            continue;
        }
        if !rules.allowed(&url) {
            tracing::debug!(url = %url, "disallowed by robots.txt");
            frontier.done(&url).map_err(store_err(&url))?;
            continue;
        }
        let mut validators = None;
        if kind == Kind::Article {
            let stored = sh.store.meta(url.as_str()).map_err(store_err(&url))?;
            if let Some(m) = &stored
                && fetched_since(&m.fetched_at, &started_at)
            {
                sh.stats.resumed.fetch_add(1, Ordering::Relaxed);
                frontier.done(&url).map_err(store_err(&url))?;
                continue;
            }
            if let Some(max) = sh.options.max_pages
                && sh.articles_started.fetch_add(1, Ordering::Relaxed) >= max
            {
                sh.stats.stopped.store(true, Ordering::Relaxed);
                // the journal stays: the next crawl goes on from here
                return Ok(());
            }
            validators = stored.map(|m| Validators {
                etag: m.etag,
                last_modified: m.last_modified,
            });
        }
        if sh.stats.stopped.load(Ordering::Relaxed) {
            return Ok(());
        }
        requests += 1;
        sh.stats.requests.fetch_add(1, Ordering::Relaxed);
        let fetched = sh
            .client
            .get(&url, validators.as_ref(), &mut pacer, &|u: &Url| {
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
            Ok(resp) => {
                if !frontier.fetched(&url, &resp.final_url) {
                    tracing::debug!(url = %url, target = %resp.final_url, "redirects to a page already fetched");
                } else if let Err(e) = handle(
                    sh,
                    job,
                    &mut frontier,
                    &url,
                    kind,
                    resp,
                    validators.is_some(),
                )
                .await
                {
                    report(sh, &e);
                }
            }
            Err(e) => report(sh, &e),
        }
        frontier.done(&url).map_err(store_err(&url))?;
    }
    frontier.finish().map_err(store_err(&job.origin))
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

/// True when the answer is XML (a sitemap or a feed).
fn is_xml(resp: &Response) -> bool {
    let ct = resp
        .content_type
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    let head = String::from_utf8_lossy(&resp.body[..resp.body.len().min(256)]).to_lowercase();
    ct.contains("xml") && !ct.contains("xhtml")
        || resp.body.starts_with(&[0x1f, 0x8b])
        || ["<?xml", "<rss", "<feed", "<urlset", "<sitemapindex"]
            .iter()
            .any(|t| head.trim_start().starts_with(t))
}

/// True when the answer is a page the extractor reads.
fn is_page(resp: &Response) -> bool {
    let ct = resp
        .content_type
        .as_deref()
        .unwrap_or("text/html")
        .to_ascii_lowercase();
    ct.starts_with("text/html")
        || ct.starts_with("application/xhtml")
        || ct.starts_with("text/plain")
}

async fn handle(
    sh: &Shared,
    job: &SiteJob,
    f: &mut Frontier,
    url: &Url,
    kind: Kind,
    resp: Response,
    conditional: bool,
) -> Result<(), CrawlError> {
    if resp.status == 304 && conditional {
        let store = sh.store.clone();
        let u = url.to_string();
        tokio::task::spawn_blocking(move || {
            // the stored page answered for, now known to be current
            match store.meta(&u)? {
                Some(mut m) => {
                    m.fetched_at = now();
                    store.put_meta(&m)
                }
                None => Ok(()),
            }
        })
        .await
        .map_err(|e| CrawlError::Content {
            url: url.to_string(),
            detail: e.to_string(),
        })?
        .map_err(store_err(url))?;
        sh.stats.unchanged.fetch_add(1, Ordering::Relaxed);
        return Ok(());
    }
    if !(200..300).contains(&resp.status) {
        if kind == Kind::Article {
            return Err(CrawlError::Status {
                url: url.to_string(),
                status: resp.status,
            });
        }
        // probing news paths and /sitemap.xml finds nothing on many sites
        tracing::debug!(url = %url, status = resp.status, "nothing here");
        return Ok(());
    }
    let on_site = |u: &Url| urls::on_site(u, &job.site);
    if is_xml(&resp) && kind != Kind::Article {
        let body = resp.body;
        let base = resp.final_url.clone();
        let found = tokio::task::spawn_blocking(move || {
            discover::sitemap(&body)
                .map(|s| (s, Vec::new()))
                .or_else(|e| {
                    discover::feed(&body, &base)
                        .map(|l| (Default::default(), l))
                        .map_err(|f| format!("{e}; {f}"))
                })
        })
        .await
        .map_err(|e| CrawlError::Content {
            url: url.to_string(),
            detail: e.to_string(),
        })?
        .map_err(|detail| CrawlError::Content {
            url: url.to_string(),
            detail,
        })?;
        let (sitemap, feed_links) = found;
        for s in sitemap.sitemaps.into_iter().filter(on_site) {
            f.push(s, Kind::Sitemap).map_err(store_err(url))?;
        }
        for (p, news) in sitemap.pages {
            if on_site(&p) && !urls::is_trap_path(&p) && (news || urls::is_news_path(&p)) {
                let k = if urls::is_listing_path(&p, &sh.settings.crawl.news_paths) {
                    Kind::Listing
                } else {
                    Kind::Article
                };
                f.push(p, k).map_err(store_err(url))?;
            }
        }
        for a in feed_links
            .into_iter()
            .filter(|u| on_site(u) && !urls::is_trap_path(u))
        {
            f.push(a, Kind::Article).map_err(store_err(url))?;
        }
        return Ok(());
    }
    if !is_page(&resp) {
        tracing::debug!(url = %url, content_type = ?resp.content_type, "not a page, skipped");
        return Ok(());
    }
    match kind {
        Kind::Article => save(sh, url, resp).await,
        Kind::Feed | Kind::Sitemap => Err(CrawlError::Content {
            url: url.to_string(),
            detail: "expected a feed or sitemap, got a page".into(),
        }),
        Kind::Home | Kind::Listing => {
            let body = resp.body;
            let ct = resp.content_type.clone();
            let base = resp.final_url.clone();
            let links =
                tokio::task::spawn_blocking(move || discover::html(&body, ct.as_deref(), &base))
                    .await
                    .map_err(|e| CrawlError::Content {
                        url: url.to_string(),
                        detail: e.to_string(),
                    })?;
            let news_paths = &sh.settings.crawl.news_paths;
            for feed in links.feeds.into_iter().filter(on_site) {
                f.push(feed, Kind::Feed).map_err(store_err(url))?;
            }
            // a home page's "next" is a slideshow unless it leads to news
            let newsy = |u: &Url| urls::is_news_path(u) || urls::is_listing_path(u, news_paths);
            for next in links.next.into_iter().filter(|u| {
                on_site(u) && !urls::is_trap_link(u) && (kind == Kind::Listing || newsy(u))
            }) {
                f.push(next, Kind::Listing).map_err(store_err(url))?;
            }
            // the news listing is often linked from the navigation only
            for nav in links.navigation.into_iter().filter(|u| {
                on_site(u) && !urls::is_trap_link(u) && urls::is_listing_path(u, news_paths)
            }) {
                f.push(nav, Kind::Listing).map_err(store_err(url))?;
            }
            let listing = resp.final_url.path().trim_end_matches('/').to_string();
            for link in links
                .content
                .into_iter()
                .filter(|u| on_site(u) && !urls::is_trap_link(u))
            {
                if urls::is_listing_path(&link, news_paths) {
                    f.push(link, Kind::Listing).map_err(store_err(url))?;
                    continue;
                }
                let under_listing =
                    !listing.is_empty() && link.path().starts_with(&format!("{listing}/"));
                let article = urls::is_news_path(&link)
                    || (kind == Kind::Listing && (under_listing || links.scoped));
                // the root, the listing itself and the sections above it are no articles
                let above_listing = format!("{listing}/")
                    .starts_with(&format!("{}/", link.path().trim_end_matches('/')));
                if article && !above_listing && link.query().is_none() {
                    f.push(link, Kind::Article).map_err(store_err(url))?;
                }
            }
            Ok(())
        }
    }
}

/// Save an article as received.
async fn save(sh: &Shared, url: &Url, resp: Response) -> Result<(), CrawlError> {
    let meta = FetchMeta {
        url: url.to_string(),
        final_url: (resp.final_url != *url).then(|| resp.final_url.to_string()),
        status: resp.status,
        etag: resp.etag,
        last_modified: resp.last_modified,
        content_type: resp.content_type,
        fetched_at: now(),
    };
    let store = sh.store.clone();
    let body = resp.body;
    tokio::task::spawn_blocking(move || store.put(&meta, &body))
        .await
        .map_err(|e| CrawlError::Content {
            url: url.to_string(),
            detail: e.to_string(),
        })?
        .map_err(store_err(url))?;
    sh.stats.saved.fetch_add(1, Ordering::Relaxed);
    tracing::debug!(url = %url, "saved");
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
