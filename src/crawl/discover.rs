//! Discovery: the links a crawler learns from what it fetched. Sitemaps and
//! sitemap indexes (also gzipped) through quick-xml, RSS and Atom feeds
//! through feed-rs, and HTML pages through scraper: feeds announced with
//! `<link rel="alternate">`, pagination ("Nästa", rel=next, ?page=N) and the
//! links of the content (navigation, header, footer and asides left out).
//! Pure and synchronous; the caller runs it on a blocking thread.

use std::io::Read;
use std::sync::LazyLock;

use quick_xml::events::Event;
use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::urls;

/// A gzipped sitemap may not unpack to more than this.
const MAX_UNPACKED: u64 = 50 * 1024 * 1024;
/// Entries read from one sitemap (the sitemap protocol allows 50 000).
const MAX_SITEMAP_ENTRIES: usize = 50_000;

/// Why a sitemap or feed could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("not a sitemap: {0}")]
    Sitemap(String),
    #[error("not a feed: {0}")]
    Feed(String),
}

/// What a sitemap lists.
#[derive(Debug, Default, PartialEq)]
pub struct Sitemap {
    /// Child sitemaps of a sitemap index.
    pub sitemaps: Vec<Url>,
    /// Pages, each with whether it carries a `<news:news>` entry.
    pub pages: Vec<(Url, bool)>,
}

/// Read a sitemap or sitemap index, gzipped or not.
pub fn sitemap(bytes: &[u8]) -> Result<Sitemap, DiscoverError> {
    let unpacked;
    let xml = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .take(MAX_UNPACKED)
            .read_to_end(&mut out)
            .map_err(|e| DiscoverError::Sitemap(format!("bad gzip: {e}")))?;
        unpacked = out;
        unpacked.as_slice()
    } else {
        bytes
    };
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Sitemap::default();
    let mut stack: Vec<String> = Vec::new();
    let mut loc = String::new();
    let mut news = false;
    let mut root_seen = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if stack.is_empty() {
                    if name != "urlset" && name != "sitemapindex" {
                        return Err(DiscoverError::Sitemap(format!(
                            "the root element is <{name}>"
                        )));
                    }
                    root_seen = true;
                }
                if name == "url" || name == "sitemap" {
                    loc.clear();
                    news = false;
                }
                if name == "news" {
                    news = true;
                }
                stack.push(name);
            }
            Ok(Event::Empty(e)) => {
                if e.local_name().as_ref().eq_ignore_ascii_case("news") {
                    news = true;
                }
            }
            Ok(Event::Text(t)) if stack.last().is_some_and(|n| n == "loc") => {
                loc.push_str(t.as_ref());
            }
            Ok(Event::CData(t)) if stack.last().is_some_and(|n| n == "loc") => {
                loc.push_str(t.as_ref());
            }
            Ok(Event::GeneralRef(r)) if stack.last().is_some_and(|n| n == "loc") => {
                let entity = format!("&{};", r.as_ref());
                loc.push_str(&quick_xml::escape::unescape(&entity).unwrap_or_default());
            }
            Ok(Event::End(_)) => {
                let name = stack.pop().unwrap_or_default();
                let parent = stack.last();
                let in_entry = |n: &str| name == n && parent.is_some();
                if in_entry("url") || in_entry("sitemap") {
                    if out.pages.len() + out.sitemaps.len() >= MAX_SITEMAP_ENTRIES {
                        break;
                    }
                    if let Some(u) = Url::parse(loc.trim())
                        .ok()
                        .and_then(|u| urls::normalise(&u))
                    {
                        if name == "url" {
                            out.pages.push((u, news));
                        } else {
                            out.sitemaps.push(u);
                        }
                    }
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(DiscoverError::Sitemap(e.to_string())),
        }
        buf.clear();
    }
    if !root_seen {
        return Err(DiscoverError::Sitemap(
            "no <urlset> or <sitemapindex>".into(),
        ));
    }
    Ok(out)
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
    fn a_sitemap_index_lists_sitemaps_and_a_urlset_lists_pages() {
        let idx = br#"<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://k.se/sitemap-1.xml.gz</loc></sitemap></sitemapindex>"#;
        let s = sitemap(idx).unwrap();
        assert_eq!(s.sitemaps, [u("https://k.se/sitemap-1.xml.gz")]);
        let set = br#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://k.se/nyheter/a?utm_source=x&amp;page=1</loc></url>
            <url><loc>https://k.se/om-kommunen</loc><news:news><news:title>T</news:title></news:news></url></urlset>"#;
        let s = sitemap(set).unwrap();
        assert_eq!(
            s.pages,
            [
                (u("https://k.se/nyheter/a?page=1"), false),
                (u("https://k.se/om-kommunen"), true)
            ]
        );
    }

    #[test]
    fn a_gzipped_sitemap_is_unpacked() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<urlset><url><loc>https://k.se/nyheter/b</loc></url></urlset>")
            .unwrap();
        let s = sitemap(&gz.finish().unwrap()).unwrap();
        assert_eq!(s.pages, [(u("https://k.se/nyheter/b"), false)]);
    }

    #[test]
    fn html_is_not_a_sitemap() {
        assert!(sitemap(b"<html><body>404</body></html>").is_err());
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
