//! How many hosts a crawl asks at once: every host, as far as the process's
//! open-file limit allows (or `crawl.concurrent_hosts` when that is set).
//! Politeness is one request at a time per host, not a cap across hosts; what
//! bounds the hosts at once is the descriptors each holds: its connection,
//! its resume journal, a temporary file while a page is saved and a name
//! lookup. The soft limit is raised towards the hard one when more are
//! needed (the `rlimit` crate); a limit too low to crawl is a clear error.

use super::CrawlError;

/// Descriptors one host being crawled may hold at once.
pub const PER_HOST: u64 = 4;
/// Descriptors the crawl needs besides its hosts: standard streams, the
/// runtime, the store's lock, the blocking threads' files.
pub const RESERVE: u64 = 64;

/// How many hosts go at once, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub hosts_at_once: usize,
    /// The open-file limit in force (after raising it).
    pub limit: u64,
}

impl Plan {
    /// Says that fewer than `hosts` go at once, and how to have them all.
    pub fn bounded_message(&self, hosts: usize) -> String {
        format!(
            "{} of {hosts} hosts are crawled at once: the open-file limit of {} allows no more \
             (raise it with `ulimit -n {}` to crawl every host at once)",
            self.hosts_at_once,
            self.limit,
            needed(hosts)
        )
    }
}

/// Descriptors needed to crawl `hosts` at once.
pub fn needed(hosts: usize) -> u64 {
    RESERVE + PER_HOST * hosts as u64
}

/// Plan a crawl of `hosts` sites, `configured` at once (0: every one),
/// raising the soft open-file limit as far as the hard limit allows.
pub fn hosts_at_once(hosts: usize, configured: usize) -> Result<Plan, CrawlError> {
    let wanted = wanted(hosts, configured);
    let limit = rlimit::increase_nofile_limit(needed(wanted)).map_err(|e| {
        CrawlError::OpenFiles(format!("cannot read or raise the open-file limit: {e}"))
    })?;
    plan(hosts, configured, limit)
}

fn wanted(hosts: usize, configured: usize) -> usize {
    match configured {
        0 => hosts,
        n => n.min(hosts),
    }
    .max(1)
}

/// The plan under an open-file limit of `limit`.
fn plan(hosts: usize, configured: usize, limit: u64) -> Result<Plan, CrawlError> {
    let wanted = wanted(hosts, configured);
    let fit = usize::try_from(limit.saturating_sub(RESERVE) / PER_HOST).unwrap_or(usize::MAX);
    if fit == 0 {
        return Err(CrawlError::OpenFiles(format!(
            "the open-file limit of {limit} is too low to crawl: one host at a time needs {}; \
             raise it with `ulimit -n {}`",
            needed(1),
            needed(wanted)
        )));
    }
    if configured > 0 && fit < wanted {
        return Err(CrawlError::OpenFiles(format!(
            "the open-file limit of {limit} allows {fit} hosts at once, not the {wanted} of \
             crawl.concurrent_hosts; raise it with `ulimit -n {}` or lower crawl.concurrent_hosts",
            needed(wanted)
        )));
    }
    Ok(Plan {
        hosts_at_once: wanted.min(fit),
        limit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_host_goes_at_once_when_the_limit_allows() {
        let p = plan(310, 0, 20_000).unwrap();
        assert_eq!(p.hosts_at_once, 310);
        assert_eq!(plan(310, 16, 20_000).unwrap().hosts_at_once, 16);
        assert_eq!(plan(3, 16, 20_000).unwrap().hosts_at_once, 3);
    }

    #[test]
    fn a_low_limit_bounds_the_hosts_at_once_and_says_how_to_raise_it() {
        let p = plan(310, 0, 1024).unwrap();
        assert_eq!(p.hosts_at_once, 240);
        let m = p.bounded_message(310);
        assert!(
            m.contains("240 of 310 hosts") && m.contains("ulimit -n 1304"),
            "{m}"
        );
    }

    #[test]
    fn a_limit_too_low_to_crawl_is_an_error_naming_it() {
        let e = plan(10, 0, 60).unwrap_err().to_string();
        assert!(
            e.contains("open-file limit of 60 is too low") && e.contains("ulimit -n 104"),
            "{e}"
        );
        let e = plan(310, 300, 1024).unwrap_err().to_string();
        assert!(
            e.contains("allows 240 hosts at once, not the 300 of crawl.concurrent_hosts"),
            "{e}"
        );
    }

    #[test]
    fn the_limit_in_force_allows_a_small_crawl() {
        let p = hosts_at_once(3, 0).unwrap();
        assert_eq!(p.hosts_at_once, 3);
        assert!(p.limit >= needed(3));
    }
}
