//! API errors as JSON `{"error": "..."}` with a status code: a bad query or
//! filter is 400, a missing record 404, a busy or slow server 503, a broken
//! index 500. Also gives a JSON body to the bare error responses that axum
//! and tower-http produce themselves (timeouts, wrong methods).

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::search::SearchError;

/// An error answer: status and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> ApiError {
        if e.is_usage() {
            ApiError::bad_request(e.to_string())
        } else {
            tracing::error!(error = %e, "search failed");
            ApiError::internal(e.to_string())
        }
    }
}

/// The CLI's filter flags and the API's parameters for them.
const FLAGS: [(&str, &str); 10] = [
    ("--municipality", "municipality"),
    ("--county", "county"),
    ("--partner", "partner"),
    ("--from", "from"),
    ("--to", "to"),
    ("--min-sek", "min_sek"),
    ("--max-sek", "max_sek"),
    ("--form", "form"),
    ("--in-force", "in_force"),
    ("--undated", "undated"),
];

/// Where a filter message points CLI users to a command, the API's users are
/// pointed to the endpoint alone.
const POINTERS: [(&str, &str); 1] = [("`iop agreements` or /api/agreements", "/api/agreements")];

/// A search error as the API words it: a filter is named by its parameter,
/// not by its flag. Only flag names outside the quoted values are changed,
/// so a value or query that holds `--` keeps it.
pub fn from_search(e: SearchError) -> ApiError {
    let filter = matches!(e, SearchError::Filter(_));
    let mut err = ApiError::from(e);
    if filter {
        err.message = flags_as_parameters(&err.message);
        for (cli, api) in POINTERS {
            if let Some(head) = err.message.strip_suffix(cli) {
                err.message = format!("{head}{api}");
            }
        }
    }
    err
}

/// Replace flag names that stand as words outside `"..."` quotes.
fn flags_as_parameters(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    let mut rest = message;
    while let Some(c) = rest.chars().next() {
        if !quoted && c == '-' && out.chars().last().is_none_or(|p| !p.is_alphanumeric()) {
            let flag = FLAGS.iter().find(|(f, _)| {
                rest.strip_prefix(f).is_some_and(|after| {
                    after
                        .chars()
                        .next()
                        .is_none_or(|n| !n.is_alphanumeric() && n != '-')
                })
            });
            if let Some((f, param)) = flag {
                out.push_str(param);
                rest = &rest[f.len()..];
                continue;
            }
        }
        if c == '\\' && quoted {
            // an escaped character inside quotes, kept as it is
            let escaped: String = rest.chars().take(2).collect();
            out.push_str(&escaped);
            rest = &rest[escaped.len()..];
            continue;
        }
        if c == '"' {
            quoted = !quoted;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

/// Error responses without a body type (a timeout, 405 from the router)
/// get a JSON body naming the status.
pub async fn json_for_bare_errors(resp: Response) -> Response {
    let status = resp.status();
    if (status.is_client_error() || status.is_server_error())
        && !resp.headers().contains_key(header::CONTENT_TYPE)
    {
        let message = match status {
            StatusCode::SERVICE_UNAVAILABLE => {
                "the request took too long; try a narrower search".to_string()
            }
            s => s
                .canonical_reason()
                .unwrap_or("error")
                .to_lowercase()
                .to_string(),
        };
        let mut fresh = ApiError { status, message }.into_response();
        for (k, v) in resp.headers() {
            if k != header::CONTENT_LENGTH {
                fresh.headers_mut().insert(k.clone(), v.clone());
            }
        }
        return fresh;
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_are_400_and_index_errors_500() {
        let e: ApiError = SearchError::Filter("--county \"X\": no such county".into()).into();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert!(e.message.contains("no such county"));
        let e: ApiError = SearchError::Stored {
            dir: "ix".into(),
            doc: "0/1".into(),
            detail: "bad json".into(),
        }
        .into();
        assert_eq!(e.status, StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn double_dashes_stay_in_messages_and_only_flags_become_parameters() {
        let filter = |m: &str| from_search(SearchError::Filter(m.into())).message;
        assert_eq!(
            filter("--from 2024 is after --to 2023"),
            "bad filter from 2024 is after to 2023"
        );
        assert_eq!(
            filter("--min-sek 5 is above --max-sek 1"),
            "bad filter min_sek 5 is above max_sek 1"
        );
        assert_eq!(
            filter(r#"--partner "--": has no searchable words"#),
            r#"bad filter partner "--": has no searchable words"#
        );
        assert_eq!(
            filter(r#"--partner "a \" --from b": has no searchable words"#),
            r#"bad filter partner "a \" --from b": has no searchable words"#
        );
        let query = from_search(SearchError::Query {
            query: "\"avtal -- stöd".into(),
            message: "Syntax Error: \"avtal -- stöd".into(),
        });
        assert!(query.message.contains("avtal -- stöd"), "{}", query.message);
        assert_eq!(query.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            filter(
                "--in-force 2024: selects agreements, not pages; use `iop agreements` or /api/agreements"
            ),
            "bad filter in_force 2024: selects agreements, not pages; use /api/agreements"
        );
        assert_eq!(
            filter(r#"--form "x": not one of iop, agreement"#),
            r#"bad filter form "x": not one of iop, agreement"#
        );
    }
}
