//! The HTTP client of the crawler: one GET with a total deadline per attempt
//! (connect, headers and body) and per URL (every attempt and redirect hop
//! together), a body size cap (the body is streamed and dropped at the cap),
//! redirects followed by hand within the site up to a limit, conditional
//! headers, and retries with exponential backoff for timeouts, 429 and 5xx
//! (honouring Retry-After). Every request (retries and redirects included)
//! first passes the host's `Pacer`, which paces it and holds it to the
//! host's and the crawl's budgets.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use tokio::time::Instant;
use url::Url;

use super::pacer::{Pacer, Stop};
use super::{CrawlError, urls};

/// Retry-After longer than this is not waited for.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(120);

/// A host answering 429 Too Many Requests is asked at most this seldom.
const MAX_SLOWDOWN: Duration = Duration::from_secs(30);

/// Limits of the client.
#[derive(Debug, Clone)]
pub struct Limits {
    /// One attempt, connect to last byte.
    pub timeout: Duration,
    /// One URL: the time of all its attempts and redirect hops together
    /// (not the pacing waits between them).
    pub url_deadline: Duration,
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    pub retries: u32,
    pub backoff: Duration,
}

/// Whether to follow a redirect within the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    Yes,
    /// The target already answered in this crawl: the redirect is returned as is.
    AlreadyFetched,
    /// robots.txt disallows the target.
    Disallowed,
}

/// Validators of a stored page, for a conditional request.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What one GET brought back.
#[derive(Debug, Clone)]
pub struct Response {
    /// The URL after redirects.
    pub final_url: Url,
    pub status: u16,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_type: Option<String>,
    /// Empty for 304 Not Modified and other bodiless answers.
    pub body: Vec<u8>,
}

/// The shared HTTP client.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    limits: Limits,
}

enum Attempt {
    Done(Response),
    /// A transient failure: the error and how long the server asked us to wait.
    Retry(CrawlError, Option<Duration>),
    /// A failure that asking again will not mend.
    Fatal(CrawlError),
}

