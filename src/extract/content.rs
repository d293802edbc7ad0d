//! Main content: the article alone, as paragraphs of folded text, plus the
//! page metadata that later steps read (title, canonical URL, meta dates).
//!
//! Boilerplate is removed by element (script, nav, header, footer, aside,
//! form, ...), by ARIA role, and by class/id words (cookie, breadcrumb, share,
//! related, archive, menu, chat, ...); a "Senaste nyheter"/"Relaterat"
//! heading ends the article. The tree is walked iteratively, so deeply nested
//! pages cannot overflow the stack.

use std::sync::LazyLock;

use crate::extract::pattern::Pattern;
use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use super::text::fold;

/// What a paragraph of the article is, as its markup (or, in plain text, its
/// shape) says. Later steps never read a name across two blocks, and use
/// headings and list items to scope what a list of partners says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BlockKind {
    /// Running text (`p`, `div`, a table cell, ...).
    #[default]
    Paragraph,
    /// A heading below the headline (`h2`-`h6`, a `dt`, or in plain text a
    /// short line without closing punctuation).
    Heading,
    /// An item of a list (`li`, `dd`, or a line opening with a bullet).
    ListItem,
}

/// A page reduced to what the extractor reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The headline.
    pub title: Option<String>,
    /// Main-content paragraphs (headline excluded), whitespace folded.
    pub paragraphs: Vec<String>,
    /// The kind of each paragraph, index for index (empty when unknown: every
    /// paragraph is then running text).
    pub kinds: Vec<BlockKind>,
    /// For a cell of a table row of two or more cells, the index of the
    /// row's first cell, index for index (empty when the page has no table):
    /// a row is read as one item, each cell a line of it.
    pub rows: Vec<Option<usize>>,
    /// `<link rel=canonical>` or `og:url`.
    pub canonical_url: Option<String>,
    /// The site's name: `og:site_name`, else the suffix of `<title>`
    /// ("Rubrik - Härryda kommun").
    pub site_name: Option<String>,
    /// Publication dates from metadata (`article:published_time`, JSON-LD,
    /// `<time datetime>` in the article), most trusted first.
    pub meta_published: Vec<String>,
    /// Modification dates from metadata.
    pub meta_updated: Vec<String>,
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel("link[rel=canonical]"));
static LD_JSON: LazyLock<Selector> = LazyLock::new(|| sel(r#"script[type="application/ld+json"]"#));
static ROOTS: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    ["article", "main", "[role=main]", "body"]
        .iter()
        .map(|s| sel(s))
        .collect()
});

static LD_DATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r#""(datePublished|dateModified)"\s*:\s*"([^"]+)""#).expect("valid regex")
});

/// Headings after which nothing belongs to the article.
static END_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^(senaste nyheter|fler nyheter|relaterat|relaterade (nyheter|sidor|artiklar)|läs (också|även|mer)|andra nyheter|dela( sidan)?|kommentarer|nyhetsarkiv|mest lästa)\b")
        .expect("valid regex")
});

/// A block that is only the label of what follows the article: comments,
/// sharing, related posts.
static END_BLOCK: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^(?:lämna (?:ett svar|en kommentar)|skriv en kommentar|kommentarer|dela (?:artikeln|sidan|inlägget)|you may also like|related posts|relaterade (?:nyheter|sidor|artiklar|inlägg)|fler nyheter|senaste nyheter|andra nyheter|mest lästa|print friendly, pdf & email)[:.]?$")
        .expect("valid regex")
});

/// Elements that never hold article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "iframe", "svg", "select", "dialog", "object", "embed", "canvas", "video", "audio",
    "map", "head", "title", "input", "textarea", "label",
];

/// ARIA roles of boilerplate.
const SKIP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "dialog",
    "alertdialog",
    "complementary",
    "search",
    "menu",
    "menubar",
];

/// Words in a class or id that mark boilerplate.
const SKIP_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "social",
    "feedback",
    "related",
    "archive",
    "sidebar",
    "menu",
    "navigation",
    "navbar",
    "nav",
    "comments",
    "comment",
    "chat",
    "skip",
    "footer",
    "newsletter",
    "pagination",
    "toolbar",
    "tool",
    "puff",
    "latest",
    "banner",
    "kundo",
    "rating",
    "byline-share",
    "print",
    "screen-reader-text",
    "visually-hidden",
    "sr-only",
    "meny",
    "huvudmeny",
    "toppmeny",
    "sidfot",
    "sidhuvud",
    "navigering",
    "brodsmulor",
    "relaterat",
    "relaterade",
    "kakor",
    "snabblankar",
    "genvagar",
];

