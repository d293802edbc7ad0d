//! Search over the index: a query in tantivy's syntax plus [`Filters`] to
//! ranked [`Hit`]s with marked snippets, the stored [`Record`] behind a hit,
//! every record matching filters (for the register), and funding
//! aggregation ([`funding`]). The CLI and the HTTP API both call this and
//! print the same types. Uses `index`, `record` and `reference`; search never
//! writes to the index.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{DocAddress, IndexReader, ReloadPolicy, SegmentReader, TantivyDocument};

use crate::index::{self, Fields, IndexError};
use crate::record::{PartialDate, Record};
use crate::reference::Reference;

mod answers;
pub mod facets;
pub mod filters;
pub mod funding;
mod kept;
pub mod places;
pub mod query;
pub mod register;
mod cache;
mod snippet;
#[cfg(test)]
mod hostile;
#[cfg(test)]
mod served;
#[cfg(test)]
mod tests;

pub use facets::{Facet, FacetValue};
pub use filters::{Filters, Resolved, Undated};
pub use funding::{
    By, FundingItem, FundingOptions, FundingReport, FundingRow, FundingSort, LeftOut,
};
pub use kept::{KEPT_ANSWERS, KEPT_BYTES, MAX_KEPT_BYTES};
pub use query::{MAX_QUERY_CHARS, MAX_QUERY_NESTING};
pub use register::{AgreementsResponse, RegisterView, Selection};

/// Why a search failed. [`SearchError::is_usage`] tells the user's mistakes
/// (exit status 2, HTTP 400) from failures of the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("bad query {query:?}: {message}")]
    Query { query: String, message: String },
    #[error("bad filter {0}")]
    Filter(String),
    #[error(
        "index {dir}: stored record {doc} is unreadable ({detail}); delete the index and index again"
    )]
    Stored {
        dir: PathBuf,
        doc: String,
        detail: String,
    },
}

impl SearchError {
    /// True for a bad query or filter: the user's input, not the index.
    pub fn is_usage(&self) -> bool {
        matches!(self, SearchError::Query { .. } | SearchError::Filter(_))
    }
}

/// Order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first.
    #[default]
    Score,
    /// Newest first; pages without a date last.
    Published,
    /// Largest yearly public funding first; pages without a figure last.
    Sek,
}

/// One search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// tantivy query syntax: words, "phrases", AND/OR/NOT, field:term. Empty
    /// matches everything.
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    /// Hits to return; no more than there are after `offset`.
    pub limit: usize,
    /// Hits to skip first: any offset pages to the end, one past it gives
    /// no hits (and the total).
    pub offset: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            filters: Filters::default(),
            sort: Sort::Score,
            limit: 20,
            offset: 0,
        }
    }
}

/// One matching page, with what a reader needs to check it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: String,
    /// Relevance (BM25); also computed when sorting by date or amount.
    pub score: f32,
    pub title: Option<String>,
    pub url: Option<String>,
    pub path: Option<String>,
    pub published: Option<PartialDate>,
    /// The first public party (or the publisher when there is no agreement).
    pub municipality: Option<String>,
    /// Its SCB code.
    pub code: Option<String>,
    /// Partners of every agreement on the page, each once.
    pub partners: Vec<String>,
    /// `iop` when any agreement on the page is an IOP, else `agreement`; none without agreements.
    pub form: Option<String>,
    /// Sum of the page's yearly public funding figures.
    pub public_sek_per_year: Option<i64>,
    /// Text around the matched words, each marked `**like this**`.
    pub snippet: String,
    /// The same snippet as HTML: escaped, matched words in `<b>`.
    pub snippet_html: String,
}

/// The hits of one search page and how many matched in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// A hit with the register entries (agreement ids) its page reports.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterHit {
    #[serde(flatten)]
    pub hit: Hit,
    pub agreement_ids: Vec<String>,
}

