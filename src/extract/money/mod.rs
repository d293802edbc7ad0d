//! Money: sums in Swedish formats (`parse`), which of them belong to an
//! agreement with what period and payer (`classify`), the cues that tie a
//! line that names no agreement to its money (`cues`), and the public body's
//! kronor per year (`yearly`). Pure functions; uses `record` and the
//! agreement's `period`.

mod classify;
mod cues;
mod parse;
mod yearly;

pub use classify::{FoundAmount, agreement_amounts, agreement_amounts_among};
pub use cues::{payment_given, public_pays, yearly_header};
pub use parse::{MoneyMention, find_money, format_sek};
pub use yearly::{Yearly, period_months, public_sek_per_year, yearly};
