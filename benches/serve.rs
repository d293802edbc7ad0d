//! Load run of `iop serve` over loopback: indexes generated records (the
//! hand-written fixture records moved to other kommuner, partners, dates and
//! amounts), starts the real `iop serve` binary on 127.0.0.1 (a free port)
//! with the default limits, and sends a fixed mix of search requests
//! (words, phrases, boolean queries, filters, sorts, paging) from 32
//! clients, then deep pages (offsets 30 000 and 45 000) and a smaller run of
//! funding reports, 4 at a time. Then register requests (agreement lists
//! with filters and facets, single agreements) and funding reports (as the
//! page asks for its chart, and whole reports as scripts ask), each path
//! once cold, then from the same clients as asked again and again, then
//! with every request new, so no kept answer serves it. Prints
//! throughput, latency p50/p99/max per path and in all, the server's CPU
//! time per request and its peak memory (VmHWM of its process). Clients
//! read every body to its end without keeping it, so that they cost little
//! beside a server of reports of megabytes. Then the bounded soak at 50 000
//! documents: 2 000 connections that send half a request head and nothing
//! more, and meanwhile 32 clients × 300 searches; the real clients must see
//! 0 errors and the server must close every half-open connection by its
//! header timeout. Fails (exit status 1) on any failed request or an open
//! half-open connection. Bounded: each request 10 s, each load run 300 s.
//!
//! `cargo bench --bench serve`. Settings: `IOP_BENCH_DOCS=20000,50000`
//! (index sizes, default 50000,100000), `IOP_BENCH_REQUESTS` (searches per
//! size, default 10000), `IOP_BENCH_CONCURRENCY` (default 32),
//! `IOP_BENCH_DEEP` (deep pages per size, default 1000),
//! `IOP_BENCH_FUNDING` (funding reports per size, default 40),
//! `IOP_BENCH_REGISTER` (agreement and funding requests of each kind per
//! size, default 6000, a third of that for whole reports and for each
//! request new; 0 skips them),
//! `IOP_BENCH_SOAK_DOCS` (default 50000; 0 skips the soak),
//! `IOP_BENCH_HALF_OPEN` (default 2000), `IOP_BENCH_SOAK_SEARCHES` (per
//! client, default 300).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures::StreamExt;
use iop::index::Indexer;
use iop::record::{PartialDate, Partner, Record};
use iop::reference::Reference;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

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

/// Deep pages, past where offsets were once cut at 10 000; their own run,
/// since every one ranks that many hits.
const DEEP: [&str; 2] = [
    "/api/search?q=avtal&offset=30000&limit=20",
    "/api/search?q=st%C3%B6d&sort=published&offset=45000&limit=20",
];

/// Funding reports over every agreement, 4 at a time.
const FUNDING: [&str; 3] = [
    "/api/funding?by=county",
    "/api/funding?by=municipality&county=Sk%C3%A5ne+l%C3%A4n",
    "/api/funding?by=partner&from=2020",
];

/// Agreement lists as the page and scripts ask for them (agreements by id
/// are added at run time).
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
const CHART: [&str; 6] = [
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

fn paths(p: &[&str]) -> Vec<String> {
    p.iter().map(|s| s.to_string()).collect()
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn env_list(name: &str, default: &[usize]) -> Vec<usize> {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.split(',')
                .filter_map(|s| s.trim().replace('_', "").parse().ok())
                .collect()
        })
        .unwrap_or_else(|| default.to_vec())
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Index `n` generated records into `dir`.
fn index(dir: &Path, n: usize) {
    let t = Instant::now();
    let mut indexer = Indexer::open(dir).expect("index");
    for r in generate(n) {
        indexer.upsert(&r).expect("upsert");
        if indexer.pending() >= iop::index::COMMIT_EVERY {
            indexer.commit().expect("commit");
        }
    }
    indexer.finish().expect("commit");
    println!("indexed {n} records in {:.1} s", t.elapsed().as_secs_f64());
}

/// The `iop serve` process and where it listens.
struct Server {
    child: Child,
    base: String,
    addr: std::net::SocketAddr,
}

impl Server {
    /// Start `iop serve` on a free port and wait until it listens (it
    /// builds the register first).
    fn start(index: &Path) -> Server {
        let t = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_iop"))
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(index)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start iop serve");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut line = String::new();
        stderr
            .read_line(&mut line)
            .expect("iop serve says where it listens");
        let addr: std::net::SocketAddr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        // keep reading its log so it never blocks on a full pipe
        std::thread::spawn(move || {
            for l in stderr.lines().map_while(Result::ok) {
                eprintln!("  server: {l}");
            }
        });
        println!(
            "iop serve (pid {}) listening on {addr} after {:.2} s (register built)",
            child.id(),
            t.elapsed().as_secs_f64()
        );
        Server {
            base: format!("http://{addr}"),
            addr,
            child,
        }
    }

    /// Peak and current resident memory of the server process, in MB.
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kb = |key: &str| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (kb("VmHWM:") / 1024.0, kb("VmRSS:") / 1024.0)
    }

    /// CPU time the server process has used (user and system).
    fn cpu(&self) -> Duration {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // fields after the command name, which is in parentheses
        let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
        let ticks: u64 = rest
            .split_whitespace()
            .skip(11)
            .take(2)
            .filter_map(|v| v.parse::<u64>().ok())
            .sum();
        // /proc counts in USER_HZ, 100 a second on Linux
        Duration::from_millis(ticks * 10)
    }

    /// Ctrl-C, as a person stops it; how long it took to exit.
    fn stop(mut self) -> Duration {
        let t = Instant::now();
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return t.elapsed();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        t.elapsed()
    }
}

