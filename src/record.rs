//! The record: one extracted document and the agreements it reports.
//!
//! These serde types mirror `record.schema.json` field for field; the CLI,
//! the index and the HTTP API all serialize these same types, so the formats
//! cannot drift apart. A leaf module: it uses nothing else in the crate.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One input document: a press release or news page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable id: hash of the canonical URL, or of the path and content.
    pub id: String,
    pub source: Source,
    /// The main content as plain text, paragraphs separated by blank lines.
    pub text: String,
    pub agreements: Vec<Agreement>,
    pub quotes: Vec<Quote>,
}

/// Where the document came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub url: Option<String>,
    pub path: Option<String>,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    #[serde(default)]
    pub updated: Option<PartialDate>,
    #[serde(default)]
    pub publisher: Option<Party>,
}

/// Kind of public body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    Kommun,
    Region,
}

impl PartyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::Kommun => "kommun",
            PartyKind::Region => "region",
        }
    }
}

/// A public body: kommun or region, optionally narrowed to a nämnd or förvaltning.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub kind: Option<PartyKind>,
    #[serde(default)]
    pub unit: Option<String>,
}

/// A non-profit organisation that is party to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Partner {
    pub name: String,
}

/// `iop` when the text calls the agreement IOP / idéburet offentligt partnerskap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    Iop,
    Agreement,
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Iop => "iop",
            Form::Agreement => "agreement",
        }
    }
}

/// One concrete agreement between public bodies and organisations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    pub form: Form,
    pub public_parties: Vec<Party>,
    pub partners: Vec<Partner>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    #[serde(default)]
    pub duration_months: Option<u32>,
    #[serde(default)]
    pub extension_months: Option<u32>,
    pub amounts: Vec<Amount>,
    #[serde(default)]
    pub public_sek_per_year: Option<i64>,
    pub evidence: Vec<Evidence>,
}

/// The period an amount covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    Year,
    Month,
    Total,
}

/// Who pays an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Payer {
    Public,
    Partner,
    Combined,
}

/// A sum of money tied to the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    /// Whole kronor.
    pub sek: i64,
    pub per: Option<Per>,
    pub payer: Option<Payer>,
    /// The amount as written in the document.
    pub text: String,
}

/// The verbatim text behind one value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Which value: `partners`, `public_parties`, `start`, `amounts[0]`, ...
    pub field: String,
    /// Verbatim text of the document (whitespace folded).
    pub quote: String,
}

/// A direct quote and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub speaker: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub party: Option<String>,
    pub text: String,
}

/// A date at the precision the text supports: `2020`, `2020-01` or `2020-01-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// Why a string is not a partial date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {0:?}")]
pub struct PartialDateError(pub String);

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// A year and month; `None` when the month is out of range.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A full date; `None` when it does not exist in the calendar.
    pub fn day(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self::from)
    }

    /// The full date, when the precision is a day.
    pub fn to_naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// The first day this date can mean (`2020` -> 2020-01-01).
    pub fn first_day(self) -> NaiveDate {
        let m = self.month.unwrap_or(1);
        let d = self.day.unwrap_or(1);
        NaiveDate::from_ymd_opt(self.year, m, d)
            .or_else(|| NaiveDate::from_ymd_opt(self.year, 1, 1))
            .unwrap_or_default()
    }

    /// The last day this date can mean (`2020` -> 2020-12-31).
    pub fn last_day(self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or_default(),
            (Some(m), None) => last_of_month(self.year, m),
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or_default(),
        }
    }

    /// 1 for a year, 2 for a month, 3 for a day.
    pub fn precision(self) -> u8 {
        1 + u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }
}

/// The last day of a month.
pub fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let (ny, nm) = if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or_default()
}

impl From<NaiveDate> for PartialDate {
    fn from(d: NaiveDate) -> Self {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = PartialDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || PartialDateError(s.to_string());
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, PartialDateError> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        match parts.as_slice() {
            [y] => Ok(PartialDate::year(num(y, 4)? as i32)),
            [y, m] => PartialDate::month(num(y, 4)? as i32, num(m, 2)?).ok_or_else(bad),
            [y, m, d] => {
                PartialDate::day(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?).ok_or_else(bad)
            }
            _ => Err(bad()),
        }
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Ordered by the first day each date can mean, then by precision.
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.precision().cmp(&other.precision()))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_round_trip_at_their_precision() {
        for s in ["2020", "2024-01", "2022-12-31"] {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for s in ["2020-13", "2021-02-29", "20", "2020-1", "abcd", ""] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
    }

    #[test]
    fn first_and_last_days_span_the_precision() {
        let y: PartialDate = "2020".parse().unwrap();
        assert_eq!(y.last_day().to_string(), "2020-12-31");
        let m: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(m.last_day().to_string(), "2024-02-29");
        assert_eq!(m.first_day().to_string(), "2024-02-01");
    }

    #[test]
    fn record_serializes_as_the_schema_says() {
        let r = Record {
            id: "x".into(),
            source: Source {
                published: "2019-07-01".parse().ok(),
                ..Source::default()
            },
            text: String::new(),
            agreements: vec![Agreement {
                form: Form::Iop,
                public_parties: vec![],
                partners: vec![Partner { name: "A".into() }],
                start: None,
                end: None,
                duration_months: None,
                extension_months: None,
                amounts: vec![Amount {
                    sek: 1,
                    per: Some(Per::Year),
                    payer: Some(Payer::Public),
                    text: "1 kr".into(),
                }],
                public_sek_per_year: None,
                evidence: vec![],
            }],
            quotes: vec![],
        };
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["source"]["published"], "2019-07-01");
        assert_eq!(v["agreements"][0]["form"], "iop");
        assert_eq!(v["agreements"][0]["amounts"][0]["per"], "year");
        let back: Record = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
    }
}
