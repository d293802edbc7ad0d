//! Money: amounts in Swedish formats, what period they cover, who pays, and
//! the public body's kronor per year.

use crate::extract::period::Period;
use crate::record::Amount;

/// An amount and the verbatim text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundAmount {
    pub amount: Amount,
    pub evidence: String,
}

/// The amounts tied to one agreement.
pub fn agreement_amounts(
    sentences: &[&str],
    public_names: &[String],
    partner_names: &[String],
) -> Vec<FoundAmount> {
    let _ = (sentences, public_names, partner_names);
    Vec::new()
}

/// The public body's yearly payment.
pub fn public_sek_per_year(amounts: &[Amount], period: &Period) -> Option<i64> {
    let _ = (amounts, period);
    None
}
