//! What one answer of a host leads to: an article saved to the store, a 304
//! noted, or the links of a sitemap, feed, home page or listing queued in the
//! frontier. Article links are counted; a listing page that brings no new
//! one passes on a longer barren run to its next page, and pagination stops
//! after `BARREN_PAGES_FOLLOWED` such pages in a row. Entries a sitemap had
//! to skip are named on stderr. Parsing runs on blocking threads.

use std::sync::atomic::Ordering;

use url::Url;

use super::client::Response;
use super::discover;
use super::frontier::{Frontier, Kind, Next};
use super::host::{Outcome, now, store_err};
use super::{CrawlError, Shared, SiteJob, urls};
use crate::page::FetchMeta;

/// Listing pages in a row without new article links whose pagination is
/// still followed; the next barren page ends the chain.
const BARREN_PAGES_FOLLOWED: u8 = 1;

/// Skipped sitemap entries named one by one on stderr; the rest are counted.
const SKIPPED_NAMED: usize = 5;

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

fn join_err(url: &Url) -> impl FnOnce(tokio::task::JoinError) -> CrawlError + '_ {
    move |e| CrawlError::Content {
        url: url.to_string(),
        detail: e.to_string(),
    }
}

/// Act on the answer to `next`.
pub(super) async fn handle(
    sh: &Shared,
    job: &SiteJob,
    f: &mut Frontier,
    next: &Next,
    resp: Response,
    conditional: bool,
    out: &mut Outcome,
) -> Result<(), CrawlError> {
    let url = &next.url;
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
        .map_err(join_err(url))?
        .map_err(store_err(url))?;
        sh.stats.unchanged.fetch_add(1, Ordering::Relaxed);
        out.unchanged += 1;
        return Ok(());
    }
    if !(200..300).contains(&resp.status) {
        if next.kind == Kind::Article {
            return Err(CrawlError::Status {
                url: url.to_string(),
                status: resp.status,
            });
        }
        // probing news paths and /sitemap.xml finds nothing on many sites
        tracing::debug!(url = %url, status = resp.status, "nothing here");
        return Ok(());
    }
    if is_xml(&resp) && next.kind != Kind::Article {
        return xml(sh, job, f, url, resp, out).await;
    }
    if !is_page(&resp) {
        tracing::debug!(url = %url, content_type = ?resp.content_type, "not a page, skipped");
        return Ok(());
    }
    match next.kind {
        Kind::Article => save(sh, url, resp, out).await,
        Kind::Feed | Kind::Sitemap => Err(CrawlError::Content {
            url: url.to_string(),
            detail: "expected a feed or sitemap, got a page".into(),
        }),
        Kind::Home | Kind::Listing => html(sh, job, f, next, resp, out).await,
    }
}

/// Queue an article link; true when it is new.
fn push_article(
    f: &mut Frontier,
    link: Url,
    from: &Url,
    out: &mut Outcome,
) -> Result<bool, CrawlError> {
    let new = f.push(link, Kind::Article).map_err(store_err(from))?;
    out.found += usize::from(new);
    Ok(new)
}

/// The links of a sitemap or feed.
async fn xml(
    sh: &Shared,
    job: &SiteJob,
    f: &mut Frontier,
    url: &Url,
    resp: Response,
    out: &mut Outcome,
) -> Result<(), CrawlError> {
    let on_site = |u: &Url| urls::on_site(u, &job.site);
    let body = resp.body;
    let base = resp.final_url.clone();
    let (sitemap, feed_links) = tokio::task::spawn_blocking(move || {
        discover::sitemap(&body)
            .map(|s| (s, Vec::new()))
            .or_else(|e| {
                discover::feed(&body, &base)
                    .map(|l| (Default::default(), l))
                    .map_err(|f| format!("{e}; {f}"))
            })
    })
    .await
    .map_err(join_err(url))?
    .map_err(|detail| CrawlError::Content {
        url: url.to_string(),
        detail,
    })?;
    if sitemap.skipped_count > 0 {
        sh.observer.warning(&skipped_message(url, &sitemap));
    }
    for s in sitemap.sitemaps.into_iter().filter(on_site) {
        f.push(s, Kind::Sitemap).map_err(store_err(url))?;
    }
    for (p, news) in sitemap.pages {
        if on_site(&p) && !urls::is_trap_path(&p) && (news || urls::is_news_path(&p)) {
            if urls::is_listing_path(&p, &sh.settings.crawl.news_paths) {
                f.push(p, Kind::Listing).map_err(store_err(url))?;
            } else {
                push_article(f, p, url, out)?;
            }
        }
    }
    for a in feed_links
        .into_iter()
        .filter(|u| on_site(u) && !urls::is_trap_path(u))
    {
        push_article(f, a, url, out)?;
    }
    Ok(())
}