/// Elements that start and end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figcaption",
    "figure",
    "address",
    "br",
    "hr",
    "body",
    "center",
];

fn class_id_words(el: &scraper::node::Element) -> impl Iterator<Item = String> + '_ {
    el.attr("class")
        .into_iter()
        .chain(el.attr("id"))
        .flat_map(|v| v.split_whitespace())
        .flat_map(|v| {
            let lower = v.to_ascii_lowercase();
            let mut words: Vec<String> = lower
                .split(['-', '_'])
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            words.push(lower);
            words
        })
}

/// True when an element is boilerplate and its whole subtree is skipped.
fn is_boilerplate(el: &scraper::node::Element) -> bool {
    let name = el.name();
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(role) = el.attr("role")
        && SKIP_ROLES.contains(&role.to_ascii_lowercase().as_str())
    {
        return true;
    }
    class_id_words(el).any(|w| SKIP_WORDS.contains(&w.as_str()))
}

/// Deepest element nesting kept; deeper tags are dropped before parsing,
/// since HTML tree building is quadratic in depth. Real pages stay far below.
const MAX_DEPTH: usize = 256;

/// Elements without content, and those whose end tag may be left out: neither
/// counts toward depth.
const NO_DEPTH: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "!doctype",
];

/// A tag, as `tags` reads them (the tests hold the two to the same matches).
#[cfg(test)]
static TAG: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"<(/?)([A-Za-z!][A-Za-z0-9]*)[^<>]*?(/?)>").expect("valid regex")
});

/// The tags of a page, left to right, as the pattern
/// `<(/?)([A-Za-z!][A-Za-z0-9]*)[^<>]*?(/?)>` finds them, read byte by byte
/// (the pattern over a whole page was a tenth of the page's reading): a `<`,
/// an optional `/`, a letter or `!`, and the first `>` after them with no
/// `<` before it.
fn tags(html: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let b = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(off) = memchr::memchr(b'<', &b[at..]) {
            let open = at + off;
            at = open + 1;
            let name = if b.get(at) == Some(&b'/') { at + 1 } else { at };
            if !b
                .get(name)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'!')
            {
                continue;
            }
            match memchr::memchr2(b'<', b'>', &b[name + 1..]) {
                Some(k) if b[name + 1 + k] == b'>' => {
                    let end = name + 1 + k + 1;
                    at = end;
                    return Some(open..end);
                }
                // a `<` before any `>`: the search goes on from there
                Some(k) => at = name + 1 + k,
                None => at = b.len(),
            }
        }
        at = b.len();
        None
    })
}