/// Latency figures of one load run.
struct Figures {
    ok: Vec<Duration>,
    errors: Vec<String>,
    wall: Duration,
}

impl Figures {
    fn print(&self, what: &str, n: usize, concurrency: usize) {
        println!(
            "{what}: {n} requests, {concurrency} at a time: {} ok, {} errors in {:.2} s",
            self.ok.len(),
            self.errors.len(),
            self.wall.as_secs_f64()
        );
        if !self.ok.is_empty() {
            println!(
                "  throughput {:.0} requests/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
                self.ok.len() as f64 / self.wall.as_secs_f64(),
                ms(percentile(&self.ok, 0.50)),
                ms(percentile(&self.ok, 0.99)),
                self.ok.last().map_or(0.0, |d| ms(*d)),
            );
        }
        for e in self.errors.iter().take(5) {
            eprintln!("  error: {e}");
        }
    }
}

/// Send `n` requests to `paths` in turn, `concurrency` at a time; print the
/// figures per path when `per_path`.
async fn load(
    client: &reqwest::Client,
    base: &str,
    paths: &[String],
    n: usize,
    concurrency: usize,
    per_path: bool,
) -> Figures {
    let deadline = Instant::now() + Duration::from_secs(300);
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
                if !status.is_success() {
                    let body = resp.bytes().await.map_err(|e| format!("{url}: {e}"))?;
                    return Err(format!(
                        "{url}: {status} {}",
                        String::from_utf8_lossy(&body)
                    ));
                }
                // every byte read, as it comes, and none kept: what the
                // client spends on a body of megabytes stays small
                let mut resp = resp;
                while resp
                    .chunk()
                    .await
                    .map_err(|e| format!("{url}: {e}"))?
                    .is_some()
                {}
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
    if per_path {
        for (p, mut ds) in paths.iter().zip(by_path) {
            if !ds.is_empty() {
                ds.sort();
                println!(
                    "  {:>8.2} ms p50 {:>8.2} ms p99  {p}",
                    ms(percentile(&ds, 0.5)),
                    ms(percentile(&ds, 0.99))
                );
            }
        }
    }
    ok.sort();
    Figures { ok, errors, wall }
}

fn client(concurrency: usize) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .pool_max_idle_per_host(concurrency)
        .build()
        .expect("client")
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
                println!("  {:>8.2} ms cold ({len} bytes)  {p}", ms(t.elapsed()));
            }
            Ok(r) => {
                eprintln!("  error: {p}: {}", r.status());
                errors += 1;
            }
            Err(e) => {
                eprintln!("  error: {p}: {e}");
                errors += 1;
            }
        }
    }
    errors
}

/// Up to `n` agreement ids spread over the register, and how many
/// agreements it holds, as `/api/agreements` lists them.
async fn agreement_ids(client: &reqwest::Client, base: &str, n: usize) -> (Vec<String>, usize) {
    let get = |offset: usize| {
        let url = format!("{base}/api/agreements?limit=1&offset={offset}");
        async move {
            let body = client.get(&url).send().await.ok()?.bytes().await.ok()?;
            serde_json::from_slice::<serde_json::Value>(&body).ok()
        }
    };
    let Some(first) = get(0).await else {
        return (Vec::new(), 0);
    };
    let total = first["total"].as_u64().unwrap_or(0) as usize;
    let step = (total / n.max(1)).max(1);
    let mut ids = Vec::new();
    for offset in (0..total).step_by(step).take(n) {
        if let Some(v) = get(offset).await
            && let Some(id) = v["agreements"][0]["agreement_id"].as_str()
        {
            ids.push(id.to_string());
        }
    }
    (ids, total)
}

