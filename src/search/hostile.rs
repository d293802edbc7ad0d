//! Hostile queries against the query library: deep nesting, field stars,
//! unbalanced and generated queries must give a result or a bad-query error,
//! never an abort, a panic or a report of index damage.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::tests::indexed;
use super::*;

fn search(s: &Searcher, query: &str) -> Result<SearchResponse, SearchError> {
    s.search(&SearchRequest {
        query: query.into(),
        ..SearchRequest::default()
    })
}

/// Run `f` on a thread with the stack of a tokio blocking thread (2 MiB),
/// where `iop serve` runs searches.
fn on_server_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn_scoped(scope, f)
            .unwrap()
            .join()
            .unwrap()
    })
}

#[test]
fn a_query_of_250_nested_groups_is_a_bad_query_not_a_stack_overflow() {
    let (_d, s) = indexed();
    let nested = |n: usize| format!("{}stöd{}", "-(".repeat(n), ")".repeat(n));
    let e = on_server_stack(|| search(&s, &nested(250)).unwrap_err());
    assert!(e.is_usage(), "{e}");
    assert!(e.to_string().contains("250 groups"), "{e}");
    // deeper, as `iop search` was given it
    let e = search(
        &s,
        &nested(5_000)
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect::<String>(),
    )
    .unwrap_err();
    assert!(e.is_usage(), "{e}");
    let e = search(&s, &"NOT ".repeat(400)).unwrap_err();
    assert!(e.is_usage(), "{e}");
}

#[test]
fn the_deepest_allowed_query_runs_on_a_server_thread() {
    let (_d, s) = indexed();
    let groups = MAX_QUERY_NESTING / 2;
    let deep = format!(
        "{}kvinnojouren{}",
        "(NOT umeå OR ".repeat(groups),
        ")".repeat(groups)
    );
    assert!(query::check(&deep).is_ok(), "{deep}");
    let found = on_server_stack(|| search(&s, &deep)).unwrap();
    assert!(found.total >= 1, "{deep}");
}

#[test]
fn field_star_on_a_field_without_values_to_test_is_a_bad_query_not_index_damage() {
    let (_d, s) = indexed();
    for field in ["title", "url", "id", "text", "partner", "code"] {
        let e = search(&s, &format!("{field}:*")).unwrap_err();
        assert!(e.is_usage(), "{field}:* {e}");
        let m = e.to_string();
        assert!(!m.contains("damaged"), "{m}");
        assert!(
            m.contains(&format!(
                "{field}:* (any value) works only on the fields published and sek"
            )),
            "{m}"
        );
    }
    // the fields with values to test answer
    assert_eq!(search(&s, "published:*").unwrap().total, 7);
    assert!(search(&s, "sek:*").unwrap().total >= 1);
    let e = search(&s, "record:*").unwrap_err();
    assert!(e.is_usage(), "{e}");
}

/// Pieces of query syntax, nested and joined at random.
fn query_strategy() -> impl Strategy<Value = String> {
    let field = prop::sample::select(vec![
        "",
        "title:",
        "text:",
        "url:",
        "id:",
        "partner:",
        "published:",
        "sek:",
        "record:",
        "code:",
        "nosuch:",
        "name:",
        "county:",
    ]);
    let word = prop::sample::select(vec![
        "avtal",
        "stöd",
        "*",
        "kvinnojour*",
        "\"idéburet partnerskap\"",
        "\"öppet",
        "2023",
        "[2020 TO 2024]",
        "{a TO *}",
        ">5",
        "<=-3",
        "IN [a b]",
        "/re.*/",
        "a^2",
        "~",
        "\\",
        "'x",
        "",
        "-",
        "+",
        "å",
        "NOT",
        "AND",
        "OR",
    ]);
    let leaf = (field, word).prop_map(|(f, w)| format!("{f}{w}"));
    let tree = leaf.prop_recursive(8, 64, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.join(" ")),
            (
                inner.clone(),
                prop::sample::select(vec![" AND ", " OR ", " NOT ", " -", " +"])
            )
                .prop_map(|(q, op)| format!("{op}{q}")),
            inner.clone().prop_map(|q| format!("({q})")),
            inner.clone().prop_map(|q| format!("-({q}")),
            inner.prop_map(|q| format!("{q})")),
        ]
    });
    let deep = (
        0usize..400,
        prop::sample::select(vec!["(", "-(", "NOT ", "+(", "NOT ("]),
    )
        .prop_map(|(n, open)| format!("{}stöd{}", open.repeat(n), ")".repeat(n)));
    prop_oneof![4 => tree, 1 => deep, 1 => "[\\PC]{0,60}"]
}

#[test]
fn generated_queries_give_results_or_bad_query_errors_never_an_abort() {
    let (_d, s) = indexed();
    on_server_stack(|| {
        let mut runner = TestRunner::new(Config {
            cases: 400,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&query_strategy(), |q| {
                match search(&s, &q) {
                    Ok(r) => prop_assert!(r.hits.len() <= r.total),
                    Err(e) => prop_assert!(e.is_usage(), "{q:?}: {e}"),
                }
                Ok(())
            })
            .unwrap();
    });
}

#[test]
fn offsets_and_limits_past_the_end_give_empty_pages_and_the_total() {
    let (_d, s) = indexed();
    for offset in [7, 8, 10_000, 60_000, usize::MAX] {
        let r = s
            .search(&SearchRequest {
                offset,
                limit: usize::MAX,
                ..SearchRequest::default()
            })
            .unwrap();
        assert_eq!((r.total, r.hits.len()), (7, 0), "{offset}");
    }
    let all = s
        .search(&SearchRequest {
            limit: usize::MAX,
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(all.hits.len(), 7);
}
