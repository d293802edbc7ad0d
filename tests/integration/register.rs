//! Integration tests: register.
