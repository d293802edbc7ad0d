//! A bound on attributes per tag, applied before HTML is parsed. html5ever
//! checks each new attribute of a tag against all the earlier ones, so one
//! tag with 100 000 distinct attributes costs seconds and one with a million
//! hours; [`limit_attributes`] keeps the first [`MAX_ATTRIBUTES`] of every
//! tag (the HTML rules also keep the first of duplicates) in one linear pass,
//! and leaves pages without such a tag untouched. Pure; no dependencies.

use std::borrow::Cow;

/// Attributes kept per tag; real pages stay far below.
pub const MAX_ATTRIBUTES: usize = 100;

/// Elements whose content the HTML parser reads as text, not tags.
const RAW_TEXT: [&[u8]; 6] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"noembed",
];

/// The page with every start tag cut to its first [`MAX_ATTRIBUTES`]
/// attributes; borrowed when no tag has more.
pub fn limit_attributes(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            // a comment: skip it whole
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = i + b[i..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(b.len() - i);
        let name = &b[i..name_end];
        let (end, cut) = scan_tag(b, i);
        if let Some(start) = cut {
            cuts.push((start, end));
        }
        i = end;
        // text of these elements is not markup: go on after their end tag
        if let Some(raw) = RAW_TEXT.iter().find(|r| r.eq_ignore_ascii_case(name)) {
            i = find_end_tag(b, i, raw).unwrap_or(b.len());
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (start, end) in cuts {
        // both ends are at ASCII bytes (a space, `/` or `>`) or the end
        out.push_str(&html[last..start]);
        last = end;
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

/// Scan a start tag whose name begins at `i`: the index of its closing `>`
/// (or the end), and where its attributes past the limit begin, if any.
fn scan_tag(b: &[u8], mut i: usize) -> (usize, Option<usize>) {
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
    while i < b.len() && !space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut count = 0usize;
    let mut cut = None;
    loop {
        while i < b.len() && (space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (i, cut);
        }
        let start = i;
        // the name: a first `=` belongs to it
        i += 1;
        while i < b.len() && !space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let mut j = i;
        while j < b.len() && space(b[j]) {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            i = j + 1;
            while i < b.len() && space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    i = memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
                }
                _ => {
                    while i < b.len() && !space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
        count += 1;
        if count == MAX_ATTRIBUTES + 1 {
            cut = Some(start);
        }
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

/// Where `</name` (any case) starts at or after `from`.
fn find_end_tag(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr(b'<', hay.get(i..)?) {
        let at = i + off;
        let rest = &hay[at + 1..];
        if rest.first() == Some(&b'/')
            && rest.len() > name.len()
            && rest[1..=name.len()].eq_ignore_ascii_case(name)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(n: usize) -> String {
        let attrs: String = (0..n).map(|k| format!(" a{k}=\"v{k}\"")).collect();
        format!("<p>före</p><div{attrs}>Kommunen tecknar IOP</div><p>efter</p>")
    }

    #[test]
    fn ordinary_pages_are_not_copied() {
        let html = r#"<html><body class="a" id=b><a href='/x?a=1&b=2' data-x>länk</a><!-- <b c d> --></body></html>"#;
        assert!(matches!(limit_attributes(html), Cow::Borrowed(_)));
        assert!(matches!(
            limit_attributes(&tag(MAX_ATTRIBUTES)),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_tag_with_too_many_attributes_keeps_the_first_and_all_text() {
        let html = tag(MAX_ATTRIBUTES + 50);
        let out = limit_attributes(&html);
        assert!(out.contains(&format!(
            " a{}=\"v{}\"",
            MAX_ATTRIBUTES - 1,
            MAX_ATTRIBUTES - 1
        )));
        assert!(!out.contains(&format!(" a{}=", MAX_ATTRIBUTES)));
        assert!(
            out.ends_with(">Kommunen tecknar IOP</div><p>efter</p>"),
            "{out}"
        );
        assert!(out.starts_with("<p>före</p><div a0=\"v0\""));
    }

    #[test]
    fn a_tag_with_200000_attributes_reaches_the_parser_with_the_first_100() {
        let html = tag(200_000);
        let doc = scraper::Html::parse_document(&limit_attributes(&html));
        let div = doc
            .select(&scraper::Selector::parse("div").unwrap())
            .next()
            .unwrap();
        assert_eq!(div.value().attrs().count(), MAX_ATTRIBUTES);
        assert_eq!(div.value().attr("a0"), Some("v0"));
        assert_eq!(div.text().collect::<String>(), "Kommunen tecknar IOP");
        // and the whole extractor reads the page's text
        let page = crate::extract::content::parse_html(&html);
        assert!(
            page.paragraphs
                .iter()
                .any(|p| p.contains("Kommunen tecknar IOP")),
            "{:?}",
            page.paragraphs
        );
    }

    #[test]
    fn quoted_values_may_hold_brackets_and_spaces() {
        let attrs: String = (0..MAX_ATTRIBUTES + 5)
            .map(|k| format!(" a{k}='x > y' b{k}=z"))
            .collect();
        let html = format!("<span{attrs}>text</span>");
        let out = limit_attributes(&html);
        assert!(out.ends_with(">text</span>"), "{out}");
        assert_eq!(out.matches('=').count(), MAX_ATTRIBUTES);
    }

    #[test]
    fn script_text_is_not_read_as_tags() {
        let words = " w".repeat(MAX_ATTRIBUTES + 10);
        let html = format!("<script>if (a <b{words}) {{}}</script><p{words}>x</p>");
        let out = limit_attributes(&html);
        assert!(out.contains(&format!("<b{words})")), "script kept whole");
        assert!(out.ends_with(">x</p>"));
        assert!(out.len() < html.len(), "the paragraph's attributes are cut");
    }

    #[test]
    fn an_unclosed_tag_at_the_end_is_cut_without_panic() {
        let html = format!("<p>ok</p><div{}", " x".repeat(MAX_ATTRIBUTES + 3));
        let out = limit_attributes(&html);
        assert_eq!(out.matches(" x").count(), MAX_ATTRIBUTES);
        assert_eq!(limit_attributes("<a b='never closed"), "<a b='never closed");
        assert_eq!(limit_attributes("<"), "<");
    }
}
