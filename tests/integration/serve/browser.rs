//! The search page in headless Chromium, served by the router on
//! 127.0.0.1 (a free port): a search driven by URL parameters shows hits
//! with marked snippets and the funding chart; the evidence link of a hit
//! shows each value with its sentence; the hostile record's `<script>` and
//! `<img onerror>` stay text. Skips, saying so, when Chromium is absent
//! (CI installs Debian's `chromium`).

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use iop::serve::{self, Limits};

use super::index;

/// Chromium: `IOP_CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("IOP_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")])
        .find(|p| p.is_file())
}

/// The DOM of `url` after its scripts ran, as Chromium serializes it.
fn dump_dom(chromium: &PathBuf, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).map(|_| s)
    });
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish {url} within 40 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap().unwrap()
}

/// The value of the first `href` attribute that contains `part`.
fn href_with(dom: &str, part: &str) -> Option<String> {
    dom.match_indices("href=\"").find_map(|(i, m)| {
        let rest = &dom[i + m.len()..];
        let v = &rest[..rest.find('"')?];
        v.contains(part).then(|| v.replace("&amp;", "&"))
    })
}

#[test]
fn the_page_searches_charts_shows_evidence_and_runs_no_script_from_a_document() {
    let Some(chromium) = chromium() else {
        eprintln!("skipping: chromium is not installed (apt-get install chromium)");
        return;
    };
    let (_d, searcher) = index();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = rt.spawn(serve::serve(
        listener,
        serve::router(searcher, Limits::default()),
        async {
            let _ = stopped.await;
        },
    ));

    // a search from the URL: hits, marked snippets, the chart
    let dom = dump_dom(
        &chromium,
        &format!("{base}/?q=kvinnojouren&by=municipality"),
    );
    assert!(dom.contains("2 pages"), "{dom}");
    assert!(dom.contains(r#"data-id="lkpg-2023-kvinnojouren""#), "{dom}");
    assert!(dom.contains("<mark>Kvinnojouren</mark>"), "{dom}");
    assert!(
        dom.contains(r#"href="https://www.linkoping.se/nyheter/2023/iop-kvinnojouren/""#),
        "source link: {dom}"
    );
    assert!(dom.contains(r#"<svg class="chart""#), "{dom}");
    assert!(dom.contains("<rect"), "{dom}");
    assert!(dom.contains(">Linköpings kommun</text>"), "{dom}");
    assert!(
        dom.contains(r#"value="kvinnojouren""#),
        "the form shows the search: {dom}"
    );

    // the evidence link of the first hit
    let link = href_with(&dom, "id=lkpg-2023-kvinnojouren").expect("an evidence link");
    let dom = dump_dom(&chromium, &format!("{base}{link}"));
    assert!(
        dom.contains(r#"<blockquote class="evidence" data-field="amounts[0]">Kommunen bidrar med 1 200 000 kronor per år.</blockquote>"#),
        "{dom}"
    );
    assert!(dom.contains("Kvinnojouren i Linköping"), "{dom}");

    // the hostile record, in the results, the chart and its own view
    for url in [
        format!("{base}/?q=tjejzonen&by=municipality"),
        format!("{base}/?partner=tjejzonen&by=partner"),
        format!("{base}/?id=lkpg-2024-tjejzonen-hostile"),
    ] {
        let dom = dump_dom(&chromium, &url);
        assert!(!dom.contains("pwned</title>"), "a script ran: {dom}");
        assert!(
            dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"),
            "the script is shown as text: {dom}"
        );
        assert!(!dom.contains("<img"), "an element from a document: {dom}");
        assert!(!dom.contains("<script>document"), "{dom}");
        assert!(
            !dom.contains("href=\"javascript:"),
            "a javascript: link: {dom}"
        );
    }

    let _ = stop.send(());
    rt.block_on(server).unwrap().unwrap();
}
