//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared data beside the project (`../shared`), when it is there.
/// Tests that read it return early, saying so, when it is absent.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    if p.join("spec").is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared is absent");
        None
    }
}

/// The `iop` binary built for these tests.
pub fn iop() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_iop"))
}

/// A path under fixtures/.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// Read a JSON Lines file into values.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Extract and score the documents of a gold directory (the engine behind
/// `iop eval`), failing the test when a gold-named document is missing or
/// cannot be extracted.
pub fn evaluate(gold_dir: &Path) -> iop::eval::Report {
    let ev = iop::cli::eval::evaluate(gold_dir, &[]).unwrap();
    assert!(
        ev.failures.is_empty(),
        "documents not extracted: {:?}",
        ev.failures
    );
    ev.report
}

/// Run `iop` with arguments; (exit code, stdout, stderr).
pub fn run_iop(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = iop().args(args).current_dir(root()).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
/// Start `iop serve` on a free port of 127.0.0.1 over the index `ix`; the
/// child, the `HOST:PORT` it says it serves on and the line that says so.
pub fn spawn_serve(ix: &Path) -> (std::process::Child, String, String) {
    use std::io::BufRead;
    let mut child = iop()
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(ix)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    (child, addr, line)
}

/// Send SIGINT (Ctrl-C) to `child` and wait at most `within` for it to
/// exit; its status, or a panic naming `what` when it does not stop.
#[cfg(unix)]
pub fn interrupt(
    child: &mut std::process::Child,
    within: std::time::Duration,
    what: &str,
) -> std::process::ExitStatus {
    let ok = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let deadline = std::time::Instant::now() + within;
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("iop serve did not stop on SIGINT {what}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Settings for a test: the built-in config/iop.toml with some `[crawl]`
/// keys replaced and `extra` appended, written to `dir/iop.toml`.
pub fn test_config(dir: &Path, crawl: &[(&str, &str)], extra: &str) -> PathBuf {
    let mut text = std::fs::read_to_string(root().join("config/iop.toml")).unwrap();
    for (key, value) in crawl {
        let start = text
            .find(&format!("\n{key} = "))
            .unwrap_or_else(|| panic!("no key {key} in config/iop.toml"));
        let end = start + 1 + text[start + 1..].find('\n').unwrap();
        text.replace_range(start + 1..end, &format!("{key} = {value}"));
    }
    text.push_str(extra);
    let path = dir.join("iop.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Every page of a store: (URL, metadata as JSON).
pub fn stored_pages(store: &Path) -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    let pages = store.join("pages");
    if !pages.is_dir() {
        return out;
    }
    for e in walkdir::WalkDir::new(pages) {
        let e = e.unwrap();
        let p = e.path();
        if p.extension().is_some_and(|x| x == "json") && p.with_extension("body").is_file() {
            let Ok(text) = std::fs::read_to_string(p) else {
                continue;
            };
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            out.push((v["url"].as_str().unwrap().to_string(), v));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

pub use site_server::{Endless, Logged, SiteServer, SiteSpec};

pub mod site_server;