/// The groups of a `TAG` match, read off it (cheaper than capturing them):
/// closing ("</"), the name, self-closing ("/>").
fn tag_parts(tag: &str) -> (bool, &str, bool) {
    let closing = tag.starts_with("</");
    let named = &tag[if closing { 2 } else { 1 }..];
    let len = 1 + named[1..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(named.len() - 1);
    (closing, &named[..len], tag.ends_with("/>"))
}

/// Drop tags nested deeper than `MAX_DEPTH`, keeping all text.
fn limit_depth(html: &str) -> std::borrow::Cow<'_, str> {
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    for range in tags(html) {
        let (closing, name, self_closing) = tag_parts(&html[range.clone()]);
        let name = name.to_ascii_lowercase();
        if NO_DEPTH.contains(&name.as_str()) || self_closing {
            continue;
        }
        if !closing {
            if depth >= MAX_DEPTH {
                dropped += 1;
                cuts.push(range);
            } else {
                depth += 1;
            }
        } else if dropped > 0 {
            dropped -= 1;
            cuts.push(range);
        } else {
            depth = depth.saturating_sub(1);
        }
    }
    if cuts.is_empty() {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for r in cuts {
        out.push_str(&html[last..r.start]);
        out.push(' ');
        last = r.end;
    }
    out.push_str(&html[last..]);
    std::borrow::Cow::Owned(out)
}

/// Read an HTML page.
pub fn parse_html(html: &str) -> Document {
    let html = super::attrs::limit_attributes(html);
    let html = limit_depth(&html);
    let doc = Html::parse_document(&html);
    let (root, read) = choose_root(&doc);
    let mut blocks = match (root, read) {
        (_, Some(blocks)) => blocks,
        (Some(r), None) => blocks_of(r),
        (None, None) => Vec::new(),
    };
    let title = title_of(&doc, &mut blocks);
    let (meta_published, meta_updated) = meta_dates(&doc, root);
    let kinds = blocks.iter().map(|b| b.kind()).collect();
    let rows = rows_of(&blocks);
    Document {
        title,
        paragraphs: blocks.into_iter().map(|b| b.text).collect(),
        kinds,
        rows,
        canonical_url: canonical_of(&doc),
        site_name: site_name_of(&doc),
        meta_published,
        meta_updated,
    }
}

/// Read a plain-text page: blocks separated by blank lines, lines of a block
/// joined; the first short line is the title. A short line without closing
/// punctuation followed by a capitalised line is a heading; a line opening
/// with a bullet is a list item.
pub fn parse_text(text: &str) -> Document {
    let mut blocks: Vec<(String, BlockKind)> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let flush = |cur: &mut Vec<&str>, blocks: &mut Vec<(String, BlockKind)>| {
        if !cur.is_empty() {
            let kind = if is_bullet_line(cur[0]) {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            };
            blocks.push((fold(&cur.join(" ")), kind));
            cur.clear();
        }
    };
    // after a line that ends with a colon ("... med följande föreningar:"),
    // each short line is an item of its list, until a long line, a dash
    // (a quote) or a heading-like break
    let mut in_list = false;
    for (i, line) in lines.iter().copied().enumerate() {
        // A short line without closing punctuation followed by a capitalised
        // line is a heading or dateline of its own; hard-wrapped prose goes on
        // in lower case.
        let t = line.trim();
        if in_list {
            let item = t
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && t.chars().count() < LIST_ITEM_CHARS
                && !(t.ends_with('.') && t.chars().count() >= LIST_ITEM_CHARS / 2)
                && !t.ends_with(':');
            if item {
                blocks.push((fold(t), BlockKind::ListItem));
                continue;
            }
            if !t.is_empty() {
                in_list = false;
            } else {
                continue;
            }
        }
        // (a label such as "Publicerad:" keeps its value on the next line)
        if t.ends_with(':')
            && t.split_whitespace().count() >= 4
            && !is_bullet_line(t)
            && !introduces_speech(t)
        {
            cur.push(line);
            flush(&mut cur, &mut blocks);
            in_list = true;
            continue;
        }
        let next_capital = lines
            .get(i + 1)
            .and_then(|n| n.trim().chars().next())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if is_bullet_line(t) {
            flush(&mut cur, &mut blocks);
            cur.push(line);
            continue;
        }
        if !t.is_empty()
            && t.chars().count() < 100
            && !t.ends_with(['.', ',', ':', ';', '!', '?', '-', '–'])
            && next_capital
        {
            let alone = cur.is_empty();
            cur.push(line);
            let kind = if alone && is_bullet_line(cur[0]) {
                BlockKind::ListItem
            } else if alone {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            blocks.push((fold(&cur.join(" ")), kind));
            cur.clear();
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut cur, &mut blocks);
        } else {
            cur.push(line);
        }
    }
    flush(&mut cur, &mut blocks);
    blocks.retain(|(p, _)| !p.is_empty() && !is_skip_link(p));
    let title = match blocks.first() {
        Some((first, _)) if first.chars().count() <= 200 && !first.ends_with('.') => {
            Some(blocks.remove(0).0)
        }
        _ => None,
    };
    let (paragraphs, kinds) = blocks.into_iter().unzip();
    Document {
        title,
        paragraphs,
        kinds,
        ..Document::default()
    }
}

/// A line that ends by introducing what someone says ("Anna Berg,
/// ordförande, säger:"): what follows is a quote, not a list. The verbs are
/// the quote reader's attribution verbs, and "skriver".
fn introduces_speech(line: &str) -> bool {
    static SPEECH_INTRO: LazyLock<Pattern> = LazyLock::new(|| {
        Pattern::new(&format!(
            r"(?i)\b(?:{}|skriver)(?:\s+(?:också|även))?\s*:\s*$",
            crate::extract::quote::ATTRIBUTION_VERB
        ))
        .expect("valid regex")
    });
    SPEECH_INTRO.is_match(line)
}

/// The longest line of plain text read as a list item after a colon (a
/// full sentence half as long ends the list).
const LIST_ITEM_CHARS: usize = 160;

/// A line opening with a bullet: "• ", "* ", "· ". (A dash opens a quote
/// in Swedish text, not a list item.)
fn is_bullet_line(line: &str) -> bool {
    let t = line.trim_start();
    ["• ", "* ", "· "].iter().any(|b| t.starts_with(b))
}

fn is_skip_link(p: &str) -> bool {
    // longer than the longest link text: lower-casing never drops a char
    if p.chars().nth(24).is_some() {
        return false;
    }
    let l = p.to_lowercase();
    matches!(
        l.as_str(),
        "hoppa till innehåll"
            | "gå till innehåll"
            | "till innehåll"
            | "hoppa till huvudinnehåll"
            | "gå direkt till innehåll"
            | "till sidans innehåll"
    )
}

/// The element that holds the article: the `article` with the most text,
/// else `main`, else the body; with its blocks when they were read to choose it.
fn choose_root(doc: &Html) -> (Option<ElementRef<'_>>, Option<Vec<Block>>) {
    for s in ROOTS.iter() {
        let best = doc
            .select(s)
            .filter(|e| !ancestor_is_boilerplate(*e))
            .map(|e| (blocks_of(e), e))
            .max_by_key(|(b, _)| text_len(b));
        if let Some((b, e)) = best
            && (text_len(&b) >= 200 || s == ROOTS.last().expect("body selector"))
        {
            return (Some(e), Some(b));
        }
    }
    (Some(doc.root_element()), None)
}

fn ancestor_is_boilerplate(e: ElementRef<'_>) -> bool {
    e.ancestors()
        .filter_map(|n| n.value().as_element())
        .any(is_boilerplate)
}

fn text_len(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.text.len()).sum()
}

