//! Hosts at once: every configured host by default (one request at a time
//! per host is the politeness limit), bounded by the open-file limit, with a
//! clear error when that limit is too low to crawl at all.

use std::os::unix::process::CommandExt;
use std::process::Output;

use super::ip;
use crate::support::{self, SiteServer, SiteSpec, stored_pages};

/// Run `iop crawl` with the open-file limit (soft and hard) set to `limit`.
fn crawl_with_open_files(limit: u64, args: &[String]) -> Output {
    let mut cmd = support::iop();
    cmd.arg("crawl").args(args);
    // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent
    unsafe {
        cmd.pre_exec(move || rlimit::setrlimit(rlimit::Resource::NOFILE, limit, limit));
    }
    let out = cmd.output().unwrap();
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    out
}

#[test]
fn a_low_open_file_limit_bounds_the_hosts_at_once_and_says_so() {
    let hosts: Vec<_> = (50..70).map(ip).collect();
    let server = SiteServer::start(
        hosts
            .iter()
            .map(|h| {
                (
                    *h,
                    SiteSpec {
                        fixture: "ekeby",
                        ..SiteSpec::default()
                    },
                )
            })
            .collect(),
    );
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut args = vec![
        "--store".to_string(),
        store.to_str().unwrap().to_string(),
        "--delay-ms".into(),
        "20".into(),
    ];
    for h in &hosts {
        args.extend(["--seed".into(), format!("{}/nyheter", server.origin(*h))]);
    }
    // 128 descriptors: 64 for the crawl, 4 for each of 16 hosts at once
    let out = crawl_with_open_files(128, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "16 of 20 hosts are crawled at once: the open-file limit of 128 allows no more (raise it with `ulimit -n 144`"
        ),
        "{stderr}"
    );
    assert_eq!(stored_pages(&store).len(), 60);
}

#[test]
fn an_open_file_limit_too_low_to_crawl_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let args = [
        "--seed".to_string(),
        "http://127.0.0.71:9/nyheter".into(),
        "--store".into(),
        store.to_str().unwrap().into(),
    ];
    let out = crawl_with_open_files(40, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "the open-file limit of 40 is too low to crawl: one host at a time needs 68; raise it with `ulimit -n 68`"
        ),
        "{stderr}"
    );
}
