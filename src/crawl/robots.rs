//! robots.txt: fetched once per host at the start, read by the maintained
//! `texting_robots` parser. A missing file (4xx) allows everything; a server
//! error or an unreachable host means the host is not crawled now. Uses the
//! crawler's client, so the request is paced and retried like any other.

use std::time::Duration;

use texting_robots::Robot;
use url::Url;

use super::CrawlError;
use super::client::{Client, Follow};
use super::pacer::Pacer;

/// What robots.txt allows on one host.
pub struct Rules {
    robot: Option<Robot>,
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rules")
            .field("crawl_delay", &self.crawl_delay())
            .field("sitemaps", &self.sitemaps())
            .finish()
    }
}

impl Rules {
    /// Everything allowed (no robots.txt).
    pub fn allow_all() -> Rules {
        Rules { robot: None }
    }

    /// Parse robots.txt for the crawler named `agent` (the product token).
    pub fn parse(agent: &str, txt: &[u8]) -> Rules {
        Rules {
            // an unparsable file is treated like a missing one
            robot: Robot::new(agent, txt).ok(),
        }
    }

    pub fn allowed(&self, url: &Url) -> bool {
        self.robot.as_ref().is_none_or(|r| r.allowed(url.as_str()))
    }

    /// The Crawl-delay asked for, if any.
    pub fn crawl_delay(&self) -> Option<Duration> {
        let secs = self.robot.as_ref()?.delay?;
        (secs.is_finite() && secs > 0.0).then(|| Duration::from_secs_f32(secs))
    }

    /// The `Sitemap:` lines.
    pub fn sitemaps(&self) -> &[String] {
        self.robot.as_ref().map_or(&[], |r| r.sitemaps.as_slice())
    }
}

/// Fetch and read robots.txt of the host of `origin`.
pub async fn fetch(
    client: &Client,
    origin: &Url,
    agent: &str,
    pacer: &mut Pacer,
) -> Result<Rules, CrawlError> {
    let url = origin.join("/robots.txt").map_err(|e| CrawlError::Robots {
        host: origin.to_string(),
        detail: e.to_string(),
    })?;
    let unavailable = |detail: String| CrawlError::Robots {
        host: origin.host_str().unwrap_or("").to_string(),
        detail,
    };
    match client.get(&url, None, pacer, &|_| Follow::Yes).await {
        Ok(r) if (200..300).contains(&r.status) => Ok(Rules::parse(agent, &r.body)),
        Ok(r) if (400..500).contains(&r.status) => Ok(Rules::allow_all()),
        Ok(r) => Err(unavailable(format!("{url} answered {}", r.status))),
        Err(e @ CrawlError::Stopped { .. }) => Err(e),
        Err(e) => Err(unavailable(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_our_agent_win_over_the_star() {
        let txt = b"User-agent: *\nDisallow: /\n\nUser-agent: iop-crawler\nDisallow: /intern/\nCrawl-delay: 2\n\nSitemap: https://k.se/sitemap.xml\n";
        let r = Rules::parse("iop-crawler", txt);
        assert!(r.allowed(&Url::parse("https://k.se/nyheter/a").unwrap()));
        assert!(!r.allowed(&Url::parse("https://k.se/intern/x").unwrap()));
        assert_eq!(r.crawl_delay(), Some(Duration::from_secs(2)));
        assert_eq!(r.sitemaps(), ["https://k.se/sitemap.xml"]);
        let other = Rules::parse("annan-bot", txt);
        assert!(!other.allowed(&Url::parse("https://k.se/nyheter/a").unwrap()));
    }

    #[test]
    fn no_file_allows_everything() {
        let r = Rules::allow_all();
        assert!(r.allowed(&Url::parse("https://k.se/x").unwrap()));
        assert_eq!(r.crawl_delay(), None);
    }
}
