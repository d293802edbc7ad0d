//! The JSON endpoints: `/api/search`, `/api/funding`, `/api/records/{id}`.
//! Query parameters are the CLI's flags with underscores (`q`,
//! `municipality`, `county`, `partner`, `from`, `to`, `min_sek`, `max_sek`,
//! `sort`, `limit`, `offset`, `by`); empty values count as absent, so a
//! plain HTML form can send every field. Unknown parameters are errors, so
//! a misspelt filter is not silently ignored.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use crate::record::Record;
use crate::search::{
    By, Filters, FundingReport, RegisterResponse, SearchError, SearchRequest, Sort,
};

/// Most hits one API search returns; larger `limit`s are cut to this.
pub const MAX_API_LIMIT: usize = 1000;
/// Longest query, in characters; longer ones are refused (400).
pub const MAX_QUERY_CHARS: usize = crate::search::MAX_QUERY_CHARS;
/// Hits when no `limit` is given.
const DEFAULT_LIMIT: usize = 20;

/// The query string of the search and funding endpoints, as sent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    pub q: Option<String>,
    pub municipality: Option<String>,
    pub county: Option<String>,
    pub partner: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub min_sek: Option<String>,
    pub max_sek: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub by: Option<String>,
}

/// A parameter's value, `None` when absent or blank.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A whole number; spaces between digit groups ("1 200 000") are allowed.
fn number<T: std::str::FromStr>(
    name: &str,
    v: &Option<String>,
    what: &str,
) -> Result<Option<T>, ApiError> {
    match given(v) {
        None => Ok(None),
        Some(s) => {
            let digits: String = s
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '_')
                .collect();
            digits
                .parse::<T>()
                .map(Some)
                .map_err(|_| ApiError::bad_request(format!("{name} {s:?}: not {what}")))
        }
    }
}

impl Params {
    /// The filters, unchecked (the searcher checks them).
    pub fn filters(&self) -> Result<Filters, ApiError> {
        let text = |v: &Option<String>| given(v).map(str::to_string);
        Ok(Filters {
            municipality: text(&self.municipality),
            county: text(&self.county),
            partner: text(&self.partner),
            from: text(&self.from),
            to: text(&self.to),
            min_sek: number("min_sek", &self.min_sek, "a whole number of kronor")?,
            max_sek: number("max_sek", &self.max_sek, "a whole number of kronor")?,
        })
    }

    /// The search these parameters ask for, with `limit` cut to [`MAX_API_LIMIT`].
    pub fn search_request(&self) -> Result<SearchRequest, ApiError> {
        let sort = match given(&self.sort) {
            None | Some("score") => Sort::Score,
            Some("published") => Sort::Published,
            Some("sek") => Sort::Sek,
            Some(s) => {
                return Err(ApiError::bad_request(format!(
                    "sort {s:?}: not one of score, published, sek"
                )));
            }
        };
        let limit: usize =
            number("limit", &self.limit, "a whole number of hits")?.unwrap_or(DEFAULT_LIMIT);
        let offset: usize = number("offset", &self.offset, "a whole number of hits")?.unwrap_or(0);
        let query = given(&self.q).unwrap_or("");
        let chars = query.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(ApiError::bad_request(format!(
                "q has {chars} characters; at most {MAX_QUERY_CHARS} are searched"
            )));
        }
        Ok(SearchRequest {
            query: query.to_string(),
            filters: self.filters()?,
            sort,
            limit: limit.min(MAX_API_LIMIT),
            offset,
        })
    }

    /// The grouping of a funding report, municipality by default.
    pub fn by(&self) -> Result<By, ApiError> {
        match given(&self.by) {
            None | Some("municipality") => Ok(By::Municipality),
            Some("county") => Ok(By::County),
            Some("partner") => Ok(By::Partner),
            Some(s) => Err(ApiError::bad_request(format!(
                "by {s:?}: not one of municipality, county, partner"
            ))),
        }
    }
}

/// The query string, or a 400 naming what is wrong with it.
fn params(q: Result<Query<Params>, QueryRejection>) -> Result<Params, ApiError> {
    q.map(|Query(p)| p)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

/// A search error as the API words it: filter names as parameters, not flags.
fn api_error(e: SearchError) -> ApiError {
    super::error::from_search(e)
}

/// Run blocking search work on a blocking thread once a permit is free.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&crate::search::Searcher) -> Result<T, SearchError> + Send + 'static,
) -> Result<T, ApiError> {
    let permit = state
        .permits
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::internal("the server is shutting down"))?;
    let searcher = state.searcher.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&searcher)
    })
    .await
    .map_err(|e| ApiError::internal(format!("search task failed: {e}")))?
    .map_err(api_error)
}

/// `GET /api/search`: hits and the total, as `iop search --format json` prints hits.
pub async fn search(
    State(state): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<RegisterResponse>, ApiError> {
    let req = params(q)?.search_request()?;
    blocking(&state, move |s| s.search_register(&req))
        .await
        .map(Json)
}

/// `GET /api/funding`: the funding report `iop funding` prints.
pub async fn funding(
    State(state): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Json<FundingReport>, ApiError> {
    let p = params(q)?;
    let (by, filters) = (p.by()?, p.filters()?);
    blocking(&state, move |s| s.funding(by, &filters))
        .await
        .map(Json)
}

/// `GET /api/records/{id}`: the stored record with all its evidence.
pub async fn record(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Record>, ApiError> {
    let wanted = id.clone();
    match blocking(&state, move |s| s.record(&wanted)).await? {
        Some(r) => Ok(Json(r)),
        None => Err(ApiError::not_found(format!("no record with id {id:?}"))),
    }
}

/// Any other path.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no such page or endpoint: {}", uri.path()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Params {
        let qs = serde_urlencoded_pairs(pairs);
        Query::<Params>::try_from_uri(&format!("/?{qs}").parse().unwrap())
            .unwrap()
            .0
    }

    fn serde_urlencoded_pairs(pairs: &[(&str, &str)]) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    #[test]
    fn blank_fields_are_absent_and_amounts_may_have_spaces() {
        let r = p(&[
            ("q", "kvinnojour"),
            ("county", ""),
            ("min_sek", "1 200 000"),
            ("limit", ""),
        ])
        .search_request()
        .unwrap();
        assert_eq!(r.query, "kvinnojour");
        assert_eq!(r.filters.county, None);
        assert_eq!(r.filters.min_sek, Some(1_200_000));
        assert_eq!(r.limit, DEFAULT_LIMIT);
    }

    #[test]
    fn limit_is_capped_and_bad_values_are_named() {
        assert_eq!(
            p(&[("limit", "999999")]).search_request().unwrap().limit,
            MAX_API_LIMIT
        );
        let e = p(&[("max_sek", "mycket")]).search_request().unwrap_err();
        assert_eq!(
            e.message,
            "max_sek \"mycket\": not a whole number of kronor"
        );
        let e = p(&[("sort", "datum")]).search_request().unwrap_err();
        assert!(e.message.contains("score, published, sek"), "{}", e.message);
        assert!(p(&[("by", "kommun")]).by().is_err());
        assert_eq!(p(&[("by", "county")]).by().unwrap(), By::County);
        let long = "stöd ".repeat(MAX_QUERY_CHARS / 5 + 1);
        let e = p(&[("q", &long)]).search_request().unwrap_err();
        assert!(
            e.message.starts_with("q has 2004 characters"),
            "{}",
            e.message
        );
    }
}
