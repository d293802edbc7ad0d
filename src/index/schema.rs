//! The index schema and its analyzers: which record values become which
//! tantivy fields, the Swedish analyzer (tantivy's built-in Swedish stemmer
//! and stop words) and the as-written analyzer for names. Uses `record` and
//! tantivy only.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};

use crate::record::{PartialDate, Record};

/// Bumped whenever the schema or an analyzer changes: an index written with
/// another version must be rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

/// Name of the Swedish analyzer (lower case, stop words, Swedish stemmer).
pub const SWEDISH: &str = "iop_sv";
/// Name of the as-written analyzer for names (lower case only).
pub const NAMES: &str = "iop_names";

/// Words longer than this (in bytes) are dropped by the analyzers.
const MAX_TOKEN_BYTES: usize = 60;

/// The Swedish analyzer: "avtalet", "avtalen" and "avtal" share one term.
pub fn swedish_analyzer() -> TextAnalyzer {
    let stop = StopWordFilter::new(Language::Swedish)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop)
        .filter(Stemmer::new(Language::Swedish))
        .build()
}

/// The names analyzer: words as written, in lower case.
pub fn names_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build()
}

/// Register the analyzers the schema names; needed on every opened index.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(SWEDISH, swedish_analyzer());
    index.tokenizers().register(NAMES, names_analyzer());
}

/// The fields of the schema, by role.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Record id, as written: the upsert key.
    pub id: Field,
    pub title: Field,
    pub text: Field,
    /// Names of the public parties (and units, publisher), stemmed.
    pub municipality: Field,
    /// Partner names, stemmed.
    pub partner: Field,
    /// Quote texts, stemmed.
    pub quote: Field,
    /// Speakers with role and organisation, stemmed.
    pub speaker: Field,
    /// Every name (parties, partners, speakers) as written, lower-cased.
    pub name: Field,
    /// `iop` or `agreement`, one value per agreement.
    pub form: Field,
    /// SCB codes of the public parties.
    pub code: Field,
    /// County codes of the public parties.
    pub county: Field,
    pub url: Field,
    pub path: Field,
    /// Publication date as days from the common era (first day it can mean).
    pub published: Field,
    /// Sum of the agreements' yearly public funding, kronor.
    pub sek: Field,
    /// The whole record as JSON, so a hit can show its evidence.
    pub record: Field,
}

/// The fields searched when a query names none.
pub const DEFAULT_FIELDS: [&str; 7] = [
    "title",
    "text",
    "municipality",
    "partner",
    "quote",
    "speaker",
    "name",
];

fn text_options(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// The schema of this version.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    b.add_text_field("title", text_options(SWEDISH));
    b.add_text_field("text", text_options(SWEDISH));
    b.add_text_field("municipality", text_options(SWEDISH));
    b.add_text_field("partner", text_options(SWEDISH));
    b.add_text_field("quote", text_options(SWEDISH));
    b.add_text_field("speaker", text_options(SWEDISH));
    b.add_text_field("name", text_options(NAMES));
    b.add_text_field("form", STRING);
    b.add_text_field("code", STRING);
    b.add_text_field("county", STRING);
    b.add_text_field("url", STRING);
    b.add_text_field("path", STRING);
    b.add_i64_field("published", INDEXED | FAST);
    b.add_i64_field("sek", INDEXED | FAST);
    b.add_text_field("record", STORED);
    b.build()
}

impl Fields {
    /// The fields of a schema; `None` when one is missing (another version).
    pub fn of(schema: &Schema) -> Option<Fields> {
        let f = |n: &str| schema.get_field(n).ok();
        Some(Fields {
            id: f("id")?,
            title: f("title")?,
            text: f("text")?,
            municipality: f("municipality")?,
            partner: f("partner")?,
            quote: f("quote")?,
            speaker: f("speaker")?,
            name: f("name")?,
            form: f("form")?,
            code: f("code")?,
            county: f("county")?,
            url: f("url")?,
            path: f("path")?,
            published: f("published")?,
            sek: f("sek")?,
            record: f("record")?,
        })
    }
}

