//! Pacing and budgets of one host's requests. Every request a host is sent
//! (robots.txt, retries and redirect hops included) first passes its
//! `Pacer`, which keeps the requests at least the host's delay apart, counts
//! them against the host's request limit and the crawl's `--max-pages`, and
//! refuses once the host's time budget is spent: no request is sent that a
//! budget does not allow, so a crawl ends within its budgets. Uses only the
//! crawl's shared `Stats` (the crawl-wide request count).

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::time::Instant;

use super::Stats;

/// Why a host's crawl stopped before its frontier was empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The host was sent its limit of requests (`crawl.max_pages_per_host`).
    HostRequests(usize),
    /// The host's time budget is spent (`crawl.host_time_budget_secs`).
    HostTime(Duration),
    /// The crawl was sent `--max-pages` requests in all.
    MaxPages(usize),
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::HostRequests(n) => write!(f, "the host's limit of {n} requests is reached"),
            Stop::HostTime(d) => write!(f, "the host's time budget of {} s is spent", d.as_secs()),
            Stop::MaxPages(n) => write!(f, "--max-pages {n} requests are sent"),
        }
    }
}

/// The budgets of one host's crawl.
#[derive(Debug, Clone, Default)]
pub struct Budget {
    /// Requests the host may be sent.
    pub max_requests: Option<usize>,
    /// Time the host's crawl may take from its first request.
    pub time: Option<Duration>,
    /// Requests the whole crawl may send (`--max-pages`).
    pub max_total: Option<usize>,
}

/// Keeps the requests to one host apart and within their budgets: the next
/// request starts at least `delay` after the previous one finished.
#[derive(Debug, Clone)]
pub struct Pacer {
    delay: Duration,
    last_done: Option<Instant>,
    /// Requests sent to the host.
    sent: usize,
    budget: Budget,
    /// The end of the host's time budget, fixed at its first request.
    deadline: Option<Instant>,
    /// The crawl's counters; `requests` is the crawl-wide count.
    stats: Arc<Stats>,
}

impl Pacer {
    /// A pacer without budgets.
    pub fn new(delay: Duration) -> Pacer {
        Pacer::with_budget(delay, Budget::default(), Arc::new(Stats::default()))
    }

    /// A pacer counting every request in `stats.requests`.
    pub fn with_budget(delay: Duration, budget: Budget, stats: Arc<Stats>) -> Pacer {
        Pacer {
            delay,
            last_done: None,
            sent: 0,
            budget,
            deadline: None,
            stats,
        }
    }

    pub fn delay(&self) -> Duration {
        self.delay
    }

    /// Requests sent to the host so far.
    pub fn sent(&self) -> usize {
        self.sent
    }

    /// When the host's time budget ends (once its first request went).
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Ask for more time between requests (a Crawl-delay, a 429), never less.
    pub fn slow_down_to(&mut self, delay: Duration) {
        self.delay = self.delay.max(delay);
    }

    /// The stop that applies now, if any.
    pub fn stopped(&self) -> Option<Stop> {
        if let Some(max) = self.budget.max_requests
            && self.sent >= max
        {
            return Some(Stop::HostRequests(max));
        }
        if let (Some(end), Some(time)) = (self.deadline, self.budget.time)
            && Instant::now() >= end
        {
            return Some(Stop::HostTime(time));
        }
        if let Some(max) = self.budget.max_total
            && self.stats.requests.load(Ordering::Relaxed) >= max
        {
            return Some(Stop::MaxPages(max));
        }
        None
    }

    /// Wait until the next request may go, and at least `extra` from now;
    /// the request is then counted. Refused when a budget does not allow it.
    pub async fn wait(&mut self, extra: Duration) -> Result<(), Stop> {
        if let Some(stop) = self.stopped() {
            return Err(stop);
        }
        let now = Instant::now();
        let mut at = now + extra;
        if let Some(last) = self.last_done {
            at = at.max(last + self.delay);
        }
        if let (Some(end), Some(time)) = (self.deadline, self.budget.time)
            && at >= end
        {
            return Err(Stop::HostTime(time));
        }
        tokio::time::sleep_until(at).await;
        // other hosts may have used up --max-pages while this one waited
        let counted = self
            .stats
            .requests
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                self.budget.max_total.is_none_or(|m| n < m).then_some(n + 1)
            });
        if counted.is_err() {
            return Err(Stop::MaxPages(self.budget.max_total.unwrap_or(0)));
        }
        self.sent += 1;
        if self.deadline.is_none() {
            self.deadline = self.budget.time.map(|t| Instant::now() + t);
        }
        Ok(())
    }

    /// Note that a request just finished.
    pub fn done(&mut self) {
        self.last_done = Some(Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[tokio::test]
    async fn requests_keep_their_distance() {
        let mut p = Pacer::new(40 * MS);
        let start = Instant::now();
        p.wait(Duration::ZERO).await.unwrap();
        p.done();
        p.wait(Duration::ZERO).await.unwrap();
        assert!(start.elapsed() >= 40 * MS);
        p.done();
        p.wait(100 * MS).await.unwrap();
        assert!(start.elapsed() >= 140 * MS);
        assert_eq!(p.sent(), 3);
    }

    #[tokio::test]
    async fn the_host_limit_counts_every_request() {
        let budget = Budget {
            max_requests: Some(2),
            ..Budget::default()
        };
        let mut p = Pacer::with_budget(Duration::ZERO, budget, Arc::new(Stats::default()));
        p.wait(Duration::ZERO).await.unwrap();
        p.wait(Duration::ZERO).await.unwrap();
        assert_eq!(p.wait(Duration::ZERO).await, Err(Stop::HostRequests(2)));
    }

    #[tokio::test]
    async fn the_time_budget_refuses_a_request_that_would_start_too_late() {
        let budget = Budget {
            time: Some(100 * MS),
            ..Budget::default()
        };
        let mut p = Pacer::with_budget(40 * MS, budget, Arc::new(Stats::default()));
        for _ in 0..3 {
            p.wait(Duration::ZERO).await.unwrap();
            p.done();
        }
        // the fourth would start at least 120 ms after the first: refused at once
        assert_eq!(p.wait(Duration::ZERO).await, Err(Stop::HostTime(100 * MS)));
        assert_eq!(p.sent(), 3);
    }

    #[tokio::test]
    async fn max_pages_is_shared_by_every_host() {
        let stats = Arc::new(Stats::default());
        let budget = Budget {
            max_total: Some(3),
            ..Budget::default()
        };
        let mut a = Pacer::with_budget(Duration::ZERO, budget.clone(), stats.clone());
        let mut b = Pacer::with_budget(Duration::ZERO, budget, stats.clone());
        a.wait(Duration::ZERO).await.unwrap();
        b.wait(Duration::ZERO).await.unwrap();
        a.wait(Duration::ZERO).await.unwrap();
        assert_eq!(b.wait(Duration::ZERO).await, Err(Stop::MaxPages(3)));
        assert_eq!(stats.requests.load(Ordering::Relaxed), 3);
    }
}