/// Search results whose hits name their register entries: what `iop search
/// --format json` prints (the hits) and `GET /api/search` answers.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterResponse {
    pub total: usize,
    /// Pages a date filter left out for having no date (`undated`).
    pub left_out: LeftOut,
    pub hits: Vec<RegisterHit>,
    /// Counts per län, kommun, form, partner and year over every match, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Vec<Facet>>,
}

/// An open index, ready to search. Cheap to share between threads.
pub struct Searcher {
    dir: PathBuf,
    reader: IndexReader,
    fields: Fields,
    schema: tantivy::schema::Schema,
    parser: QueryParser,
    reference: &'static Reference,
    /// The register view of every record, with the index generation it was
    /// built from: built once per commit, not once per request.
    register: Mutex<Option<(Generation, Arc<RegisterView>)>>,
    /// Held while the register view is built, so it is built once per commit.
    building: Mutex<()>,
}

impl Searcher {
    /// Open the index in `dir` for reading. It follows later commits.
    pub fn open(dir: &Path) -> Result<Searcher, SearchError> {
        let (index, fields) = index::open(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(|e| IndexError::from_tantivy(dir, e))?;
        let defaults = index::schema::DEFAULT_FIELDS
            .iter()
            .filter_map(|n| index.schema().get_field(n).ok())
            .collect();
        let mut parser = QueryParser::for_index(&index, defaults);
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, 2.0);
        parser.set_field_boost(fields.partner, 1.5);
        Ok(Searcher {
            dir: dir.to_path_buf(),
            reader,
            fields,
            schema: index.schema(),
            parser,
            reference: Reference::embedded(),
            register: Mutex::new(None),
            building: Mutex::new(()),
        })
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// See the latest commit now rather than after the reload delay.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader
            .reload()
            .map_err(|e| IndexError::from_tantivy(&self.dir, e).into())
    }

    fn tantivy(&self, e: tantivy::TantivyError) -> SearchError {
        IndexError::from_tantivy(&self.dir, e).into()
    }

    /// Parse a query string; empty means every document. A query that is
    /// too long, nests too deep or cannot run is a [`SearchError::Query`].
    pub fn parse(&self, query: &str) -> Result<Box<dyn Query>, SearchError> {
        query::parse(&self.parser, &self.schema, query).map_err(|message| SearchError::Query {
            query: query.to_string(),
            message,
        })
    }