#[derive(Debug)]
struct Block {
    text: String,
    heading: Option<u8>,
    /// Inside a list item (`li`, `dd`).
    item: bool,
    /// The table row (`tr`) it is a cell of, numbered through the page.
    row: Option<u32>,
    /// A header cell (`th`).
    header: bool,
}

impl Block {
    fn kind(&self) -> BlockKind {
        if self.heading.is_some() || self.header {
            BlockKind::Heading
        } else if self.item {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }
}

/// The paragraphs under `root`, boilerplate skipped.
fn blocks_of(root: ElementRef<'_>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut buf = String::new();
    let mut heading: Option<u8> = None;
    let mut skip_until: Option<NodeId> = None;
    // open list items (`li`, `dd`) around the text being read
    let mut items = 0usize;
    // the table row and header cells around it
    let mut rows = 0u32;
    let mut row: Option<u32> = None;
    let mut header = 0usize;
    // open paragraphs, and whether a line break made the one being read a
    // row: "<p><strong>Förening</strong><br>Verksamhet<br>Avtalstid: ...</p>"
    // is one entry whose lines are its cells, as a table row's are
    let mut paragraphs = 0usize;
    let mut broken = false;
    let mut broken_rows: Vec<u32> = Vec::new();
    let flush = |buf: &mut String,
                 heading: &mut Option<u8>,
                 (items, row, header): (usize, Option<u32>, usize),
                 out: &mut Vec<Block>| {
        let t = fold(buf);
        if !t.is_empty() {
            out.push(Block {
                text: t,
                heading: *heading,
                item: items > 0,
                row,
                header: header > 0,
            });
        }
        buf.clear();
        *heading = None;
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        if node.id() != root.id() && is_boilerplate(el) && !is_article_header(node)
                        {
                            skip_until = Some(node.id());
                            continue;
                        }
                        let name = el.name();
                        if name == "p" {
                            paragraphs += 1;
                        }
                        if name == "br" && paragraphs > 0 && row.is_none() && items == 0 {
                            rows += 1;
                            row = Some(rows);
                            broken = true;
                            broken_rows.push(rows);
                        }
                        if BLOCK_TAGS.contains(&name) {
                            flush(&mut buf, &mut heading, (items, row, header), &mut out);
                            if let Some(level) = heading_level(name) {
                                heading = Some(level);
                            } else if name == "dt" {
                                heading = Some(6);
                            }
                            match name {
                                "li" | "dd" => items += 1,
                                "tr" => {
                                    rows += 1;
                                    row = Some(rows);
                                }
                                "th" => header += 1,
                                _ => {}
                            }
                        }
                    }
                    Node::Text(t) => buf.push_str(t),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip_until {
                    if id == node.id() {
                        skip_until = None;
                        // a skipped element still separates the text around it
                        buf.push(' ');
                    }
                    continue;
                }
                if let Node::Element(el) = node.value()
                    && BLOCK_TAGS.contains(&el.name())
                {
                    flush(&mut buf, &mut heading, (items, row, header), &mut out);
                    match el.name() {
                        "li" | "dd" => items = items.saturating_sub(1),
                        "tr" => row = None,
                        "th" => header = header.saturating_sub(1),
                        _ => {}
                    }
                }
                if let Node::Element(el) = node.value()
                    && el.name() == "p"
                {
                    paragraphs = paragraphs.saturating_sub(1);
                    if broken {
                        row = None;
                        broken = false;
                    }
                }
            }
        }
    }
    flush(&mut buf, &mut heading, (items, row, header), &mut out);
    // a paragraph broken into lines is a row of short labelled lines only:
    // running text broken by line breaks stays running text
    for r in broken_rows {
        let long = out
            .iter()
            .any(|b| b.row == Some(r) && b.text.chars().count() > BROKEN_LINE_MAX);
        if long {
            out.iter_mut()
                .filter(|b| b.row == Some(r))
                .for_each(|b| b.row = None);
        }
    }
    // Everything from a "Senaste nyheter"/"Relaterat" heading on is not the
    // article; so is everything from a block that is nothing but such a
    // label ("Lämna ett svar", "You May Also Like") once the article's
    // running text has begun (a page flattened to paragraphs keeps them).
    let mut body = 0usize;
    if let Some(cut) = out.iter().position(|b| {
        let end = (b.heading.is_some_and(|l| l >= 2) && END_HEADING.is_match(&b.text))
            || (body >= 2 && END_BLOCK.is_match(&b.text));
        if b.text.chars().count() >= 80 {
            body += 1;
        }
        end
    }) {
        out.truncate(cut);
    }
    out.retain(|b| !is_skip_link(&b.text));
    out
}

