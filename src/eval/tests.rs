//! Unit tests of the scorer: tallies, alignment, evidence and the printed forms.

use serde_json::{Value, json};

use super::*;

fn gold(file: &str, record: Value) -> Gold {
    Gold {
        file: file.to_string(),
        record,
    }
}

fn brottsoffer_gold() -> Gold {
    gold(
        "a.html",
        json!({
            "file": "a.html",
            "source": {"published": "2019-07-01"},
            "agreements": [{
                "form": "iop",
                "public_parties": [{"name": "Linköpings kommun", "code": "0580", "kind": "kommun"}],
                "partners": [{"name": "Brottsofferjouren i Linköping"}],
                "start": "2020-01-01", "end": "2022-12-31", "duration_months": 36,
                "amounts": [{"sek": 553200, "per": "year", "payer": "public", "text": "553 200 kronor per år"}],
                "public_sek_per_year": 553200
            }],
            "quotes": [{"speaker": "Anna Berg", "role": "ordförande", "text": "Vi är glada över avtalet"}]
        }),
    )
}

const PAGE: &str = "<html><head><title>x</title><script>var t='553 200 kronor';</script></head>\
    <body><p>Linköpings kommun tecknar IOP med Brottsofferjouren i&nbsp;Linköping.</p>\
    <p>Kommunen betalar <b>553&#160;200 kronor</b> per år.</p></body></html>";

fn doc(_: &str) -> Option<Vec<u8>> {
    Some(PAGE.as_bytes().to_vec())
}

#[test]
fn a_perfect_prediction_scores_one_everywhere() {
    let g = brottsoffer_gold();
    let mut p = g.record.clone();
    p["source"]["path"] = json!("pages/a.html");
    p["agreements"][0]["evidence"] = json!([
        {"field": "partners", "quote": "Brottsofferjouren i Linköping"},
        {"field": "amounts[0]", "quote": "553 200 kronor per år"}
    ]);
    let r = score(&[g], [p], 0, doc);
    for f in &r.fields {
        assert_eq!(f.f1, 1.0, "{}", f.name);
    }
    assert_eq!(r.core_macro_f1, 1.0);
    assert_eq!(r.evidence_verbatim, Some(1.0));
    // partners and amounts have evidence; public parties, start, end, duration do not
    assert_eq!(r.evidence_coverage, Some(2.0 / 6.0));
    assert!(r.errors.is_empty());
}

#[test]
fn a_missing_document_counts_as_unread_and_missed() {
    let r = score(&[brottsoffer_gold()], Vec::<Value>::new(), 0, doc);
    let read = r.field("documents_read").unwrap();
    assert_eq!((read.tp, read.fn_), (0, 1));
    assert_eq!(r.field("is_agreement").unwrap().fn_, 1);
    assert_eq!(r.field("quote_speakers").unwrap().fn_, 1);
    assert_eq!(r.evidence_verbatim, None);
}

#[test]
fn predictions_find_their_gold_by_stem_when_the_extension_differs() {
    let g = gold(
        "b.txt",
        json!({"file": "b.txt", "source": {}, "agreements": [], "quotes": []}),
    );
    let p = json!({"source": {"path": "x/b.html"}, "agreements": [], "quotes": []});
    let r = score(&[g], [p], 0, |_| None);
    assert_eq!(r.predicted_documents, 1);
    assert_eq!(r.f1("documents_read"), 1.0);
}

#[test]
fn wrong_values_are_tallied_per_field() {
    let g = brottsoffer_gold();
    let mut p = g.record.clone();
    p["source"]["path"] = json!("a.html");
    p["source"]["published"] = json!("2019-06");
    let a = &mut p["agreements"][0];
    a["partners"] = json!([{"name": "Brottsofferjouren"}]);
    a["public_parties"][0]["code"] = json!("0581");
    a["start"] = json!("2020");
    a["amounts"][0]["payer"] = json!("combined");
    a["evidence"] = json!([{"field": "start", "quote": "från och med 2020"}]);
    p["quotes"][0]["speaker"] = json!("Berg");
    p["quotes"][0]["role"] = Value::Null;
    let r = score(&[g], [p], 0, doc);
    let t = |n: &str| {
        let f = r.field(n).unwrap();
        (f.tp, f.fp, f.fn_)
    };
    assert_eq!(t("published"), (0, 1, 1));
    // one distinctive word of 8+ letters contained in the gold name matches
    assert_eq!(t("partners"), (1, 0, 0));
    assert_eq!(t("public_parties"), (0, 1, 1));
    assert_eq!(t("start"), (0, 1, 1));
    assert_eq!(t("amount_payer"), (0, 1, 1));
    assert_eq!(t("quote_speakers"), (1, 0, 0));
    assert_eq!(t("quote_role"), (0, 0, 1));
    assert_eq!(r.evidence_verbatim, Some(0.0));
    assert!(
        r.errors
            .iter()
            .any(|e| e == "a.html: start: gold=\"2020-01-01\" pred=\"2020\"")
    );
}

#[test]
fn spurious_agreements_on_a_negative_page_are_false_positives() {
    let g = gold(
        "n.html",
        json!({"file": "n.html", "source": {}, "agreements": [], "quotes": []}),
    );
    let p = json!({"source": {"path": "n.html"}, "quotes": [], "agreements": [
        {"form": "iop", "partners": [{"name": "Röda Korset"}], "public_parties": [], "amounts": [],
         "start": "2020", "evidence": []}]});
    let r = score(&[g], [p], 0, |_| None);
    assert_eq!(r.field("is_agreement").map(|f| f.fp), Some(1));
    assert_eq!(r.field("agreements").map(|f| f.fp), Some(1));
    assert_eq!(r.f1("start"), 0.0);
    assert_eq!(r.evidence_coverage, Some(0.0));
}

#[test]
fn the_table_and_json_read_as_the_reference_prints_them() {
    let r = score(&[brottsoffer_gold()], Vec::<Value>::new(), 2, doc);
    let table = r.table(false);
    assert!(table.starts_with("documents: 1 gold, 0 predicted, 2 unparsable lines\n"));
    assert!(table.contains("field                       P      R     F1   tp  fp  fn\n"));
    assert!(table.contains("documents_read          0.000  0.000  0.000    0   0   1\n"));
    assert!(table.contains("evidence verbatim: None   evidence coverage: None\n"));
    let v: Value = serde_json::from_str(&r.to_json(false)).unwrap();
    assert_eq!(v["fields"]["documents_read"]["fn"], 1);
    assert!(v.get("errors").is_none());
    assert_eq!(report::round4(2.0 / 3.0), 0.6667);
}

#[test]
fn gold_directories_load_in_name_order() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("b.gold.json"), r#"{"file": "b.html"}"#).unwrap();
    std::fs::write(d.path().join("a.gold.json"), r#"{"file": "a.txt"}"#).unwrap();
    std::fs::write(d.path().join("a.html"), "<p>x</p>").unwrap();
    let g = load_gold_dir(d.path()).unwrap();
    let files: Vec<&str> = g.iter().map(|g| g.file.as_str()).collect();
    assert_eq!(files, ["a.txt", "b.html"]);
    std::fs::write(d.path().join("c.gold.json"), "{").unwrap();
    let e = load_gold_dir(d.path()).unwrap_err().to_string();
    assert!(e.contains("c.gold.json"), "{e}");
}

#[test]
fn splitext_keeps_leading_dots() {
    assert_eq!(stem("a.gold.json"), "a.gold");
    assert_eq!(stem(".bashrc"), ".bashrc");
    assert_eq!(stem("noext"), "noext");
}
