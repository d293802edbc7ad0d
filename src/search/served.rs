//! Searches of a process that stays up (`iop serve`): the register view
//! behind the hits is built from records without their text, to the same
//! entries; after a commit it is built again once, not once per search, by
//! one thread while the one before names the hits' agreements; the pages a
//! filter selects are known by document without reading them.

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
    let second = s.current_view().unwrap().register.clone();
    assert!(!Arc::ptr_eq(&first, &second));
    assert!(Arc::ptr_eq(&second, &s.current_view().unwrap().register));
    assert!(Arc::ptr_eq(&second, &s.full_register().unwrap()));
}

#[test]
fn while_the_view_is_built_again_the_one_before_names_the_agreements_of_hits() {
    let (d, s) = indexed();
    let first = s.register_view().unwrap();
    let mut extra = sample().remove(0);
    extra.id = "extra-page".into();
    let mut ix = Indexer::open(d.path()).unwrap();
    ix.upsert(&extra).unwrap();
    ix.finish().unwrap();
    s.reload().unwrap();
    let ids: Vec<String> = sample().into_iter().map(|r| r.id).collect();
    {
        // another thread is building the view of the new commit
        let _building = s.building.lock().unwrap();
        assert!(Arc::ptr_eq(&s.current_view().unwrap(), &first));
        let found = s.agreements_of_pages(&ids).unwrap();
        assert_eq!(found.len(), ids.len());
        assert!(found.iter().any(|a| !a.is_empty()), "{found:?}");
    }
    let rebuilt = s.current_view().unwrap();
    assert!(!Arc::ptr_eq(&rebuilt, &first));
    assert!(!rebuilt.register.agreements_of("extra-page").is_empty());
}

#[test]
fn pages_a_filter_selects_are_those_of_the_records_it_selects() {
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
    let searcher = s.reader.searcher();
    let view = s.view_of(&searcher).unwrap();
    for f in &filters {
        let q = s.filtered(&tantivy::query::AllQuery, f).unwrap();
        let hit = view.matching_pages(&s, &searcher, q.as_ref()).unwrap();
        let got: std::collections::HashSet<String> = view
            .pages
            .iter()
            .zip(&hit)
            .filter(|(_, h)| **h)
            .map(|(p, _)| p.id.clone())
            .collect();
        assert_eq!(got, want(f), "{f:?}");
        assert!(!got.is_empty(), "{f:?}");
    }
}
