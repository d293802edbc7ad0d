//! Public bodies: the publisher of a page (from its URL's domain, a press-
//! release service's newsroom name, or the page itself) and the kommuner,
//! regions and nämnder the text names. Pure functions over `reference`.

use super::content::Document;
use crate::reference::{Body, Reference};

/// The kommun or region whose own site (or newsroom) published the page.
pub fn publisher<'r>(
    url: Option<&str>,
    doc: &Document,
    reference: &'r Reference,
) -> Option<&'r Body> {
    let _ = doc;
    let host = url
        .and_then(|u| url::Url::parse(u).ok())?
        .host_str()?
        .to_string();
    reference.by_host(&host)
}
