//! The answers read from the register view: agreements selected by their
//! own values (a partner filter matches the agreement's partners, not its
//! page's; a full-text query matches any of its pages), one page of them with
//! facets, funding over them (also written as JSON with each agreement's
//! item written once per index state), and search hits that name their
//! agreements. Uses the view of [`super::register`].

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur};

use super::facets;
use super::filters::Undated;
use super::funding::{self, By, FundingOptions, FundingReport, LeftOut};
use super::register::{AgreementsResponse, RegisterView, Selection};
use super::{Filters, RegisterHit, RegisterResponse, SearchError, SearchRequest, Searcher};
use crate::register::Entry;

use std::sync::Arc;

impl Searcher {
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
        let sel = view.select(&r, pages.as_deref());
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
        let entries = &view.register.entries;
        let mut report = view
            .funding
            .report(&sel.entries, opts, |i| funding::item(&entries[i]));
        report.in_force = filters.in_force;
        report.left_out = sel.left_out;
        Ok(report)
    }

    /// [`Searcher::funding`] written as JSON, the same bytes, with each
    /// agreement's item as written once per index state.
    pub fn funding_json(
        &self,
        query: &str,
        filters: &Filters,
        opts: FundingOptions,
    ) -> Result<Vec<u8>, SearchError> {
        let (view, sel) = self.select(query, filters)?;
        let table = &view.funding;
        let mut report = table.report(&sel.entries, opts, |i| table.item_json(i));
        report.in_force = filters.in_force;
        report.left_out = sel.left_out;
        // room for the items as written and about as much again for the
        // rest, so a report of megabytes is not moved as it grows
        let items: usize = report
            .rows
            .iter()
            .flat_map(|r| &r.items)
            .map(|i| i.get().len() + 1)
            .sum();
        let mut out =
            Vec::with_capacity(items + 256 * (report.rows.len() + report.years.len() + 4));
        serde_json::to_writer(&mut out, &report).map_err(|e| SearchError::Stored {
            dir: self.dir.clone(),
            doc: "funding".into(),
            detail: format!("cannot write the answer as JSON: {e}"),
        })?;
        Ok(out)
    }

    /// An answer as JSON.
    pub fn to_json<T: Serialize>(&self, answer: &T, what: &str) -> Result<Vec<u8>, SearchError> {
        serde_json::to_vec(answer).map_err(|e| SearchError::Stored {
            dir: self.dir.clone(),
            doc: what.to_string(),
            detail: format!("cannot write the answer as JSON: {e}"),
        })
    }

    /// The register entries each of these pages reports. While the view is
    /// built again after a commit, the one before answers.
    pub fn agreements_of_pages(
        &self,
        record_ids: &[String],
    ) -> Result<Vec<Vec<String>>, SearchError> {
        let view = self.current_view()?;
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
