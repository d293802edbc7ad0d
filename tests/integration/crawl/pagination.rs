//! Endless pagination: a news listing whose "Nästa sida" never ends must not
//! starve the articles it leads to. Articles are fetched as they are found,
//! the crawl ends within its budgets (the host's request limit, --max-pages
//! counting every request), the journal survives a host limit so the next
//! crawl goes on from there, pagination that brings no new article is given
//! up, and a host from which nothing was saved fails the crawl.

use std::collections::BTreeMap;
use std::path::Path;

use super::{crawl, ip, paths};
use crate::support::{self, Endless, SiteServer, SiteSpec, stored_pages};

fn lunda(endless: Endless) -> SiteSpec {
    SiteSpec {
        fixture: "lunda",
        endless: Some(endless),
        ..SiteSpec::default()
    }
}

/// How often each path was asked for.
fn counts<'a>(paths: &[&'a str]) -> BTreeMap<&'a str, usize> {
    let mut m = BTreeMap::new();
    for p in paths {
        *m.entry(*p).or_default() += 1;
    }
    m
}

fn journal_of(store: &Path, host: &str) -> std::path::PathBuf {
    store.join("crawl").join(format!("{host}.jsonl"))
}

#[test]
fn endless_pagination_starves_no_articles_and_the_journal_survives_the_host_limit() {
    let server = SiteServer::start(vec![(
        ip(41),
        lunda(Endless {
            per_page: 10,
            pages_with_news: None,
        }),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let config = support::test_config(dir.path(), &[("max_pages_per_host", "40")], "");
    let seed = format!("{}/nyheter", server.origin(ip(41)));
    let args = [
        "--config",
        config.to_str().unwrap(),
        "--seed",
        &seed,
        "--store",
        store.to_str().unwrap(),
        "--delay-ms",
        "0",
    ];
    let out = crawl(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let log = server.log_of(ip(41));
    let first = paths(&log);
    // within the budget: 40 requests, robots.txt and listings included
    assert_eq!(first.len(), 40, "{first:#?}");
    // the articles of each listing page were fetched before the next page
    let saved = stored_pages(&store);
    assert_eq!(saved.len(), 30, "{first:#?}");
    let listings = first.iter().filter(|p| p.starts_with("/nyheter?")).count();
    assert_eq!(listings, 3, "{first:#?}");
    assert!(
        stderr.contains("host 127.0.0.41: stopped after 40 requests and 30 pages saved: the host's limit of 40 requests is reached; the next crawl goes on from here"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 host stopped at a request limit"),
        "{stderr}"
    );
    // the journal survives the host limit
    assert!(journal_of(&store, "127.0.0.41").is_file());

    // the next crawl goes on from there: no listing page or article twice
    server.clear_log();
    let out = crawl(&args);
    assert_eq!(out.status.code(), Some(0));
    let log = server.log_of(ip(41));
    let second = paths(&log);
    assert_eq!(second.len(), 40, "{second:#?}");
    // the articles of page 4, found before the limit, come first
    assert_eq!(second[1], "/nyheter/artikel-30", "{second:#?}");
    assert_eq!(stored_pages(&store).len(), 66);
    let both: Vec<&str> = first.iter().chain(&second).copied().collect();
    let twice: Vec<_> = counts(&both)
        .into_iter()
        .filter(|(p, n)| *n > 1 && *p != "/robots.txt")
        .collect();
    assert!(twice.is_empty(), "fetched again: {twice:?}");

    // --max-pages counts every request too
    server.clear_log();
    let mut third = args.to_vec();
    third.extend(["--max-pages", "15"]);
    let out = crawl(&third);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("15 requests") && stderr.contains("stopped at --max-pages"),
        "{stderr}"
    );
    assert_eq!(server.log_of(ip(41)).len(), 15);
    assert!(journal_of(&store, "127.0.0.41").is_file());
}

#[test]
fn pagination_that_brings_no_new_articles_is_given_up() {
    // pages 4, 5, ... list the articles of page 3 again, and always a next page
    let server = SiteServer::start(vec![(
        ip(42),
        lunda(Endless {
            per_page: 10,
            pages_with_news: Some(3),
        }),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let config = support::test_config(dir.path(), &[("max_pages_per_host", "500")], "");
    let seed = format!("{}/nyheter", server.origin(ip(42)));
    let out = crawl(&[
        "--config",
        config.to_str().unwrap(),
        "--seed",
        &seed,
        "--store",
        store.to_str().unwrap(),
        "--delay-ms",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stored_pages(&store).len(), 30);
    let log = server.log_of(ip(42));
    let listings: Vec<&str> = paths(&log)
        .into_iter()
        .filter(|p| p.starts_with("/nyheter?"))
        .collect();
    // page 4 brought nothing new and was followed once more; page 5 ended it
    assert_eq!(
        listings,
        [
            "/nyheter?page=2",
            "/nyheter?page=3",
            "/nyheter?page=4",
            "/nyheter?page=5"
        ]
    );
    // the crawl of the site ended: its journal is gone
    assert!(!journal_of(&store, "127.0.0.42").exists());
}

#[test]
fn a_host_from_which_nothing_was_saved_fails_the_crawl() {
    let server = SiteServer::start(vec![
        (
            ip(43),
            lunda(Endless {
                per_page: 0,
                pages_with_news: None,
            }),
        ),
        (
            ip(44),
            SiteSpec {
                fixture: "ekeby",
                ..SiteSpec::default()
            },
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = crawl(&[
        "--seed",
        &format!("{}/nyheter", server.origin(ip(43))),
        "--seed",
        &format!("{}/", server.origin(ip(44))),
        "--store",
        store.to_str().unwrap(),
        "--delay-ms",
        "0",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("host 127.0.0.43: no page saved (8 requests, 0 article links found)"),
        "{stderr}"
    );
    assert!(stderr.contains("3 pages saved"), "{stderr}");
    assert_eq!(stored_pages(&store).len(), 3);
}
