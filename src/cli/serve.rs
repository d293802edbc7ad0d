//! `iop serve`: the HTTP API and the search page over an index, on
//! 127.0.0.1:8080 by default, until Ctrl-C: connections with no request in
//! progress close at once, requests in progress get the shutdown grace.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;

use super::filters::IndexArg;
use super::search::cli_error;
use super::{Status, UsageError};
use crate::search::Searcher;
use crate::serve::{self, Limits};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub index: IndexArg,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Also answer requests addressed to this host name (repeatable). By
    /// default only localhost, 127.0.0.1, [::1] and the bound address are
    /// answered, against DNS rebinding.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
}

/// `HOST:PORT` as a socket address; the host may be a name (`localhost:8080`),
/// in which case its first IPv4 address is used (else its first address).
pub fn resolve(addr: &str) -> Result<std::net::SocketAddr, UsageError> {
    use std::net::ToSocketAddrs;
    let bad = |why: &str| {
        UsageError(format!(
            "--addr {addr:?}: {why}; give HOST:PORT, like 127.0.0.1:8080 or localhost:8080"
        ))
    };
    if let Ok(a) = addr.parse() {
        return Ok(a);
    }
    let found: Vec<std::net::SocketAddr> = addr
        .to_socket_addrs()
        .map_err(|_| bad("not an address of the form HOST:PORT"))?
        .collect();
    found
        .iter()
        .find(|a| a.is_ipv4())
        .or(found.first())
        .copied()
        .ok_or_else(|| bad("the host name has no address"))
}

/// The host names the server answers to besides its own addresses: those
/// of `--allow-host`, and the name `--addr` gave, when it gave one.
fn allowed_hosts(addr: &str, allow_hosts: &[String]) -> Vec<String> {
    let mut hosts = allow_hosts.to_vec();
    if addr.parse::<std::net::SocketAddr>().is_err() {
        hosts.push(addr.to_string());
    }
    hosts
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let addr = resolve(&args.addr)?;
    let allowed = allowed_hosts(&args.addr, &args.allow_hosts);
    let searcher = Arc::new(Searcher::open(&args.index.index).map_err(cli_error)?);
    // the register behind every hit's entries and every funding report, built once
    searcher.full_register().map_err(cli_error)?;
    let docs = searcher.num_docs();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let status = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr().context("no local address")?;
        eprintln!(
            "iop: serving {docs} documents from {} on http://{local}/ (Ctrl-C to stop)",
            args.index.index.display()
        );
        let limits = Limits::default();
        let app = serve::router(searcher, limits);
        serve::serve_with(listener, app, limits, &allowed, async {
            if tokio::signal::ctrl_c().await.is_err() {
                // no signal handler: run until killed
                std::future::pending::<()>().await;
            }
            tracing::info!("shutting down");
        })
        .await
        .context("the server failed")?;
        Ok::<_, anyhow::Error>(Status::Ok)
    });
    // searches still running on blocking threads are not waited for
    runtime.shutdown_timeout(Duration::from_secs(1));
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_bound_by_name_answers_to_that_name() {
        let extra = vec!["register.example.se".to_string()];
        assert_eq!(allowed_hosts("127.0.0.1:8080", &extra), extra);
        assert_eq!(
            allowed_hosts("iop.lan:8080", &extra),
            vec![
                "register.example.se".to_string(),
                "iop.lan:8080".to_string()
            ]
        );
    }
}
