//! Integration tests: crawl. Small municipal websites from fixtures/sites/
//! are served on 127.0.0.x by the test itself; what the crawler did is read
//! from the server's own request log and from the page store.

use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::support::{self, Logged, SiteServer, SiteSpec, stored_pages};

mod faults;
mod pagination;
mod resume;
mod scale;

pub(crate) fn ip(last: u8) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 0, last)
}

/// Run `iop crawl` with these arguments; print its stderr.
pub(crate) fn crawl(args: &[&str]) -> Output {
    let out = support::iop().arg("crawl").args(args).output().unwrap();
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The least gap between two requests that arrived one after the other.
fn least_gap(log: &[Logged]) -> Duration {
    log.windows(2)
        .map(|w| w[1].at - w[0].at)
        .min()
        .unwrap_or(Duration::MAX)
}

pub(crate) fn paths(log: &[Logged]) -> Vec<&str> {
    log.iter().map(|l| l.path.as_str()).collect()
}

const ASBY_ARTICLES: [&str; 8] = [
    "/nyheter/2024/kvinnojouren-far-iop-redirected-from/nyheter/gammal-adress-kvinnojouren",
    "/nyheter/arkiv/2023/iop-for-seniorer",
    "/nyheter/fritidsgardar-i-samverkan",
    "/nyheter/integrationsprojekt-med-rodakorset",
    "/nyheter/iop-med-stadsmissionen-for-hemlosa",
    "/nyheter/nytt-avtal-med-idrottsforeningar",
    "/nyheter/sommarlovsaktiviteter-med-fritidsbanken",
    "/nyheter/vantjanst-med-svenska-kyrkan",
];

fn asby_spec() -> SiteSpec {
    SiteSpec {
        fixture: "asby",
        fail_first: vec![("/nyheter/fritidsgardar-i-samverkan", 1)],
        retry_after_secs: 1,
        redirects: vec![(
            "/nyheter/gammal-adress-kvinnojouren",
            "/nyheter/2024/kvinnojouren-far-iop",
        )],
        ..SiteSpec::default()
    }
}

#[test]
fn a_site_is_crawled_politely_and_recrawled_conditionally() {
    let server = SiteServer::start(vec![
        (ip(2), asby_spec()),
        // a neighbour the crawl of 127.0.0.2 must never visit
        (
            ip(3),
            SiteSpec {
                fixture: "ekeby",
                ..SiteSpec::default()
            },
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let origin = server.origin(ip(2));
    let store_arg = store.to_str().unwrap();
    let seed = format!("{origin}/");
    let out = crawl(&["--seed", &seed, "--store", store_arg, "--delay-ms", "100"]);
    assert_eq!(out.status.code(), Some(0));

    // every article: from the listing and its pagination, the feed only, the sitemap only
    let pages = stored_pages(&store);
    let found: BTreeSet<String> = pages
        .iter()
        .map(|(url, meta)| {
            let path = url.strip_prefix(&origin).unwrap().to_string();
            match meta["final_url"].as_str() {
                Some(f) => format!("{}-redirected-from{path}", f.strip_prefix(&origin).unwrap()),
                None => path,
            }
        })
        .collect();
    assert_eq!(found, ASBY_ARTICLES.iter().map(|s| s.to_string()).collect());

    let log = server.log_of(ip(2));
    let requested = paths(&log);
    eprintln!("requests to 127.0.0.2: {requested:#?}");
    // robots.txt first, and obeyed
    assert_eq!(requested[0], "/robots.txt");
    assert!(
        !requested.iter().any(|p| p.starts_with("/intern/")),
        "{requested:?}"
    );
    // no traps, no other host
    assert!(
        !requested
            .iter()
            .any(|p| p.starts_with("/kalender") || p.starts_with("/sok") || p.contains("kategori"))
    );
    assert!(
        !requested.iter().any(|p| p.ends_with(".pdf")),
        "a document was fetched"
    );
    assert!(server.log_of(ip(3)).is_empty(), "the crawl left its host");
    assert!(server.log().iter().all(|l| l.host == "127.0.0.2"));
    // the user agent names iop and its version
    assert!(log.iter().all(|l| {
        l.user_agent
            .starts_with(&format!("iop-crawler/{}", env!("CARGO_PKG_VERSION")))
    }));
    // one request at a time, at least --delay-ms apart
    let gap = least_gap(&log);
    eprintln!("least gap between requests to 127.0.0.2: {gap:?} (--delay-ms 100)");
    assert!(gap >= Duration::from_millis(100), "{gap:?}");
    // the 503 was retried after Retry-After, once
    let tries: Vec<&Logged> = log
        .iter()
        .filter(|l| l.path == "/nyheter/fritidsgardar-i-samverkan")
        .collect();
    assert_eq!(
        tries.iter().map(|l| l.status).collect::<Vec<_>>(),
        [503, 200]
    );
    let waited = tries[1].at - tries[0].at;
    eprintln!("retry after a 503 with Retry-After: 1 came {waited:?} later");
    assert!(waited >= Duration::from_secs(1));
    // the redirect was followed within the site
    let moved: Vec<(&str, u16)> = log
        .iter()
        .filter(|l| l.path.contains("kvinnojouren"))
        .map(|l| (l.path.as_str(), l.status))
        .collect();
    assert_eq!(
        moved,
        [
            ("/nyheter/gammal-adress-kvinnojouren", 301),
            ("/nyheter/2024/kvinnojouren-far-iop", 200)
        ]
    );
    // never the same page twice (the 503 aside)
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for l in log.iter().filter(|l| l.status != 503) {
        *counts.entry(l.path.as_str()).or_default() += 1;
    }
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    // the gzipped sitemap behind the sitemap index was read
    assert!(requested.contains(&"/sitemaps/nyheter.xml.gz"));

    // `iop extract STORE` gives records with the page URL
    let ex = support::iop().arg("extract").arg(&store).output().unwrap();
    assert_eq!(
        ex.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ex.stderr)
    );
    let records: Vec<serde_json::Value> = String::from_utf8(ex.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 8);
    let stadsmissionen = records
        .iter()
        .find(|r| {
            r["source"]["url"] == format!("{origin}/nyheter/iop-med-stadsmissionen-for-hemlosa")
        })
        .expect("the page URL is the record's source.url");
    assert!(
        stadsmissionen["source"]["title"]
            .as_str()
            .unwrap()
            .contains("Stadsmissionen")
    );
    assert!(
        records
            .iter()
            .any(|r| r["source"]["url"] == format!("{origin}/nyheter/2024/kvinnojouren-far-iop"))
    );

    // a second crawl asks conditionally; unchanged pages are not downloaded again
    server.clear_log();
    let before: Vec<_> = pages.iter().map(|(u, _)| u.clone()).collect();
    let out = crawl(&["--seed", &seed, "--store", store_arg, "--delay-ms", "50"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("0 pages saved, 8 unchanged"), "{stderr}");
    let log = server.log_of(ip(2));
    let articles: Vec<&Logged> = log
        .iter()
        .filter(|l| l.path.starts_with("/nyheter/") && !l.path.ends_with(".xml") && l.status != 301)
        .collect();
    assert_eq!(articles.len(), 8, "{:?}", paths(&log));
    for l in &articles {
        assert!(
            l.if_none_match.is_some() && l.if_modified_since.is_some(),
            "{l:?}"
        );
        assert_eq!((l.status, l.body_bytes), (304, 0), "{l:?}");
    }
    let after = stored_pages(&store);
    assert_eq!(
        after.iter().map(|(u, _)| u.clone()).collect::<Vec<_>>(),
        before
    );
    assert!(
        after
            .iter()
            .all(|(_, m)| m["status"] == 200 && m["etag"].is_string())
    );
}

#[test]
fn an_iso_8859_1_site_is_decoded_and_its_crawl_delay_held() {
    let server = SiteServer::start(vec![(
        ip(4),
        SiteSpec {
            fixture: "norrvik",
            ..SiteSpec::default()
        },
    )]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let seed = format!("{}/", server.origin(ip(4)));
    let out = crawl(&[
        "--seed",
        &seed,
        "--store",
        store.to_str().unwrap(),
        "--delay-ms",
        "50",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let log = server.log_of(ip(4));
    let gap = least_gap(&log);
    eprintln!("least gap between requests to 127.0.0.4: {gap:?} (Crawl-delay: 0.4, --delay-ms 50)");
    assert!(gap >= Duration::from_millis(400), "{gap:?}");

    // the listing, linked from the navigation only, was found
    assert!(
        log.iter()
            .any(|l| l.path == "/kommun-och-politik/aktuellt" && l.status == 200)
    );
    let pages = stored_pages(&store);
    assert_eq!(pages.len(), 2);
    assert!(
        pages
            .iter()
            .all(|(_, m)| m["content_type"] == "text/html; charset=iso-8859-1")
    );
    let ex = support::iop().arg("extract").arg(&store).output().unwrap();
    assert_eq!(ex.status.code(), Some(0));
    let text = String::from_utf8(ex.stdout).unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let vaxthuset = records
        .iter()
        .find(|r| {
            r["source"]["url"]
                .as_str()
                .unwrap()
                .ends_with("/aktuellt/vaxthuset-far-ideburet-partnerskap")
        })
        .unwrap();
    assert_eq!(
        vaxthuset["source"]["title"].as_str().unwrap(),
        "Föreningen Växthuset får idéburet offentligt partnerskap"
    );
    assert!(
        vaxthuset["text"]
            .as_str()
            .unwrap()
            .contains("Åsa Öberg (C), kommunstyrelsens ordförande")
    );
    assert!(!text.contains('\u{fffd}'));
}

#[test]
fn twenty_hosts_are_crawled_in_parallel() {
    let hosts: Vec<Ipv4Addr> = (10..30).map(ip).collect();
    let spec = |i: usize| SiteSpec {
        fixture: "ekeby",
        latency: Duration::from_millis(5 + 2 * i as u64),
        ..SiteSpec::default()
    };
    let server = SiteServer::start(
        hosts
            .iter()
            .enumerate()
            .map(|(i, h)| (*h, spec(i)))
            .collect(),
    );
    let dir = tempfile::tempdir().unwrap();
    let seeds: Vec<String> = hosts
        .iter()
        .map(|h| format!("{}/", server.origin(*h)))
        .collect();
    let run = |store: &Path, seeds: &[String]| {
        // the default settings: every host at once
        let mut args = vec!["--store", store.to_str().unwrap(), "--delay-ms", "100"];
        for s in seeds {
            args.extend(["--seed", s.as_str()]);
        }
        let start = Instant::now();
        let out = crawl(&args);
        assert_eq!(out.status.code(), Some(0));
        start.elapsed()
    };
    // the slowest host alone
    let alone = run(&dir.path().join("one"), &seeds[19..]);
    let slowest = server.log_of(hosts[19]);
    let slowest_span = slowest.last().unwrap().at - slowest[0].at;
    server.clear_log();
    let all = run(&dir.path().join("all"), &seeds);
    let pages = stored_pages(&dir.path().join("all"));
    assert_eq!(pages.len(), 60);
    let log = server.log();
    let first_end = hosts
        .iter()
        .map(|h| server.log_of(*h).last().unwrap().at)
        .min()
        .unwrap();
    let last_start = hosts.iter().map(|h| server.log_of(*h)[0].at).max().unwrap();
    eprintln!(
        "slowest host alone: {alone:?} ({} requests over {slowest_span:?}); 20 hosts: {all:?} ({} requests); \
         every host had started {:?} before the first one finished",
        slowest.len(),
        log.len(),
        first_end - last_start
    );
    // every host was under way before any host was done
    assert!(last_start < first_end);
    for h in &hosts {
        assert!(least_gap(&server.log_of(*h)) >= Duration::from_millis(100));
    }
}
