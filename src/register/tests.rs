//! Unit tests of linking and merging on small hand-made records.

use super::*;
use crate::record::{Agreement, Amount, Evidence, Form, Partner, Party, Payer, Per, Source};

fn party(code: &str) -> Party {
    Reference::embedded().by_code(code).unwrap().party()
}

fn agreement(
    code: &str,
    partner: &str,
    start: Option<&str>,
    end: Option<&str>,
    yearly: Option<i64>,
) -> Agreement {
    Agreement {
        form: Form::Iop,
        public_parties: vec![party(code)],
        partners: vec![Partner {
            name: partner.into(),
        }],
        start: start.map(|s| s.parse().unwrap()),
        end: end.map(|s| s.parse().unwrap()),
        duration_months: None,
        extension_months: None,
        amounts: yearly
            .map(|v| Amount {
                sek: v,
                per: Some(Per::Year),
                payer: Some(Payer::Public),
                text: format!("{v} kronor per år"),
            })
            .into_iter()
            .collect(),
        public_sek_per_year: yearly,
        evidence: vec![Evidence {
            field: "partners".into(),
            quote: partner.into(),
        }],
    }
}

fn record(
    id: &str,
    published: Option<&str>,
    own: Option<&str>,
    agreements: Vec<Agreement>,
) -> Record {
    Record {
        id: id.into(),
        source: Source {
            url: Some(format!("https://example.se/{id}")),
            published: published.map(|s| s.parse().unwrap()),
            publisher: own.map(party),
            ..Source::default()
        },
        text: String::new(),
        agreements,
        quotes: vec![],
    }
}

fn build(records: &[Record]) -> Register {
    Register::build(records, Reference::embedded())
}

/// The page sets of the entries, each sorted, the whole sorted.
fn page_sets(reg: &Register) -> Vec<Vec<String>> {
    let mut v: Vec<Vec<String>> = reg
        .entries
        .iter()
        .map(|e| {
            let mut p: Vec<String> = e.pages.iter().map(|p| p.record_id.clone()).collect();
            p.sort();
            p
        })
        .collect();
    v.sort();
    v
}

#[test]
fn three_pages_of_one_agreement_are_one_entry() {
    let recs = vec![
        record(
            "press",
            Some("2021-06-15"),
            Some("0880"),
            vec![agreement(
                "0880",
                "Kvinnojouren Kalmar",
                Some("2022-01-01"),
                Some("2024-12-31"),
                Some(650_000),
            )],
        ),
        record(
            "paper",
            Some("2021-06-16"),
            None,
            vec![agreement(
                "0880",
                "Kvinnojouren i Kalmar",
                Some("2022"),
                None,
                Some(650_000),
            )],
        ),
        record(
            "newsroom",
            Some("2021-06-15"),
            Some("0880"),
            vec![agreement("0880", "kvinnojouren Kalmar", None, None, None)],
        ),
    ];
    let reg = build(&recs);
    assert_eq!(page_sets(&reg), [["newsroom", "paper", "press"]]);
    let e = &reg.entries[0];
    assert_eq!(e.start.unwrap().to_string(), "2022-01-01");
    assert_eq!(e.end.unwrap().to_string(), "2024-12-31");
    assert_eq!(e.public_sek_per_year, Some(650_000));
    assert_eq!(e.amounts.len(), 1);
    assert_eq!(e.amounts[0].sources.len(), 2);
    assert_eq!(e.evidence.len(), 3);
    assert!(e.conflicts.is_empty());
    assert_eq!(e.county.as_deref(), Some("Kalmar län"));
    assert_eq!(
        reg.agreements_of("paper"),
        std::slice::from_ref(&e.agreement_id)
    );
}

