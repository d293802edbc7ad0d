//! Load run of `iop serve` over loopback: indexes generated records (the
//! hand-written fixture records moved to other kommuner, partners, dates and
//! amounts), serves them in-process on 127.0.0.1 (a free port) with the
//! default limits, and sends a fixed mix of search requests (words,
//! phrases, boolean queries, filters, sorts, paging, funding reports) from
//! a reqwest client with bounded concurrency. Prints throughput and latency
//! p50/p99/max and fails when any request fails. Bounded: each request 10 s,
//! the whole run 300 s. After the searches, register requests (agreement
//! lists with filters and facets, single agreements) and funding reports
//! (as the page asks for its chart, and whole reports as scripts ask), each
//! with the same clients.
//!
//! `cargo bench --bench serve`; `IOP_BENCH_DOCS=5000 IOP_BENCH_REQUESTS=2000`
//! for a smaller run, `IOP_BENCH_CONCURRENCY` for more or fewer clients,
//! `IOP_BENCH_REGISTER` for the number of agreement and funding requests.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use iop::index::Indexer;
use iop::record::{PartialDate, Partner, Record};
use iop::reference::Reference;
use iop::search::Searcher;
use iop::serve::{self, Limits};

const SAMPLE: &str = include_str!("../fixtures/records/sample.jsonl");

const PARTNERS: [&str; 8] = [
    "Kvinnojouren",
    "Stadsmissionen",
    "Röda Korset",
    "Hela Människan",
    "Räddningsmissionen",
    "Blå Vägen",
    "Frälsningsarmén",
    "Rädda Barnen",
];

/// The searches sent, in turn.
const SEARCHES: [&str; 11] = [
    "/api/search?q=kvinnojouren",
    "/api/search?q=avtalet&limit=10",
    "/api/search?q=%22id%C3%A9buret+offentligt+partnerskap%22",
    "/api/search?q=partnerskap+AND+heml%C3%B6shet",
    "/api/search?q=kvinnojour+NOT+ume%C3%A5",
    "/api/search?q=r%C3%B6da+korset+OR+fr%C3%A4lsningsarm%C3%A9n&sort=published",
    "/api/search?q=avtal&municipality=Link%C3%B6ping",
    "/api/search?q=partnerskap&county=Sk%C3%A5ne+l%C3%A4n",
    "/api/search?q=st%C3%B6d&from=2023&to=2024-06",
    "/api/search?min_sek=1000000&sort=sek&limit=50",
    "/api/search?q=partnerskap&offset=40&limit=20",
];

/// Agreement lists as the page and scripts ask for them (one agreement by
/// id is added at run time).
const AGREEMENTS: [&str; 6] = [
    "/api/agreements",
    "/api/agreements?county=Sk%C3%A5ne&limit=50",
    "/api/agreements?partner=kvinnojouren&in_force=2024&facets=true",
    "/api/agreements?q=partnerskap&facets=true",
    "/api/agreements?form=iop&min_sek=1000000&offset=40",
    "/api/agreements?from=2020&undated=include&municipality=G%C3%B6teborg",
];

/// Funding reports as the page asks for its chart: the top rows, each with
/// its biggest agreement (the bar opens the rest), following the search.
const FUNDING: [&str; 6] = [
    "/api/funding?by=municipality&limit=20&items=1",
    "/api/funding?by=county&q=kvinnojouren&limit=20&items=1",
    "/api/funding?by=partner&in_force=2024&limit=20&items=1",
    "/api/funding?by=municipality&county=Sk%C3%A5ne+l%C3%A4n&limit=20&items=1",
    "/api/funding?by=partner&from=2020&sort=sek_per_inhabitant&limit=20&items=1",
    "/api/funding?by=county&form=iop&min_sek=100000&limit=20&items=1",
];

