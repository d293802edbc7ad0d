//! Agreements: whether the page reports a concrete agreement, with which
//! organisations, in what form, and the values of each with their evidence.

use super::Context;
use crate::record::Agreement;

/// The agreements the page reports.
pub fn agreements(ctx: &Context<'_>) -> Vec<Agreement> {
    let _ = ctx;
    Vec::new()
}
