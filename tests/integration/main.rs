//! The integration tests: one binary, one module per area.

mod cli;
mod crawl;
mod gold;
mod index_robust;
mod index_search;
mod register;
mod register_api;
mod serve;
mod support;
mod traps;
