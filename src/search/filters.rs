//! Filters as a user writes them (kommun or county by code or name, partner
//! words, publication dates, yearly amounts), resolved against the reference
//! table into index queries. The CLI's flags and the HTTP query string both
//! deserialize into [`Filters`]; a filter that names nothing known is a
//! [`SearchError::Filter`], a usage error.

use std::ops::Bound;

use serde::{Deserialize, Serialize};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::tokenizer::TokenStream;

use super::SearchError;
use crate::index::schema::{Fields, day_number, swedish_analyzer};
use crate::record::PartialDate;
use crate::reference::Reference;

/// Filters on kommun/region, county, partner, publication date and yearly
/// public funding, as written by the user. Empty means no filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Filters {
    /// Kommun or region: SCB code, official name or place name.
    pub municipality: Option<String>,
    /// County: code ("05") or name ("Östergötlands län", "Östergötland").
    pub county: Option<String>,
    /// Words of a partner organisation's name (all must match).
    pub partner: Option<String>,
    /// Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    pub from: Option<String>,
    /// Published on or before.
    pub to: Option<String>,
    /// Yearly public funding at least this many kronor.
    pub min_sek: Option<i64>,
    /// Yearly public funding at most this many kronor.
    pub max_sek: Option<i64>,
}

/// Filters checked against the reference table and parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    /// The SCB code of the kommun or region.
    pub code: Option<String>,
    /// The county code.
    pub county: Option<String>,
    /// The partner words, analyzed as the index analyzes partner names.
    pub partner_terms: Vec<String>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub min_sek: Option<i64>,
    pub max_sek: Option<i64>,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Filters {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        [
            &self.municipality,
            &self.county,
            &self.partner,
            &self.from,
            &self.to,
        ]
        .iter()
        .all(|v| nonempty(v).is_none())
            && self.min_sek.is_none()
            && self.max_sek.is_none()
    }

    /// Check every filter; name the first one that is wrong.
    pub fn resolve(&self, reference: &Reference) -> Result<Resolved, SearchError> {
        let bad =
            |what: &str, v: &str, why: &str| SearchError::Filter(format!("{what} {v:?}: {why}"));
        let code = match nonempty(&self.municipality) {
            Some(m) => Some(
                reference
                    .lookup(m)
                    .ok_or_else(|| bad("--municipality", m, "no such kommun or region"))?
                    .code
                    .clone(),
            ),
            None => None,
        };
        let county = match nonempty(&self.county) {
            Some(c) => Some(
                reference
                    .county(c)
                    .ok_or_else(|| bad("--county", c, "no such county"))?
                    .0,
            ),
            None => None,
        };
        let partner_terms = match nonempty(&self.partner) {
            Some(p) => {
                let terms = analyze(p);
                if terms.is_empty() {
                    return Err(bad("--partner", p, "has no searchable words"));
                }
                terms
            }
            None => Vec::new(),
        };
        let date = |flag: &str, v: &Option<String>| -> Result<Option<PartialDate>, SearchError> {
            match nonempty(v) {
                Some(s) => s.parse::<PartialDate>().map(Some).map_err(|_| {
                    bad(
                        flag,
                        s,
                        "not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
                    )
                }),
                None => Ok(None),
            }
        };
        let r = Resolved {
            code,
            county,
            partner_terms,
            from: date("--from", &self.from)?,
            to: date("--to", &self.to)?,
            min_sek: self.min_sek,
            max_sek: self.max_sek,
        };
        if let (Some(f), Some(t)) = (r.from, r.to)
            && f.first_day() > t.last_day()
        {
            return Err(SearchError::Filter(format!("--from {f} is after --to {t}")));
        }
        if let (Some(lo), Some(hi)) = (r.min_sek, r.max_sek)
            && lo > hi
        {
            return Err(SearchError::Filter(format!(
                "--min-sek {lo} is above --max-sek {hi}"
            )));
        }
        Ok(r)
    }
}

/// Words as the partner field indexes them (Swedish stems).
fn analyze(text: &str) -> Vec<String> {
    let mut a = swedish_analyzer();
    let mut s = a.token_stream(text);
    let mut out = Vec::new();
    while s.advance() {
        out.push(s.token().text.clone());
    }
    out
}

impl Resolved {
    /// The filters as one query that every hit must match, or `None`.
    pub fn query(&self, f: &Fields) -> Option<Box<dyn Query>> {
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let term =
            |t: Term| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
        if let Some(c) = &self.code {
            must.push((Occur::Must, term(Term::from_field_text(f.code, c))));
        }
        if let Some(c) = &self.county {
            must.push((Occur::Must, term(Term::from_field_text(f.county, c))));
        }
        for w in &self.partner_terms {
            must.push((Occur::Must, term(Term::from_field_text(f.partner, w))));
        }
        if self.from.is_some() || self.to.is_some() {
            let lo = self.from.map(day_number);
            let hi = self.to.map(|d| day_number(PartialDate::from(d.last_day())));
            must.push((Occur::Must, Box::new(range(f.published, lo, hi))));
        }
        if self.min_sek.is_some() || self.max_sek.is_some() {
            must.push((
                Occur::Must,
                Box::new(range(f.sek, self.min_sek, self.max_sek)),
            ));
        }
        match must.len() {
            0 => None,
            1 => must.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(must))),
        }
    }
}

fn range(field: tantivy::schema::Field, lo: Option<i64>, hi: Option<i64>) -> RangeQuery {
    let b = |v: Option<i64>| match v {
        Some(v) => Bound::Included(Term::from_field_i64(field, v)),
        None => Bound::Unbounded,
    };
    RangeQuery::new(b(lo), b(hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f() -> Filters {
        Filters::default()
    }

    #[test]
    fn kommun_and_county_resolve_by_code_or_name() {
        let r = Reference::embedded();
        let m = Filters {
            municipality: Some("Linköping".into()),
            ..f()
        };
        assert_eq!(m.resolve(r).unwrap().code.as_deref(), Some("0580"));
        let m = Filters {
            municipality: Some("0580".into()),
            ..f()
        };
        assert_eq!(m.resolve(r).unwrap().code.as_deref(), Some("0580"));
        let c = Filters {
            county: Some("Östergötlands län".into()),
            ..f()
        };
        assert_eq!(c.resolve(r).unwrap().county.as_deref(), Some("05"));
    }

    #[test]
    fn unknown_names_and_bad_dates_are_filter_errors() {
        let r = Reference::embedded();
        for bad in [
            Filters {
                municipality: Some("Atlantis".into()),
                ..f()
            },
            Filters {
                county: Some("Lappland".into()),
                ..f()
            },
            Filters {
                from: Some("2023-13".into()),
                ..f()
            },
            Filters {
                from: Some("2024".into()),
                to: Some("2023".into()),
                ..f()
            },
            Filters {
                min_sek: Some(10),
                max_sek: Some(5),
                ..f()
            },
            Filters {
                partner: Some("och".into()),
                ..f()
            },
        ] {
            let e = bad.resolve(r).unwrap_err();
            assert!(matches!(e, SearchError::Filter(_)), "{bad:?}");
            assert!(e.is_usage());
        }
    }

    #[test]
    fn partner_words_are_stemmed_like_the_index() {
        let p = Filters {
            partner: Some("Kvinnojourer".into()),
            ..f()
        };
        let r = p.resolve(Reference::embedded()).unwrap();
        assert_eq!(r.partner_terms, analyze("kvinnojouren"));
        assert!(f().is_empty());
    }
}