/// "URL: skipped 2 broken parts of the sitemap, read 48 entries: line 4: ...; line 9: ..."
fn skipped_message(url: &Url, s: &discover::Sitemap) -> String {
    let n = s.skipped_count;
    let mut named: Vec<String> = s.skipped.iter().take(SKIPPED_NAMED).cloned().collect();
    if n > named.len() {
        named.push(format!("and {} more", n - named.len()));
    }
    format!(
        "{url}: skipped {n} broken {} of the sitemap, read {} entries: {}",
        if n == 1 { "part" } else { "parts" },
        s.pages.len() + s.sitemaps.len(),
        named.join("; ")
    )
}

/// The links of a home page or listing.
async fn html(
    sh: &Shared,
    job: &SiteJob,
    f: &mut Frontier,
    next: &Next,
    resp: Response,
    out: &mut Outcome,
) -> Result<(), CrawlError> {
    let (url, kind) = (&next.url, next.kind);
    let on_site = |u: &Url| urls::on_site(u, &job.site);
    let body = resp.body;
    let ct = resp.content_type.clone();
    let base = resp.final_url.clone();
    let links = tokio::task::spawn_blocking(move || discover::html(&body, ct.as_deref(), &base))
        .await
        .map_err(join_err(url))?;
    let news_paths = &sh.settings.crawl.news_paths;
    for feed in links.feeds.into_iter().filter(on_site) {
        f.push(feed, Kind::Feed).map_err(store_err(url))?;
    }
    // the news listing is often linked from the navigation only
    for nav in links
        .navigation
        .into_iter()
        .filter(|u| on_site(u) && !urls::is_trap_link(u) && urls::is_listing_path(u, news_paths))
    {
        f.push(nav, Kind::Listing).map_err(store_err(url))?;
    }
    let listing = resp.final_url.path().trim_end_matches('/').to_string();
    let mut new_articles = 0;
    for link in links
        .content
        .into_iter()
        .filter(|u| on_site(u) && !urls::is_trap_link(u))
    {
        if urls::is_listing_path(&link, news_paths) {
            f.push(link, Kind::Listing).map_err(store_err(url))?;
            continue;
        }
        let under_listing = !listing.is_empty() && link.path().starts_with(&format!("{listing}/"));
        let article =
            urls::is_news_path(&link) || (kind == Kind::Listing && (under_listing || links.scoped));
        // the root, the listing itself and the sections above it are no articles
        let above_listing =
            format!("{listing}/").starts_with(&format!("{}/", link.path().trim_end_matches('/')));
        if article && !above_listing && link.query().is_none() {
            new_articles += usize::from(push_article(f, link, url, out)?);
        }
    }
    let barren = if new_articles == 0 {
        next.barren.saturating_add(1)
    } else {
        0
    };
    if barren > BARREN_PAGES_FOLLOWED {
        tracing::debug!(url = %url, barren, "pagination brings no new articles: not followed further");
        return Ok(());
    }
    // a home page's "next" is a slideshow unless it leads to news
    let newsy = |u: &Url| urls::is_news_path(u) || urls::is_listing_path(u, news_paths);
    for page in links
        .next
        .into_iter()
        .filter(|u| on_site(u) && !urls::is_trap_link(u) && (kind == Kind::Listing || newsy(u)))
    {
        f.push_next(page, barren).map_err(store_err(url))?;
    }
    Ok(())
}

/// Save an article as received.
async fn save(sh: &Shared, url: &Url, resp: Response, out: &mut Outcome) -> Result<(), CrawlError> {
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
        .map_err(join_err(url))?
        .map_err(store_err(url))?;
    sh.stats.saved.fetch_add(1, Ordering::Relaxed);
    out.saved += 1;
    tracing::debug!(url = %url, "saved");
    Ok(())
}