impl Client {
    pub fn new(user_agent: &str, limits: Limits) -> Result<Client, CrawlError> {
        let http = reqwest::Client::builder()
            .user_agent(user_agent)
            .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| CrawlError::Client(e.to_string()))?;
        Ok(Client { http, limits })
    }

    /// GET `url`, following redirects within its site as `follow` says, and
    /// retrying transient failures, within the URL's deadline. Every request
    /// passes `pacer` first; a request it refuses ends the GET with
    /// `CrawlError::Stopped`.
    pub async fn get(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        pacer: &mut Pacer,
        follow: &(dyn Fn(&Url) -> Follow + Sync),
    ) -> Result<Response, CrawlError> {
        let site = urls::site_of(url.host_str().unwrap_or("")).to_string();
        let mut current = url.clone();
        let mut redirects = 0;
        let mut spent = Duration::ZERO;
        loop {
            let resp = self
                .get_with_retries(url, &current, validators, pacer, &mut spent)
                .await?;
            if !(300..400).contains(&resp.status) || resp.status == 304 {
                return Ok(resp);
            }
            let target = resp.final_url.clone();
            if redirects >= self.limits.max_redirects {
                return Err(CrawlError::Redirect {
                    url: url.to_string(),
                    detail: format!("more than {} redirects", self.limits.max_redirects),
                });
            }
            if !urls::on_site(&target, &site) {
                return Err(CrawlError::Redirect {
                    url: url.to_string(),
                    detail: format!("redirects off the site to {target}, not followed"),
                });
            }
            match follow(&target) {
                Follow::Yes => {}
                Follow::AlreadyFetched => return Ok(resp),
                Follow::Disallowed => {
                    return Err(CrawlError::Redirect {
                        url: url.to_string(),
                        detail: format!("redirects to {target}, which robots.txt disallows"),
                    });
                }
            }
            redirects += 1;
            current = target;
        }
    }

    /// GET `current` (asked for as `url`), retrying transient failures;
    /// `spent` is the time the URL's attempts took so far.
    async fn get_with_retries(
        &self,
        url: &Url,
        current: &Url,
        validators: Option<&Validators>,
        pacer: &mut Pacer,
        spent: &mut Duration,
    ) -> Result<Response, CrawlError> {
        let deadline = self.limits.url_deadline;
        let stopped = |stop| CrawlError::Stopped {
            url: url.to_string(),
            stop,
        };
        let mut wait = Duration::ZERO;
        let mut attempt = 0;
        loop {
            pacer.wait(wait).await.map_err(stopped)?;
            let started = Instant::now();
            let mut until = started + self.limits.timeout.min(deadline.saturating_sub(*spent));
            if let Some(end) = pacer.deadline() {
                until = until.min(end);
            }
            let outcome =
                match tokio::time::timeout_at(until, self.attempt(current, validators)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Attempt::Retry(
                        CrawlError::Http {
                            url: current.to_string(),
                            detail: format!(
                                "no complete answer within {:.1} s",
                                (until - started).as_secs_f64()
                            ),
                        },
                        None,
                    ),
                };
            pacer.done();
            *spent += started.elapsed();
            match outcome {
                Attempt::Done(r) => return Ok(r),
                Attempt::Fatal(e) => return Err(e),
                // the host's time ran out during the attempt: it is not the URL's fault
                Attempt::Retry(..) if matches!(pacer.stopped(), Some(Stop::HostTime(_))) => {
                    return Err(stopped(pacer.stopped().unwrap_or(Stop::HostTime(deadline))));
                }
                Attempt::Retry(err, _) if *spent >= deadline => {
                    return Err(CrawlError::Deadline {
                        url: url.to_string(),
                        secs: deadline.as_secs(),
                        attempts: attempt + 1,
                        last: err.reason(),
                    });
                }
                Attempt::Retry(err, _) if attempt >= self.limits.retries => {
                    return Err(CrawlError::GaveUp {
                        url: url.to_string(),
                        attempts: attempt + 1,
                        last: err.reason(),
                    });
                }
                Attempt::Retry(err, asked) => {
                    if let Some(a) = asked.filter(|a| *a > MAX_RETRY_AFTER) {
                        return Err(CrawlError::GaveUp {
                            url: url.to_string(),
                            attempts: attempt + 1,
                            last: format!(
                                "{}; the server asks to wait {} s, more than {} s",
                                err.reason(),
                                a.as_secs(),
                                MAX_RETRY_AFTER.as_secs()
                            ),
                        });
                    }
                    if matches!(err, CrawlError::Status { status: 429, .. }) {
                        // the host says we ask too often: ask it half as often from now on
                        let slower =
                            (pacer.delay() * 2).clamp(Duration::from_secs(1), MAX_SLOWDOWN);
                        pacer.slow_down_to(slower);
                    }
                    let backoff = self.limits.backoff.saturating_mul(1 << attempt.min(16));
                    wait = asked.unwrap_or(backoff);
                    tracing::info!(url = %current, error = %err, wait_ms = wait.as_millis() as u64, "retrying");
                    attempt += 1;
                }
            }
        }
    }

    async fn attempt(&self, url: &Url, validators: Option<&Validators>) -> Attempt {
        let mut req = self.http.get(url.clone());
        if let Some(v) = validators {
            if let Some(e) = &v.etag {
                req = req.header(header::IF_NONE_MATCH, e);
            }
            if let Some(m) = &v.last_modified {
                req = req.header(header::IF_MODIFIED_SINCE, m);
            }
        }
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) => return transient_or_fatal(url, e),
        };
        let status = resp.status();
        let headers = resp.headers().clone();
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            return Attempt::Retry(
                CrawlError::Status {
                    url: url.to_string(),
                    status: status.as_u16(),
                },
                retry_after(&headers),
            );
        }
        let text = |name| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let mut out = Response {
            final_url: url.clone(),
            status: status.as_u16(),
            etag: text(header::ETAG),
            last_modified: text(header::LAST_MODIFIED),
            content_type: text(header::CONTENT_TYPE),
            body: Vec::new(),
        };
        if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
            let target = text(header::LOCATION)
                .and_then(|l| url.join(&l).ok())
                .and_then(|u| urls::normalise(&u));
            return match target {
                Some(t) => {
                    out.final_url = t;
                    Attempt::Done(out)
                }
                None => Attempt::Fatal(CrawlError::Redirect {
                    url: url.to_string(),
                    detail: format!("HTTP {} without a usable Location", status.as_u16()),
                }),
            };
        }
        if status == StatusCode::NOT_MODIFIED || !status.is_success() {
            return Attempt::Done(out);
        }
        match self.read_body(url, resp).await {
            Ok(body) => {
                out.body = body;
                Attempt::Done(out)
            }
            Err(other) => other,
        }
    }

    /// Stream the body, stopping at the size cap.
    async fn read_body(&self, url: &Url, mut resp: reqwest::Response) -> Result<Vec<u8>, Attempt> {
        let cap = self.limits.max_body_bytes;
        let too_large = || {
            Attempt::Fatal(CrawlError::TooLarge {
                url: url.to_string(),
                limit: cap,
            })
        };
        if resp.content_length().is_some_and(|n| n > cap) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() as u64 + chunk.len() as u64 > cap {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(e) => return Err(transient_or_fatal(url, e)),
            }
        }
    }
}

/// Timeouts and connection failures are retried; anything else is not.
fn transient_or_fatal(url: &Url, e: reqwest::Error) -> Attempt {
    let err = CrawlError::Http {
        url: url.to_string(),
        detail: error_text(&e),
    };
    if e.is_timeout() || e.is_connect() || e.is_request() || e.is_body() {
        Attempt::Retry(err, None)
    } else {
        Attempt::Fatal(err)
    }
}

/// A reqwest error with its causes, in one line.
fn error_text(e: &reqwest::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        let t = s.to_string();
        if !parts.iter().any(|p| p.contains(&t)) {
            parts.push(t);
        }
        src = s.source();
    }
    parts.join(": ")
}

/// The wait a Retry-After header asks for: seconds or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let delta = when.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &str) -> HeaderMap {
        let mut m = HeaderMap::new();
        m.insert(header::RETRY_AFTER, v.parse().unwrap());
        m
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after(&h("3")), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after(&h("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&h("soon")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }
}
