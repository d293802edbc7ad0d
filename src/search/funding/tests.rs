//! Unit tests of funding aggregation, on register entries built from small
//! hand-made records.

use super::*;
use crate::record::{Agreement, Form, Partner, Record, Source};
use crate::register::Register;

fn agreement(
    codes: &[&str],
    partners: &[&str],
    start: Option<&str>,
    end: Option<&str>,
    sek: Option<i64>,
) -> Agreement {
    let r = Reference::embedded();
    Agreement {
        form: Form::Iop,
        public_parties: codes
            .iter()
            .map(|c| r.by_code(c).unwrap().party())
            .collect(),
        partners: partners
            .iter()
            .map(|p| Partner {
                name: p.to_string(),
            })
            .collect(),
        start: start.map(|s| s.parse().unwrap()),
        end: end.map(|s| s.parse().unwrap()),
        duration_months: None,
        extension_months: None,
        amounts: vec![],
        public_sek_per_year: sek,
        evidence: vec![],
    }
}

fn record(id: &str, a: Agreement) -> Record {
    Record {
        id: id.into(),
        source: Source {
            url: Some(format!("https://example.se/{id}")),
            ..Source::default()
        },
        text: String::new(),
        agreements: vec![a],
        quotes: vec![],
    }
}

fn register() -> Register {
    let recs = vec![
        record(
            "a",
            agreement(
                &["0580"],
                &["Kvinnojouren i Linköping"],
                Some("2023"),
                Some("2025"),
                Some(1_000_000),
            ),
        ),
        record(
            "b",
            agreement(
                &["0580"],
                &["Blå Vägen"],
                Some("2024-02"),
                None,
                Some(500_000),
            ),
        ),
        record(
            "c",
            agreement(&["0580"], &["Röda Korset"], None, None, None),
        ),
        record(
            "d",
            agreement(
                &["0581"],
                &["Stadsmissionen"],
                Some("2022"),
                Some("2024"),
                Some(2_000_000),
            ),
        ),
        record(
            "e",
            agreement(&["0180"], &["Stadsmissionen"], None, None, None),
        ),
        record(
            "f",
            agreement(
                &["12", "1280"],
                &["Hela Människan"],
                Some("2023"),
                Some("2025"),
                Some(300_000),
            ),
        ),
        record(
            "g",
            Agreement {
                public_parties: vec![],
                ..agreement(&[], &["Fryshuset"], None, None, Some(100))
            },
        ),
    ];
    Register::build(&recs, Reference::embedded())
}

fn report(by: By) -> FundingReport {
    let reg = register();
    let entries: Vec<&Entry> = reg.entries.iter().collect();
    funding(
        &entries,
        FundingOptions {
            by,
            ..FundingOptions::default()
        },
        Reference::embedded(),
    )
}

#[test]
fn rows_add_up_to_the_totals_with_a_row_for_agreements_without_a_public_party() {
    for by in [By::Municipality, By::County, By::Partner] {
        let rep = report(by);
        let agreements: usize = rep.rows.iter().map(|r| r.agreements).sum();
        let without: usize = rep.rows.iter().map(|r| r.agreements_without_figure).sum();
        let sek: i64 = rep.rows.iter().filter_map(|r| r.public_sek_per_year).sum();
        assert_eq!(agreements, rep.agreements, "{by:?}");
        assert_eq!(agreements, 7, "{by:?}");
        assert_eq!(without, rep.agreements_without_figure, "{by:?}");
        assert_eq!(Some(sek), rep.public_sek_per_year, "{by:?}");
        let listed: usize = rep.rows.iter().map(|r| r.items.len()).sum();
        assert_eq!(listed, 7, "every agreement listed under its row");
    }
    let rep = report(By::Municipality);
    let none = rep.rows.iter().find(|r| r.key == "none").unwrap();
    assert_eq!(none.name, "no public party named");
    assert_eq!(none.public_sek_per_year, Some(100));
}

