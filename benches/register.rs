//! Benchmark: linking 100 000 generated records into the register.
//!
//! The records imitate the real mix: every kommun and region, a few dozen
//! organisations each (many sharing a generic head word: "Kvinnojouren X",
//! "Brottsofferjouren i Y"), agreements reported by one to four pages with
//! the name written differently ("Stiftelsen", "i <ort>", case), dates at
//! different precisions, and renewals. Generated deterministically.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use iop::record::{
    Agreement, Amount, Evidence, Form, PartialDate, Partner, Payer, Per, Record, Source,
};
use iop::reference::Reference;
use iop::register::Register;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const HEADS: &[&str] = &[
    "Kvinnojouren",
    "Brottsofferjouren",
    "Tjejjouren",
    "Stadsmissionen",
    "Fritidsbanken",
    "Fontänhuset",
    "Idrottsföreningen",
    "Röda Korset",
    "Hembygdsföreningen",
    "Studieförbundet",
];
const DISTINCT: &[&str] = &[
    "Frida",
    "Moa",
    "Tranan",
    "Agape",
    "Linnea",
    "Gemenskapen",
    "Ljuset",
    "Vägen",
    "Bryggan",
    "Framtid",
    "Kompassen",
    "Oasen",
    "Fyren",
    "Ankaret",
    "Solrosen",
    "Tusenfryd",
    "Vinden",
    "Hoppet",
    "Källan",
    "Navet",
];

fn records(n: usize) -> Vec<Record> {
    let reference = Reference::embedded();
    let bodies = reference.bodies();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let body = &bodies[rng.below(bodies.len() as u64) as usize];
        let head = HEADS[rng.below(HEADS.len() as u64) as usize];
        let name = match rng.below(3) {
            0 => format!(
                "{head} {}",
                DISTINCT[rng.below(DISTINCT.len() as u64) as usize]
            ),
            1 => format!("{head} i {}", body.short_name),
            _ => format!(
                "{head} {} {}",
                DISTINCT[rng.below(DISTINCT.len() as u64) as usize],
                body.short_name
            ),
        };
        let start_year = 2012 + rng.below(14) as i32;
        let years = 1 + rng.below(4) as i32;
        let yearly = 100_000 * (1 + rng.below(30) as i64);
        let pages = 1 + rng.below(4);
        for p in 0..pages {
            let written = match p % 3 {
                0 => name.clone(),
                1 => format!("Stiftelsen {}", name.to_lowercase()),
                _ => name.replace(" i ", " "),
            };
            let start = match rng.below(4) {
                0 => None,
                1 => Some(PartialDate::year(start_year)),
                _ => PartialDate::day(start_year, 1, 1),
            };
            let end = if rng.below(2) == 0 {
                PartialDate::day(start_year + years - 1, 12, 31)
            } else {
                None
            };
            let published = PartialDate::day(
                start_year - 1,
                1 + rng.below(12) as u32,
                1 + rng.below(28) as u32,
            );
            out.push(Record {
                id: format!("{:016x}", rng.next()),
                source: Source {
                    url: Some(format!("https://{}/nyheter/{}", body.domain, out.len())),
                    published,
                    publisher: (p == 0).then(|| body.party()),
                    ..Source::default()
                },
                text: String::new(),
                agreements: vec![Agreement {
                    form: Form::Iop,
                    public_parties: vec![body.party()],
                    partners: vec![Partner {
                        name: written.clone(),
                    }],
                    start,
                    end,
                    duration_months: None,
                    extension_months: None,
                    amounts: vec![Amount {
                        sek: yearly,
                        per: Some(Per::Year),
                        payer: Some(Payer::Public),
                        text: format!("{yearly} kronor per år"),
                    }],
                    public_sek_per_year: Some(yearly),
                    evidence: vec![Evidence {
                        field: "partners".into(),
                        quote: written,
                    }],
                }],
                quotes: vec![],
            });
        }
    }
    out.truncate(n);
    out
}

fn bench(c: &mut Criterion) {
    let recs = records(100_000);
    let reference = Reference::embedded();
    let reg = Register::build(&recs, reference);
    eprintln!(
        "100 000 records -> {} register entries, {} partnerships",
        reg.entries.len(),
        reg.partnerships().len()
    );
    let mut g = c.benchmark_group("register");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("link 100 000 records", |b| {
        b.iter(|| Register::build(black_box(&recs), reference))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
