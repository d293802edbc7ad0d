//! Sitemaps and sitemap indexes (also gzipped), read leniently through
//! quick-xml: a broken tag, an entry without a usable `<loc>` or a bad
//! entity costs that entry alone, never the sitemap. Every valid `<loc>` is
//! kept, and what was skipped is named with its line, for the caller to
//! report. Only a file that is no sitemap at all (another root element, or
//! none) is an error. Pure and synchronous.

use std::io::Read;

use quick_xml::errors::{Error as XmlError, IllFormedError};
use quick_xml::events::Event;
use url::Url;

use super::discover::DiscoverError;
use super::urls;

/// A gzipped sitemap may not unpack to more than this.
const MAX_UNPACKED: u64 = 50 * 1024 * 1024;
/// Entries read from one sitemap (the sitemap protocol allows 50 000).
const MAX_ENTRIES: usize = 50_000;
/// Skipped entries described one by one; the rest are only counted.
const MAX_DESCRIBED: usize = 50;

/// What a sitemap lists.
#[derive(Debug, Default, PartialEq)]
pub struct Sitemap {
    /// Child sitemaps of a sitemap index.
    pub sitemaps: Vec<Url>,
    /// Pages, each with whether it carries a `<news:news>` entry.
    pub pages: Vec<(Url, bool)>,
    /// What was skipped, each with its line ("line 7: ...").
    pub skipped: Vec<String>,
    /// How many things were skipped (`skipped` describes the first ones).
    pub skipped_count: usize,
}

impl Sitemap {
    fn skip(&mut self, line: usize, what: String) {
        self.skipped_count += 1;
        if self.skipped.len() < MAX_DESCRIBED {
            self.skipped.push(format!("line {line}: {what}"));
        }
    }
}

/// A `<url>` or `<sitemap>` being read.
#[derive(Debug, Default)]
struct Entry {
    child_sitemap: bool,
    line: usize,
    loc: Option<String>,
    /// Why the `<loc>` cannot be trusted.
    broken: Option<String>,
    news: bool,
}

/// The reading state.
#[derive(Default)]
struct State {
    out: Sitemap,
    entry: Option<Entry>,
    /// The text of an open `<loc>`.
    loc: Option<String>,
}

