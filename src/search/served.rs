//! Searches of a process that stays up (`iop serve`): the register behind
//! the hits is built from records without their text, to the same entries;
//! after a commit it is built again once, not once per search; the records
//! a filter selects are known by id without reading them.

use super::tests::{indexed, sample};
use super::*;
use crate::index::Indexer;

#[test]
fn the_register_built_without_page_texts_has_the_same_entries() {
    let (_d, s) = indexed();
    let built = s.full_register().unwrap();
    let whole = crate::register::Register::build(&sample(), Reference::embedded());
    let json = |r: &crate::register::Register| serde_json::to_value(&r.entries).unwrap();
    assert_eq!(json(&built), json(&whole));
    for r in sample() {
        assert_eq!(
            built.agreements_of(&r.id),
            whole.agreements_of(&r.id),
            "{}",
            r.id
        );
    }
}

#[test]
fn after_a_commit_a_server_builds_the_register_once_not_once_per_search() {
    let (d, s) = indexed();
    let first = s.full_register().unwrap();
    let mut extra = sample().remove(0);
    extra.id = "extra-page".into();
    let mut ix = Indexer::open(d.path()).unwrap();
    ix.upsert(&extra).unwrap();
    ix.finish().unwrap();
    s.reload().unwrap();
    // the first search after the commit builds it; the next ones share it
    let found = s.agreements_of_pages(&["extra-page".to_string()]).unwrap();
    assert!(!found[0].is_empty(), "{found:?}");
    let second = s.current_register().unwrap().unwrap();
    assert!(!Arc::ptr_eq(&first, &second));
    assert!(Arc::ptr_eq(
        &second,
        &s.current_register().unwrap().unwrap()
    ));
    assert!(Arc::ptr_eq(&second, &s.full_register().unwrap()));
}

#[test]
fn a_process_that_never_built_the_register_does_not_build_it_for_one_search() {
    let (_d, s) = indexed();
    assert!(s.current_register().unwrap().is_none());
    let ids: Vec<String> = sample().into_iter().map(|r| r.id).collect();
    let found = s.agreements_of_pages(&ids).unwrap();
    assert_eq!(found.len(), ids.len());
    assert!(s.current_register().unwrap().is_none());
}

#[test]
fn record_ids_of_filters_are_those_of_the_records_with_or_without_the_register() {
    let (_d, s) = indexed();
    let filters = [
        Filters::default(),
        Filters {
            county: Some("05".into()),
            ..Filters::default()
        },
        Filters {
            partner: Some("kvinnojouren".into()),
            ..Filters::default()
        },
    ];
    let want = |f: &Filters| -> std::collections::HashSet<String> {
        s.records(f).unwrap().into_iter().map(|r| r.id).collect()
    };
    for f in &filters {
        assert_eq!(s.record_ids(f).unwrap(), want(f), "stored ids, {f:?}");
    }
    s.full_register().unwrap();
    for f in &filters {
        assert_eq!(
            s.record_ids(f).unwrap(),
            want(f),
            "ids read with the register, {f:?}"
        );
    }
}
