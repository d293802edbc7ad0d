//! The JSON endpoints: `/api/search`, `/api/agreements`,
//! `/api/agreements/{id}`, `/api/funding`, `/api/records/{id}`. Query
//! parameters are the CLI's flags with underscores (`q`, `municipality`,
//! `county`, `partner`, `from`, `to`, `undated`, `min_sek`, `max_sek`,
//! `form`, `in_force`, `sort`, `limit`, `offset`, `by`, `items`), plus
//! `facets=true` for counts per län, kommun, form, partner and year, and
//! `by` with `group` to select the agreements of one funding row. Empty
//! values count as absent, so a plain HTML form can send every field.
//! Unknown parameters are errors, so a misspelt filter is not silently
//! ignored.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use crate::record::Record;
use crate::register::Entry;
use crate::search::{
    By, Filters, FundingOptions, FundingSort, RegisterResponse, SearchError, SearchRequest, Sort,
    Undated,
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
    pub form: Option<String>,
    pub in_force: Option<String>,
    pub undated: Option<String>,
    pub facets: Option<String>,
    pub items: Option<String>,
    pub group: Option<String>,
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
            form: text(&self.form),
            in_force: number("in_force", &self.in_force, "a year")?,
            undated: match given(&self.undated) {
                None | Some("exclude") => Undated::Exclude,
                Some("include") => Undated::Include,
                Some(s) => {
                    return Err(ApiError::bad_request(format!(
                        "undated {s:?}: not one of include, exclude"
                    )));
                }
            },
        })
    }

    /// True when `facets` asks for facets (`true`, `1`, `yes`).
    pub fn facets(&self) -> Result<bool, ApiError> {
        match given(&self.facets) {
            None | Some("false" | "0" | "no") => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some(s) => Err(ApiError::bad_request(format!(
                "facets {s:?}: not true or false"
            ))),
        }
    }

    /// The query string, checked for length.
    fn query(&self) -> Result<String, ApiError> {
        let query = given(&self.q).unwrap_or("");
        let chars = query.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(ApiError::bad_request(format!(
                "q has {chars} characters; at most {MAX_QUERY_CHARS} are searched"
            )));
        }
        Ok(query.to_string())
    }

    /// How a funding report is grouped, sorted and cut: `by`, `sort` (a
    /// column, `sek` by default), `limit` (rows) and `items` (agreements
    /// listed per row); all rows and all agreements unless cut.
    pub fn funding_options(&self) -> Result<FundingOptions, ApiError> {
        let sort = match given(&self.sort) {
            None => FundingSort::Sek,
            Some(s) => FundingSort::ALL
                .iter()
                .find(|(name, _)| *name == s)
                .map(|(_, v)| *v)
                .ok_or_else(|| {
                    let names: Vec<&str> = FundingSort::ALL.iter().map(|(n, _)| *n).collect();
                    ApiError::bad_request(format!("sort {s:?}: not one of {}", names.join(", ")))
                })?,
        };
        Ok(FundingOptions {
            by: self.by()?,
            sort,
            limit: number("limit", &self.limit, "a whole number of rows")?,
            items: number("items", &self.items, "a whole number of agreements")?,
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
        Ok(SearchRequest {
            query: self.query()?,
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
    let p = params(q)?;
    let (req, facets) = (p.search_request()?, p.facets()?);
    blocking(&state, move |s| s.search_pages(&req, facets))
        .await
        .map(Json)
}

/// A JSON body already written out.
fn json_bytes(b: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], b).into_response()
}

/// `GET /api/funding`: the funding report `iop funding --format json` prints.
pub async fn funding(
    State(state): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let (query, filters, opts) = (p.query()?, p.filters()?, p.funding_options()?);
    let key = state
        .searcher
        .answer_key("funding", &query, &filters, &opts);
    if let Some(b) = key.as_deref().and_then(|k| state.searcher.kept_answer(k)) {
        return Ok(json_bytes(b));
    }
    blocking(&state, move |s| {
        s.cached(key.as_deref(), |s| s.funding_json(&query, &filters, opts))
    })
    .await
    .map(json_bytes)
}

/// `GET /api/agreements`: one page of the register (`limit`, `offset`), the
/// agreements `iop agreements --format json` prints for the same filters;
/// with `by` and `group`, only the agreements of that funding row.
pub async fn agreements(
    State(state): State<AppState>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let (query, filters, facets) = (p.query()?, p.filters()?, p.facets()?);
    let limit: usize = number("limit", &p.limit, "a whole number of agreements")?
        .unwrap_or(DEFAULT_LIMIT)
        .min(MAX_API_LIMIT);
    let offset: usize = number("offset", &p.offset, "a whole number of agreements")?.unwrap_or(0);
    let group = match given(&p.group) {
        Some(g) => Some((p.by()?, g.to_string())),
        None => None,
    };
    let key = state.searcher.answer_key(
        "agreements",
        &query,
        &filters,
        &(&group, offset, limit, facets),
    );
    if let Some(b) = key.as_deref().and_then(|k| state.searcher.kept_answer(k)) {
        return Ok(json_bytes(b));
    }
    blocking(&state, move |s| {
        s.cached(key.as_deref(), |s| {
            let answer = s.agreements(&query, &filters, group.as_ref(), offset, limit, facets)?;
            s.to_json(&answer, "agreements")
        })
    })
    .await
    .map(json_bytes)
}

/// `GET /api/agreements/{id}`: one agreement with every page, claim, amount
/// and piece of evidence, as `iop agreements --format json` prints it.
pub async fn agreement(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Entry>, ApiError> {
    let wanted = id.clone();
    match blocking(&state, move |s| s.agreement(&wanted)).await? {
        Some(e) => Ok(Json(e)),
        None => Err(ApiError::not_found(format!("no agreement with id {id:?}"))),
    }
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
