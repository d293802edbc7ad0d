//! The Host check against DNS rebinding: a page on another site can make a
//! browser send requests to a server on 127.0.0.1 under the site's own name,
//! so the server answers only requests whose `Host` is one of its own names
//! (403 otherwise). Its own names are localhost, 127.0.0.1, [::1], the
//! address it is bound to (any address of the machine when bound to 0.0.0.0
//! or [::]) and the names given with `iop serve --allow-host` (and the name
//! `--addr` gave, when it gave one). A request
//! without a Host (HTTP/1.0) comes from no browser and is answered.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;

/// The host names a server answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hosts {
    /// Lower-case names and IP literals (IPv6 in brackets), without port.
    names: Vec<String>,
    /// Bound to every address: any IP literal is one of ours.
    any_ip: bool,
}

impl Hosts {
    /// The names of a server bound to `bound`, and `extra` names.
    pub fn new(bound: SocketAddr, extra: &[String]) -> Hosts {
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "[::1]"]
            .into_iter()
            .map(str::to_string)
            .collect();
        names.push(ip_name(bound.ip()));
        for e in extra {
            let name = host_of(e)
                .unwrap_or_else(|| e.clone())
                .trim_end_matches('.')
                .to_lowercase();
            if !name.is_empty() {
                names.push(name);
            }
        }
        names.sort();
        names.dedup();
        Hosts {
            names,
            any_ip: bound.ip().is_unspecified(),
        }
    }

    /// True when a `Host` header value names this server.
    pub fn allows(&self, host: &str) -> bool {
        let Some(name) = host_of(host) else {
            return false;
        };
        let name = name.trim_end_matches('.').to_lowercase();
        if self.names.contains(&name) {
            return true;
        }
        let literal = name.trim_start_matches('[').trim_end_matches(']');
        self.any_ip && literal.parse::<IpAddr>().is_ok()
    }
}

/// An address as it stands in a Host header.
fn ip_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// The host part of `host[:port]` (`[v6]:port` keeps its brackets);
/// `None` when the value is not an authority without user info.
fn host_of(value: &str) -> Option<String> {
    let authority: axum::http::uri::Authority = value.trim().parse().ok()?;
    if authority.as_str().contains('@') {
        return None;
    }
    Some(authority.host().to_string())
}

/// Middleware: refuse requests addressed to a name that is not ours.
pub async fn check(State(hosts): State<Arc<Hosts>>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .or_else(|| req.uri().authority().map(|a| a.to_string()));
    match host {
        Some(h) if !hosts.allows(&h) => {
            let shown: String = h.chars().take(100).collect();
            ApiError {
                status: StatusCode::FORBIDDEN,
                message: format!(
                    "host {shown:?} is not a name of this server; to answer to it, \
                     start iop serve with --allow-host NAME"
                ),
            }
            .into_response()
        }
        _ => next.run(req).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> Hosts {
        Hosts::new("127.0.0.1:8080".parse().unwrap(), &[])
    }

    #[test]
    fn own_names_are_answered_with_or_without_port() {
        let h = loopback();
        for ok in [
            "127.0.0.1:8080",
            "127.0.0.1",
            "localhost:8080",
            "LOCALHOST",
            "localhost.",
            "[::1]:8080",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
    }

    #[test]
    fn other_names_are_refused_as_dns_rebinding() {
        let h = loopback();
        for bad in [
            "evil.example:8080",
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "10.0.0.5:8080",
            "user@localhost",
            "",
            "local host",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
    }

    #[test]
    fn names_from_the_flag_and_any_address_when_bound_to_all() {
        let h = Hosts::new(
            "0.0.0.0:80".parse().unwrap(),
            &["Register.Example.se".into(), "iop.local:8080".into()],
        );
        assert!(h.allows("register.example.se"));
        assert!(h.allows("iop.local:80"));
        assert!(h.allows("192.168.1.20:80"));
        assert!(h.allows("[fe80::1]:80"));
        assert!(!h.allows("evil.example"));
        let v6 = Hosts::new("[::1]:9000".parse().unwrap(), &[]);
        assert!(v6.allows("[::1]:9000"));
        assert!(!v6.allows("192.168.1.20"));
    }
}