/// Whole reports as scripts ask for them: every row, every agreement listed
/// (the first is 2.4 MB of JSON at 20 000 records).
const WHOLE_REPORTS: [&str; 3] = [
    "/api/funding?by=county",
    "/api/funding?by=municipality&county=Sk%C3%A5ne+l%C3%A4n",
    "/api/funding?by=partner&from=2020&sort=sek_per_inhabitant&limit=100",
];

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Deterministic records: every run indexes the same ones.
fn generate(n: usize) -> Vec<Record> {
    let base: Vec<Record> = SAMPLE
        .lines()
        .map(|l| serde_json::from_str(l).expect("sample records parse"))
        .collect();
    let bodies = Reference::embedded().bodies();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut below = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    (0..n)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            let body = &bodies[below(bodies.len())];
            let partner = format!("{} {}", PARTNERS[below(PARTNERS.len())], body.short_name);
            r.id = format!("load-{i:06}");
            r.source.url = Some(format!("https://www.{}/nyheter/{i}", body.domain));
            r.source.published = PartialDate::day(
                2015 + below(11) as i32,
                1 + below(12) as u32,
                1 + below(28) as u32,
            );
            r.source.publisher = Some(body.party());
            r.text = format!("{} samverkar med {partner}.\n\n{}", body.name, r.text);
            for a in &mut r.agreements {
                a.public_parties = vec![body.party()];
                a.partners = vec![Partner {
                    name: partner.clone(),
                }];
                a.public_sek_per_year = a
                    .public_sek_per_year
                    .map(|_| 50_000 * (1 + below(100)) as i64);
            }
            r
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let docs = env("IOP_BENCH_DOCS", 20_000);
    let requests = env("IOP_BENCH_REQUESTS", 10_000);
    let concurrency = env("IOP_BENCH_CONCURRENCY", 32).max(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let ix = dir.path().join("index");
    let t = Instant::now();
    let mut indexer = Indexer::open(&ix).expect("index");
    for r in generate(docs) {
        indexer.upsert(&r).expect("upsert");
    }
    indexer.finish().expect("commit");
    println!(
        "indexed {docs} records in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let searcher = Arc::new(Searcher::open(&ix).expect("open index"));
    // as `iop serve` does before it listens
    let t = Instant::now();
    let register = searcher.full_register().expect("register");
    println!(
        "register of {docs} records built in {:.2} s",
        t.elapsed().as_secs_f64()
    );

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let limits = Limits::default();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve::serve(
            listener,
            serve::router(searcher, limits),
            async {
                let _ = stopped.await;
            },
        ));
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .pool_max_idle_per_host(concurrency)
            .build()
            .expect("client");
        let deadline = Instant::now() + Duration::from_secs(300);
        println!(
            "over loopback, {} search permits, {} s request timeout",
            limits.concurrent_searches,
            limits.request_timeout.as_secs()
        );
        let paths = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut errors = load(
            &client,
            &base,
            &paths(&SEARCHES),
            requests,
            concurrency,
            deadline,
        )
        .await;
        let n = env("IOP_BENCH_REGISTER", 6_000);
        let mut agreements = paths(&AGREEMENTS);
        let step = (register.entries.len() / 4).max(1);
        for e in register.entries.iter().step_by(step).take(4) {
            agreements.push(format!("/api/agreements/{}", e.agreement_id));
        }
        println!("agreements ({} in the register):", register.entries.len());
        errors += cold(&client, &base, &agreements).await;
        errors += load(&client, &base, &agreements, n, concurrency, deadline).await;
        println!("funding, as the page asks for its chart:");
        errors += cold(&client, &base, &paths(&FUNDING)).await;
        errors += load(&client, &base, &paths(&FUNDING), n, concurrency, deadline).await;
        println!("funding as the page asks, each request new (no kept answer):");
        // a bound no figure reaches makes every request a new one
        let fresh: Vec<String> = (0..n / 3)
            .map(|i| {
                format!(
                    "{}&max_sek={}",
                    FUNDING[i % FUNDING.len()],
                    1_000_000_000 + i
                )
            })
            .collect();
        errors += load(&client, &base, &fresh, fresh.len(), concurrency, deadline).await;
        println!("funding, whole reports with every agreement listed:");
        errors += cold(&client, &base, &paths(&WHOLE_REPORTS)).await;
        errors += load(
            &client,
            &base,
            &paths(&WHOLE_REPORTS),
            n / 10,
            concurrency,
            deadline,
        )
        .await;
        let _ = stop.send(());
        let _ = server.await;
        if errors > 0 {
            std::process::exit(1);
        }
    });
}

