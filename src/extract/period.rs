//! Time of an agreement: start, end, duration and extension option, from
//! absolute and relative Swedish expressions.

use crate::record::PartialDate;

/// A value and the verbatim text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated<T> {
    pub value: T,
    pub evidence: String,
}

/// When an agreement runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Period {
    pub start: Option<Dated<PartialDate>>,
    pub end: Option<Dated<PartialDate>>,
    pub duration_months: Option<Dated<u32>>,
    pub extension_months: Option<Dated<u32>>,
}

/// The agreement's period from the sentences that speak of it.
pub fn find_period(sentences: &[&str], published: Option<PartialDate>) -> Period {
    let _ = (sentences, published);
    Period::default()
}
