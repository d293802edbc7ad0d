//! Integration tests: gold.
