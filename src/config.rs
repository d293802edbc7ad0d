//! Settings: `config/iop.toml` parsed with unknown keys rejected, then
//! validated. The default file is compiled in, so nothing needs configuring.
//! A leaf module.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The compiled-in default settings.
pub const DEFAULT_TOML: &str = include_str!("../config/iop.toml");

/// Why settings could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("config {path} is not valid: {message}")]
    Parse { path: String, message: String },
    #[error("config {path}: {message}")]
    Invalid { path: String, message: String },
}

/// Validated settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub paths: Paths,
    pub crawl: Crawl,
    #[serde(default)]
    pub sites: Vec<Site>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paths {
    pub store: PathBuf,
    pub index: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crawl {
    pub user_agent: String,
    pub contact: String,
    pub delay_ms: u64,
    /// Hosts crawled at once; 0: every host, as far as the open-file limit allows.
    #[serde(default)]
    pub concurrent_hosts: usize,
    /// One attempt of one request, connect to last byte.
    pub timeout_secs: u64,
    /// One URL in all: every attempt and redirect hop together.
    #[serde(default = "sixty")]
    pub url_deadline_secs: u64,
    /// Time one host's crawl may take; then it stops, and the next crawl
    /// goes on from there (0: no limit).
    #[serde(default = "two_hours")]
    pub host_time_budget_secs: u64,
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    pub retries: u32,
    pub backoff_ms: u64,
    pub max_pages_per_host: usize,
    pub news_paths: Vec<String>,
    /// Crawl every kommun and region domain of the reference table when no
    /// seed is given; false: only the sites of `[[sites]]`.
    #[serde(default = "yes")]
    pub reference_sites: bool,
    /// A host whose robots.txt asks for a longer Crawl-delay is not crawled.
    #[serde(default = "sixty")]
    pub max_crawl_delay_secs: u64,
}

fn yes() -> bool {
    true
}

fn sixty() -> u64 {
    60
}

fn two_hours() -> u64 {
    7200
}

/// News entry points given by hand for one kommun or region.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub code: String,
    pub entry_points: Vec<String>,
}

impl Settings {
    /// The compiled-in defaults.
    pub fn embedded() -> Settings {
        Self::parse(DEFAULT_TOML, "the built-in config").expect("the built-in config is valid")
    }

    /// Read and validate a settings file.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parse and validate settings text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Settings, ConfigError> {
        let s: Settings = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: origin.to_string(),
            message: e.message().to_string(),
        })?;
        s.validate(origin)?;
        Ok(s)
    }

    fn validate(&self, origin: &str) -> Result<(), ConfigError> {
        let bad = |message: String| ConfigError::Invalid {
            path: origin.to_string(),
            message,
        };
        let c = &self.crawl;
        if c.user_agent.trim().is_empty() {
            return Err(bad("crawl.user_agent is empty".into()));
        }
        if c.timeout_secs == 0 {
            return Err(bad("crawl.timeout_secs must be at least 1".into()));
        }
        if c.url_deadline_secs == 0 {
            return Err(bad("crawl.url_deadline_secs must be at least 1".into()));
        }
        if c.max_body_bytes < 1024 {
            return Err(bad("crawl.max_body_bytes must be at least 1024".into()));
        }
        if c.max_redirects > 20 {
            return Err(bad("crawl.max_redirects must be at most 20".into()));
        }
        if c.retries > 10 {
            return Err(bad("crawl.retries must be at most 10".into()));
        }
        if let Some(p) = c.news_paths.iter().find(|p| !p.starts_with('/')) {
            return Err(bad(format!("crawl.news_paths: {p:?} must start with /")));
        }
        for site in &self.sites {
            if crate::reference::Reference::embedded()
                .by_code(&site.code)
                .is_none()
            {
                return Err(bad(format!(
                    "sites: unknown kommun or region code {:?}",
                    site.code
                )));
            }
            for ep in &site.entry_points {
                url::Url::parse(ep).map_err(|e| bad(format!("sites: entry point {ep:?}: {e}")))?;
            }
        }
        Ok(())
    }

    /// The User-Agent header: name, version and contact.
    pub fn user_agent(&self) -> String {
        format!(
            "{}/{} (+{})",
            self.crawl.user_agent,
            env!("CARGO_PKG_VERSION"),
            self.crawl.contact
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_config_is_valid() {
        let s = Settings::embedded();
        assert_eq!(s.crawl.delay_ms, 1000);
        assert!(s.user_agent().starts_with("iop-crawler/"));
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let text = DEFAULT_TOML.replace("[crawl]", "[crawl]\nspeed = 3");
        let e = Settings::parse(&text, "x.toml").unwrap_err().to_string();
        assert!(e.contains("x.toml") && e.contains("speed"), "{e}");
    }

    #[test]
    fn crawl_keys_are_validated() {
        let s = Settings::embedded();
        assert!(s.crawl.reference_sites);
        assert_eq!(s.crawl.max_crawl_delay_secs, 60);
        // every host at once by default, each with a time budget
        assert_eq!(s.crawl.concurrent_hosts, 0);
        assert_eq!(s.crawl.host_time_budget_secs, 7200);
        let text = DEFAULT_TOML.replace("url_deadline_secs = 60", "url_deadline_secs = 0");
        assert!(Settings::parse(&text, "x.toml").is_err());
        let text = DEFAULT_TOML.replace("\"/nyheter\",", "\"nyheter\",");
        let e = Settings::parse(&text, "x.toml").unwrap_err().to_string();
        assert!(e.contains("\"nyheter\" must start with /"), "{e}");
        let text = DEFAULT_TOML.replace("max_redirects = 5", "max_redirects = 500");
        assert!(Settings::parse(&text, "x.toml").is_err());
    }

    #[test]
    fn bad_site_code_is_rejected() {
        let text = format!("{DEFAULT_TOML}\n[[sites]]\ncode = \"9999\"\nentry_points = []\n");
        let e = Settings::parse(&text, "x.toml").unwrap_err().to_string();
        assert!(e.contains("9999"), "{e}");
    }
}
