//! Extraction speed, one thread: documents per second over the dev corpus
//! pages (../shared/corpus/dev), or over fixtures/ when that is absent.
//! Run with `cargo bench --bench extract`.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use iop::page::Page;
use iop::reference::Reference;

fn pages() -> Vec<Page> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dev = root.join("../shared/corpus/dev");
    let dir = if dev.is_dir() {
        dev
    } else {
        root.join("fixtures")
    };
    let mut out = Vec::new();
    collect(&dir, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn collect(dir: &Path, out: &mut Vec<Page>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "html" || x == "htm" || x == "txt")
            && let Ok(bytes) = std::fs::read(&p)
        {
            out.push(Page::from_file(p.display().to_string(), bytes));
        }
    }
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let reference = Reference::embedded();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.sample_size(20);
    g.bench_function(format!("{} pages", pages.len()), |b| {
        b.iter(|| {
            let mut n = 0usize;
            for p in &pages {
                if let Ok(r) = iop::extract::extract(p, reference) {
                    n += r.agreements.len();
                }
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
