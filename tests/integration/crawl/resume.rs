//! Crawl resumption: a crawl killed with SIGKILL, or stopped at
//! `--max-pages` (which counts every request), goes on where it stopped
//! without losing or refetching pages.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{crawl, ip};
use crate::support::{self, SiteServer, SiteSpec, stored_pages};

/// Wait until the store holds at least `n` pages.
fn wait_for_pages(store: &Path, n: usize, limit: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if stored_pages(store).len() >= n {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn a_killed_crawl_resumes_without_losing_or_refetching() {
    let server = SiteServer::start(vec![(
        ip(7),
        SiteSpec {
            fixture: "stenby",
            ..SiteSpec::default()
        },
    )]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let seed = format!("{}/pressmeddelanden", server.origin(ip(7)));
    let args = [
        "crawl",
        "--seed",
        &seed,
        "--store",
        store.to_str().unwrap(),
        "--delay-ms",
        "60",
    ];
    let mut child = support::iop()
        .args(args)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    assert!(
        wait_for_pages(&store, 8, Duration::from_secs(20)),
        "the crawl saved too little"
    );
    // a second crawl into the same store is refused while the first runs
    let second = support::iop().args(args).output().unwrap();
    assert_eq!(second.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&second.stderr)
            .contains("another crawl is writing to the page store")
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let saved_before: Vec<String> = stored_pages(&store).into_iter().map(|(u, _)| u).collect();
    eprintln!("pages saved when killed: {}", saved_before.len());
    assert!(saved_before.len() < 24, "the crawl ended before the kill");
    let requests_before = server.log_of(ip(7)).len();

    let out = crawl(&args[1..]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rest = format!("{} pages saved", 24 - saved_before.len());
    assert!(stderr.contains(&rest), "{stderr}");
    let saved_after: Vec<String> = stored_pages(&store).into_iter().map(|(u, _)| u).collect();
    assert_eq!(saved_after.len(), 24);
    assert!(
        saved_before.iter().all(|u| saved_after.contains(u)),
        "a saved page was lost"
    );
    // no saved page was fetched again
    let log = server.log_of(ip(7));
    for u in &saved_before {
        let path = u.strip_prefix(&server.origin(ip(7))).unwrap();
        let n = log.iter().filter(|l| l.path == path).count();
        assert_eq!(n, 1, "{path} fetched {n} times");
    }
    let articles = log.iter().filter(|l| l.path.contains("/2024/")).count();
    eprintln!(
        "requests before the kill: {requests_before}, after: {}; article requests in all: {articles} for 24 articles",
        log.len() - requests_before
    );
    // at most the page in flight at the kill is asked for twice
    assert!(articles <= 25, "{articles}");
    assert!(
        !store.join("crawl").read_dir().unwrap().any(|e| e
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "jsonl")),
        "the journal stays after a finished crawl"
    );
}

#[test]
fn a_crawl_stopped_at_max_pages_goes_on_next_time() {
    let server = SiteServer::start(vec![(
        ip(9),
        SiteSpec {
            fixture: "stenby",
            ..SiteSpec::default()
        },
    )]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let seed = format!("{}/pressmeddelanden", server.origin(ip(9)));
    let args = [
        "--seed",
        &seed,
        "--store",
        store.to_str().unwrap(),
        "--delay-ms",
        "30",
    ];
    let mut first: Vec<&str> = args.to_vec();
    first.extend(["--max-pages", "10"]);
    let out = crawl(&first);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // --max-pages counts every request: robots.txt, the listing, 8 articles
    assert!(
        stderr.contains("8 pages saved")
            && stderr.contains("10 requests")
            && stderr.contains("stopped at --max-pages"),
        "{stderr}"
    );
    assert_eq!(server.log_of(ip(9)).len(), 10);
    assert_eq!(stored_pages(&store).len(), 8);

    let out = crawl(&args);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("16 pages saved"));
    assert_eq!(stored_pages(&store).len(), 24);
    let log = server.log_of(ip(9));
    let articles: Vec<&str> = log
        .iter()
        .map(|l| l.path.as_str())
        .filter(|p| p.contains("/2024/"))
        .collect();
    let distinct: std::collections::BTreeSet<&str> = articles.iter().copied().collect();
    assert_eq!((articles.len(), distinct.len()), (24, 24));
    // the listings were read once: the second run went on from the journal
    assert_eq!(
        log.iter()
            .filter(|l| l.path.starts_with("/pressmeddelanden?sida=2"))
            .count(),
        1
    );
}
