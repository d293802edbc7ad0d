//! The register as search serves it: a [`RegisterView`] built once per index
//! state from every stored record (the register itself, and for each entry
//! and each page the facts filters and facets test), and the queries over
//! it: agreements selected by their own values (a partner filter matches the
//! agreement's partners, not its page's), a full-text query matching any of
//! an agreement's pages, funding over the selected agreements, and search
//! hits that name their agreements. Uses `index`, `record`, `reference` and
//! `register`.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use tantivy::DocAddress;
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};

use super::facets::{self, Facet};
use super::filters::{Resolved, Undated};
use super::funding::{self, By, FundingOptions, FundingReport, LeftOut};
use super::{Filters, RegisterHit, RegisterResponse, SearchError, SearchRequest, Searcher};
use crate::record::{Form, PartialDate, Record};
use crate::register::{Entry, InForce, Period, Register};

/// No record at this document address.
const NONE: u32 = u32::MAX;

/// What filters and facets test on one indexed page.
#[derive(Debug, Clone)]
pub(super) struct PageFacts {
    pub id: String,
    /// SCB codes and county codes of its agreements' public bodies.
    pub codes: Vec<String>,
    pub counties: Vec<String>,
    pub forms: Vec<Form>,
    /// Partner names as the page writes them, each once.
    pub partners: Vec<String>,
    pub year: Option<i32>,
}

/// What filters and facets test on one register entry.
#[derive(Debug, Clone)]
pub(super) struct EntryFacts {
    pub codes: Vec<String>,
    pub counties: Vec<String>,
    /// Each partner's words as the index analyses them, sorted.
    pub partner_terms: Vec<Vec<String>>,
    /// Publication dates of its pages that have one.
    pub published: Vec<PartialDate>,
    pub period: Period,
    /// Its pages, as indices into the view's pages.
    pub pages: Vec<u32>,
}

/// The register of every indexed record with the facts behind filters and
/// facets; built once per index state and shared.
pub struct RegisterView {
    pub register: Arc<Register>,
    pub(super) pages: Vec<PageFacts>,
    pub(super) entries: Vec<EntryFacts>,
    /// Segment ordinal -> document id -> index into `pages`.
    docs: Vec<Vec<u32>>,
    /// Each entry's funding row by municipality, county and partner.
    groupings: [funding::Grouping; 3],
    by_id: HashMap<String, usize>,
}

/// The agreements that pass the filters, and what was left out for want of
/// a value (a date, a period, a figure).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Indices into the register's entries, in register order.
    pub entries: Vec<usize>,
    pub left_out: LeftOut,
}

/// One page of agreements, as `GET /api/agreements` answers.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementsResponse {
    /// Agreements passing the filters, in all.
    pub total: usize,
    pub offset: usize,
    pub left_out: LeftOut,
    pub agreements: Vec<Entry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Vec<Facet>>,
}

/// Why an entry does not pass.
enum Verdict {
    Pass,
    Fail,
    Missing(fn(&mut LeftOut)),
}

