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
}
