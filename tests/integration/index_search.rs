//! Integration tests: index_search.
