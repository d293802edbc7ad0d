//! Extraction: `Page` in, `Record` out. Pure: no I/O, no clock, the same
//! page always gives the same record. Uses `page`, `record` and `reference`.
//!
//! The steps, each in its own file:
//! - `decode`: bytes to text (BOM, HTTP charset, `<meta charset>`, sniffing)
//! - `content`: the article's paragraphs, title and metadata, boilerplate removed
//! - `text`: whitespace folding and Swedish sentence splitting
//! - `date`: Swedish dates in text and URLs; the publication date
//! - `party`: kommuner, regions and their nämnder named in the text; the publisher
//! - `agreement`: does the page report an agreement, with whom, what form
//! - `period`: start, end, duration and extension option
//! - `history`: the earlier agreement of a renewed partnership; proposals awaiting decision
//! - `money`: amounts in Swedish formats, their period and payer, kronor per year
//! - `quote`: direct quotes with speaker, role and party
//! - `evidence`: the verbatim sentence behind every value
//! - `pattern`: the regex type the steps use, fast on å/ä/ö with word boundaries

pub mod agreements;
mod attrs;
pub mod content;
pub mod date;
pub mod decode;
pub mod evidenced;
pub mod lexicon;
pub mod money;
pub mod orgs;
pub mod party;
pub mod pattern;
pub mod period;
pub mod quote;
pub mod text;

use sha2::{Digest, Sha256};

use crate::page::Page;
use crate::record::{Record, Source};
use crate::reference::Reference;

pub use content::Document;
pub use text::Sentence;

/// Why a page could not be extracted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("the page is empty")]
    Empty,
    #[error("the page is binary, not text or HTML")]
    Binary,
    #[error("the page has no readable text")]
    NoText,
}

/// What every step may read about the page being extracted.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub doc: &'a Document,
    pub sentences: &'a [Sentence],
    pub published: Option<crate::record::PartialDate>,
    pub url: Option<&'a str>,
    pub publisher: Option<&'a crate::reference::Body>,
    pub reference: &'a Reference,
}

/// True when the decoded text is HTML rather than plain text.
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<head",
        "<p>",
        "<p ",
        "<div",
        "<article",
        "<meta",
    ]
    .iter()
    .any(|t| head.contains(t))
}

/// A page read: its document, sentences and what every step may know.
struct Read {
    doc: Document,
    sentences: Vec<Sentence>,
    url: Option<String>,
}

fn read(page: &Page) -> Result<Read, ExtractError> {
    let text = decode::decode(&page.bytes, page.content_type())?;
    let doc = if !page.is_plain_text() && looks_like_html(&text) {
        content::parse_html(&text)
    } else {
        content::parse_text(&text)
    };
    if doc.paragraphs.is_empty() && doc.title.is_none() {
        return Err(ExtractError::NoText);
    }
    let url = page
        .url()
        .map(str::to_string)
        .or_else(|| doc.canonical_url.clone());
    let sentences = text::sentences(&doc.paragraphs);
    Ok(Read {
        doc,
        sentences,
        url,
    })
}

impl Read {
    fn context<'a>(&'a self, reference: &'a Reference) -> Context<'a> {
        Context {
            doc: &self.doc,
            sentences: &self.sentences,
            published: date::published(&self.doc, self.url.as_deref()),
            url: self.url.as_deref(),
            publisher: party::publisher(self.url.as_deref(), &self.doc, reference),
            reference,
        }
    }
}

/// Extract one page.
pub fn extract(page: &Page, reference: &Reference) -> Result<Record, ExtractError> {
    let r = read(page)?;
    let ctx = r.context(reference);
    let (quotes, people) = quote::page_quotes(r.doc.title.as_deref(), &r.doc.paragraphs);
    let agreements = agreements::agreements(&ctx, &people);
    let id = record_id(r.url.as_deref(), &page.bytes);
    Ok(Record {
        id,
        source: Source {
            url: r.url.clone(),
            path: page.path.clone(),
            title: r.doc.title.clone(),
            published: ctx.published,
            updated: date::updated(&r.doc),
            publisher: ctx.publisher.map(|b| b.party()),
        },
        text: r.doc.paragraphs.join("\n\n"),
        agreements,
        quotes,
    })
}

/// How the extractor read a page, for a person checking a result: every
/// line with its block kind and features, its organisation candidates
/// (accepted or not, and why), and each agreement statement with the
/// organisations it is about.
pub fn explain(page: &Page, reference: &Reference) -> Result<String, ExtractError> {
    let r = read(page)?;
    let ctx = r.context(reference);
    let (_, people) = quote::page_quotes(r.doc.title.as_deref(), &r.doc.paragraphs);
    Ok(agreements::explain(&ctx, &people))
}

/// Stable id: a hash of the URL, or of the bytes when there is none.
pub fn record_id(url: Option<&str>, bytes: &[u8]) -> String {
    let digest = match url {
        Some(u) => Sha256::digest(u.as_bytes()),
        None => Sha256::digest(bytes),
    };
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
