//! The page in headless Chromium, driven over the DevTools protocol as a
//! person would use it, on the router served on 127.0.0.1 (a free port): a
//! search with facets, a click on a facet, an agreement opened from a result
//! and from a chart bar, a facet followed from the keyboard; at 400 px wide
//! no page scrolls sideways. Each step is saved as a screenshot under
//! target/browser/ for review. The hostile record's `<script>` and
//! `<img onerror>` stay text everywhere. Skips, saying so, when Chromium is
//! absent (CI installs Debian's `chromium`).

use std::path::PathBuf;

use iop::serve::{self, Limits};

use super::cdp::Browser;
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

/// Where the screenshots of the steps go.
fn shot(name: &str) -> PathBuf {
    crate::support::root()
        .join("target")
        .join("browser")
        .join(format!("{name}.png"))
}

/// The path and query of the page the browser shows.
fn here(b: &mut Browser) -> String {
    b.eval("location.pathname + location.search")
        .as_str()
        .unwrap()
        .to_string()
}

/// Take a screenshot and check the page does not scroll sideways.
fn step(b: &mut Browser, name: &str) {
    b.screenshot(&shot(name));
    assert!(!b.scrolls_sideways(), "{name}: the page scrolls sideways");
}

#[test]
fn a_person_searches_follows_facets_and_opens_agreements_on_a_narrow_screen() {
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
    let mut b = Browser::start(&chromium, 400, 800);

    // 1. a search: hits with marked words, facets beside them, the chart
    b.open(&format!("{base}/?q=partnerskap"));
    let dom = b.dom();
    assert!(dom.contains("<mark>partnerskap</mark>"), "{dom}");
    assert!(dom.contains(r#"data-facet="county""#), "facets: {dom}");
    assert!(dom.contains("Östergötlands län"), "{dom}");
    assert!(dom.contains(r#"<svg class="chart""#), "{dom}");
    assert!(dom.contains("Sidor"), "Swedish labels: {dom}");
    let total = b.eval("document.getElementById('total').textContent");
    step(&mut b, "1-search-with-facets");

    // 2. a click on the county facet narrows the search to that county
    b.click(r#"#facets a.facet[data-facet="county"][href*="county=05"]"#);
    assert!(here(&mut b).contains("county=05"), "{}", here(&mut b));
    let selected = b.eval(
        r#"document.querySelector('#facets a.facet.selected[data-facet="county"]').textContent"#,
    );
    assert!(
        selected.as_str().unwrap().contains("Östergötlands län"),
        "{selected}"
    );
    let narrowed = b.eval("document.getElementById('total').textContent");
    assert_ne!(narrowed, total, "the facet narrowed the hits");
    let municipalities =
        b.eval("[...document.querySelectorAll('#results .meta')].map(e => e.textContent)");
    for m in municipalities.as_array().unwrap() {
        let m = m.as_str().unwrap();
        assert!(m.contains("Linköping") || m.contains("Norrköping"), "{m}");
    }
    step(&mut b, "2-facet-clicked");

    // 3. a result's register link opens its agreement page, with the
    //    sentence behind the yearly figure and the page that reports it
    b.click("#results a.agreement-link");
    let path = here(&mut b);
    assert!(path.starts_with("/avtal/agr-"), "{path}");
    let dom = b.dom();
    assert!(dom.contains("Offentligt belopp per år"), "{dom}");
    assert!(dom.contains(r#"<blockquote class="evidence""#), "{dom}");
    assert!(dom.contains("Sidor som rapporterar avtalet (1)"), "{dom}");
    step(&mut b, "3-agreement-from-result");

    // 4. the agreements view: a chart bar of one agreement opens it ...
    b.open(&format!("{base}/?view=avtal&by=municipality"));
    assert!(b.dom().contains(r#"class="hit agreement-item""#));
    step(&mut b, "4-agreements-with-chart");
    b.click(r#"svg.chart a.bar-link[data-key="1480"]"#);
    let path = here(&mut b);
    assert!(path.starts_with("/avtal/agr-"), "{path}");
    assert!(b.dom().contains("Räddningsmissionen"));
    step(&mut b, "5-agreement-from-chart-bar");

    // ... and a bar of two opens the list of exactly those two
    b.open(&format!("{base}/?view=avtal&by=municipality"));
    b.click(r#"svg.chart a.bar-link[data-key="0580"]"#);
    assert!(here(&mut b).contains("group=0580"), "{}", here(&mut b));
    assert_eq!(
        b.eval("document.querySelectorAll('#results li.agreement-item').length"),
        serde_json::json!(3),
        "Linköping's agreements: {}",
        b.dom()
    );
    step(&mut b, "6-agreements-behind-a-bar");

    // 5. facets work from the keyboard: focus one, press Enter
    b.open(&format!("{base}/?view=avtal"));
    b.press_enter_on(r#"#facets a.facet[data-facet="form"]"#);
    assert!(here(&mut b).contains("form="), "{}", here(&mut b));
    step(&mut b, "7-facet-from-keyboard");

    // the same search on a wide screen, for review
    b.resize(1280, 900);
    b.open(&format!("{base}/?q=partnerskap&by=county"));
    b.screenshot(&shot("8-search-wide"));

    // the hostile record, in the results, the chart, its record and its agreement
    b.resize(400, 800);
    for url in [
        format!("{base}/?q=tjejzonen&by=municipality"),
        format!("{base}/?partner=tjejzonen&by=partner&view=avtal"),
        format!("{base}/?id=lkpg-2024-tjejzonen-hostile"),
    ] {
        b.open(&url);
        let dom = b.dom();
        assert_ne!(
            b.eval("document.title"),
            serde_json::json!("pwned"),
            "a script ran"
        );
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
        assert!(!b.scrolls_sideways(), "{url} scrolls sideways");
    }
    b.open(&format!("{base}/?view=avtal&partner=tjejzonen"));
    b.click("#results a.agreement-link");
    assert!(here(&mut b).starts_with("/avtal/"));
    assert!(b.dom().contains("&lt;script&gt;"));
    step(&mut b, "9-hostile-agreement");

    drop(b);
    let _ = stop.send(());
    rt.block_on(server).unwrap().unwrap();
}