/// The longest line of a paragraph broken into lines that reads as a row of
/// an entry's lines ("Avtalstid: 2024-07-01–2027-06-30"), in characters.
const BROKEN_LINE_MAX: usize = 120;

/// For each block, the index of the first cell of its table row when the
/// row has two or more cells; empty when the page has no such row.
fn rows_of(blocks: &[Block]) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = vec![None; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        let Some(r) = blocks[i].row else {
            i += 1;
            continue;
        };
        let mut e = i + 1;
        while e < blocks.len() && blocks[e].row == Some(r) {
            e += 1;
        }
        if e - i >= 2 {
            out[i..e].fill(Some(i));
        }
        i = e;
    }
    if out.iter().all(Option::is_none) {
        out.clear();
    }
    out
}

/// A `header` inside an `article` holds its headline and date, not site chrome.
fn is_article_header(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| e.name() == "header")
        && node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| e.name() == "article")
        })
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// The headline: the article's first `h1` (removed from the paragraphs), else
/// any `h1`, `og:title` or `<title>` without its site suffix.
fn title_of(doc: &Html, blocks: &mut Vec<Block>) -> Option<String> {
    if let Some(i) = blocks.iter().position(|b| b.heading == Some(1)) {
        return Some(blocks.remove(i).text);
    }
    if let Some(h) = doc.select(&H1).find(|e| !ancestor_is_boilerplate(*e)) {
        let t = fold(&h.text().collect::<String>());
        if !t.is_empty() {
            return Some(t);
        }
    }
    if let Some(t) = meta_content(doc, "og:title") {
        return Some(fold(&t));
    }
    let t = fold(&doc.select(&TITLE).next()?.text().collect::<String>());
    let t = strip_site_suffix(&t);
    (!t.is_empty()).then_some(t)
}

