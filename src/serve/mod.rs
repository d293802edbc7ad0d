//! The axum router over search; handlers only translate HTTP.
