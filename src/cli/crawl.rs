//! `iop crawl`: fetch news pages of municipal sites into the page store.
//! Reads the settings, works out the sites (seeds or the config), runs the
//! crawl on a tokio runtime, shows a progress bar (hosts, pages, errors) when
//! stderr is a terminal, names each failure on stderr as it happens, and
//! ends with a summary on stderr.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::{Status, UsageError};
use crate::config::Settings;
use crate::crawl::{self, CrawlError, Observer, Options, Stats};
use crate::reference::Reference;
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Settings file (default: the built-in config/iop.toml).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Crawl only the site of this URL (same host), starting there. Repeatable.
    #[arg(long)]
    pub seed: Vec<String>,
    /// The page store.
    #[arg(long, default_value = "data/pages")]
    pub store: PathBuf,
    /// Stop after this many requests in all: robots.txt, sitemaps, feeds,
    /// listings and articles, each retry and redirect hop counted. Hosts
    /// stopped keep their journal: the next crawl goes on from there.
    #[arg(long)]
    pub max_pages: Option<usize>,
    /// Least milliseconds between two requests to one host.
    #[arg(long)]
    pub delay_ms: Option<u64>,
}

/// Prints each failure on stderr, above the progress bar.
struct Printer {
    bar: indicatif::ProgressBar,
}

impl Observer for Printer {
    fn error(&self, err: &CrawlError) {
        self.bar.suspend(|| eprintln!("iop: error: {err}"));
    }

    fn warning(&self, message: &str) {
        self.bar.suspend(|| eprintln!("iop: warning: {message}"));
    }
}

fn progress_line(s: &Stats) -> String {
    format!(
        "hosts {}/{}, pages {} saved, {} unchanged, requests {}, errors {}",
        s.hosts_done.load(Ordering::Relaxed),
        s.hosts_total.load(Ordering::Relaxed),
        s.saved.load(Ordering::Relaxed),
        s.unchanged.load(Ordering::Relaxed),
        s.requests.load(Ordering::Relaxed),
        s.errors.load(Ordering::Relaxed),
    )
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let settings = match &args.config {
        Some(p) => Settings::load(p).map_err(|e| UsageError(e.to_string()))?,
        None => Settings::embedded(),
    };
    let jobs = if args.seed.is_empty() {
        crawl::sites_of_settings(&settings, Reference::embedded())
    } else {
        crawl::sites_of_seeds(&args.seed).map_err(|e| UsageError(e.to_string()))?
    };
    if jobs.is_empty() {
        return Err(
            UsageError("no sites to crawl: give --seed URL or sites in the config".into()).into(),
        );
    }
    if args.max_pages == Some(0) {
        return Err(UsageError("--max-pages must be at least 1".into()).into());
    }
    let store = Store::open_or_create(&args.store)
        .with_context(|| format!("cannot open the page store {}", args.store.display()))?;
    let _lock = store.lock_for_crawl()?;
    let options = Options {
        delay: Duration::from_millis(args.delay_ms.unwrap_or(settings.crawl.delay_ms)),
        max_pages: args.max_pages,
    };
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        b.enable_steady_tick(Duration::from_millis(200));
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let stats = Arc::new(Stats::default());
    let observer = Arc::new(Printer { bar: bar.clone() });
    let started = Instant::now();
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    let result = runtime.block_on(async {
        let ticker = {
            let (bar, stats) = (bar.clone(), stats.clone());
            tokio::spawn(async move {
                loop {
                    bar.set_message(progress_line(&stats));
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            })
        };
        let r = crawl::crawl(jobs, store, &settings, options, stats.clone(), observer).await;
        ticker.abort();
        r
    });
    bar.finish_and_clear();
    result?;
    let s = &stats;
    let resumed = s.resumed.load(Ordering::Relaxed);
    let hosts_stopped = s.hosts_stopped.load(Ordering::Relaxed);
    eprintln!(
        "iop: crawled {} of {} hosts ({} failed) in {:.1} s: {} pages saved, {} unchanged{}, {} requests, {} errors{}",
        s.hosts_done.load(Ordering::Relaxed) - s.hosts_failed.load(Ordering::Relaxed),
        s.hosts_total.load(Ordering::Relaxed),
        s.hosts_failed.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64(),
        s.saved.load(Ordering::Relaxed),
        s.unchanged.load(Ordering::Relaxed),
        if resumed > 0 {
            format!(", {resumed} already saved before an interruption")
        } else {
            String::new()
        },
        s.requests.load(Ordering::Relaxed),
        s.errors.load(Ordering::Relaxed),
        if s.stopped.load(Ordering::Relaxed) {
            "; stopped at --max-pages, the next crawl goes on from here".to_string()
        } else if hosts_stopped > 0 {
            format!(
                "; {hosts_stopped} {} stopped at a request limit or time budget, the next crawl goes on from there",
                if hosts_stopped == 1 { "host" } else { "hosts" }
            )
        } else {
            String::new()
        },
    );
    Ok(if s.errors.load(Ordering::Relaxed) > 0 {
        Status::Failed
    } else {
        Status::Ok
    })
}