/// The site's name: `og:site_name`, else what follows the last separator
/// of `<title>` ("Rubrik | Härryda kommun" -> "Härryda kommun").
fn site_name_of(doc: &Html) -> Option<String> {
    if let Some(t) = meta_content(doc, "og:site_name") {
        return Some(fold(&t));
    }
    let t = fold(&doc.select(&TITLE).next()?.text().collect::<String>());
    [" | ", " - ", " – ", " — "].iter().find_map(|sep| {
        let (_, site) = t.rsplit_once(sep)?;
        let site = site.trim();
        (!site.is_empty()).then(|| site.to_string())
    })
}

/// "Rubrik - Linköpings kommun" -> "Rubrik".
fn strip_site_suffix(t: &str) -> String {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(i) = t.rfind(sep) {
            return t[..i].trim().to_string();
        }
    }
    t.to_string()
}

fn meta_content(doc: &Html, key: &str) -> Option<String> {
    first_meta(doc.select(&META), key)
}

/// The content of the first of `metas` named `key`, when it is not blank.
fn first_meta<'a>(mut metas: impl Iterator<Item = ElementRef<'a>>, key: &str) -> Option<String> {
    metas
        .find(|m| {
            let v = m.value();
            v.attr("property")
                .or(v.attr("name"))
                .or(v.attr("itemprop"))
                .is_some_and(|p| p.eq_ignore_ascii_case(key))
        })
        .and_then(|m| m.value().attr("content"))
        .map(str::to_string)
        .filter(|s| !s.trim().is_empty())
}

fn canonical_of(doc: &Html) -> Option<String> {
    doc.select(&CANONICAL)
        .find_map(|l| l.value().attr("href"))
        .map(str::to_string)
        .or_else(|| meta_content(doc, "og:url"))
        .map(|s| s.trim().to_string())
        .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
}