/// `n` requests to `paths` in turn, each new: an upper bound on the yearly
/// figure that no figure reaches (`max_sek`, different in each) makes every
/// request one no kept answer can serve; it selects the same agreements but
/// those without a figure (counted as left out).
fn each_new(paths: &[&str], n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let p = paths[i % paths.len()];
            let sep = if p.contains('?') { '&' } else { '?' };
            format!("{p}{sep}max_sek={}", 1_000_000_000 + i)
        })
        .collect()
}

/// One load run of `n` requests to `paths` in turn: its figures, and the
/// server's CPU time per request (steadier than throughput on a machine
/// shared with other work). The number of failed requests.
async fn measured(
    server: &Server,
    client: &reqwest::Client,
    paths: &[String],
    n: usize,
    concurrency: usize,
    what: &str,
) -> usize {
    let cpu = server.cpu();
    let run = load(client, &server.base, paths, n, concurrency, false).await;
    let cpu = server.cpu().saturating_sub(cpu);
    run.print(what, n, concurrency);
    println!("  server CPU {:.2} ms a request", ms(cpu) / n.max(1) as f64);
    run.errors.len()
}

/// The register requests: agreement lists and single agreements, funding
/// as the page asks for its chart, and whole reports; each path once cold,
/// then `n` requests (whole reports `n / 3`) from `concurrency` clients as
/// asked again and again, then `n / 3` each new. The number of failed
/// requests.
async fn register_runs(
    server: &Server,
    client: &reqwest::Client,
    docs: usize,
    n: usize,
    concurrency: usize,
) -> usize {
    let base = &server.base;
    let mut errors = 0;
    let mut agreements = paths(&AGREEMENTS);
    let (ids, total) = agreement_ids(client, base, 4).await;
    agreements.extend(ids.iter().map(|id| format!("/api/agreements/{id}")));
    let kinds: [(&str, Vec<String>, &[&str], usize); 3] = [
        ("agreements", agreements, &AGREEMENTS, n),
        ("funding chart", paths(&CHART), &CHART, n),
        (
            "whole funding reports",
            paths(&WHOLE_REPORTS),
            &WHOLE_REPORTS,
            n / 3,
        ),
    ];
    for (what, asked, lists, repeated) in kinds {
        println!("{what} at {docs} documents ({total} agreements in the register):");
        errors += cold(client, base, &asked).await;
        errors += measured(
            server,
            client,
            &asked,
            repeated,
            concurrency,
            &format!("{what} at {docs} documents, asked again and again"),
        )
        .await;
        let fresh = each_new(lists, n / 3);
        errors += measured(
            server,
            client,
            &fresh,
            fresh.len(),
            concurrency,
            &format!("{what} at {docs} documents, each request new (no kept answer)"),
        )
        .await;
    }
    errors
}

/// One index size: the search mix, deep pages, the funding run, the
/// register requests, the server's memory. The number of failed requests.
async fn sized(index: &Path, n: usize, requests: usize, concurrency: usize) -> usize {
    let server = Server::start(index);
    let client = client(concurrency);
    let cpu = server.cpu();
    let searches = load(
        &client,
        &server.base,
        &paths(&SEARCHES),
        requests,
        concurrency,
        true,
    )
    .await;
    let cpu = server.cpu().saturating_sub(cpu);
    searches.print(&format!("search at {n} documents"), requests, concurrency);
    println!(
        "  server CPU {:.2} ms a search ({:.1} s in all)",
        ms(cpu) / requests.max(1) as f64,
        cpu.as_secs_f64()
    );
    let (peak, now) = server.memory();
    println!("  server memory after the searches: peak {peak:.0} MB, now {now:.0} MB");
    let deep_n = env("IOP_BENCH_DEEP", 1000);
    let deep = load(
        &client,
        &server.base,
        &paths(&DEEP),
        deep_n,
        concurrency,
        false,
    )
    .await;
    deep.print(&format!("deep pages at {n} documents"), deep_n, concurrency);
    let funding_n = env("IOP_BENCH_FUNDING", 40);
    let funding = load(&client, &server.base, &paths(&FUNDING), funding_n, 4, false).await;
    funding.print(&format!("funding at {n} documents"), funding_n, 4);
    let (peak, now) = server.memory();
    println!("  server memory after the funding reports: peak {peak:.0} MB, now {now:.0} MB");
    let register_n = env("IOP_BENCH_REGISTER", 6000);
    let register = if register_n > 0 {
        let errors = register_runs(&server, &client, n, register_n, concurrency).await;
        let (peak, now) = server.memory();
        println!("  server memory after the register requests: peak {peak:.0} MB, now {now:.0} MB");
        errors
    } else {
        0
    };
    let stopped = server.stop();
    println!("  Ctrl-C to exit: {:.2} s", stopped.as_secs_f64());
    searches.errors.len() + deep.errors.len() + funding.errors.len() + register
}

