//! `iop serve`: the HTTP API and the search page over an index, on
//! 127.0.0.1:8080 by default, until Ctrl-C (requests in flight finish).

use std::sync::Arc;

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

pub fn run(args: Args) -> anyhow::Result<Status> {
    let addr = resolve(&args.addr)?;
    let searcher = Arc::new(Searcher::open(&args.index.index).map_err(cli_error)?);
    // the register behind every hit's entries and every funding report, built once
    searcher.full_register().map_err(cli_error)?;
    let docs = searcher.num_docs();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr().context("no local address")?;
        eprintln!(
            "iop: serving {docs} documents from {} on http://{local}/ (Ctrl-C to stop)",
            args.index.index.display()
        );
        let app = serve::router(searcher, Limits::default());
        serve::serve(listener, app, async {
            if tokio::signal::ctrl_c().await.is_err() {
                // no signal handler: run until killed
                std::future::pending::<()>().await;
            }
            tracing::info!("shutting down");
        })
        .await
        .context("the server failed")?;
        Ok(Status::Ok)
    })
}