/// Each path once, one at a time, before its answer is kept: the time to
/// compute and write it; the number of failed requests.
async fn cold(client: &reqwest::Client, base: &str, paths: &[String]) -> usize {
    let mut errors = 0;
    for p in paths {
        let t = Instant::now();
        match client.get(format!("{base}{p}")).send().await {
            Ok(r) if r.status().is_success() => {
                let len = r.bytes().await.map(|b| b.len()).unwrap_or(0);
                println!(
                    "  {:>8.2} ms cold ({len} bytes)  {p}",
                    t.elapsed().as_secs_f64() * 1e3
                );
            }
            Ok(r) => {
                eprintln!("error: {p}: {}", r.status());
                errors += 1;
            }
            Err(e) => {
                eprintln!("error: {p}: {e}");
                errors += 1;
            }
        }
    }
    errors
}

/// Send `n` requests to `paths` in turn, `concurrency` at a time; print
/// figures per path and in all; the number of failed requests.
async fn load(
    client: &reqwest::Client,
    base: &str,
    paths: &[String],
    n: usize,
    concurrency: usize,
    deadline: Instant,
) -> usize {
    let start = Instant::now();
    let results: Vec<(usize, Result<Duration, String>)> = futures::stream::iter(0..n)
        .map(|i| {
            let url = format!("{base}{}", paths[i % paths.len()]);
            let one = async move {
                if Instant::now() > deadline {
                    return Err("run deadline passed".to_string());
                }
                let t = Instant::now();
                let resp = client
                    .get(&url)
                    .send()
                    .await
                    .map_err(|e| format!("{url}: {e}"))?;
                let status = resp.status();
                let body = resp.bytes().await.map_err(|e| format!("{url}: {e}"))?;
                if !status.is_success() {
                    return Err(format!(
                        "{url}: {status} {}",
                        String::from_utf8_lossy(&body)
                    ));
                }
                Ok(t.elapsed())
            };
            async move { (i % paths.len(), one.await) }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let wall = start.elapsed();
    let mut ok: Vec<Duration> = Vec::new();
    let mut by_path: Vec<Vec<Duration>> = vec![Vec::new(); paths.len()];
    let mut errors: Vec<String> = Vec::new();
    for (k, r) in results {
        match r {
            Ok(d) => {
                ok.push(d);
                by_path[k].push(d);
            }
            Err(e) => errors.push(e),
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (p, mut ds) in paths.iter().zip(by_path) {
        // one line per kind of request, not per request
        if !ds.is_empty() && paths.len() <= 20 {
            ds.sort();
            println!(
                "  {:>8.2} ms p50 {:>8.2} ms p99  {p}",
                ms(percentile(&ds, 0.5)),
                ms(percentile(&ds, 0.99))
            );
        }
    }
    ok.sort();
    println!(
        "{n} requests, {concurrency} at a time: {} ok, {} errors in {:.2} s",
        ok.len(),
        errors.len(),
        wall.as_secs_f64()
    );
    if !ok.is_empty() {
        println!(
            "throughput {:.0} requests/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            ok.len() as f64 / wall.as_secs_f64(),
            ms(percentile(&ok, 0.50)),
            ms(percentile(&ok, 0.99)),
            ok.last().map_or(0.0, |d| ms(*d)),
        );
    }
    for e in errors.iter().take(5) {
        eprintln!("error: {e}");
    }
    errors.len()
}