impl RegisterView {
    /// Read every record of this index state and build the view.
    fn build(s: &Searcher, searcher: &tantivy::Searcher) -> Result<RegisterView, SearchError> {
        let found = searcher
            .search(&AllQuery, &DocSetCollector)
            .map_err(|e| s.tantivy(e))?;
        let mut addrs: Vec<DocAddress> = found.into_iter().collect();
        addrs.sort();
        let records: Vec<Record> = addrs
            .iter()
            .map(|a| s.load(searcher, *a))
            .collect::<Result<_, _>>()?;
        let register = Register::build(&records, s.reference);
        let mut docs: Vec<Vec<u32>> = searcher
            .segment_readers()
            .iter()
            .map(|r| vec![NONE; r.max_doc() as usize])
            .collect();
        for (i, a) in addrs.iter().enumerate() {
            docs[a.segment_ord as usize][a.doc_id as usize] = i as u32;
        }
        let county = |c: &str| s.reference.county_of(c).map(|(cc, _)| cc.to_string());
        let pages: Vec<PageFacts> = records
            .iter()
            .map(|r| {
                let mut codes: Vec<String> = r
                    .agreements
                    .iter()
                    .flat_map(crate::register::link::codes_of)
                    .collect();
                codes.sort();
                codes.dedup();
                let mut counties: Vec<String> = codes.iter().filter_map(|c| county(c)).collect();
                counties.sort();
                counties.dedup();
                let mut forms: Vec<Form> = r.agreements.iter().map(|a| a.form).collect();
                forms.dedup();
                let mut partners: Vec<String> = Vec::new();
                for p in r.agreements.iter().flat_map(|a| &a.partners) {
                    if !partners.contains(&p.name) {
                        partners.push(p.name.clone());
                    }
                }
                PageFacts {
                    id: r.id.clone(),
                    codes,
                    counties,
                    forms,
                    partners,
                    year: r.source.published.map(|d| d.year),
                }
            })
            .collect();
        drop(records);
        let page_index: HashMap<&str, u32> = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i as u32))
            .collect();
        let entries = register
            .entries
            .iter()
            .map(|e| {
                let mut codes: Vec<String> = e
                    .public_parties
                    .iter()
                    .filter_map(|p| p.code.clone())
                    .collect();
                codes.sort();
                codes.dedup();
                let mut counties: Vec<String> = codes.iter().filter_map(|c| county(c)).collect();
                counties.sort();
                counties.dedup();
                EntryFacts {
                    codes,
                    counties,
                    partner_terms: e
                        .partners
                        .iter()
                        .map(|p| {
                            let mut t = super::filters::analyze(p);
                            t.sort();
                            t.dedup();
                            t
                        })
                        .collect(),
                    published: e.pages.iter().filter_map(|p| p.published).collect(),
                    period: e.period(),
                    pages: e
                        .pages
                        .iter()
                        .filter_map(|p| page_index.get(p.record_id.as_str()).copied())
                        .collect(),
                }
            })
            .collect();
        let groupings = [By::Municipality, By::County, By::Partner]
            .map(|by| funding::Grouping::new(&register.entries, by, s.reference));
        let by_id = register
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.agreement_id.clone(), i))
            .collect();
        Ok(RegisterView {
            register: Arc::new(register),
            pages,
            entries,
            docs,
            groupings,
            by_id,
        })
    }

    /// Every entry's funding row by this grouping.
    pub fn grouping(&self, by: By) -> &funding::Grouping {
        match by {
            By::Municipality => &self.groupings[0],
            By::County => &self.groupings[1],
            By::Partner => &self.groupings[2],
        }
    }

    /// The entry with this id.
    pub fn get(&self, agreement_id: &str) -> Option<&Entry> {
        self.by_id
            .get(agreement_id)
            .map(|&i| &self.register.entries[i])
    }

    /// Which pages a query matches, by page index.
    fn matching_pages(
        &self,
        s: &Searcher,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
    ) -> Result<Vec<bool>, SearchError> {
        let found = searcher
            .search(query, &DocSetCollector)
            .map_err(|e| s.tantivy(e))?;
        let mut hit = vec![false; self.pages.len()];
        for a in found {
            if let Some(&i) = self
                .docs
                .get(a.segment_ord as usize)
                .and_then(|d| d.get(a.doc_id as usize))
                && i != NONE
            {
                hit[i as usize] = true;
            }
        }
        Ok(hit)
    }

    /// Whether entry `i` passes the filters (`pages`: the pages the full-text
    /// query matched, when there is one).
    fn verdict(&self, i: usize, r: &Resolved, pages: Option<&[bool]>) -> Verdict {
        let f = &self.entries[i];
        let e = &self.register.entries[i];
        if let Some(hit) = pages
            && !f.pages.iter().any(|&p| hit[p as usize])
        {
            return Verdict::Fail;
        }
        if r.code.as_ref().is_some_and(|c| !f.codes.contains(c))
            || r.county.as_ref().is_some_and(|c| !f.counties.contains(c))
            || r.form.is_some_and(|form| e.form != form)
        {
            return Verdict::Fail;
        }
        if !r.partner_terms.is_empty()
            && !f.partner_terms.iter().any(|words| {
                r.partner_terms
                    .iter()
                    .all(|t| words.binary_search(t).is_ok())
            })
        {
            return Verdict::Fail;
        }
        if let Some(y) = r.in_force {
            match f.period.in_force(y) {
                InForce::Yes => {}
                InForce::No => return Verdict::Fail,
                InForce::NoPeriod => return Verdict::Missing(|l| l.no_period += 1),
                InForce::OpenPeriod => return Verdict::Missing(|l| l.open_period += 1),
            }
        }
        if r.from.is_some() || r.to.is_some() {
            if f.published.is_empty() {
                if r.undated == Undated::Exclude {
                    return Verdict::Missing(|l| l.undated += 1);
                }
            } else {
                let lo = r.from.map(|d| d.first_day());
                let hi = r.to.map(|d| d.last_day());
                let within = f.published.iter().any(|p| {
                    lo.is_none_or(|lo| p.last_day() >= lo)
                        && hi.is_none_or(|hi| p.first_day() <= hi)
                });
                if !within {
                    return Verdict::Fail;
                }
            }
        }
        if r.min_sek.is_some() || r.max_sek.is_some() {
            match e.public_sek_per_year {
                None => return Verdict::Missing(|l| l.no_figure += 1),
                Some(v) => {
                    if r.min_sek.is_some_and(|lo| v < lo) || r.max_sek.is_some_and(|hi| v > hi) {
                        return Verdict::Fail;
                    }
                }
            }
        }
        Verdict::Pass
    }
}

