//! Index benchmark: generates 100 000 records from the hand-written fixture
//! records (fixtures/records/sample.jsonl), each moved to another kommun,
//! partner, date and amount, indexes them, and prints documents per second,
//! the index size on disk, and search latency p50/p99 over a fixed query mix
//! (full searches: parse, filter, rank, load stored records, snippets).
//!
//! `cargo bench --bench index`; `IOP_BENCH_DOCS=20000` for a smaller run.

use std::path::Path;
use std::time::{Duration, Instant};

use iop::index::Indexer;
use iop::record::{PartialDate, Partner, Record};
use iop::reference::Reference;
use iop::search::{Filters, SearchRequest, Searcher, Sort};

const SAMPLE: &str = include_str!("../fixtures/records/sample.jsonl");

const PARTNERS: [&str; 12] = [
    "Kvinnojouren",
    "Stadsmissionen",
    "Röda Korset",
    "Hela Människan",
    "Räddningsmissionen",
    "Blå Vägen",
    "Brottsofferjouren",
    "Frälsningsarmén",
    "Rädda Barnen",
    "Studieförbundet Vuxenskolan",
    "Föreningen Tjejzonen",
    "Ungdomens hus",
];

/// A small deterministic generator (xorshift), so every run indexes the same records.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn generate(n: usize) -> Vec<Record> {
    let base: Vec<Record> = SAMPLE
        .lines()
        .map(|l| serde_json::from_str(l).expect("sample records parse"))
        .collect();
    let bodies = Reference::embedded().bodies();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            let body = &bodies[rng.below(bodies.len())];
            let partner = format!(
                "{} {}",
                PARTNERS[rng.below(PARTNERS.len())],
                body.short_name
            );
            r.id = format!("bench-{i:06}");
            r.source.url = Some(format!("https://www.{}/nyheter/{i}", body.domain));
            r.source.published = PartialDate::day(
                2015 + rng.below(11) as i32,
                1 + rng.below(12) as u32,
                1 + rng.below(28) as u32,
            );
            r.source.publisher = Some(body.party());
            r.text = format!(
                "{} {} samverkar med {partner}.\n\n{}",
                body.name, body.short_name, r.text
            );
            for a in &mut r.agreements {
                a.public_parties = vec![body.party()];
                a.partners = vec![Partner {
                    name: partner.clone(),
                }];
                a.public_sek_per_year = a
                    .public_sek_per_year
                    .map(|_| 50_000 * (1 + rng.below(100)) as i64);
            }
            r
        })
        .collect()
}

fn dir_size(p: &Path) -> u64 {
    walkdir::WalkDir::new(p)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

fn query_mix() -> Vec<SearchRequest> {
    let q = |query: &str| SearchRequest {
        query: query.into(),
        limit: 10,
        ..SearchRequest::default()
    };
    let f = Filters::default;
    vec![
        q("kvinnojouren"),
        q("avtalet"),
        q("\"idéburet offentligt partnerskap\""),
        q("partnerskap AND hemlöshet"),
        q("kvinnojour NOT umeå"),
        q("partner:stadsmissionen"),
        q("speaker:\"Karin Lund\""),
        q("röda korset OR frälsningsarmén"),
        SearchRequest {
            filters: Filters {
                municipality: Some("Linköping".into()),
                ..f()
            },
            ..q("avtal")
        },
        SearchRequest {
            filters: Filters {
                county: Some("Skåne län".into()),
                ..f()
            },
            ..q("partnerskap")
        },
        SearchRequest {
            filters: Filters {
                from: Some("2023".into()),
                to: Some("2024-06".into()),
                ..f()
            },
            ..q("stöd")
        },
        SearchRequest {
            filters: Filters {
                min_sek: Some(1_000_000),
                ..f()
            },
            sort: Sort::Sek,
            ..q("")
        },
        SearchRequest {
            sort: Sort::Published,
            ..q("kvinnojourer")
        },
        SearchRequest {
            filters: Filters {
                partner: Some("Rädda Barnen".into()),
                ..f()
            },
            ..q("")
        },
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse
    let n: usize = std::env::var("IOP_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let records = generate(n);
    let dir = tempfile::tempdir().expect("temp dir");
    let ix_dir = dir.path().join("index");

    let start = Instant::now();
    let mut ix = Indexer::open(&ix_dir).expect("open index");
    for r in &records {
        ix.upsert(r).expect("upsert");
        if ix.pending() >= iop::index::COMMIT_EVERY {
            ix.commit().expect("commit");
        }
    }
    ix.finish().expect("finish");
    let took = start.elapsed();
    let size = dir_size(&ix_dir);

    let searcher = Searcher::open(&ix_dir).expect("open searcher");
    assert_eq!(searcher.num_docs(), n as u64);
    let mix = query_mix();
    for req in &mix {
        searcher.search(req).expect("warm-up search");
    }
    let rounds = 30;
    let mut lat = Vec::with_capacity(rounds * mix.len());
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); mix.len()];
    let mut hits = 0usize;
    for _ in 0..rounds {
        for (i, req) in mix.iter().enumerate() {
            let t = Instant::now();
            let res = searcher.search(req).expect("search");
            let d = t.elapsed();
            lat.push(d);
            per_query[i].push(d);
            hits += res.hits.len();
        }
    }
    lat.sort();
    println!("index benchmark: {n} records generated from fixtures/records/sample.jsonl");
    println!(
        "  indexing:       {:.2} s, {:.0} documents/s",
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64()
    );
    println!(
        "  index size:     {:.1} MB ({:.0} bytes/document)",
        size as f64 / 1e6,
        size as f64 / n as f64
    );
    println!(
        "  search latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} searches ({} queries x {rounds}, {hits} hits loaded)",
        percentile(&lat, 0.50).as_secs_f64() * 1e3,
        percentile(&lat, 0.99).as_secs_f64() * 1e3,
        lat.last().map(|d| d.as_secs_f64() * 1e3).unwrap_or(0.0),
        lat.len(),
        mix.len(),
    );
    for (req, mut l) in mix.iter().zip(per_query) {
        l.sort();
        println!(
            "    p50 {:6.2} ms  p99 {:6.2} ms  {:?} {:?}",
            percentile(&l, 0.50).as_secs_f64() * 1e3,
            percentile(&l, 0.99).as_secs_f64() * 1e3,
            req.query,
            req.sort,
        );
    }
}
