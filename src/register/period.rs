//! The period of an agreement as the register reads it: the first and last
//! day it is in force, from its start and end, or from one of them and its
//! length ("tre år från 1 juli 2023"). Whether it is in force in a given year
//! is yes, no, or unknown, and unknown says why: no period named at all, or
//! only one end of it, which does not settle that year. Pure: uses `record`.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Entry;
use crate::record::PartialDate;

/// Whether an agreement is in force in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InForce {
    Yes,
    No,
    /// Neither start nor end is named.
    NoPeriod,
    /// Only a start (or only an end) is known, and it does not settle the year.
    OpenPeriod,
}

/// The first and last day an agreement is in force, each when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

impl Period {
    /// From a start, an end and a length in months (any may be missing).
    pub fn of(
        start: Option<PartialDate>,
        end: Option<PartialDate>,
        duration_months: Option<u32>,
    ) -> Period {
        let first = start.map(PartialDate::first_day);
        let last = end.map(PartialDate::last_day);
        match (first, last, duration_months) {
            (Some(f), None, Some(m)) if m > 0 => Period {
                first,
                last: f
                    .checked_add_months(Months::new(m))
                    .and_then(|d| d.pred_opt()),
            },
            (None, Some(l), Some(m)) if m > 0 => Period {
                first: l
                    .succ_opt()
                    .and_then(|d| d.checked_sub_months(Months::new(m))),
                last,
            },
            _ => Period { first, last },
        }
    }

    /// Whether the agreement is in force on some day of `year`.
    pub fn in_force(&self, year: i32) -> InForce {
        match (self.first, self.last) {
            (None, None) => InForce::NoPeriod,
            (Some(f), Some(l)) => {
                if f.year() <= year && year <= l.year() {
                    InForce::Yes
                } else {
                    InForce::No
                }
            }
            (Some(f), None) => match f.year().cmp(&year) {
                std::cmp::Ordering::Greater => InForce::No,
                std::cmp::Ordering::Equal => InForce::Yes,
                std::cmp::Ordering::Less => InForce::OpenPeriod,
            },
            (None, Some(l)) => match l.year().cmp(&year) {
                std::cmp::Ordering::Less => InForce::No,
                std::cmp::Ordering::Equal => InForce::Yes,
                std::cmp::Ordering::Greater => InForce::OpenPeriod,
            },
        }
    }

    /// The years it is surely in force: every year of a whole period, the one
    /// year of a lone start or end, none without a period.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        match (self.first, self.last) {
            (Some(f), Some(l)) if f <= l => f.year()..=l.year(),
            (Some(d), None) | (None, Some(d)) => d.year()..=d.year(),
            #[allow(clippy::reversed_empty_ranges)]
            _ => 1..=0,
        }
    }
}

impl Entry {
    /// The agreement's period, from its start, end and length.
    pub fn period(&self) -> Period {
        Period::of(self.start, self.end, self.duration_months)
    }

    /// Whether the agreement is in force in `year`.
    pub fn in_force(&self, year: i32) -> InForce {
        self.period().in_force(year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(start: Option<&str>, end: Option<&str>, months: Option<u32>) -> Period {
        Period::of(
            start.map(|s| s.parse().unwrap()),
            end.map(|s| s.parse().unwrap()),
            months,
        )
    }

    #[test]
    fn a_whole_period_is_in_force_in_each_of_its_years() {
        let q = p(Some("2023-04-01"), Some("2026-03-31"), None);
        assert_eq!(q.in_force(2022), InForce::No);
        assert_eq!(q.in_force(2023), InForce::Yes);
        assert_eq!(q.in_force(2026), InForce::Yes);
        assert_eq!(q.in_force(2027), InForce::No);
        assert_eq!(q.years(), 2023..=2026);
    }

    #[test]
    fn a_length_completes_the_period() {
        // "tre år från 1 juli 2023"
        let q = p(Some("2023-07-01"), None, Some(36));
        assert_eq!(q.last.unwrap().to_string(), "2026-06-30");
        assert_eq!(q.in_force(2026), InForce::Yes);
        let q = p(None, Some("2025-12"), Some(24));
        assert_eq!(q.first.unwrap().to_string(), "2024-01-01");
    }

    #[test]
    fn one_end_alone_settles_only_its_own_year() {
        let q = p(Some("2020"), None, None);
        assert_eq!(q.in_force(2019), InForce::No);
        assert_eq!(q.in_force(2020), InForce::Yes);
        assert_eq!(q.in_force(2024), InForce::OpenPeriod);
        assert_eq!(q.years(), 2020..=2020);
        let q = p(None, Some("2019-12-31"), None);
        assert_eq!(q.in_force(2020), InForce::No);
        assert_eq!(q.in_force(2018), InForce::OpenPeriod);
        assert_eq!(p(None, None, Some(12)).in_force(2024), InForce::NoPeriod);
        assert!(p(None, None, None).years().is_empty());
    }
}