impl Searcher {
    /// The register view of this index state: built on first use after each
    /// commit and shared after that (`iop serve` builds it at start).
    pub fn register_view(&self) -> Result<Arc<RegisterView>, SearchError> {
        self.view_of(&self.reader.searcher())
    }

    /// The view built from exactly this searcher's documents.
    fn view_of(&self, searcher: &tantivy::Searcher) -> Result<Arc<RegisterView>, SearchError> {
        let generation = searcher.generation().segments().clone();
        {
            let cache = self.register.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((g, v)) = cache.as_ref()
                && *g == generation
            {
                return Ok(Arc::clone(v));
            }
        }
        let view = Arc::new(RegisterView::build(self, searcher)?);
        *self.register.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((generation, Arc::clone(&view)));
        Ok(view)
    }

    /// The register of every indexed record.
    pub fn full_register(&self) -> Result<Arc<Register>, SearchError> {
        Ok(Arc::clone(&self.register_view()?.register))
    }

    /// The agreements passing a full-text query (matching any of their pages;
    /// empty for all) and the filters, in register order.
    pub fn select(
        &self,
        query: &str,
        filters: &Filters,
    ) -> Result<(Arc<RegisterView>, Selection), SearchError> {
        let r = filters.resolve(self.reference)?;
        let searcher = self.reader.searcher();
        let view = self.view_of(&searcher)?;
        let pages = if query.trim().is_empty() || query.trim() == "*" {
            None
        } else {
            let q = self.parse(query)?;
            Some(view.matching_pages(self, &searcher, q.as_ref())?)
        };
        let mut sel = Selection::default();
        for i in 0..view.entries.len() {
            match view.verdict(i, &r, pages.as_deref()) {
                Verdict::Pass => sel.entries.push(i),
                Verdict::Fail => {}
                Verdict::Missing(count) => count(&mut sel.left_out),
            }
        }
        Ok((view, sel))
    }

