//! Search over a small index of hand-written Swedish records
//! (`fixtures/records/sample.jsonl`).

use super::*;
use crate::index::Indexer;

const SAMPLE: &str = include_str!("../../fixtures/records/sample.jsonl");

pub(super) fn sample() -> Vec<Record> {
    SAMPLE
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

pub(super) fn indexed() -> (tempfile::TempDir, Searcher) {
    let d = tempfile::tempdir().unwrap();
    let mut ix = Indexer::open(d.path()).unwrap();
    for r in sample() {
        ix.upsert(&r).unwrap();
    }
    ix.finish().unwrap();
    let s = Searcher::open(d.path()).unwrap();
    (d, s)
}

fn ids(s: &Searcher, query: &str, filters: Filters) -> Vec<String> {
    let req = SearchRequest {
        query: query.into(),
        filters,
        ..SearchRequest::default()
    };
    let mut v: Vec<String> = s
        .search(&req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    v.sort();
    v
}

#[test]
fn stemming_finds_other_forms_of_a_word() {
    let (_d, s) = indexed();
    // "avtalet" finds "avtal" (title of lkpg-2022-blavagen) and "avtalen" (malmo)
    let found = ids(&s, "avtalet", Filters::default());
    assert!(
        found.contains(&"lkpg-2022-blavagen".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"malmo-2022-rodakorset".to_string()),
        "{found:?}"
    );
    // "kvinnojourer" finds "kvinnojouren"
    let found = ids(&s, "kvinnojourer", Filters::default());
    assert_eq!(found, ["lkpg-2023-kvinnojouren", "umea-2021-kvinnojourer"]);
}

#[test]
fn phrases_booleans_and_fields() {
    let (_d, s) = indexed();
    assert_eq!(
        ids(&s, "\"blå vägen\"", Filters::default()),
        ["lkpg-2022-blavagen"]
    );
    assert_eq!(
        ids(&s, "kvinnojour NOT umeå", Filters::default()),
        ["lkpg-2023-kvinnojouren"]
    );
    assert_eq!(
        ids(&s, "partner:räddningsmissionen", Filters::default()),
        ["gbg-2024-raddningsmissionen"]
    );
    assert_eq!(
        ids(&s, "code:0581", Filters::default()),
        ["nkpg-2024-stadsmissionen"]
    );
    assert_eq!(
        ids(&s, "speaker:\"Karin Lund\"", Filters::default()),
        ["gbg-2024-raddningsmissionen"]
    );
    assert_eq!(ids(&s, "form:agreement", Filters::default()).len(), 2);
}

#[test]
fn every_filter_narrows() {
    let (_d, s) = indexed();
    let all = |f: Filters| ids(&s, "", f);
    let f = Filters::default;
    assert_eq!(all(f()).len(), 7);
    assert_eq!(
        all(Filters {
            municipality: Some("Linköping".into()),
            ..f()
        }),
        ["lkpg-2022-blavagen", "lkpg-2023-kvinnojouren"]
    );
    assert_eq!(
        all(Filters {
            municipality: Some("1280".into()),
            ..f()
        }),
        ["malmo-2022-rodakorset", "skane-2023-helamanniskan"]
    );
    assert_eq!(
        all(Filters {
            county: Some("Östergötland".into()),
            ..f()
        })
        .len(),
        3
    );
    assert_eq!(
        all(Filters {
            county: Some("12".into()),
            ..f()
        })
        .len(),
        2
    );
    assert_eq!(
        all(Filters {
            partner: Some("Hela Människan".into()),
            ..f()
        }),
        ["skane-2023-helamanniskan"]
    );
    assert_eq!(
        all(Filters {
            from: Some("2024".into()),
            ..f()
        }),
        ["gbg-2024-raddningsmissionen", "nkpg-2024-stadsmissionen"]
    );
    assert_eq!(
        all(Filters {
            from: Some("2022-02".into()),
            to: Some("2022-12-31".into()),
            ..f()
        }),
        ["lkpg-2022-blavagen", "malmo-2022-rodakorset"]
    );
    assert_eq!(
        all(Filters {
            min_sek: Some(1_000_000),
            ..f()
        }),
        [
            "gbg-2024-raddningsmissionen",
            "lkpg-2023-kvinnojouren",
            "skane-2023-helamanniskan"
        ]
    );
    assert_eq!(
        all(Filters {
            min_sek: Some(300_000),
            max_sek: Some(850_000),
            ..f()
        }),
        ["lkpg-2022-blavagen", "nkpg-2024-stadsmissionen"]
    );
}

#[test]
fn sorts_by_date_and_amount_keeping_scores() {
    let (_d, s) = indexed();
    let run = |sort| {
        s.search(&SearchRequest {
            sort,
            ..SearchRequest::default()
        })
        .unwrap()
        .hits
    };
    let by_date = run(Sort::Published);
    assert_eq!(by_date[0].id, "gbg-2024-raddningsmissionen");
    assert_eq!(by_date[6].id, "umea-2021-kvinnojourer");
    let by_sek = run(Sort::Sek);
    let sek: Vec<Option<i64>> = by_sek.iter().map(|h| h.public_sek_per_year).collect();
    assert_eq!(sek[0], Some(4_500_000));
    assert_eq!(sek[4], Some(300_000));
    assert_eq!(&sek[5..], [None, None]);
    let scored = s
        .search(&SearchRequest {
            query: "partnerskap".into(),
            sort: Sort::Sek,
            ..SearchRequest::default()
        })
        .unwrap();
    assert!(scored.hits.iter().all(|h| h.score > 0.0));
}

#[test]
fn hits_carry_source_snippet_and_paging() {
    let (_d, s) = indexed();
    let r = s
        .search(&SearchRequest {
            query: "kvinnojourer".into(),
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(r.total, 2);
    let h = r
        .hits
        .iter()
        .find(|h| h.id == "lkpg-2023-kvinnojouren")
        .unwrap();
    assert_eq!(
        h.url.as_deref(),
        Some("https://www.linkoping.se/nyheter/2023/iop-kvinnojouren/")
    );
    assert_eq!(h.code.as_deref(), Some("0580"));
    assert_eq!(h.partners, ["Kvinnojouren i Linköping"]);
    assert_eq!(h.public_sek_per_year, Some(1_200_000));
    assert!(
        h.snippet.contains("**Kvinnojouren**") || h.snippet.contains("**kvinnojouren**"),
        "{}",
        h.snippet
    );
    assert!(h.snippet_html.contains("<b>"), "{}", h.snippet_html);
    let page = s
        .search(&SearchRequest {
            query: "kvinnojourer".into(),
            limit: 1,
            offset: 1,
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.hits.len(), 1);
    let none = s
        .search(&SearchRequest {
            limit: 0,
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!((none.total, none.hits.len()), (7, 0));
}

#[test]
fn bad_query_is_a_usage_error() {
    let (_d, s) = indexed();
    for q in ["nosuchfield:avtal", "published:>abc"] {
        let e = s
            .search(&SearchRequest {
                query: q.into(),
                ..SearchRequest::default()
            })
            .unwrap_err();
        assert!(e.is_usage(), "{q}: {e}");
    }
}

#[test]
fn records_and_record_by_id_return_the_stored_evidence() {
    let (_d, s) = indexed();
    let r = s.record("gbg-2024-raddningsmissionen").unwrap().unwrap();
    assert_eq!(r, sample()[5]);
    assert!(s.record("nope").unwrap().is_none());
    let lk = s
        .records(&Filters {
            municipality: Some("0580".into()),
            ..Filters::default()
        })
        .unwrap();
    assert_eq!(lk.len(), 2);
}

#[test]
fn upsert_replaces_the_document_with_the_same_id() {
    let (d, s) = indexed();
    let mut ix = Indexer::open(d.path()).unwrap();
    let mut changed = sample()[0].clone();
    changed.source.title = Some("Ny rubrik om kvinnojouren".into());
    for r in sample().iter().skip(1) {
        ix.upsert(r).unwrap();
    }
    ix.upsert(&changed).unwrap();
    ix.finish().unwrap();
    s.reload().unwrap();
    assert_eq!(s.num_docs(), 7);
    let r = s.record(&changed.id).unwrap().unwrap();
    assert_eq!(r.source.title.as_deref(), Some("Ny rubrik om kvinnojouren"));
}

#[test]
fn funding_over_the_index_by_hand() {
    let (_d, s) = indexed();
    let opts = |by| FundingOptions {
        by,
        ..FundingOptions::default()
    };
    let m = s
        .funding("", &Filters::default(), opts(By::Municipality))
        .unwrap();
    let row = |key: &str| m.rows.iter().find(|r| r.key == key).unwrap();
    assert_eq!(m.rows[0].code.as_deref(), Some("1480"));
    assert_eq!(row("1480").sek_per_inhabitant, Some(7.34)); // 4 500 000 / 613 250
    assert_eq!(row("0580").public_sek_per_year, Some(1_500_000));
    assert_eq!(row("0580").sek_per_inhabitant, Some(8.89)); // 1 500 000 / 168 737
    // Malmö's own agreement states no figure: unknown, not 0
    assert_eq!(row("1280").agreements, 1);
    assert_eq!(row("1280").agreements_without_figure, 1);
    assert_eq!(row("1280").public_sek_per_year, None);
    assert_eq!(row("1280").sek_per_inhabitant, None);
    // Region Skåne's agreement with Malmö: one row, per inhabitant of Skåne
    assert_eq!(row("12+1280").name, "Region Skåne + Malmö stad");
    assert_eq!(row("12+1280").sek_per_inhabitant, Some(1.40)); // 2 000 000 / 1 433 564
    assert_eq!(row("0581").sek_per_inhabitant, Some(5.86)); // 850 000 / 145 042
    assert_eq!(m.public_sek_per_year, Some(8_850_000));
    assert_eq!((m.agreements, m.agreements_without_figure), (6, 1));
    let sum: i64 = m.rows.iter().filter_map(|r| r.public_sek_per_year).sum();
    assert_eq!(Some(sum), m.public_sek_per_year);
    let c = s
        .funding("", &Filters::default(), opts(By::County))
        .unwrap();
    let ost = c.rows.iter().find(|r| r.key == "05").unwrap();
    assert_eq!(
        (ost.agreements, ost.public_sek_per_year),
        (3, Some(2_350_000))
    );
    let skane = c.rows.iter().find(|r| r.key == "12").unwrap();
    assert_eq!(
        (skane.agreements, skane.public_sek_per_year),
        (2, Some(2_000_000))
    );
}

#[test]
fn words_of_a_field_query_are_marked_in_the_text() {
    let (_d, s) = indexed();
    let r = s
        .search(&SearchRequest {
            query: "partner:räddningsmissionen".into(),
            ..SearchRequest::default()
        })
        .unwrap();
    let snip = &r.hits[0].snippet;
    assert!(snip.contains("**Räddningsmissionen**"), "{snip}");
    assert!(!snip.contains('\n'), "whitespace is folded: {snip}");
}

#[test]
fn a_searcher_can_be_shared_between_threads() {
    fn shared<T: Send + Sync + 'static>() {}
    shared::<Searcher>();
    shared::<SearchError>();
}

#[test]
fn the_register_is_built_once_per_commit_and_rebuilt_after_one() {
    let (d, s) = indexed();
    let first = s.full_register().unwrap();
    assert!(Arc::ptr_eq(&first, &s.full_register().unwrap()));
    // hits name the same entries from the shared register as from a local one
    let ids: Vec<String> = sample().into_iter().map(|r| r.id).collect();
    let shared = s.agreements_of_pages(&ids).unwrap();
    let local = Searcher::open(d.path())
        .unwrap()
        .agreements_of_pages(&ids)
        .unwrap();
    assert_eq!(shared, local);

    // a new commit: the next call builds the register again, with the new page
    let mut extra = sample().remove(0);
    extra.id = "extra-page".into();
    let mut ix = Indexer::open(d.path()).unwrap();
    ix.upsert(&extra).unwrap();
    ix.finish().unwrap();
    s.reload().unwrap();
    let second = s.full_register().unwrap();
    assert!(!Arc::ptr_eq(&first, &second));
    assert!(!second.agreements_of("extra-page").is_empty());
}

#[test]
fn in_force_counts_agreements_without_a_settled_period_apart() {
    let (_d, s) = indexed();
    let f = Filters {
        in_force: Some(2024),
        ..Filters::default()
    };
    let (view, sel) = s.select("", &f).unwrap();
    let partners: Vec<&str> = sel
        .entries
        .iter()
        .map(|&i| view.register.entries[i].partners[0].as_str())
        .collect();
    // Kvinnojouren 2023-2026, Stadsmissionen 2024-2025, Hela Människan
    // 2023-2025 and Räddningsmissionen from 2024-07-01 are in force in 2024
    assert_eq!(sel.entries.len(), 4, "{partners:?}");
    // Röda Korset (from 2022-11) and Blå Vägen (from 2022-02) name no end
    assert_eq!(sel.left_out.open_period, 2);
    assert_eq!(sel.left_out.no_period, 0);
    let f = Filters {
        in_force: Some(2022),
        ..Filters::default()
    };
    let (_, sel) = s.select("", &f).unwrap();
    assert_eq!(sel.entries.len(), 2, "both start in 2022");
}

#[test]
fn facets_count_pages_and_agreements_and_know_what_is_selected() {
    let (_d, s) = indexed();
    let req = SearchRequest {
        query: "partnerskap".into(),
        filters: Filters {
            county: Some("05".into()),
            ..Filters::default()
        },
        ..SearchRequest::default()
    };
    let res = s.search_pages(&req, true).unwrap();
    let facets = res.facets.unwrap();
    let county = facets.iter().find(|f| f.name == "county").unwrap();
    assert_eq!(county.values.len(), 1);
    assert_eq!(county.values[0].label, "Östergötlands län");
    assert_eq!(county.values[0].count, res.total);
    assert!(county.values[0].selected);
    let year = facets.iter().find(|f| f.name == "year").unwrap();
    assert_eq!(year.values[0].set["from"], year.values[0].set["to"]);
    let a = s
        .agreements("", &Filters::default(), None, 0, 0, true)
        .unwrap();
    let facets = a.facets.unwrap();
    let kommun = facets.iter().find(|f| f.name == "municipality").unwrap();
    let malmo = kommun
        .values
        .iter()
        .find(|v| v.label == "Malmö stad")
        .unwrap();
    assert_eq!(
        malmo.count, 2,
        "its own agreement and the one with Region Skåne"
    );
    assert!(a.agreements.is_empty() && a.total == 6);
}

#[test]
fn kept_answers_are_dropped_when_the_index_changes() {
    let (d, s) = indexed();
    let count = |s: &Searcher| {
        let b = s
            .cached(Some("all agreements"), |s| {
                let a = s.agreements("", &Filters::default(), None, 0, 0, false)?;
                s.to_json(&a, "agreements")
            })
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
        v["total"].as_u64().unwrap()
    };
    assert_eq!(count(&s), 6);
    assert_eq!(count(&s), 6, "kept");
    let mut ix = Indexer::open(d.path()).unwrap();
    let mut extra = sample()[0].clone();
    extra.id = "another".into();
    extra.agreements[0].partners[0].name = "Tjejjouren Linköping".into();
    ix.upsert(&extra).unwrap();
    ix.finish().unwrap();
    s.reload().unwrap();
    assert_eq!(count(&s), 7, "a new agreement after the commit");
}

#[test]
fn a_partner_filter_wants_every_word_in_one_partner_of_the_agreement() {
    let d = tempfile::tempdir().unwrap();
    let mut ix = Indexer::open(d.path()).unwrap();
    let mut two = sample().remove(0);
    two.id = "two-partners".into();
    two.agreements[0].partners = vec![
        crate::record::Partner {
            name: "Tjejjouren Iris".into(),
        },
        crate::record::Partner {
            name: "Blå Vägen".into(),
        },
    ];
    for r in sample().into_iter().chain([two]) {
        ix.upsert(&r).unwrap();
    }
    ix.finish().unwrap();
    let s = Searcher::open(d.path()).unwrap();
    let partners = |words: &str| -> Vec<Vec<String>> {
        let f = Filters {
            partner: Some(words.into()),
            ..Filters::default()
        };
        let (view, sel) = s.select("", &f).unwrap();
        sel.entries
            .iter()
            .map(|&i| view.register.entries[i].partners.clone())
            .collect()
    };
    assert_eq!(partners("blå vägen").len(), 2, "its own and the joint one");
    assert_eq!(
        partners("tjejjouren iris"),
        [["Tjejjouren Iris", "Blå Vägen"]]
    );
    assert!(
        partners("tjejjouren vägen").is_empty(),
        "the words of two partners are no one partner"
    );
    assert_eq!(partners("Kvinnojourer").len(), 1, "stemmed as the index is");
    assert!(
        partners("simhallsföreningen").is_empty(),
        "a word no partner has"
    );
}
