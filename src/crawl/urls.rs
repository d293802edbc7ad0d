//! URL hygiene for the crawler: normalisation (so one page is fetched once),
//! the site a URL belongs to, and the traps a news crawler must not fall
//! into (calendars, search results, endless query parameters). Pure; uses
//! only `url` and `regex`.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

/// URLs longer than this are not followed.
const MAX_URL_LEN: usize = 512;
/// Paths deeper than this are not followed.
const MAX_DEPTH: usize = 12;

/// Query parameters that never change a page: tracking, Sitevision view
/// state and session ids.
static DROPPED_PARAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(utm_.*|sv\..*|jsessionid|phpsessid|sessionid|session_id|sid|fbclid|gclid|msclkid|mc_cid|mc_eid|_ga|_gl)$",
    )
    .expect("valid regex")
});

/// A `;jsessionid=...` path parameter.
static PATH_SESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i);(jsessionid|phpsessid|sid)=[^/?#]*").expect("valid regex"));

/// Path segments of calendars, search and login pages: traps for a crawler.
static TRAP_SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)/(kalender|kalendarium|evenemang|evenemangskalender|calendar|events?|s%c3%b6k|sok|soek|search|sokresultat|s%c3%b6kresultat|login|logga-in|logout|logga-ut|print|skriv-ut)(/|$|\.)",
    )
    .expect("valid regex")
});

/// Files that are not web pages: documents, images, media, calendars.
static FILE_EXTENSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(pdf|docx?|xlsx?|pptx?|odt|ods|rtf|jpe?g|png|gif|svg|webp|zip|mp3|mp4|mov|ics|vcf|css|js)$")
        .expect("valid regex")
});

/// Query keys that page through a listing; the only ones followed in links.
static PAGE_PARAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(page|sida|p|pagenr|pagenumber|pageindex|pg|offset|start)$")
        .expect("valid regex")
});

/// Path segments that mark news.
static NEWS_SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/(nyhet|nyheter|aktuellt|press|pressmeddelande|pressmeddelanden|pressrum|nyhetsarkiv|news|nyhetsrum)(/|$|[-_.])")
        .expect("valid regex")
});

/// Normalise a URL: http(s) only, no fragment, no tracking or session
/// parameters, the rest of the query sorted by key. `None` when it is not a
/// web URL.
pub fn normalise(url: &Url) -> Option<Url> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    let mut u = url.clone();
    u.set_fragment(None);
    let _ = u.set_username("");
    let _ = u.set_password(None);
    if PATH_SESSION.is_match(u.path()) {
        let path = PATH_SESSION.replace_all(u.path(), "").into_owned();
        u.set_path(&path);
    }
    if u.query().is_some() {
        let mut pairs: Vec<(String, String)> = u
            .query_pairs()
            .filter(|(k, _)| !DROPPED_PARAM.is_match(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        if pairs.is_empty() {
            u.set_query(None);
        } else {
            u.query_pairs_mut().clear().extend_pairs(pairs);
        }
    }
    Some(u)
}

/// Resolve `href` against `base` and normalise it.
pub fn resolve(base: &Url, href: &str) -> Option<Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    normalise(&base.join(href).ok()?)
}

/// The site a host belongs to: the host name without a leading `www.`.
pub fn site_of(host: &str) -> &str {
    host.strip_prefix("www.").unwrap_or(host)
}

/// True when `url` is on the site `site` (host name, `www.` ignored).
pub fn on_site(url: &Url, site: &str) -> bool {
    url.host_str().is_some_and(|h| site_of(h) == site)
}