    /// One page of the agreements passing the query and filters (and, with
    /// `group`, in that row of a funding report by that grouping), with
    /// facets over all of them when asked.
    pub fn agreements(
        &self,
        query: &str,
        filters: &Filters,
        group: Option<&(By, String)>,
        offset: usize,
        limit: usize,
        with_facets: bool,
    ) -> Result<AgreementsResponse, SearchError> {
        let (view, mut sel) = self.select(query, filters)?;
        if let Some((by, key)) = group {
            let g = view.grouping(*by);
            sel.entries
                .retain(|&i| g.groups[g.of[i] as usize].key == *key);
        }
        let facets = with_facets
            .then(|| facets::of_agreements(&view, &sel.entries, filters, self.reference));
        Ok(AgreementsResponse {
            total: sel.entries.len(),
            offset,
            left_out: sel.left_out,
            agreements: sel
                .entries
                .iter()
                .skip(offset)
                .take(limit)
                .map(|&i| view.register.entries[i].clone())
                .collect(),
            facets,
        })
    }

    /// The agreement with this id.
    pub fn agreement(&self, id: &str) -> Result<Option<Entry>, SearchError> {
        Ok(self.register_view()?.get(id).cloned())
    }

    /// Funding per group over the agreements passing the query and filters,
    /// each agreement counted once at the figure best supported by its pages.
    pub fn funding(
        &self,
        query: &str,
        filters: &Filters,
        opts: FundingOptions,
    ) -> Result<FundingReport, SearchError> {
        let (view, sel) = self.select(query, filters)?;
        let g = view.grouping(opts.by);
        let entries: Vec<(&Entry, u32)> = sel
            .entries
            .iter()
            .map(|&i| (&view.register.entries[i], g.of[i]))
            .collect();
        let mut report = funding::aggregate(&entries, &g.groups, opts);
        report.in_force = filters.in_force;
        report.left_out = sel.left_out;
        Ok(report)
    }

    /// The register entries each of these pages reports.
    pub fn agreements_of_pages(
        &self,
        record_ids: &[String],
    ) -> Result<Vec<Vec<String>>, SearchError> {
        let view = self.register_view()?;
        Ok(record_ids
            .iter()
            .map(|id| view.register.agreements_of(id).to_vec())
            .collect())
    }

    /// A search whose hits also name the register entries their pages report,
    /// with how many undated pages a date filter left out and, when asked,
    /// facets over every matching page. `in_force` selects agreements, not
    /// pages, and is refused here.
    pub fn search_register(&self, req: &SearchRequest) -> Result<RegisterResponse, SearchError> {
        self.search_pages(req, false)
    }

    /// [`Searcher::search_register`], with facets when `with_facets`.
    pub fn search_pages(
        &self,
        req: &SearchRequest,
        with_facets: bool,
    ) -> Result<RegisterResponse, SearchError> {
        if let Some(y) = req.filters.in_force {
            return Err(SearchError::Filter(format!(
                "--in-force {y}: selects agreements, not pages; use `iop agreements` or /api/agreements"
            )));
        }
        let res = self.search(req)?;
        let ids: Vec<String> = res.hits.iter().map(|h| h.id.clone()).collect();
        let agreements = self.agreements_of_pages(&ids)?;
        let mut left_out = LeftOut::default();
        let needs_count = req.filters.has_dates() && req.filters.undated == Undated::Exclude;
        let facets = if needs_count || with_facets {
            let searcher = self.reader.searcher();
            let user = self.parse(&req.query)?;
            if needs_count {
                let rest = self.filtered(user.as_ref(), &req.filters.without_dates())?;
                let q = BooleanQuery::new(vec![
                    (Occur::Must, rest),
                    (Occur::Must, super::filters::undated()),
                ]);
                left_out.undated = searcher.search(&q, &Count).map_err(|e| self.tantivy(e))?;
            }
            if with_facets {
                let view = self.view_of(&searcher)?;
                let q = self.filtered(user.as_ref(), &req.filters)?;
                let hit = view.matching_pages(self, &searcher, q.as_ref())?;
                Some(facets::of_pages(&view, &hit, &req.filters, self.reference))
            } else {
                None
            }
        } else {
            None
        };
        Ok(RegisterResponse {
            total: res.total,
            left_out,
            hits: res
                .hits
                .into_iter()
                .zip(agreements)
                .map(|(hit, agreement_ids)| RegisterHit { hit, agreement_ids })
                .collect(),
            facets,
        })
    }
}