fn meta_dates(doc: &Html, root: Option<ElementRef<'_>>) -> (Vec<String>, Vec<String>) {
    let mut published = Vec::new();
    let mut updated = Vec::new();
    // the page's meta elements, gathered once for all the keys
    let metas: Vec<ElementRef<'_>> = doc.select(&META).collect();
    for key in [
        "article:published_time",
        "datePublished",
        "DC.date.issued",
        "dcterms.issued",
        "DC.date",
        "dcterms.date",
        "pubdate",
        "publish-date",
        "publication_date",
        "date",
    ] {
        published.extend(first_meta(metas.iter().copied(), key));
    }
    for key in [
        "article:modified_time",
        "og:updated_time",
        "dateModified",
        "DC.date.modified",
        "dcterms.modified",
        "last-modified",
    ] {
        updated.extend(first_meta(metas.iter().copied(), key));
    }
    for script in doc.select(&LD_JSON) {
        let body: String = script.text().collect();
        for c in LD_DATE.captures_iter(&body) {
            match &c[1] {
                "datePublished" => published.push(c[2].to_string()),
                _ => updated.push(c[2].to_string()),
            }
        }
    }
    // <time datetime> inside the article, outside lists of other news
    if let Some(root) = root {
        static TIME: LazyLock<Selector> = LazyLock::new(|| sel("time[datetime]"));
        for t in root.select(&TIME) {
            if ancestor_is_boilerplate(t)
                || t.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "li" | "ul" | "ol"))
                })
            {
                continue;
            }
            if let Some(v) = t.value().attr("datetime") {
                published.push(v.to_string());
            }
        }
    }
    (published, updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html><html><head><title>Nytt avtal - Exempels kommun</title>
<link rel="canonical" href="https://www.exempel.se/nyheter/nytt-avtal">
<meta property="article:published_time" content="2023-05-04T10:00:00+02:00"></head>
<body><a class="skip-link" href="#c">Gå till innehåll</a>
<div id="cookie-banner"><p>Vi använder kakor.</p></div>
<header><nav><a href="/">Start</a></nav></header>
<nav class="breadcrumbs"><a href="/">Hem</a></nav>
<main><article><h1>Nytt avtal med föreningen</h1>
<p>Kommunen har  tecknat&nbsp;ett avtal.</p><p>Det gäller i tre år.<br>Ny rad.</p>
<ul><li>punkt ett</li></ul>
<h2>Senaste nyheter</h2><ul><li><a href="/x">Annan nyhet</a> <time datetime="2020-01-01">1 jan</time></li></ul>
</article></main>
<aside><h2>Relaterat</h2><p>Gammal nyhet 2019</p></aside>
<footer><p>Box 1, 123 45 Exempel</p></footer><script>var x = "Publicerad 2001";</script></body></html>"##;

    #[test]
    fn article_text_without_boilerplate() {
        let d = parse_html(PAGE);
        assert_eq!(d.title.as_deref(), Some("Nytt avtal med föreningen"));
        assert_eq!(
            d.paragraphs,
            [
                "Kommunen har tecknat ett avtal.",
                "Det gäller i tre år.",
                "Ny rad.",
                "punkt ett"
            ]
        );
        assert_eq!(
            d.canonical_url.as_deref(),
            Some("https://www.exempel.se/nyheter/nytt-avtal")
        );
        assert_eq!(d.meta_published, ["2023-05-04T10:00:00+02:00"]);
    }

    #[test]
    fn labels_after_the_article_end_it_once_its_text_has_begun() {
        let long = "Norrby kommun har tecknat ett idéburet offentligt partnerskap med Föreningen Gemenskap om en mötesplats för unga vuxna.";
        let html = format!(
            "<html><body><article><h1>Nytt partnerskap</h1><p>Senaste nyheter</p><p>{long}</p><p>{long}</p><p>Lämna ett svar</p><p>You May Also Like</p><p>Avtal med Fryshuset i Husby</p></article></body></html>"
        );
        let d = parse_html(&html);
        // a label before the article's text is page chrome, not its end
        assert_eq!(d.paragraphs, ["Senaste nyheter", long, long]);
    }

    #[test]
    fn a_paragraph_broken_into_lines_is_one_row_of_them() {
        let html = concat!(
            "<html><body><main><h1>Partnerskap</h1>",
            "<p>Borlänge kommun har följande idéburna offentliga partnerskap:</p>",
            "<p><strong>Kvinnojouren Borlänge</strong><br>Skyddat boende<br>Avtalstid: 2024–2027</p>",
            "<p>Kontakta oss för mer information.</p></main></body></html>"
        );
        let d = parse_html(html);
        let at = |t: &str| d.paragraphs.iter().position(|p| p == t).expect(t);
        let first = at("Kvinnojouren Borlänge");
        assert_eq!(d.rows[first], Some(first));
        assert_eq!(d.rows[at("Skyddat boende")], Some(first));
        assert_eq!(d.rows[at("Avtalstid: 2024–2027")], Some(first));
        // the paragraphs around it are no rows
        assert_eq!(d.rows[at("Kontakta oss för mer information.")], None);
        assert_eq!(
            d.rows[at("Borlänge kommun har följande idéburna offentliga partnerskap:")],
            None
        );
    }

    #[test]
    fn a_table_row_of_cells_is_one_row() {
        let html = concat!(
            "<html><body><main><h1>Aktuella partnerskap</h1>",
            "<p>Kommunen har idéburna offentliga partnerskap med flera föreningar. Här är de partnerskap som gäller i dag.</p>",
            "<table><tr><th>Förening</th><th>Avtalsperiod</th></tr>",
            "<tr><td>Kvinnojouren Tierp</td><td>2024–2026</td></tr>",
            "<tr><td>Ensam cell</td></tr></table>",
            "<p>Kontakta oss för mer information om partnerskapen.</p></main></body></html>"
        );
        let d = parse_html(html);
        let at = |t: &str| d.paragraphs.iter().position(|p| p == t).expect(t);
        let (head, org, period) = (at("Förening"), at("Avtalsperiod"), at("Kvinnojouren Tierp"));
        assert_eq!(d.kinds[head], BlockKind::Heading);
        assert_eq!(d.rows[head], Some(head));
        assert_eq!(d.rows[org], Some(head));
        assert_eq!(d.rows[at("2024–2026")], Some(period));
        assert_eq!(d.kinds[period], BlockKind::Paragraph);
        // a row of one cell and text outside tables are no rows
        assert_eq!(d.rows[at("Ensam cell")], None);
        assert_eq!(d.rows[0], None);
        // a page without tables has none, nor running text broken into lines
        assert!(
            parse_html("<html><body><p>Ett avtal.</p><p>Det gäller i tre år.</p></body></html>")
                .rows
                .is_empty()
        );
        let long = "Kommunen har tecknat ett idéburet offentligt partnerskap med föreningen om en mötesplats för unga vuxna och äldre i centrum av staden.";
        let broken = format!("<html><body><p>{long}<br><br>{long}</p></body></html>");
        assert!(parse_html(&broken).rows.iter().all(Option::is_none));
    }

    #[test]
    fn deeply_nested_page_does_not_overflow() {
        let mut html = String::from("<html><body>");
        for _ in 0..100_000 {
            html.push_str("<div><span>");
        }
        html.push_str("<p>djupt inne</p>");
        let d = parse_html(&html);
        assert!(d.paragraphs.iter().any(|p| p == "djupt inne"));
        assert_eq!(
            limit_depth("<div><p>kort</p></div>"),
            "<div><p>kort</p></div>"
        );
    }

    #[test]
    fn tag_parts_are_the_patterns_groups() {
        let html = r#"<p><DIV class="a/b"></div ><br/><img src=x /><!DOCTYPE html><a/><x1y/z>< p></h2><a!b><//a>"#;
        for c in TAG.captures_iter(html) {
            let (closing, name, self_closing) = tag_parts(&c[0]);
            assert_eq!(
                (closing, name, self_closing),
                (!c[1].is_empty(), &c[2], !c[3].is_empty()),
                "{}",
                &c[0]
            );
        }
        assert_eq!(TAG.captures_iter(html).count(), 10);
    }

    #[test]
    fn tags_are_the_patterns_matches() {
        for html in [
            r#"<p><DIV class="a/b"></div ><br/><img src=x /><!DOCTYPE html><a/><x1y/z>< p></h2><a!b><//a>"#,
            "<a <b> <<c>> </ d> </e <f>g> <h",
            "<p>Föreningen <b>Ås</b> – 3 < 4 > 2 <!-- x --> <i>å</i>",
            "",
            "<",
            "<a",
            "</",
            "<a>",
        ] {
            let ours: Vec<_> = tags(html).collect();
            let theirs: Vec<_> = TAG.find_iter(html).map(|m| m.range()).collect();
            assert_eq!(ours, theirs, "{html}");
        }
    }

    #[test]
    fn text_pages_split_on_blank_lines() {
        let d = parse_text(
            "Hoppa till innehåll\n\nRubrik här\n\nFörsta stycket\nfortsätter.\n\nPublicerad:\n4 mars, 2024",
        );
        assert_eq!(d.title.as_deref(), Some("Rubrik här"));
        assert_eq!(
            d.paragraphs,
            ["Första stycket fortsätter.", "Publicerad: 4 mars, 2024"]
        );
    }

    #[test]
    fn text_lines_after_a_colon_are_the_items_of_its_list() {
        let d = parse_text(concat!(
            "Aktuella partnerskap

",
            "Heby kommun har idéburna offentliga partnerskap med följande föreningar:
",
            "Föreningen Norrbygden – 1 juli 2024–31 december 2027
",
            "Kvinnojouren Fria – 1 januari 2023–31 december 2025

",
            "Hela Människan Heby – 1 mars 2022–28 februari 2025

",
            "Partnerskapen följs upp varje år av socialnämnden, som också beslutar om ersättningen till varje förening inför kommande verksamhetsår.

",
            "Anna Berg, ordförande, säger:
",
            "Vi är glada.
"
        ));
        assert_eq!(
            d.kinds,
            [
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
            ]
        );
        assert_eq!(
            d.paragraphs[3],
            "Hela Människan Heby – 1 mars 2022–28 februari 2025"
        );
        assert_eq!(
            d.paragraphs[5],
            "Anna Berg, ordförande, säger: Vi är glada."
        );
    }

    #[test]
    fn title_falls_back_to_the_title_tag_without_site_name() {
        let d = parse_html(
            "<html><head><title>Rubrik | Kommunen</title></head><body><p>x</p></body></html>",
        );
        assert_eq!(d.title.as_deref(), Some("Rubrik"));
        assert_eq!(d.site_name.as_deref(), Some("Kommunen"));
        let d = parse_html(
            "<html><head><title>Rubrik - Härryda kommun</title><meta property=\"og:site_name\" content=\"Härryda kommun\"></head><body><h1>Rubrik</h1><p>x</p></body></html>",
        );
        assert_eq!(d.site_name.as_deref(), Some("Härryda kommun"));
    }
}
