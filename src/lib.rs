//! # iop: a national register of partnership agreements
//!
//! Swedish kommuner and regions announce their agreements with non-profit
//! organisations (IOP, idéburet offentligt partnerskap, and others) in press
//! releases. `iop` crawls those pages, extracts each agreement with the
//! verbatim evidence for every value, indexes them for search, and links the
//! pages that report the same agreement into one register entry.
//!
//! ## Architecture, in dependency order
//! - [`record`], [`page`], [`reference`], [`config`]: leaves. The record type
//!   (the JSON contract), a fetched or saved page, the table of kommuner and
//!   regions, and settings.
//! - [`store`]: the page store on disk, atomic writes, used by crawl and extract.
//! - [`crawl`]: the only module that touches the network; fills the store.
//! - [`extract`]: pure `Page -> Record`; no I/O, no clock.
//! - [`register`]: pure: records to agreements, the pages of one agreement linked.
//! - [`index`]: the tantivy index (Swedish stemming), upsert by record id.
//! - [`search`]: queries, filters, funding aggregation over the index.
//! - [`serve`]: the axum router over `search`.
//! - [`eval`]: precision, recall and F1 per field against gold files.
//! - [`cli`]: the command line; the only module that sees every stage.

pub mod cli;
pub mod config;
pub mod crawl;
pub mod eval;
pub mod extract;
pub mod index;
pub mod page;
pub mod record;
pub mod reference;
pub mod register;
pub mod search;
pub mod serve;
pub mod store;
