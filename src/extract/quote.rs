//! Quotes: dash-led, in quotation marks, and "..., säger NAME, ROLE." forms,
//! with speaker, role, organisation and party letters.

use crate::record::Quote;

/// Every direct quote in the paragraphs, in order.
pub fn quotes(paragraphs: &[String]) -> Vec<Quote> {
    let _ = paragraphs;
    Vec::new()
}
