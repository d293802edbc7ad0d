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

pub fn run(args: Args) -> anyhow::Result<Status> {
    let addr: std::net::SocketAddr = args.addr.parse().map_err(|_| {
        UsageError(format!(
            "--addr {:?}: not an address of the form HOST:PORT, like 127.0.0.1:8080",
            args.addr
        ))
    })?;
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
        serve::serve_with(listener, app, limits, &args.allow_hosts, async {
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
