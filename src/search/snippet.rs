//! Snippets: the passage of a page around the matched words, with those
//! words marked, built with tantivy's `SnippetGenerator` over the main text
//! (the title when the text has no match, the opening of the text when
//! neither has). Uses `index` schema fields only.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::Score;
use tantivy::query::Query;
use tantivy::schema::Term;
use tantivy::snippet::{Snippet, SnippetGenerator};

use crate::index::Fields;
use crate::record::Record;

/// Longest snippet, in characters.
const MAX_CHARS: usize = 220;

/// Snippet generators for one query.
pub struct Snippets {
    text: SnippetGenerator,
    title: SnippetGenerator,
}

impl Snippets {
    /// Generators that mark the query's words found in any Swedish-analysed
    /// field (a `partner:` or `title:` word is marked in the text too).
    pub fn new(
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        fields: &Fields,
    ) -> tantivy::Result<Snippets> {
        let stemmed = [
            fields.title,
            fields.text,
            fields.municipality,
            fields.partner,
            fields.quote,
            fields.speaker,
        ];
        let mut terms: BTreeSet<&Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if stemmed.contains(&term.field()) {
                terms.insert(term);
            }
        });
        let mut words: BTreeMap<String, Score> = BTreeMap::new();
        for term in terms {
            if let Some(w) = term.value().as_str() {
                // rarer words weigh more, as in SnippetGenerator::create
                let score = 1.0 / (1.0 + searcher.doc_freq(term)? as Score);
                let best = words.entry(w.to_string()).or_insert(score);
                *best = best.max(score);
            }
        }
        let index = searcher.index();
        let make = |field| -> tantivy::Result<SnippetGenerator> {
            Ok(SnippetGenerator::new(
                words.clone(),
                index.tokenizer_for_field(field)?,
                field,
                MAX_CHARS,
            ))
        };
        Ok(Snippets {
            text: make(fields.text)?,
            title: make(fields.title)?,
        })
    }

    /// The snippet of a record: marked text and HTML, whitespace folded.
    pub fn of(&self, r: &Record) -> (String, String) {
        let (text, html) = self.unfolded(r);
        (fold(&text), fold(&html))
    }

    fn unfolded(&self, r: &Record) -> (String, String) {
        let s = self.text.snippet(&r.text);
        if !s.is_empty() {
            return (marked(&s), s.to_html());
        }
        if let Some(t) = &r.source.title {
            let s = self.title.snippet(t);
            if !s.is_empty() {
                return (marked(&s), s.to_html());
            }
        }
        let opening = opening(&r.text, MAX_CHARS);
        (opening.clone(), html_escape(&opening))
    }
}

/// The fragment with each highlighted range wrapped in `**`.
fn marked(s: &Snippet) -> String {
    let frag = s.fragment();
    let mut ranges: Vec<std::ops::Range<usize>> = s.highlighted().to_vec();
    ranges.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(frag.len() + 8 * ranges.len());
    let mut at = 0;
    for r in ranges {
        if r.start < at {
            continue;
        }
        // ranges come from the tokenizer, at char boundaries; `get` keeps it safe
        let (Some(before), Some(word)) = (frag.get(at..r.start), frag.get(r.clone())) else {
            continue;
        };
        out.push_str(before);
        out.push_str("**");
        out.push_str(word);
        out.push_str("**");
        at = r.end;
    }
    out.push_str(frag.get(at..).unwrap_or(""));
    out
}

/// Runs of whitespace (paragraph breaks too) as one space.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters of a text, cut at a word, whitespace folded.
pub fn opening(text: &str, max: usize) -> String {
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max {
        return folded;
    }
    let cut: String = folded.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) if i > 0 => format!("{}…", &cut[..i]),
        _ => format!("{cut}…"),
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_cuts_at_a_word_and_never_inside_a_character() {
        let t = "Kommunen och kvinnojouren tecknar ett idéburet offentligt partnerskap";
        let o = opening(t, 30);
        assert!(o.ends_with('…'));
        assert!(o.chars().count() <= 31);
        assert_eq!(opening("åäö åäö", 5), "åäö…");
        assert_eq!(opening("kort  text", 50), "kort text");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(html_escape("a<b>&\""), "a&lt;b&gt;&amp;&quot;");
    }
}