#[test]
fn unknown_funding_is_none_not_zero() {
    let rep = report(By::Municipality);
    let sthlm = rep.rows.iter().find(|r| r.key == "0180").unwrap();
    assert_eq!(sthlm.public_sek_per_year, None);
    assert_eq!(sthlm.sek_per_inhabitant, None);
    assert_eq!(sthlm.agreements_without_figure, 1);
    assert_eq!(sthlm.items[0].public_sek_per_year, None);
    let v = serde_json::to_value(sthlm).unwrap();
    assert!(v["public_sek_per_year"].is_null());
    // unknown sorts last
    assert_eq!(rep.rows.last().unwrap().key, "0180");
    let lkpg = rep.rows.iter().find(|r| r.key == "0580").unwrap();
    assert_eq!(lkpg.public_sek_per_year, Some(1_500_000));
    assert_eq!(lkpg.agreements_without_figure, 1);
    let figures: Vec<Option<i64>> = lkpg.items.iter().map(|i| i.public_sek_per_year).collect();
    assert_eq!(figures, [Some(1_000_000), Some(500_000), None]);
}

#[test]
fn a_joint_agreement_is_a_row_of_its_own_per_inhabitant_over_both() {
    let r = Reference::embedded();
    let rep = report(By::Municipality);
    let joint = rep.rows.iter().find(|x| x.key == "12+1280").unwrap();
    assert_eq!(joint.name, "Region Skåne + Malmö stad");
    // Malmö lies in Skåne: the region's inhabitants already count Malmö's
    assert_eq!(joint.population, Some(r.county_population("12")));
    assert!(!rep.rows.iter().any(|x| x.key == "1280" || x.key == "12"));
    let county = report(By::County);
    let skane = county.rows.iter().find(|x| x.key == "12").unwrap();
    assert_eq!(skane.agreements, 1);
}

#[test]
fn by_partner_groups_organisations_by_name_and_place() {
    let rep = report(By::Partner);
    let stadsmissionen: Vec<&FundingRow> = rep
        .rows
        .iter()
        .filter(|r| r.name.starts_with("Stadsmissionen"))
        .collect();
    assert_eq!(stadsmissionen.len(), 2, "Norrköping's and Stockholm's");
    let names: Vec<&str> = stadsmissionen.iter().map(|r| r.name.as_str()).collect();
    assert!(names.contains(&"Stadsmissionen (Norrköping)"), "{names:?}");
    assert!(names.contains(&"Stadsmissionen (Stockholm)"), "{names:?}");
}

#[test]
fn per_year_figures_count_agreements_in_force() {
    let rep = report(By::Municipality);
    let y = |year: i32| rep.years.iter().find(|f| f.year == year).unwrap();
    // 2024: Linköping 2023-2025 and 2024-02 (start only: its own year),
    // Norrköping 2022-2024, Skåne 2023-2025
    assert_eq!(y(2024).agreements, 4);
    assert_eq!(y(2024).public_sek_per_year, Some(3_800_000));
    assert_eq!(y(2022).agreements, 1);
    assert_eq!(rep.agreements_without_period, 3);
}

#[test]
fn rows_sort_by_any_column_and_the_limit_keeps_the_totals() {
    let reg = register();
    let entries: Vec<&Entry> = reg.entries.iter().collect();
    let r = Reference::embedded();
    let opts = |sort, limit| FundingOptions {
        by: By::Municipality,
        sort,
        limit,
        items: Some(1),
    };
    let by_name = funding(&entries, opts(FundingSort::Name, None), r);
    let names: Vec<&str> = by_name.rows.iter().map(|r| r.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    let per = funding(&entries, opts(FundingSort::SekPerInhabitant, Some(2)), r);
    assert_eq!(per.rows.len(), 2);
    assert_eq!(per.rows_total, 5);
    assert!(per.rows[0].sek_per_inhabitant >= per.rows[1].sek_per_inhabitant);
    assert_eq!(per.agreements, 7);
    let lkpg = by_name.rows.iter().find(|r| r.key == "0580").unwrap();
    assert_eq!((lkpg.items.len(), lkpg.items_omitted), (1, 2));
}