#[test]
fn a_renewal_is_a_new_agreement_of_the_same_partnership() {
    let recs = vec![
        record(
            "first",
            Some("2019-07-01"),
            Some("0580"),
            vec![agreement(
                "0580",
                "Brottsofferjouren i Linköping",
                Some("2020-01-01"),
                Some("2022-12-31"),
                Some(553_200),
            )],
        ),
        record(
            "renewal",
            Some("2022-11-20"),
            Some("0580"),
            vec![agreement(
                "0580",
                "Brottsofferjouren Linköping",
                Some("2023-01-01"),
                Some("2025-12-31"),
                Some(600_000),
            )],
        ),
        record(
            "paper",
            Some("2022-11-22"),
            None,
            vec![agreement(
                "0580",
                "Brottsofferjouren i Linköping",
                None,
                None,
                None,
            )],
        ),
    ];
    let reg = build(&recs);
    assert_eq!(page_sets(&reg), [vec!["first"], vec!["paper", "renewal"]]);
    assert_eq!(reg.entries[0].partnership_id, reg.entries[1].partnership_id);
    assert_ne!(reg.entries[0].agreement_id, reg.entries[1].agreement_id);
    assert_eq!(reg.partnerships().len(), 1);
}

#[test]
fn similar_organisations_of_one_kommun_stay_apart() {
    let recs = vec![
        record(
            "a",
            Some("2024-03-04"),
            Some("1233"),
            vec![
                agreement(
                    "1233",
                    "Brottsofferjouren Söderslätt",
                    Some("2024-01"),
                    Some("2027"),
                    None,
                ),
                agreement(
                    "1233",
                    "Kvinnojouren Söderslätt",
                    Some("2024-01"),
                    Some("2027"),
                    None,
                ),
            ],
        ),
        record(
            "b",
            Some("2024-03-05"),
            None,
            vec![agreement(
                "1233",
                "Kvinnojouren Söderslätt",
                Some("2024"),
                None,
                None,
            )],
        ),
    ];
    let reg = build(&recs);
    assert_eq!(page_sets(&reg), [vec!["a"], vec!["a", "b"]]);
}

#[test]
fn different_yearly_sums_are_both_kept_and_flagged() {
    let recs = vec![
        record(
            "own",
            Some("2023-01-10"),
            Some("2480"),
            vec![agreement(
                "2480",
                "Fritidsbanken i Umeå",
                Some("2023"),
                Some("2025"),
                Some(1_000_000),
            )],
        ),
        record(
            "paper",
            Some("2023-01-12"),
            None,
            vec![agreement(
                "2480",
                "Fritidsbanken Umeå",
                Some("2023"),
                None,
                Some(1_200_000),
            )],
        ),
    ];
    let reg = build(&recs);
    assert_eq!(reg.entries.len(), 1);
    let e = &reg.entries[0];
    // one page each: the public body's own page decides
    assert_eq!(e.public_sek_per_year, Some(1_000_000));
    assert_eq!(e.conflicts, ["public_sek_per_year"]);
    let values: Vec<&str> = e
        .claims
        .iter()
        .filter(|c| c.field == "public_sek_per_year")
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(values, ["1000000", "1200000"]);
}