impl State {
    fn start(&mut self, name: &str, line: usize) {
        if let Some(loc) = self.loc.as_mut() {
            let e = self.entry.get_or_insert_with(Entry::default);
            e.broken = Some(format!("a <{name}> tag inside <loc>{}", loc.trim()));
            return;
        }
        match name {
            "url" | "sitemap" => {
                // an entry left open: what it read still counts
                self.finish();
                self.entry = Some(Entry {
                    child_sitemap: name == "sitemap",
                    line,
                    ..Entry::default()
                });
            }
            "loc" => self.loc = Some(String::new()),
            "news" => {
                if let Some(e) = self.entry.as_mut() {
                    e.news = true;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "loc" => {
                if let (Some(loc), Some(e)) = (self.loc.take(), self.entry.as_mut()) {
                    e.loc = Some(loc);
                }
            }
            "url" | "sitemap" => self.finish(),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(loc) = self.loc.as_mut() {
            loc.push_str(t);
        }
    }

    fn broken(&mut self, why: String) {
        if self.loc.is_some()
            && let Some(e) = self.entry.as_mut()
        {
            e.broken.get_or_insert(why);
        }
    }

    /// Close the open entry: keep its `<loc>` when it is a web URL.
    fn finish(&mut self) {
        let Some(e) = self.entry.take() else {
            return;
        };
        if self.loc.take().is_some() {
            self.out
                .skip(e.line, "an entry whose <loc> is never closed".into());
            return;
        }
        let what = if e.child_sitemap { "sitemap" } else { "url" };
        let loc = e.loc.as_deref().map(str::trim).unwrap_or("");
        if let Some(why) = e.broken {
            self.out.skip(e.line, format!("a <{what}> entry: {why}"));
            return;
        }
        if loc.is_empty() {
            self.out
                .skip(e.line, format!("a <{what}> entry without a <loc>"));
            return;
        }
        match Url::parse(loc).ok().and_then(|u| urls::normalise(&u)) {
            Some(u) if e.child_sitemap => self.out.sitemaps.push(u),
            Some(u) => self.out.pages.push((u, e.news)),
            None => self
                .out
                .skip(e.line, format!("<loc>{loc}</loc> is not a web URL")),
        }
    }
}

/// The XML of a sitemap: unpacked when gzipped (a broken gzip stream
/// keeps what unpacked before the break, and says so).
fn unpack(bytes: &[u8], skipped: &mut Option<String>) -> Result<Vec<u8>, DiscoverError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::new();
    if let Err(e) = flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_UNPACKED)
        .read_to_end(&mut out)
    {
        if out.is_empty() {
            return Err(DiscoverError::Sitemap(format!("bad gzip: {e}")));
        }
        *skipped = Some(format!(
            "the rest of the gzip stream after {} bytes: {e}",
            out.len()
        ));
    }
    Ok(out)
}

/// The line of a byte offset.
fn line_of(xml: &[u8], offset: u64) -> usize {
    let end = usize::try_from(offset).unwrap_or(usize::MAX).min(xml.len());
    1 + xml[..end].iter().filter(|b| **b == b'\n').count()
}

/// Read a sitemap or sitemap index, gzipped or not.
pub fn sitemap(bytes: &[u8]) -> Result<Sitemap, DiscoverError> {
    let mut gzip_broken = None;
    let xml = unpack(bytes, &mut gzip_broken)?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut st = State::default();
    let mut root_seen = false;
    let mut last_error_at = None;
    loop {
        let event = reader.read_event_into(&mut buf);
        let line = || line_of(&xml, reader.buffer_position());
        match event {
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_lowercase();
                if !root_seen {
                    if name != "urlset" && name != "sitemapindex" {
                        return Err(DiscoverError::Sitemap(format!(
                            "the root element is <{name}>"
                        )));
                    }
                    root_seen = true;
                    continue;
                }
                st.start(&name, line());
            }
            Ok(Event::Empty(e)) => {
                let name = e.local_name().as_ref().to_lowercase();
                if name == "news" || name == "url" || name == "sitemap" {
                    st.start(&name, line());
                    if name != "news" {
                        st.end(&name);
                    }
                }
            }
            Ok(Event::End(e)) => {
                let name = e.local_name().as_ref().to_lowercase();
                st.end(&name);
            }
            Ok(Event::Text(t)) => st.text(&t),
            Ok(Event::CData(t)) => st.text(&t),
            Ok(Event::GeneralRef(r)) => {
                let entity = format!("&{};", &*r);
                match quick_xml::escape::unescape(&entity) {
                    Ok(text) => st.text(&text),
                    Err(_) => st.broken(format!("the unknown entity {entity}")),
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                let at = reader.error_position();
                let line = line_of(&xml, at);
                match &e {
                    // the open element counts as closed where the wrong end tag stands
                    XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                        st.out.skip(
                            line,
                            format!("the tag </{found}> where </{expected}> was due"),
                        );
                        let local = expected.rsplit(':').next().unwrap_or(expected);
                        st.end(&local.to_lowercase());
                    }
                    _ => {
                        st.broken(e.to_string());
                        st.out.skip(line, format!("broken XML: {e}"));
                    }
                }
                // an error the reader cannot get past ends the reading
                if last_error_at == Some(reader.buffer_position())
                    || matches!(e, XmlError::Syntax(_) | XmlError::Io(_))
                {
                    break;
                }
                last_error_at = Some(reader.buffer_position());
            }
        }
        if st.out.pages.len() + st.out.sitemaps.len() >= MAX_ENTRIES {
            break;
        }
        buf.clear();
    }
    if !root_seen {
        return Err(DiscoverError::Sitemap(
            "no <urlset> or <sitemapindex>".into(),
        ));
    }
    let end = line_of(&xml, reader.buffer_position());
    st.finish();
    if let Some(what) = gzip_broken {
        st.out.skip(end, what);
    }
    Ok(st.out)
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
            <url><loc><![CDATA[https://k.se/om-kommunen]]></loc><news:news><news:title>T</news:title></news:news></url></urlset>"#;
        let s = sitemap(set).unwrap();
        assert_eq!(
            s.pages,
            [
                (u("https://k.se/nyheter/a?page=1"), false),
                (u("https://k.se/om-kommunen"), true)
            ]
        );
        assert_eq!(s.skipped_count, 0, "{:?}", s.skipped);
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
        assert!(sitemap(b"just text").is_err());
    }

    #[test]
    fn one_bad_tag_costs_its_entry_not_the_sitemap() {
        let xml = b"<?xml version=\"1.0\"?>\n<urlset>\n\
            <url><loc>https://k.se/nyheter/1</loc></url>\n\
            <url><loc>https://k.se/nyheter/2</loc></ur>\n\
            <url><loc>https://k.se/nyheter/3</loc></url>\n\
            <url><lo>https://k.se/nyheter/4</lo></url>\n\
            <url><loc>https://k.se/nyheter/5 &nbsp;</loc></url>\n\
            <url><loc>nyheter/6</loc></url>\n\
            <url><loc>https://k.se/nyheter/<b>7</b></loc></url>\n\
            <url><loc>https://k.se/nyheter/8</loc></url>\n\
            </urlset>\n";
        let s = sitemap(xml).unwrap();
        let pages: Vec<&str> = s.pages.iter().map(|(p, _)| p.path()).collect();
        // the entry with the mistyped end tag still has a whole <loc>
        assert_eq!(
            pages,
            ["/nyheter/1", "/nyheter/2", "/nyheter/3", "/nyheter/8"]
        );
        let skipped = s.skipped.join("\n");
        for what in [
            "line 4: the tag </ur> where </url> was due",
            "line 6: a <url> entry without a <loc>",
            "line 7: a <url> entry: the unknown entity &nbsp;",
            "line 8: <loc>nyheter/6</loc> is not a web URL",
            "line 9: a <url> entry: a <b> tag inside <loc>https://k.se/nyheter/",
        ] {
            assert!(skipped.contains(what), "{what} not in\n{skipped}");
        }
        assert_eq!(s.skipped_count, 5, "{skipped}");
    }

    #[test]
    fn a_truncated_sitemap_keeps_what_came_before_the_cut() {
        let xml = b"<urlset><url><loc>https://k.se/nyheter/1</loc></url><url><loc>https://k.se/nyh";
        let s = sitemap(xml).unwrap();
        assert_eq!(s.pages, [(u("https://k.se/nyheter/1"), false)]);
        assert_eq!(s.skipped_count, 1, "{:?}", s.skipped);
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let many: String = (0..200)
            .map(|i| format!("<url><loc>https://k.se/nyheter/{i}</loc></url>"))
            .collect();
        gz.write_all(format!("<urlset>{many}</urlset>").as_bytes())
            .unwrap();
        let mut packed = gz.finish().unwrap();
        packed.truncate(packed.len() - 40);
        let s = sitemap(&packed).unwrap();
        assert!(s.pages.len() > 100, "{}", s.pages.len());
        assert!(
            s.skipped
                .iter()
                .any(|w| w.contains("the rest of the gzip stream")),
            "{:?}",
            s.skipped
        );
    }
}