    /// The user's query narrowed by the filters (which do not change scores).
    fn filtered(&self, user: &dyn Query, filters: &Filters) -> Result<Box<dyn Query>, SearchError> {
        let resolved = filters.resolve(self.reference)?;
        Ok(match resolved.query(&self.fields) {
            Some(fq) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, user.box_clone()),
                (Occur::Must, Box::new(ConstScoreQuery::new(fq, 0.0))),
            ])),
            None => user.box_clone(),
        })
    }

    /// Run one search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let user = self.parse(&req.query)?;
        let query = self.filtered(user.as_ref(), &req.filters)?;
        let searcher = self.reader.searcher();
        // no page holds more than the index: a huge offset or limit costs nothing
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let offset = req.offset.min(docs);
        let limit = req.limit.min(docs - offset);
        if limit == 0 {
            let total = searcher
                .search(&query, &Count)
                .map_err(|e| self.tantivy(e))?;
            return Ok(SearchResponse {
                total,
                hits: Vec::new(),
            });
        }
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let (total, ranked): (usize, Vec<(f32, DocAddress)>) = match req.sort {
            Sort::Score => searcher
                .search(&query, &(Count, top.order_by_score()))
                .map_err(|e| self.tantivy(e))?,
            Sort::Published | Sort::Sek => {
                let field = if req.sort == Sort::Sek {
                    "sek"
                } else {
                    "published"
                };
                let (total, keyed) = searcher
                    .search(&query, &(Count, top.tweak_score(by_fast_field(field))))
                    .map_err(|e| self.tantivy(e))?;
                (total, keyed.into_iter().map(|((_, s), a)| (s, a)).collect())
            }
        };
        let snippets = snippet::Snippets::new(&searcher, user.as_ref(), &self.fields)
            .map_err(|e| self.tantivy(e))?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, addr) in ranked {
            let r = self.load(&searcher, addr)?;
            let (snippet, snippet_html) = snippets.of(&r);
            hits.push(hit(&r, score, snippet, snippet_html));
        }
        Ok(SearchResponse { total, hits })
    }

    /// The stored record with this id.
    pub fn record(&self, id: &str) -> Result<Option<Record>, SearchError> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| self.tantivy(e))?;
        match top.first() {
            Some((_, addr)) => Ok(Some(self.load(&searcher, *addr)?)),
            None => Ok(None),
        }
    }

    /// Every stored record matching the filters, in index order.
    pub fn records(&self, filters: &Filters) -> Result<Vec<Record>, SearchError> {
        let query = self.filtered(&AllQuery, filters)?;
        let searcher = self.reader.searcher();
        let found = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.tantivy(e))?;
        let addrs: BTreeSet<DocAddress> = found.into_iter().collect();
        addrs.into_iter().map(|a| self.load(&searcher, a)).collect()
    }

    fn load(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<Record, SearchError> {
        self.load_as(searcher, addr)
    }

    /// The stored record of a document read as `T` (all of it, or the
    /// fields a caller needs).
    fn load_as<T: serde::de::DeserializeOwned>(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> Result<T, SearchError> {
        let stored = |detail: String| SearchError::Stored {
            dir: self.dir.clone(),
            doc: format!("{}/{}", addr.segment_ord, addr.doc_id),
            detail,
        };
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| stored(e.to_string()))?;
        let json = doc
            .get_first(self.fields.record)
            .and_then(|v| v.as_str())
            .ok_or_else(|| stored("no record stored".into()))?;
        serde_json::from_str(json).map_err(|e| stored(e.to_string()))
    }
}

/// The segments of an index and the delete opstamp of each.
type Generation = std::collections::BTreeMap<tantivy::index::SegmentId, Option<tantivy::Opstamp>>;

/// Sort key for `tweak_score`: a fast field's value (missing values last),
/// then the relevance score, which is kept for the hit.
fn by_fast_field(
    field: &'static str,
) -> impl Fn(&SegmentReader) -> Box<dyn Fn(tantivy::DocId, f32) -> (i64, f32)> + Send + Sync + 'static
{
    move |seg: &SegmentReader| {
        let column = seg.fast_fields().i64(field).ok();
        Box::new(move |doc, score| {
            let v = column
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(i64::MIN);
            (v, score)
        })
    }
}

/// The hit for a stored record.
fn hit(r: &Record, score: f32, snippet: String, snippet_html: String) -> Hit {
    let first = r
        .agreements
        .iter()
        .flat_map(|a| a.public_parties.iter())
        .next()
        .or(r.source.publisher.as_ref());
    let mut partners: Vec<String> = Vec::new();
    for p in r.agreements.iter().flat_map(|a| a.partners.iter()) {
        if !partners.contains(&p.name) {
            partners.push(p.name.clone());
        }
    }
    let form = if r.agreements.is_empty() {
        None
    } else if r
        .agreements
        .iter()
        .any(|a| a.form == crate::record::Form::Iop)
    {
        Some("iop".to_string())
    } else {
        Some("agreement".to_string())
    };
    Hit {
        id: r.id.clone(),
        score,
        title: r.source.title.clone(),
        url: r.source.url.clone(),
        path: r.source.path.clone(),
        published: r.source.published,
        municipality: first.map(|p| p.name.clone()),
        code: first.and_then(|p| p.code.clone()),
        partners,
        form,
        public_sek_per_year: index::schema::record_sek(r),
        snippet,
        snippet_html,
    }
}