#[test]
fn ids_do_not_depend_on_input_order_or_added_pages() {
    let a = record(
        "a",
        Some("2021-06-15"),
        Some("0880"),
        vec![agreement(
            "0880",
            "Kvinnojouren Kalmar",
            Some("2022-01-01"),
            None,
            None,
        )],
    );
    let b = record(
        "b",
        Some("2021-06-20"),
        None,
        vec![agreement("0880", "Kvinnojouren Kalmar", None, None, None)],
    );
    let c = record(
        "c",
        Some("2018-02-01"),
        None,
        vec![agreement("0880", "Röda Korset", None, None, None)],
    );
    let one = build(&[a.clone(), c.clone()]);
    let two = build(&[c, b, a]);
    let ids = |r: &Register| {
        let mut v: Vec<String> = r.entries.iter().map(|e| e.agreement_id.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(ids(&one), ids(&two));
    assert_eq!(two.entries.iter().map(|e| e.pages.len()).sum::<usize>(), 3);
}

#[test]
fn an_undated_page_fitting_two_agreements_is_not_guessed() {
    let recs = vec![
        record(
            "x",
            Some("2018-12-01"),
            None,
            vec![agreement(
                "0484",
                "Stadsmissionen i Eskilstuna",
                None,
                None,
                Some(1_686_000),
            )],
        ),
        record(
            "y",
            Some("2020-02-27"),
            None,
            vec![agreement(
                "0484",
                "Eskilstuna stadsmission",
                None,
                None,
                None,
            )],
        ),
        record(
            "z",
            None,
            Some("0484"),
            vec![agreement(
                "0484",
                "Eskilstuna Stadsmission",
                None,
                None,
                None,
            )],
        ),
    ];
    let reg = build(&recs);
    assert_eq!(page_sets(&reg), [["x"], ["y"], ["z"]]);
    let z = reg
        .entries
        .iter()
        .find(|e| e.pages[0].record_id == "z")
        .unwrap();
    assert_eq!(z.possibly_same_as.len(), 2);
}

#[test]
fn a_decided_extension_moves_the_end_and_is_flagged() {
    let recs = vec![
        record(
            "a",
            Some("2019-07-01"),
            Some("0580"),
            vec![agreement(
                "0580",
                "Brottsofferjouren i Linköping",
                Some("2020-01-01"),
                Some("2022-12-31"),
                None,
            )],
        ),
        record(
            "b",
            Some("2022-06-01"),
            Some("0580"),
            vec![agreement(
                "0580",
                "Brottsofferjouren i Linköping",
                Some("2020-01-01"),
                Some("2025-12-31"),
                None,
            )],
        ),
    ];
    let reg = build(&recs);
    assert_eq!(reg.entries.len(), 1);
    assert_eq!(reg.entries[0].end.unwrap().to_string(), "2025-12-31");
    assert_eq!(reg.entries[0].conflicts, ["end"]);
}

#[test]
fn agreements_without_a_coded_body_stay_on_their_own() {
    let mut a = agreement("0580", "Piraterna", None, None, None);
    a.public_parties.clear();
    let recs = vec![
        record("p1", None, None, vec![a.clone()]),
        record("p2", None, None, vec![a]),
    ];
    let reg = build(&recs);
    assert_eq!(reg.entries.len(), 2);
}

#[test]
fn one_page_with_two_undated_agreements_of_one_partnership_gives_two_ids() {
    // a page that reports two agreements with the same club and no dates
    // (a lease and a operating agreement, say) must give two distinct ids
    let r = record(
        "p",
        Some("2021-03-01"),
        Some("1484"),
        vec![
            agreement("1484", "Tennisklubben Gullmaren", None, None, None),
            agreement("1484", "Tennisklubben Gullmaren", None, None, None),
        ],
    );
    let reg = build(std::slice::from_ref(&r));
    assert_eq!(reg.entries.len(), 2);
    assert_ne!(reg.entries[0].agreement_id, reg.entries[1].agreement_id);
    assert_eq!(reg.agreements_of("p").len(), 2);
}

#[test]
fn agreements_of_two_different_named_units_stay_apart() {
    // two nämnder of one region each with an agreement with the same
    // organisation, both ending the same day: two agreements
    let mut a = agreement(
        "14",
        "Svenska Röda Korset",
        Some("2015"),
        Some("2019-12-31"),
        None,
    );
    a.public_parties[0].unit = Some("Hälso- och sjukvårdsstyrelsen".into());
    let mut b = agreement("14", "Svenska Röda Korset", None, Some("2019-12-31"), None);
    b.public_parties[0].unit = Some("Östra hälso- och sjukvårdsnämnden".into());
    let mut c = agreement("14", "Svenska Röda Korset", None, Some("2019-12-31"), None);
    c.public_parties[0].unit = Some("östra hälso- och sjukvårdsnämnden".into());
    let reg = build(&[
        record("a", Some("2019-05-01"), None, vec![a]),
        record("b", Some("2020-05-28"), None, vec![b]),
        record("c", Some("2020-06-02"), None, vec![c]),
    ]);
    assert_eq!(
        page_sets(&reg),
        vec![vec!["a".to_string()], vec!["b".into(), "c".into()]]
    );
}
