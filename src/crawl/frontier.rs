//! The frontier of one site: what is still to fetch, and every URL ever
//! queued, so no page is fetched twice in a crawl. Discovery pages (home,
//! listings, feeds, sitemaps) go before articles. Every change is written
//! to the store's journal of the site, so a killed crawl resumes with the
//! same frontier. Uses `store` for the journal.

use std::collections::{HashSet, VecDeque};

use url::Url;

use crate::store::{Entry, Journal, Replay, StoreError};

/// URLs one site may queue in one crawl; the rest are dropped.
const MAX_SEEN: usize = 200_000;

/// What a queued URL is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The root of a site: only news links are followed.
    Home,
    /// A news listing: its content links are articles, its pagination is followed.
    Listing,
    /// An RSS or Atom feed.
    Feed,
    /// A sitemap or sitemap index.
    Sitemap,
    /// A news page: saved in the store, its links not followed.
    Article,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Listing => "listing",
            Kind::Feed => "feed",
            Kind::Sitemap => "sitemap",
            Kind::Article => "article",
        }
    }

    pub fn from_name(s: &str) -> Option<Kind> {
        Some(match s {
            "home" => Kind::Home,
            "listing" => Kind::Listing,
            "feed" => Kind::Feed,
            "sitemap" => Kind::Sitemap,
            "article" => Kind::Article,
            _ => return None,
        })
    }
}

/// The frontier of one site.
#[derive(Debug)]
pub struct Frontier {
    seen: HashSet<String>,
    discovery: VecDeque<Url>,
    articles: VecDeque<Url>,
    kinds: std::collections::HashMap<String, Kind>,
    /// URLs answered in this run, redirect targets included.
    fetched: HashSet<String>,
    journal: Journal,
}

impl Frontier {
    /// An empty frontier writing to `journal`.
    pub fn new(journal: Journal) -> Frontier {
        Frontier {
            seen: HashSet::new(),
            discovery: VecDeque::new(),
            articles: VecDeque::new(),
            kinds: Default::default(),
            fetched: HashSet::new(),
            journal,
        }
    }

    /// The frontier an unfinished crawl left: everything queued is seen,
    /// what was not done is queued again.
    pub fn resume(journal: Journal, replay: &Replay) -> Frontier {
        let mut f = Frontier::new(journal);
        for (url, kind) in &replay.queued {
            let (Ok(u), Some(k)) = (Url::parse(url), Kind::from_name(kind)) else {
                continue;
            };
            if f.seen.insert(u.to_string()) && !replay.done.contains(url) {
                f.enqueue(u, k);
            }
        }
        f
    }

    fn enqueue(&mut self, url: Url, kind: Kind) {
        self.kinds.insert(url.to_string(), kind);
        if kind == Kind::Article {
            self.articles.push_back(url);
        } else {
            self.discovery.push_back(url);
        }
    }

    /// Queue a URL unless it was seen (or the frontier is full); true when
    /// it is new.
    pub fn push(&mut self, url: Url, kind: Kind) -> Result<bool, StoreError> {
        if self.seen.len() >= MAX_SEEN || !self.seen.insert(url.to_string()) {
            return Ok(false);
        }
        self.journal.append(&Entry::Queued {
            url: url.to_string(),
            kind: kind.name().to_string(),
        })?;
        self.enqueue(url, kind);
        Ok(true)
    }

    /// Note that `url` was answered, after redirects, by `final_url`; false
    /// when `final_url` had already answered (the same page twice).
    pub fn fetched(&mut self, url: &Url, final_url: &Url) -> bool {
        self.seen.insert(final_url.to_string());
        self.fetched.insert(url.to_string());
        url == final_url || self.fetched.insert(final_url.to_string())
    }

    /// True when `url` already answered in this run (as a redirect target).
    pub fn was_fetched(&self, url: &Url) -> bool {
        self.fetched.contains(url.as_str())
    }

    /// The next URL to fetch: discovery first, then articles.
    pub fn pop(&mut self) -> Option<(Url, Kind)> {
        let url = self
            .discovery
            .pop_front()
            .or_else(|| self.articles.pop_front())?;
        let kind = self.kinds.remove(url.as_str()).unwrap_or(Kind::Article);
        Some((url, kind))
    }

    /// A URL was handled.
    pub fn done(&mut self, url: &Url) -> Result<(), StoreError> {
        self.journal.append(&Entry::Done(url.to_string()))
    }

    /// URLs still queued.
    pub fn len(&self) -> usize {
        self.discovery.len() + self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The crawl of the site is over: remove its journal.
    pub fn finish(self) -> Result<(), StoreError> {
        self.journal.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn discovery_goes_first_and_nothing_is_queued_twice() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        let mut f = Frontier::new(store.journal("k.se", None).unwrap());
        assert!(f.push(u("https://k.se/nyheter/a"), Kind::Article).unwrap());
        assert!(f.push(u("https://k.se/nyheter"), Kind::Listing).unwrap());
        assert!(!f.push(u("https://k.se/nyheter/a"), Kind::Article).unwrap());
        assert_eq!(f.pop(), Some((u("https://k.se/nyheter"), Kind::Listing)));
        assert_eq!(f.pop(), Some((u("https://k.se/nyheter/a"), Kind::Article)));
        assert_eq!(f.pop(), None);
    }

    #[test]
    fn a_redirect_target_is_one_page() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        let mut f = Frontier::new(store.journal("k.se", None).unwrap());
        let (old, new) = (u("https://k.se/gammal"), u("https://k.se/ny"));
        f.push(new.clone(), Kind::Article).unwrap();
        assert!(f.fetched(&old, &new));
        assert!(f.was_fetched(&new));
        assert!(!f.fetched(&u("https://k.se/annan-gammal"), &new));
        assert!(!f.push(new, Kind::Article).unwrap());
    }

    #[test]
    fn a_resumed_frontier_keeps_what_was_not_done() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        let start = Entry::Started("2024-01-01T00:00:00Z".into());
        let mut f = Frontier::new(store.journal("k.se", Some(&start)).unwrap());
        f.push(u("https://k.se/nyheter"), Kind::Listing).unwrap();
        f.push(u("https://k.se/nyheter/a"), Kind::Article).unwrap();
        f.push(u("https://k.se/nyheter/b"), Kind::Article).unwrap();
        let (first, _) = f.pop().unwrap();
        f.done(&first).unwrap();
        drop(f);
        let replay = store.replay("k.se").unwrap().unwrap();
        let mut f = Frontier::resume(store.journal("k.se", None).unwrap(), &replay);
        assert_eq!(f.len(), 2);
        assert!(!f.push(u("https://k.se/nyheter"), Kind::Listing).unwrap());
        assert_eq!(f.pop(), Some((u("https://k.se/nyheter/a"), Kind::Article)));
        f.finish().unwrap();
        assert!(store.replay("k.se").unwrap().is_none());
    }
}
