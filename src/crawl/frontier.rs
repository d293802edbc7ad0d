//! The frontier of one site: what is still to fetch, and every URL ever
//! queued, so no page is fetched twice in a crawl. Articles go before
//! discovery pages (home, listings, feeds, sitemaps): an article is fetched
//! as soon as it is found, so listings that never end cannot starve the
//! articles they lead to. A listing page carries how many listing pages in
//! a row before it brought no new article, so pagination that brings nothing
//! new is given up. Every change is written to the store's journal of the
//! site, so a stopped or killed crawl resumes with the same frontier. Uses
//! `store` for the journal.

use std::collections::{HashSet, VecDeque};

use url::Url;

use crate::store::{Entry, Journal, Queued, Replay, StoreError};

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

/// A URL taken from the frontier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    pub url: Url,
    pub kind: Kind,
    /// Listing pages in a row without new articles that led here.
    pub barren: u8,
}

/// The frontier of one site.
#[derive(Debug)]
pub struct Frontier {
    seen: HashSet<String>,
    discovery: VecDeque<Url>,
    articles: VecDeque<Url>,
    kinds: std::collections::HashMap<String, (Kind, u8)>,
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
        for q in &replay.queued {
            let (Ok(u), Some(k)) = (Url::parse(&q.url), Kind::from_name(&q.kind)) else {
                continue;
            };
            if f.seen.insert(u.to_string()) && !replay.done.contains(&q.url) {
                f.enqueue(u, k, q.barren);
            }
        }
        f
    }

    fn enqueue(&mut self, url: Url, kind: Kind, barren: u8) {
        self.kinds.insert(url.to_string(), (kind, barren));
        if kind == Kind::Article {
            self.articles.push_back(url);
        } else {
            self.discovery.push_back(url);
        }
    }

    /// Queue a URL unless it was seen (or the frontier is full); true when
    /// it is new.
    pub fn push(&mut self, url: Url, kind: Kind) -> Result<bool, StoreError> {
        self.push_with(url, kind, 0)
    }

    /// Queue the next page of a listing, reached after `barren` listing
    /// pages in a row that brought no new article.
    pub fn push_next(&mut self, url: Url, barren: u8) -> Result<bool, StoreError> {
        self.push_with(url, Kind::Listing, barren)
    }

    fn push_with(&mut self, url: Url, kind: Kind, barren: u8) -> Result<bool, StoreError> {
        if self.seen.len() >= MAX_SEEN || !self.seen.insert(url.to_string()) {
            return Ok(false);
        }
        self.journal.append(&Entry::Queued(Queued {
            url: url.to_string(),
            kind: kind.name().to_string(),
            barren,
        }))?;
        self.enqueue(url, kind, barren);
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

    /// The next URL to fetch: articles first, then discovery.
    pub fn pop(&mut self) -> Option<Next> {
        let url = self
            .articles
            .pop_front()
            .or_else(|| self.discovery.pop_front())?;
        let (kind, barren) = self
            .kinds
            .remove(url.as_str())
            .unwrap_or((Kind::Article, 0));
        Some(Next { url, kind, barren })
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

    /// The crawl of the site is over, every URL handled: remove its journal.
    /// (A crawl stopped by a budget keeps it, so the next one goes on.)
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

    fn next(url: &str, kind: Kind, barren: u8) -> Option<Next> {
        Some(Next {
            url: u(url),
            kind,
            barren,
        })
    }

    #[test]
    fn articles_go_first_and_nothing_is_queued_twice() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        let mut f = Frontier::new(store.journal("k.se", None).unwrap());
        assert!(f.push(u("https://k.se/nyheter"), Kind::Listing).unwrap());
        assert!(f.push(u("https://k.se/nyheter/a"), Kind::Article).unwrap());
        assert!(!f.push(u("https://k.se/nyheter/a"), Kind::Article).unwrap());
        assert_eq!(f.pop(), next("https://k.se/nyheter/a", Kind::Article, 0));
        assert_eq!(f.pop(), next("https://k.se/nyheter", Kind::Listing, 0));
        assert_eq!(f.pop(), None);
    }

    #[test]
    fn endless_pagination_cannot_starve_articles() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_or_create(dir.path()).unwrap();
        let mut f = Frontier::new(store.journal("k.se", None).unwrap());
        f.push(u("https://k.se/nyheter"), Kind::Listing).unwrap();
        let mut articles = 0;
        // each listing page leads to the next and to two articles
        for page in 1..=50 {
            let n = f.pop().unwrap();
            if n.kind == Kind::Article {
                articles += 1;
                continue;
            }
            for a in 0..2 {
                f.push(
                    u(&format!("https://k.se/nyheter/{page}-{a}")),
                    Kind::Article,
                )
                .unwrap();
            }
            f.push_next(u(&format!("https://k.se/nyheter?page={}", page + 1)), 0)
                .unwrap();
        }
        // of 50 fetches, a third were listing pages: articles were not left for later
        assert_eq!(articles, 33);
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
        f.push_next(u("https://k.se/nyheter?page=2"), 1).unwrap();
        let first = f.pop().unwrap();
        f.done(&first.url).unwrap();
        drop(f);
        let replay = store.replay("k.se").unwrap().unwrap();
        let mut f = Frontier::resume(store.journal("k.se", None).unwrap(), &replay);
        assert_eq!(f.len(), 3);
        assert!(!f.push(u("https://k.se/nyheter"), Kind::Listing).unwrap());
        assert_eq!(f.pop(), next("https://k.se/nyheter/b", Kind::Article, 0));
        assert_eq!(f.pop(), next("https://k.se/nyheter", Kind::Listing, 0));
        // the barren count of a listing page survives the resume
        assert_eq!(
            f.pop(),
            next("https://k.se/nyheter?page=2", Kind::Listing, 1)
        );
        f.finish().unwrap();
        assert!(store.replay("k.se").unwrap().is_none());
    }
}
