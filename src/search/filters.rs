//! Filters as a user writes them (kommun or county by code or name, partner
//! words, publication dates, yearly amounts, form, the year an agreement is
//! in force), resolved against the reference table into index queries. The
//! CLI's flags and the HTTP query string both deserialize into [`Filters`];
//! a filter that names nothing known is a [`SearchError::Filter`], a usage
//! error, with the nearest place name suggested ([`super::places`]).
//!
//! Date filters leave out what has no date only when asked to: `undated`
//! says whether pages (or agreements) without a publication date are kept,
//! and the searcher counts the ones it left out so the user is told.

use std::ops::Bound;

use serde::{Deserialize, Serialize};
use tantivy::query::{AllQuery, BooleanQuery, ExistsQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::tokenizer::TokenStream;

use super::SearchError;
use super::places;
use crate::index::schema::{Fields, day_number, swedish_analyzer};
use crate::record::{Form, PartialDate};
use crate::reference::Reference;

/// What date filters do with what has no publication date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Undated {
    /// Leave it out (and say how many were left out).
    #[default]
    Exclude,
    /// Keep it beside the dated matches.
    Include,
}

impl Undated {
    pub fn as_str(self) -> &'static str {
        match self {
            Undated::Exclude => "exclude",
            Undated::Include => "include",
        }
    }
}

/// Filters on kommun/region, county, partner, publication date, yearly
/// public funding, form and the year in force, as written by the user.
/// Empty means no filter.
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
    /// `iop` or `agreement`.
    pub form: Option<String>,
    /// Agreements in force on some day of this year (agreements only).
    pub in_force: Option<i32>,
    /// Whether date filters keep what has no publication date.
    pub undated: Undated,
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
    pub form: Option<Form>,
    pub in_force: Option<i32>,
    pub undated: Undated,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Earliest and latest year `in_force` accepts.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

impl Filters {
    /// True when no filter is set (`undated` alone filters nothing).
    pub fn is_empty(&self) -> bool {
        [
            &self.municipality,
            &self.county,
            &self.partner,
            &self.from,
            &self.to,
            &self.form,
        ]
        .iter()
        .all(|v| nonempty(v).is_none())
            && self.min_sek.is_none()
            && self.max_sek.is_none()
            && self.in_force.is_none()
    }

    /// True when a publication-date filter is set.
    pub fn has_dates(&self) -> bool {
        nonempty(&self.from).is_some() || nonempty(&self.to).is_some()
    }

    /// The same filters without the publication dates.
    pub fn without_dates(&self) -> Filters {
        Filters {
            from: None,
            to: None,
            ..self.clone()
        }
    }

    /// Check every filter; name the first one that is wrong.
    pub fn resolve(&self, reference: &Reference) -> Result<Resolved, SearchError> {
        let bad =
            |what: &str, v: &str, why: &str| SearchError::Filter(format!("{what} {v:?}: {why}"));
        let code = match nonempty(&self.municipality) {
            Some(m) => Some(
                places::body(reference, m)
                    .map_err(|why| bad("--municipality", m, &why))?
                    .code
                    .clone(),
            ),
            None => None,
        };
        let county = match nonempty(&self.county) {
            Some(c) => Some(
                places::county(reference, c)
                    .map_err(|why| bad("--county", c, &why))?
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
        let form = match nonempty(&self.form) {
            None => None,
            Some(f) if f.eq_ignore_ascii_case("iop") => Some(Form::Iop),
            Some(f) if f.eq_ignore_ascii_case("agreement") => Some(Form::Agreement),
            Some(f) => return Err(bad("--form", f, "not one of iop, agreement")),
        };
        if let Some(y) = self.in_force
            && !YEARS.contains(&y)
        {
            return Err(bad(
                "--in-force",
                &y.to_string(),
                "not a year between 1900 and 2100",
            ));
        }
        let r = Resolved {
            code,
            county,
            partner_terms,
            from: date("--from", &self.from)?,
            to: date("--to", &self.to)?,
            min_sek: self.min_sek,
            max_sek: self.max_sek,
            form,
            in_force: self.in_force,
            undated: self.undated,
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
pub(super) fn analyze(text: &str) -> Vec<String> {
    // built once: its stop words are a set shared by every copy
    static ANALYZER: std::sync::OnceLock<tantivy::tokenizer::TextAnalyzer> =
        std::sync::OnceLock::new();
    let mut a = ANALYZER.get_or_init(swedish_analyzer).clone();
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
        if let Some(form) = self.form {
            must.push((
                Occur::Must,
                term(Term::from_field_text(f.form, form.as_str())),
            ));
        }
        if self.from.is_some() || self.to.is_some() {
            let lo = self.from.map(day_number);
            let hi = self.to.map(|d| day_number(PartialDate::from(d.last_day())));
            let dated: Box<dyn Query> = Box::new(range(f.published, lo, hi));
            let q = match self.undated {
                Undated::Exclude => dated,
                Undated::Include => Box::new(BooleanQuery::new(vec![
                    (Occur::Should, dated),
                    (Occur::Should, undated()),
                ])),
            };
            must.push((Occur::Must, q));
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

/// Documents without a publication date.
pub fn undated() -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
        (
            Occur::MustNot,
            Box::new(ExistsQuery::new("published".to_string(), false)),
        ),
    ]))
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
        let m = Filters {
            municipality: Some("Goteborg".into()),
            form: Some("IOP".into()),
            ..f()
        };
        let m = m.resolve(r).unwrap();
        assert_eq!(m.code.as_deref(), Some("1480"));
        assert_eq!(m.form, Some(Form::Iop));
    }

    #[test]
    fn a_misspelt_place_is_named_with_the_nearest_name() {
        let m = Filters {
            municipality: Some("Stokholm".into()),
            ..f()
        };
        let e = m.resolve(Reference::embedded()).unwrap_err().to_string();
        assert_eq!(
            e,
            "bad filter --municipality \"Stokholm\": no such kommun or region; did you mean Stockholms stad?"
        );
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
            Filters {
                form: Some("avtal".into()),
                ..f()
            },
            Filters {
                in_force: Some(20240),
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
