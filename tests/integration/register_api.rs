//! Integration tests: the register through the HTTP API and the funding
//! report, checked against `iop agreements --format json` on the
//! hand-written register fixtures.

use std::collections::BTreeSet;
use std::path::Path;

use super::register::{indexed_fixtures, iop_json};
use crate::support;

/// GET a JSON endpoint of the router; the status and the body.
async fn api(app: &axum::Router, uri: &str) -> (u16, serde_json::Value) {
    use tower::ServiceExt;
    let req = axum::http::Request::builder()
        .uri(uri)
        .body(axum::body::Body::empty())
        .unwrap();
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status().as_u16();
    let body = axum::body::to_bytes(resp.into_body(), 1 << 26)
        .await
        .unwrap();
    (status, serde_json::from_slice(&body).unwrap())
}

fn router(ix: &str) -> axum::Router {
    let s = iop::search::Searcher::open(Path::new(ix)).unwrap();
    iop::serve::router(std::sync::Arc::new(s), iop::serve::Limits::default())
}

#[tokio::test]
async fn api_agreements_agree_with_iop_agreements_and_ids_are_unique() {
    let (_d, ix) = indexed_fixtures();
    let (rows, _) = iop_json(&["agreements", "--index", &ix, "--format", "json"]);
    let app = router(&ix);
    let (status, v) = api(&app, "/api/agreements?limit=1000").await;
    assert_eq!(status, 200);
    assert_eq!(v["total"], rows.len());
    assert_eq!(v["agreements"].as_array().unwrap(), &rows);
    let ids: BTreeSet<&str> = rows
        .iter()
        .map(|r| r["agreement_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), rows.len(), "agreement ids are unique");
    for r in &rows {
        let id = r["agreement_id"].as_str().unwrap();
        let (status, one) = api(&app, &format!("/api/agreements/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!(&one, r, "{id}");
    }
    let (status, v) = api(&app, "/api/agreements/agr-0000000000000000").await;
    assert_eq!(status, 404);
    assert_eq!(v["error"], "no agreement with id \"agr-0000000000000000\"");
    // filters, paging and facets as for the command line
    let (_, page) = api(&app, "/api/agreements?limit=1&offset=1&facets=true").await;
    assert_eq!(page["agreements"][0], rows[1]);
    let form = page["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "form")
        .unwrap();
    assert_eq!(form["values"][0]["set"]["form"], "iop");
    let (cli, _) = iop_json(&[
        "agreements",
        "--index",
        &ix,
        "--format",
        "json",
        "--county",
        "24",
        "--in-force",
        "2025",
    ]);
    let (_, v) = api(&app, "/api/agreements?county=24&in_force=2025&limit=1000").await;
    assert_eq!(v["agreements"].as_array().unwrap(), &cli);
}

#[tokio::test]
async fn a_partner_filter_selected_pages_not_agreements() {
    let (_d, ix) = indexed_fixtures();
    // one Umeå page reports a brottsofferjour and a kvinnojour: the filter
    // on the kvinnojour keeps that agreement alone
    let (rows, _) = iop_json(&[
        "agreements",
        "--index",
        &ix,
        "--format",
        "json",
        "--municipality",
        "Umea",
        "--partner",
        "kvinnojouren",
    ]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0]["partners"][0]
            .as_str()
            .unwrap()
            .contains("Kvinnojour")
    );
    let (_, v) = api(
        &router(&ix),
        "/api/agreements?municipality=Ume%C3%A5&partner=kvinnojouren",
    )
    .await;
    assert_eq!(v["total"], 1);
}

#[tokio::test]
async fn funding_rows_list_their_agreements_sum_to_the_total_and_in_force_counts_by_period() {
    let (_d, ix) = indexed_fixtures();
    let (agreements, _) = iop_json(&["agreements", "--index", &ix, "--format", "json"]);
    let o = support::iop()
        .args([
            "funding",
            "--index",
            &ix,
            "--format",
            "json",
            "--in-force",
            "2024",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let (_, api_report) = api(&router(&ix), "/api/funding?in_force=2024").await;
    assert_eq!(
        api_report, report,
        "the API answers what the command prints"
    );
    let rows = report["rows"].as_array().unwrap();
    let sum: i64 = rows
        .iter()
        .filter_map(|r| r["public_sek_per_year"].as_i64())
        .sum();
    assert_eq!(report["public_sek_per_year"], sum);
    let count: u64 = rows.iter().map(|r| r["agreements"].as_u64().unwrap()).sum();
    assert_eq!(report["agreements"], count);
    let by_id = |id: &str| agreements.iter().find(|a| a["agreement_id"] == id).unwrap();
    for r in rows {
        for item in r["items"].as_array().unwrap() {
            let a = by_id(item["agreement_id"].as_str().unwrap());
            assert_eq!(item["public_sek_per_year"], a["public_sek_per_year"]);
            // in force in 2024 by its own start and end
            let start = a["start"].as_str().unwrap_or("0000");
            let end = a["end"].as_str().unwrap_or("9999");
            assert!(&start[..4] <= "2024" && "2024" <= &end[..4], "{a}");
        }
    }
    // the renewal from 2027 is not in force; none is without a period here
    let renewal = agreements
        .iter()
        .find(|a| a["start"] == "2027-01-01")
        .unwrap();
    assert!(!rows.iter().any(|r| {
        r["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["agreement_id"] == renewal["agreement_id"])
    }));
    assert_eq!(report["in_force"], 2024);
    let no_period = agreements
        .iter()
        .filter(|a| a["start"].is_null() && a["end"].is_null())
        .count();
    assert_eq!(report["left_out"]["no_period"], no_period);
    assert!(err.contains("agreements in force in 2024"), "{err}");
}