/// The soak: half-open connections and real clients at once. True when the
/// real clients saw no error and every half-open connection was closed by
/// the server.
async fn soak(index: &Path, n: usize, concurrency: usize) -> bool {
    let half_open = env("IOP_BENCH_HALF_OPEN", 2000);
    let per_client = env("IOP_BENCH_SOAK_SEARCHES", 300);
    println!(
        "soak at {n} documents: {half_open} half-open connections, {concurrency} clients x {per_client} searches"
    );
    let server = Server::start(index);
    let addr = server.addr;
    let opened = Instant::now();
    // each sends half a head and waits for the server to close it
    let closers: Vec<tokio::task::JoinHandle<Option<Duration>>> =
        futures::stream::iter(0..half_open)
            .map(|_| async move {
                let mut tcp = tokio::net::TcpStream::connect(addr).await.ok()?;
                tcp.write_all(b"GET /api/search?q=avtal HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Wait: ")
                    .await
                    .ok()?;
                Some(tokio::spawn(async move {
                    let mut buf = [0u8; 512];
                    let limit = Duration::from_secs(60);
                    loop {
                        match tokio::time::timeout(limit, tcp.read(&mut buf)).await {
                            Ok(Ok(0)) | Ok(Err(_)) => return Some(opened.elapsed()),
                            Ok(Ok(_)) => continue,
                            Err(_) => return None,
                        }
                    }
                }))
            })
            .buffer_unordered(200)
            .filter_map(|h| async move { h })
            .collect()
            .await;
    println!(
        "  {} half-open connections open after {:.2} s",
        closers.len(),
        opened.elapsed().as_secs_f64()
    );
    let (_, with_half_open) = server.memory();
    let client = client(concurrency);
    let requests = concurrency * per_client;
    let searches = load(
        &client,
        &server.base,
        &paths(&SEARCHES),
        requests,
        concurrency,
        false,
    )
    .await;
    searches.print(
        &format!("soak search at {n} documents"),
        requests,
        concurrency,
    );
    let mut closed: Vec<Duration> = Vec::new();
    for c in closers {
        if let Ok(Some(d)) = c.await {
            closed.push(d);
        }
    }
    closed.sort();
    let (peak, now) = server.memory();
    println!(
        "  half-open connections closed by the server: {} of {half_open}, {:.1} to {:.1} s after they opened",
        closed.len(),
        closed.first().map_or(0.0, |d| d.as_secs_f64()),
        closed.last().map_or(0.0, |d| d.as_secs_f64()),
    );
    println!(
        "  server memory: peak {peak:.0} MB, {with_half_open:.0} MB with the half-open connections open, now {now:.0} MB"
    );
    let stopped = server.stop();
    println!("  Ctrl-C to exit: {:.2} s", stopped.as_secs_f64());
    searches.errors.is_empty() && closed.len() == half_open
}

fn main() {
    let sizes = env_list("IOP_BENCH_DOCS", &[50_000, 100_000]);
    let requests = env("IOP_BENCH_REQUESTS", 10_000);
    let concurrency = env("IOP_BENCH_CONCURRENCY", 32).max(1);
    let soak_docs = env("IOP_BENCH_SOAK_DOCS", 50_000);
    // the soak holds thousands of sockets on the client side too
    let _ = rlimit::increase_nofile_limit(u64::MAX);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut failed = false;
    let mut soaked = soak_docs == 0;
    for &n in &sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let ix = dir.path().join("index");
        index(&ix, n);
        failed |= rt.block_on(sized(&ix, n, requests, concurrency)) > 0;
        if n == soak_docs {
            failed |= !rt.block_on(soak(&ix, n, concurrency));
            soaked = true;
        }
    }
    if !soaked {
        let dir = tempfile::tempdir().expect("temp dir");
        let ix = dir.path().join("index");
        index(&ix, soak_docs);
        failed |= !rt.block_on(soak(&ix, soak_docs, concurrency));
    }
    if failed {
        eprintln!("serve bench: requests failed or half-open connections stayed open");
        std::process::exit(1);
    }
}