/// True when a URL leads into a trap: too long or deep, a calendar, search
/// or login path, a file that is not a web page, or a path that repeats itself.
pub fn is_trap_path(url: &Url) -> bool {
    let path = url.path();
    if url.as_str().len() > MAX_URL_LEN
        || TRAP_SEGMENT.is_match(path)
        || FILE_EXTENSION.is_match(path)
    {
        return true;
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.len() > MAX_DEPTH {
        return true;
    }
    // a/b/a/b/a/b: relative links gone wrong
    segments
        .iter()
        .any(|s| segments.iter().filter(|t| *t == s).count() >= 3)
}

/// True when a link found in a page leads into a trap: a trap path, or a
/// query with anything but a page number (filters, dates, searches).
pub fn is_trap_link(url: &Url) -> bool {
    is_trap_path(url) || url.query_pairs().any(|(k, _)| !PAGE_PARAM.is_match(&k))
}

/// True when the query pages through a listing (`?page=2`).
pub fn is_page_query(url: &Url) -> bool {
    let mut pairs = url.query_pairs().peekable();
    pairs.peek().is_some()
        && pairs.all(|(k, v)| PAGE_PARAM.is_match(&k) && v.parse::<u32>().is_ok())
}

/// True when the path looks like news.
pub fn is_news_path(url: &Url) -> bool {
    NEWS_SEGMENT.is_match(url.path())
}

/// True when the path is a news listing: one of `listing_paths`, or ending
/// in one of their last segments (`/kommun/nyheter`).
pub fn is_listing_path(url: &Url, listing_paths: &[String]) -> bool {
    let path = url.path().trim_end_matches('/').to_lowercase();
    if path.is_empty() {
        return false;
    }
    listing_paths.iter().any(|l| {
        let l = l.trim_end_matches('/').to_lowercase();
        let last = l.rsplit('/').next().unwrap_or("");
        path == l || (!last.is_empty() && path.ends_with(&format!("/{last}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn n(s: &str) -> String {
        normalise(&u(s)).unwrap().to_string()
    }

    #[test]
    fn dropped_params_are_tracking_and_session_ids() {
        for k in [
            "utm_source",
            "UTM_medium",
            "sv.url",
            "sv.target",
            "JSESSIONID",
            "fbclid",
        ] {
            assert!(DROPPED_PARAM.is_match(k), "{k}");
        }
        for k in ["page", "id", "utmost"] {
            assert!(!DROPPED_PARAM.is_match(k), "{k}");
        }
    }

    #[test]
    fn normalisation_drops_fragments_tracking_and_sessions() {
        assert_eq!(
            n("https://www.Kommun.se/nyheter/a?utm_source=fb&sv.url=12.3&page=2#top"),
            "https://www.kommun.se/nyheter/a?page=2"
        );
        assert_eq!(
            n("http://kommun.se/a;jsessionid=ABC123?x=1"),
            "http://kommun.se/a?x=1"
        );
        assert_eq!(n("http://kommun.se/a?utm_campaign=x"), "http://kommun.se/a");
        assert_eq!(
            n("http://kommun.se/a?b=2&a=1"),
            "http://kommun.se/a?a=1&b=2"
        );
        assert_eq!(n("http://kommun.se:80"), "http://kommun.se/");
        assert!(normalise(&u("mailto:info@kommun.se")).is_none());
    }

    #[test]
    fn path_session_ids_are_found() {
        assert!(PATH_SESSION.is_match("/a;jsessionid=1F2E"));
        assert!(!PATH_SESSION.is_match("/a;b"));
    }

    #[test]
    fn resolve_skips_bare_fragments() {
        let base = u("https://kommun.se/nyheter/");
        assert!(resolve(&base, "#main").is_none());
        assert_eq!(
            resolve(&base, "iop-med-kyrkan#x").unwrap().as_str(),
            "https://kommun.se/nyheter/iop-med-kyrkan"
        );
    }

    #[test]
    fn traps_are_calendars_searches_queries_and_loops() {
        assert!(TRAP_SEGMENT.is_match("/kalender/2024-05"));
        assert!(TRAP_SEGMENT.is_match("/s%C3%B6k".to_lowercase().as_str()));
        assert!(!TRAP_SEGMENT.is_match("/nyheter/sokande-foreningar"));
        assert!(is_trap_link(&u("https://k.se/kalender?datum=2024-05-01")));
        assert!(is_trap_link(&u("https://k.se/sok?q=iop")));
        assert!(is_trap_link(&u("https://k.se/nyheter?kategori=skola")));
        assert!(is_trap_link(&u("https://k.se/a/b/a/b/a/b")));
        assert!(!is_trap_link(&u("https://k.se/nyheter?page=3")));
        assert!(!is_trap_link(&u("https://k.se/nyheter/iop-avtal")));
        assert!(is_trap_path(&u(&format!(
            "https://k.se/{}",
            "a/".repeat(600)
        ))));
    }

    #[test]
    fn files_are_not_pages() {
        assert!(FILE_EXTENSION.is_match("/download/18.5a/avtal-iop.PDF"));
        assert!(FILE_EXTENSION.is_match("/bilder/stadsmissionen.jpeg"));
        assert!(!FILE_EXTENSION.is_match("/nyheter/iop.html"));
        assert!(!FILE_EXTENSION.is_match("/nyheter/pdf-om-avtalet"));
        assert!(is_trap_path(&u("https://k.se/avtal.pdf")));
    }

    #[test]
    fn page_params_and_queries() {
        assert!(PAGE_PARAM.is_match("sida"));
        assert!(!PAGE_PARAM.is_match("q"));
        assert!(is_page_query(&u("https://k.se/nyheter?sida=2")));
        assert!(!is_page_query(&u("https://k.se/nyheter?sida=x")));
        assert!(!is_page_query(&u("https://k.se/nyheter")));
    }

    #[test]
    fn news_segments_and_listings() {
        assert!(NEWS_SEGMENT.is_match("/nyheter/2024/iop"));
        assert!(NEWS_SEGMENT.is_match("/pressmeddelanden"));
        assert!(NEWS_SEGMENT.is_match("/nyhet-2024-iop.html"));
        assert!(!NEWS_SEGMENT.is_match("/pressbyran-i-stan/x"));
        assert!(!NEWS_SEGMENT.is_match("/skola/forskola"));
        let paths = vec!["/nyheter".to_string(), "/press".to_string()];
        assert!(is_listing_path(&u("https://k.se/nyheter/"), &paths));
        assert!(is_listing_path(&u("https://k.se/kommun/nyheter"), &paths));
        assert!(!is_listing_path(&u("https://k.se/nyheter/iop"), &paths));
        assert!(!is_listing_path(&u("https://k.se/"), &paths));
    }

    #[test]
    fn sites_ignore_www() {
        assert_eq!(site_of("www.kommun.se"), "kommun.se");
        assert!(on_site(&u("https://kommun.se/x"), "kommun.se"));
        assert!(on_site(&u("https://www.kommun.se/x"), "kommun.se"));
        assert!(!on_site(&u("https://annan.se/x"), "kommun.se"));
    }
}
