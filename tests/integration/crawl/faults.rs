//! Crawl faults: a host whose robots.txt fails is skipped while the others
//! go on; timeouts and oversized pages are given up with the URL named; a
//! 429 slows the host down.

use std::time::{Duration, Instant};

use super::{crawl, ip, paths};
use crate::support::{self, SiteServer, SiteSpec, stored_pages};

#[test]
fn a_host_without_robots_txt_is_skipped_and_the_others_go_on() {
    let server = SiteServer::start(vec![
        (
            ip(5),
            SiteSpec {
                fixture: "ekeby",
                robots_status: Some(503),
                ..SiteSpec::default()
            },
        ),
        (
            ip(40),
            SiteSpec {
                fixture: "ekeby",
                robots_txt: Some("User-agent: *\nCrawl-delay: 3600\n"),
                ..SiteSpec::default()
            },
        ),
        (
            ip(6),
            SiteSpec {
                fixture: "ekeby",
                // robots.txt of ekeby disallows /admin/
                redirects: vec![("/nyheter/ny-motesplats-for-aldre", "/admin/motesplats")],
                ..SiteSpec::default()
            },
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    // the sites come from the config this time, not from seeds
    let sites = format!(
        "\n[[sites]]\ncode = \"0180\"\nentry_points = [\"{}/nyheter\"]\n\n[[sites]]\ncode = \"1480\"\nentry_points = [\"{}/nyheter\", \"{}/nyheter\"]\n",
        server.origin(ip(5)),
        server.origin(ip(6)),
        server.origin(ip(40))
    );
    let config = support::test_config(
        dir.path(),
        &[
            ("reference_sites", "false"),
            ("retries", "2"),
            ("backoff_ms", "50"),
            ("delay_ms", "50"),
        ],
        &sites,
    );
    let out = crawl(&[
        "--config",
        config.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("host 127.0.0.5 not crawled now: robots.txt is unavailable"),
        "{stderr}"
    );
    assert!(stderr.contains("gave up after 3 attempts"), "{stderr}");
    // three tries of robots.txt and nothing else
    assert_eq!(paths(&server.log_of(ip(5))), ["/robots.txt"; 3]);
    // a host asking for more than an hour between requests is left alone
    assert!(
        stderr.contains("host 127.0.0.40 not crawled: robots.txt asks for a Crawl-delay of 3600 s"),
        "{stderr}"
    );
    assert_eq!(paths(&server.log_of(ip(40))), ["/robots.txt"]);
    // a redirect into a disallowed path is not followed
    assert!(
        stderr.contains("/nyheter/ny-motesplats-for-aldre: redirects to ")
            && stderr.contains("/admin/motesplats, which robots.txt disallows"),
        "{stderr}"
    );
    assert!(
        !paths(&server.log_of(ip(6)))
            .iter()
            .any(|p| p.starts_with("/admin"))
    );
    let pages = stored_pages(&store);
    assert_eq!(pages.len(), 2);
    assert!(
        pages
            .iter()
            .all(|(u, _)| u.starts_with(&server.origin(ip(6))))
    );
}

#[test]
fn slow_oversized_and_throttled_pages_are_handled_each_as_it_should() {
    let server = SiteServer::start(vec![(
        ip(8),
        SiteSpec {
            fixture: "ekeby",
            slow: vec![(
                "/nyheter/stod-till-brottsofferjouren",
                Duration::from_millis(1500),
            )],
            padding: vec![("/nyheter/iop-med-hembygdsforeningen", 300_000)],
            too_many_first: vec![("/nyheter/ny-motesplats-for-aldre", 1)],
            ..SiteSpec::default()
        },
    )]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let config = support::test_config(
        dir.path(),
        &[
            ("timeout_secs", "1"),
            ("retries", "1"),
            ("backoff_ms", "50"),
            ("max_body_bytes", "100_000"),
        ],
        "",
    );
    let seed = format!("{}/nyheter", server.origin(ip(8)));
    let started = Instant::now();
    let out = crawl(&[
        "--config",
        config.to_str().unwrap(),
        "--seed",
        &seed,
        "--store",
        store.to_str().unwrap(),
        "--delay-ms",
        "50",
    ]);
    eprintln!(
        "crawl with a timeout and an oversized page: {:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let origin = server.origin(ip(8));
    assert!(
        stderr.contains(&format!(
            "{origin}/nyheter/stod-till-brottsofferjouren: gave up after 2 attempts"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{origin}/nyheter/iop-med-hembygdsforeningen: the body is larger than 100000 bytes"
        )),
        "{stderr}"
    );
    let pages: Vec<String> = stored_pages(&store).into_iter().map(|(u, _)| u).collect();
    assert_eq!(pages, [format!("{origin}/nyheter/ny-motesplats-for-aldre")]);
    let log = server.log_of(ip(8));
    // a 429 is retried, and the host is asked at most once a second from then on
    let tries: Vec<_> = log
        .iter()
        .filter(|l| l.path == "/nyheter/ny-motesplats-for-aldre")
        .collect();
    assert_eq!(
        tries.iter().map(|l| l.status).collect::<Vec<_>>(),
        [429, 200]
    );
    let waited = tries[1].at - tries[0].at;
    eprintln!("retry after a 429 (Retry-After: 0, --delay-ms 50) came {waited:?} later");
    assert!(waited >= Duration::from_secs(1), "{waited:?}");
    assert_eq!(
        log.iter()
            .filter(|l| l.path == "/nyheter/stod-till-brottsofferjouren")
            .count(),
        2
    );
    assert_eq!(
        log.iter()
            .filter(|l| l.path == "/nyheter/iop-med-hembygdsforeningen")
            .count(),
        1
    );
}

#[test]
fn a_bad_seed_is_a_usage_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = crawl(&[
        "--seed",
        "www.kommun.se/nyheter",
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad seed \"www.kommun.se/nyheter\""),
        "{stderr}"
    );
    assert!(!store.exists());
}

#[test]
fn a_slow_site_costs_its_host_at_most_its_time_budget() {
    // every article of 127.0.0.46 sends its body one byte every 200 ms
    let slow = Duration::from_millis(200);
    let server = SiteServer::start(vec![
        (
            ip(46),
            SiteSpec {
                fixture: "ekeby",
                dribble: vec![
                    ("/nyheter/stod-till-brottsofferjouren", slow),
                    ("/nyheter/iop-med-hembygdsforeningen", slow),
                    ("/nyheter/ny-motesplats-for-aldre", slow),
                ],
                ..SiteSpec::default()
            },
        ),
        (
            ip(47),
            SiteSpec {
                fixture: "ekeby",
                ..SiteSpec::default()
            },
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let config = support::test_config(
        dir.path(),
        &[
            ("timeout_secs", "1"),
            ("retries", "3"),
            ("backoff_ms", "50"),
            ("url_deadline_secs", "2"),
            ("host_time_budget_secs", "4"),
        ],
        "",
    );
    let started = Instant::now();
    let out = crawl(&[
        "--config",
        config.to_str().unwrap(),
        "--seed",
        &format!("{}/nyheter", server.origin(ip(46))),
        "--seed",
        &format!("{}/nyheter", server.origin(ip(47))),
        "--store",
        store.to_str().unwrap(),
        "--delay-ms",
        "50",
    ]);
    eprintln!("crawl of a dribbling host: {:?}", started.elapsed());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let origin = server.origin(ip(46));
    // one URL: two attempts of 1 s, then its 2 s are spent (not 4 tries)
    assert!(
        stderr.contains(&format!(
            "{origin}/nyheter/iop-med-hembygdsforeningen: gave up after 2 attempts: no complete answer within 1.0 s; the 2 s a page may take in all are spent"
        )),
        "{stderr}"
    );
    // the host: its 4 s budget, then it stops, keeping its journal
    assert!(
        stderr.contains("host 127.0.0.46: stopped after")
            && stderr.contains("the host's time budget of 4 s is spent"),
        "{stderr}"
    );
    assert!(
        stderr.contains("host 127.0.0.46: no page saved"),
        "{stderr}"
    );
    assert!(store.join("crawl/127.0.0.46.jsonl").is_file());
    let log = server.log_of(ip(46));
    let articles: Vec<&str> = paths(&log)
        .into_iter()
        .filter(|p| p.starts_with("/nyheter/"))
        .collect();
    eprintln!("requests to the dribbling articles: {articles:?}");
    assert!(articles.len() <= 4, "{articles:?}");
    let span = log.last().unwrap().at - log[0].at;
    assert!(span < Duration::from_secs(5), "{span:?}");
    // the other host was not held up
    let fine: Vec<String> = stored_pages(&store).into_iter().map(|(u, _)| u).collect();
    assert_eq!(fine.len(), 3);
    assert!(fine.iter().all(|u| u.starts_with(&server.origin(ip(47)))));
}

#[test]
fn one_bad_tag_does_not_discard_a_sitemap() {
    // broby's articles are linked from its sitemap alone, one entry with a
    // mistyped end tag, one with a tag inside its <loc>
    let server = SiteServer::start(vec![(
        ip(49),
        SiteSpec {
            fixture: "broby",
            ..SiteSpec::default()
        },
    )]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let origin = server.origin(ip(49));
    let out = crawl(&[
        "--seed",
        &format!("{origin}/"),
        "--store",
        store.to_str().unwrap(),
        "--delay-ms",
        "20",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let pages: Vec<String> = stored_pages(&store).into_iter().map(|(u, _)| u).collect();
    assert_eq!(
        pages,
        [
            format!("{origin}/nyheter/avtal-med-broby-fritidsbank"),
            format!("{origin}/nyheter/iop-med-broby-ryttarforening"),
            format!("{origin}/nyheter/stod-till-broby-kvinnojour"),
        ]
    );
    assert!(
        stderr.contains(&format!(
            "iop: warning: {origin}/sitemap-nyheter.xml: skipped 2 broken parts of the sitemap, read 3 entries: \
             line 10: the tag </ur> where </url> was due; line 11: a <url> entry: a <b> tag inside <loc>{origin}/nyheter/"
        )),
        "{stderr}"
    );
    assert!(
        !paths(&server.log_of(ip(49)))
            .iter()
            .any(|p| p.contains("utkast")),
        "the broken entry was followed"
    );
}