/// Days from the common era of the first day a date can mean: the value of
/// the `published` field and of date filters.
pub fn day_number(d: PartialDate) -> i64 {
    use chrono::Datelike;
    i64::from(d.first_day().num_days_from_ce())
}

/// The record's yearly public funding: the sum over its agreements that
/// have a figure, `None` when none has.
pub fn record_sek(r: &Record) -> Option<i64> {
    let figures: Vec<i64> = r
        .agreements
        .iter()
        .filter_map(|a| a.public_sek_per_year)
        .collect();
    (!figures.is_empty()).then(|| figures.iter().fold(0i64, |s, x| s.saturating_add(*x)))
}

/// The tantivy document for a record.
pub fn document(
    f: &Fields,
    r: &Record,
    county_of: impl Fn(&str) -> Option<String>,
) -> Result<TantivyDocument, serde_json::Error> {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &r.id);
    if let Some(t) = &r.source.title {
        doc.add_text(f.title, t);
    }
    doc.add_text(f.text, &r.text);
    if let Some(u) = &r.source.url {
        doc.add_text(f.url, u);
    }
    if let Some(p) = &r.source.path {
        doc.add_text(f.path, p);
    }
    if let Some(p) = &r.source.publisher {
        doc.add_text(f.municipality, &p.name);
        doc.add_text(f.name, &p.name);
    }
    let mut codes: Vec<String> = Vec::new();
    for a in &r.agreements {
        doc.add_text(f.form, a.form.as_str());
        for p in &a.public_parties {
            doc.add_text(f.municipality, &p.name);
            doc.add_text(f.name, &p.name);
            if let Some(u) = &p.unit {
                doc.add_text(f.municipality, u);
                doc.add_text(f.name, u);
            }
            if let Some(c) = &p.code
                && !codes.contains(c)
            {
                codes.push(c.clone());
            }
        }
        for p in &a.partners {
            doc.add_text(f.partner, &p.name);
            doc.add_text(f.name, &p.name);
        }
    }
    let mut counties: Vec<String> = Vec::new();
    for c in &codes {
        doc.add_text(f.code, c);
        if let Some(county) = county_of(c)
            && !counties.contains(&county)
        {
            counties.push(county);
        }
    }
    for c in &counties {
        doc.add_text(f.county, c);
    }
    for q in &r.quotes {
        doc.add_text(f.quote, &q.text);
        let who = [Some(&q.speaker), q.role.as_ref(), q.organization.as_ref()];
        for w in who.into_iter().flatten() {
            doc.add_text(f.speaker, w);
            doc.add_text(f.name, w);
        }
    }
    if let Some(d) = r.source.published {
        doc.add_i64(f.published, day_number(d));
    }
    if let Some(s) = record_sek(r) {
        doc.add_i64(f.sek, s);
    }
    doc.add_text(f.record, serde_json::to_string(r)?);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    fn tokens(mut a: TextAnalyzer, text: &str) -> Vec<String> {
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn swedish_forms_of_a_word_share_a_stem() {
        let a = tokens(swedish_analyzer(), "avtalet avtal avtalen");
        assert_eq!(a[0], a[1]);
        assert_eq!(a[1], a[2]);
        let k = tokens(swedish_analyzer(), "Kvinnojourer kvinnojouren");
        assert_eq!(k[0], k[1]);
    }

    #[test]
    fn swedish_stop_words_are_dropped_and_names_kept_as_written() {
        assert_eq!(
            tokens(swedish_analyzer(), "och att i"),
            Vec::<String>::new()
        );
        assert_eq!(
            tokens(names_analyzer(), "Kvinnojouren Ågestad"),
            ["kvinnojouren", "ågestad"]
        );
    }

    #[test]
    fn the_schema_has_every_field() {
        assert!(Fields::of(&schema()).is_some());
        for f in DEFAULT_FIELDS {
            assert!(schema().get_field(f).is_ok(), "{f}");
        }
    }
}
