//! Discovery: the links a crawler learns from what it fetched. Sitemaps and
//! sitemap indexes (also gzipped) through quick-xml, read leniently (module
//! `sitemap`), RSS and Atom feeds through feed-rs, and HTML pages through scraper: feeds announced with
//! `<link rel="alternate">`, pagination ("Nästa", rel=next, ?page=N) and the
//! links of the content (navigation, header, footer and asides left out).
//! Pure and synchronous; the caller runs it on a blocking thread.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::urls;

pub use super::sitemap::{Sitemap, sitemap};

/// Why a sitemap or feed could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("not a sitemap: {0}")]
    Sitemap(String),
    #[error("not a feed: {0}")]
    Feed(String),
}

/// The article links of an RSS or Atom feed.
pub fn feed(bytes: &[u8], base: &Url) -> Result<Vec<Url>, DiscoverError> {
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .build()
        .parse(bytes)
        .map_err(|e| DiscoverError::Feed(e.to_string()))?;
    Ok(parsed
        .entries
        .iter()
        .filter_map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))?;
            urls::resolve(base, &link.href)
        })
        .collect())
}

/// What an HTML page links to.
#[derive(Debug, Default, PartialEq)]
pub struct Links {
    /// RSS and Atom feeds announced in the head.
    pub feeds: Vec<Url>,
    /// The next page(s) of a paginated listing.
    pub next: Vec<Url>,
    /// Links of the content (inside `<main>` when there is one), navigation left out.
    pub content: Vec<Url>,
    /// True when the content links come from a `<main>` element.
    pub scoped: bool,
    /// Links in navigation, headers, footers and asides (where a site's
    /// link to its news listing often is).
    pub navigation: Vec<Url>,
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

static BASE: LazyLock<Selector> = LazyLock::new(|| sel("base[href]"));
static ALTERNATE: LazyLock<Selector> = LazyLock::new(|| sel(r#"link[rel~="alternate"][href]"#));
static REL_NEXT: LazyLock<Selector> =
    LazyLock::new(|| sel(r#"a[rel~="next"][href], link[rel~="next"][href]"#));
static ANCHOR: LazyLock<Selector> = LazyLock::new(|| sel("a[href]"));
static MAIN: LazyLock<Selector> = LazyLock::new(|| sel(r#"main, [role="main"]"#));

/// Link texts that lead to the next page of a listing.
fn is_next_text(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(['»', '›', '>', '→'])
        .trim()
        .to_lowercase();
    matches!(
        t.as_str(),
        "nästa" | "nästa sida" | "äldre" | "äldre nyheter" | "visa fler" | "fler nyheter" | "next"
    ) || matches!(text.trim(), "»" | "›" | "→")
}

/// True when the element sits in navigation, a header, footer or aside.
fn in_navigation(a: &ElementRef) -> bool {
    a.ancestors().filter_map(ElementRef::wrap).any(|e| {
        matches!(e.value().name(), "nav" | "header" | "footer" | "aside")
            || e.value().attr("role").is_some_and(|r| r == "navigation")
    })
}

/// True when the element sits in the main content.
fn in_main(a: &ElementRef) -> bool {
    a.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "main" || e.value().attr("role").is_some_and(|r| r == "main"))
}

/// Read the links of an HTML page fetched from `base`.
pub fn html(bytes: &[u8], content_type: Option<&str>, base: &Url) -> Links {
    let text = decode(bytes, content_type);
    let doc = Html::parse_document(&text);
    let base = doc
        .select(&BASE)
        .next()
        .and_then(|b| base.join(b.value().attr("href")?).ok())
        .unwrap_or_else(|| base.clone());
    let mut links = Links::default();
    for l in doc.select(&ALTERNATE) {
        let ty = l.value().attr("type").unwrap_or("").to_ascii_lowercase();
        if ty.contains("rss") || ty.contains("atom") {
            links
                .feeds
                .extend(l.value().attr("href").and_then(|h| urls::resolve(&base, h)));
        }
    }
    for l in doc.select(&REL_NEXT) {
        links
            .next
            .extend(l.value().attr("href").and_then(|h| urls::resolve(&base, h)));
    }
    links.scoped = doc.select(&MAIN).next().is_some();
    for a in doc.select(&ANCHOR) {
        let Some(u) = a.value().attr("href").and_then(|h| urls::resolve(&base, h)) else {
            continue;
        };
        let text: String = a.text().collect();
        let label = a.value().attr("aria-label").unwrap_or("");
        let same_path_page = u.path() == base.path() && urls::is_page_query(&u);
        // pagination may sit inside or outside the main content
        if is_next_text(&text) || is_next_text(label) || same_path_page {
            links.next.push(u);
        } else if in_navigation(&a) {
            links.navigation.push(u);
        } else if !links.scoped || in_main(&a) {
            links.content.push(u);
        }
    }
    links.next.dedup();
    links.content.dedup();
    links.navigation.dedup();
    links
}

/// Decode HTML for link discovery: the charset of the Content-Type or a
/// `<meta charset>`, else UTF-8 when valid, else windows-1252.
fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let label = |s: &str| {
        let i = s.to_ascii_lowercase().find("charset=")?;
        let rest = s[i + 8..].trim_start_matches(['"', '\'']);
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || "-_:.".contains(c)))?;
        encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
    };
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).into_owned();
    let enc = content_type
        .and_then(|c| label(&format!("{c};")))
        .or_else(|| label(&head))
        .unwrap_or(if std::str::from_utf8(bytes).is_ok() {
            encoding_rs::UTF_8
        } else {
            encoding_rs::WINDOWS_1252
        });
    enc.decode(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn feed_entries_are_links() {
        let rss = br#"<rss version="2.0"><channel><title>Nyheter</title>
            <item><title>IOP</title><link>/nyheter/iop-avtal</link></item></channel></rss>"#;
        let links = feed(rss, &u("https://k.se/nyheter/rss")).unwrap();
        assert_eq!(links, [u("https://k.se/nyheter/iop-avtal")]);
        assert!(feed(b"<html></html>", &u("https://k.se/")).is_err());
    }

    #[test]
    fn next_link_texts() {
        assert!(is_next_text(" Nästa sida » "));
        assert!(is_next_text("Äldre nyheter"));
        assert!(is_next_text("›"));
        assert!(!is_next_text("Föreningen Nästa Steg får stöd"));
    }

    #[test]
    fn html_links_leave_navigation_out_and_find_pagination() {
        let page = r#"<html><head><link rel="alternate" type="application/rss+xml" href="/nyheter/rss.xml"></head>
            <body><header><a href="/kontakt">Kontakt</a></header><nav><a href="/skola">Skola</a></nav>
            <main><ul><li><a href="/nyheter/iop-med-stadsmissionen#top">IOP</a></li></ul>
            <a href="?page=2">2</a><a href="/nyheter?page=3">Nästa</a></main>
            <p><a href="/outside-main">Utanför</a></p><div class="pager"><a href="/nyheter?page=4">Nästa sida</a></div>
            <footer><a href="/cookies">Kakor</a></footer></body></html>"#;
        let l = html(page.as_bytes(), None, &u("https://k.se/nyheter"));
        assert_eq!(l.feeds, [u("https://k.se/nyheter/rss.xml")]);
        assert_eq!(
            l.content,
            [u("https://k.se/nyheter/iop-med-stadsmissionen")]
        );
        assert_eq!(
            l.next,
            [
                u("https://k.se/nyheter?page=2"),
                u("https://k.se/nyheter?page=3"),
                u("https://k.se/nyheter?page=4")
            ]
        );
        assert_eq!(
            l.navigation,
            [
                u("https://k.se/kontakt"),
                u("https://k.se/skola"),
                u("https://k.se/cookies")
            ]
        );
    }

    #[test]
    fn latin1_link_text_is_read() {
        let mut page = b"<html><body><a href=\"/nyheter?sida=2\">N".to_vec();
        page.push(0xe4); // ä in ISO-8859-1
        page.extend_from_slice(b"sta</a></body></html>");
        let l = html(
            &page,
            Some("text/html; charset=iso-8859-1"),
            &u("https://k.se/start"),
        );
        assert_eq!(l.next, [u("https://k.se/nyheter?sida=2")]);
    }
}
