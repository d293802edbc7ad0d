//! Connections: the accept loop of `iop serve` over hyper's HTTP/1.1, with
//! the bounds that keep slow or idle clients from holding the server. A
//! client has [`Limits::header_timeout`] to send a request's head, and a
//! kept-alive connection waits no longer than that for the next one; a
//! response the client does not take for [`Limits::write_timeout`] ends its
//! connection; at most [`Limits::max_connections`] are open at once (more
//! wait in the kernel's queue). On shutdown no new connection is accepted,
//! connections with no request in progress close at once, and the rest get
//! [`Limits::shutdown_grace`] to finish.
//!
//! Heads hyper cannot read (malformed, or longer than [`MAX_HEAD_BYTES`]) are
//! answered by hyper itself without a body; [`Guarded`] gives those answers
//! the JSON body every other error has.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tower::Service;

use super::Limits;

/// Longest request head (request line and headers) read, in bytes; a longer
/// one is answered 431. Above [`super::MAX_URI_BYTES`], so a long URL gets
/// the server's own 414 first.
pub const MAX_HEAD_BYTES: usize = 48 * 1024;

/// Descriptors kept free for the index and the runtime when the connection
/// cap is fitted to the process's open-file limit.
const RESERVED_FILES: u64 = 256;

/// The connection cap for this process: `wanted`, or less when the
/// open-file limit (raised to its hard limit first) is too low for it.
fn connection_cap(wanted: usize) -> usize {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(files) => {
            let fits = usize::try_from(files.saturating_sub(RESERVED_FILES)).unwrap_or(usize::MAX);
            if fits < wanted {
                tracing::warn!(
                    open_files = files,
                    connections = fits.max(1),
                    "the open-file limit allows fewer connections than wanted"
                );
            }
            wanted.min(fits).max(1)
        }
        Err(_) => wanted.max(1),
    }
}

/// Serve `app` on `listener` with `limits` until `shutdown` completes.
pub async fn run(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let permits = Arc::new(Semaphore::new(connection_cap(limits.max_connections)));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(MAX_HEAD_BYTES)
        .keep_alive(true);
    let http = Arc::new(http);
    let (stop, stopping) = watch::channel(false);
    let mut open: JoinSet<()> = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        while open.try_join_next().is_some() {}
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => p.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((stream, _)) => stream,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let connection = serve_one(
            Arc::clone(&http),
            stream,
            app.clone(),
            limits.write_timeout,
            stopping.clone(),
        );
        open.spawn(async move {
            connection.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    let drained = tokio::time::timeout(limits.shutdown_grace, async {
        while open.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            connections = open.len(),
            grace_s = limits.shutdown_grace.as_secs_f64(),
            "closing connections still busy after the shutdown grace"
        );
        open.shutdown().await;
    }
    Ok(())
}

/// After a failed accept: a client that went away is nothing; running out
/// of descriptors or memory is logged and retried after a pause.
async fn accept_failed(e: &io::Error) {
    use io::ErrorKind::*;
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | ConnectionRefused | Interrupted
    ) {
        return;
    }
    tracing::warn!(error = %e, "cannot accept a connection; retrying");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// One connection until it ends, or until shutdown (at once when no request
/// is in progress, else when the requests in progress are answered).
async fn serve_one(
    http: Arc<hyper::server::conn::http1::Builder>,
    stream: TcpStream,
    app: Router,
    write_timeout: Duration,
    mut stopping: watch::Receiver<bool>,
) {
    let busy = Arc::new(AtomicUsize::new(0));
    let service = {
        let busy = Arc::clone(&busy);
        hyper::service::service_fn(move |req: Request<Incoming>| {
            let guard = Busy::enter(&busy);
            let mut app = app.clone();
            async move {
                let resp = app.call(req).await?;
                Ok::<_, Infallible>(resp.map(|body| Body::new(Tracked { body, _busy: guard })))
            }
        })
    };
    let io = TokioIo::new(Guarded::new(stream, write_timeout));
    let conn = http.serve_connection(io, service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopping.wait_for(|s| *s) => {}
    }
    if busy.load(Ordering::SeqCst) == 0 {
        return;
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// Counts a request as in progress until its response body is dropped
/// (written or abandoned).
struct Busy(Arc<AtomicUsize>);

impl Busy {
    fn enter(count: &Arc<AtomicUsize>) -> Busy {
        count.fetch_add(1, Ordering::SeqCst);
        Busy(Arc::clone(count))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its request counted as in progress.
struct Tracked {
    body: Body,
    _busy: Busy,
}

impl http_body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// A client socket with a deadline on writes that make no progress, and
/// JSON bodies for the error answers hyper writes itself.
pub struct Guarded<S> {
    inner: S,
    write_timeout: Duration,
    /// Running while a write waits for the client.
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
    /// An answer written in place of hyper's: its bytes, how many are
    /// written, and the length of hyper's buffer, reported when done.
    replacing: Option<(Vec<u8>, usize, usize)>,
}

impl<S> Guarded<S> {
    pub fn new(inner: S, write_timeout: Duration) -> Guarded<S> {
        Guarded {
            inner,
            write_timeout,
            stalled: None,
            replacing: None,
        }
    }

    /// Pending until the write deadline passes, then an error.
    fn stall<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let timeout = self.write_timeout;
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        ready!(sleep.as_mut().poll(cx));
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!(
                "the client took no bytes of the response for {} s",
                timeout.as_secs_f64()
            ),
        )))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Guarded<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> Guarded<S> {
    /// When `buf` is one of hyper's bare error answers, or one is being
    /// written in its place: the write of the answer with a JSON body, which
    /// reports `buf` written once all of it is.
    fn replace(&mut self, cx: &mut Context<'_>, buf: &[u8]) -> Option<Poll<io::Result<usize>>> {
        if self.replacing.is_none() {
            self.replacing = Some((json_answer(buf)?, 0, buf.len()));
        }
        let (answer, written, report) = self.replacing.as_mut()?;
        while *written < answer.len() {
            match Pin::new(&mut self.inner).poll_write(cx, &answer[*written..]) {
                Poll::Ready(Ok(0)) => {
                    return Some(Poll::Ready(Err(io::ErrorKind::WriteZero.into())));
                }
                Poll::Ready(Ok(n)) => {
                    *written += n;
                    self.stalled = None;
                }
                Poll::Ready(Err(e)) => return Some(Poll::Ready(Err(e))),
                Poll::Pending => return Some(self.stall(cx)),
            }
        }
        let report = *report;
        self.replacing = None;
        Some(Poll::Ready(Ok(report)))
    }

    /// A write's outcome, with the deadline started while it waits.
    fn progress(
        &mut self,
        cx: &mut Context<'_>,
        p: Poll<io::Result<usize>>,
    ) -> Poll<io::Result<usize>> {
        match p {
            Poll::Pending => self.stall(cx),
            done => {
                self.stalled = None;
                done
            }
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Guarded<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if let Some(p) = this.replace(cx, buf) {
            return p;
        }
        let p = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.progress(cx, p)
    }

    /// Written as they are, so a response's body goes to the socket from
    /// where it is kept, not copied into hyper's buffer first. A head alone
    /// may be one of hyper's bare answers, and is written as by `poll_write`.
    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let mut given = bufs.iter().filter(|b| !b.is_empty());
        if let (Some(only), None) = (given.next(), given.next())
            && let Some(p) = this.replace(cx, only)
        {
            return p;
        }
        let p = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.progress(cx, p)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// Longest of hyper's own error answers looked at: a status line, `date`
/// and `content-length`, well under this.
const MAX_BARE_ANSWER: usize = 1024;

/// When `buf` is exactly one of hyper's own error answers (a bare head with
/// `content-length: 0` and status 400, 414 or 431), the same answer with a
/// JSON body. Anything longer than [`MAX_BARE_ANSWER`] or not starting as an
/// error status line is passed over unread: a response of megabytes is
/// offered again after each partial write.
fn json_answer(buf: &[u8]) -> Option<Vec<u8>> {
    if buf.len() > MAX_BARE_ANSWER || !buf.starts_with(b"HTTP/1.1 4") {
        return None;
    }
    let head = std::str::from_utf8(buf).ok()?;
    let status = head.strip_prefix("HTTP/1.1 ")?.get(..3)?;
    let message = match status {
        "400" => "bad request: the request is not HTTP/1.1 that the server can read",
        "414" => "the URL is too long",
        "431" => "the request head is too large (at most 48 KiB)",
        _ => return None,
    };
    let lines = head.strip_suffix("\r\n\r\n")?;
    let mut out_lines: Vec<&str> = Vec::new();
    let mut bare = false;
    for (i, line) in lines.split("\r\n").enumerate() {
        let lower = line.to_ascii_lowercase();
        if i > 0 && lower.starts_with("content-type:") {
            return None;
        }
        if lower == "content-length: 0" {
            bare = true;
            continue;
        }
        out_lines.push(line);
    }
    if !bare {
        return None;
    }
    let body = serde_json::json!({ "error": message }).to_string();
    let mut out = out_lines.join("\r\n");
    out.push_str(&format!(
        "\r\ncontent-type: application/json\r\nx-content-type-options: nosniff\r\n\
         content-length: {}\r\n\r\n{body}",
        body.len()
    ));
    Some(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypers_bare_error_answers_get_a_json_body() {
        let bare = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\
                     date: Mon, 01 Jan 2026 00:00:00 GMT\r\n\r\n";
        let answer = String::from_utf8(json_answer(bare).unwrap()).unwrap();
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(head.contains("\r\ndate: Mon"), "{head}");
        assert!(
            head.contains("\r\ncontent-type: application/json"),
            "{head}"
        );
        assert!(head.contains(&format!("\r\ncontent-length: {}", body.len())));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert!(v["error"].as_str().unwrap().contains("too large"));
    }

    #[tokio::test]
    async fn a_client_that_takes_no_bytes_ends_its_connection_after_the_write_timeout() {
        use tokio::io::AsyncWriteExt;
        let (server_side, _client) = tokio::io::duplex(64);
        let mut conn = Guarded::new(server_side, Duration::from_millis(100));
        let e = conn.write_all(&[b'x'; 4096]).await.unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(e.to_string().contains("took no bytes"), "{e}");
    }

    #[tokio::test]
    async fn a_slow_reader_that_keeps_reading_is_served_whole() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (server_side, mut client) = tokio::io::duplex(64);
        let reader = tokio::spawn(async move {
            let mut got = Vec::new();
            let mut buf = [0u8; 64];
            loop {
                tokio::time::sleep(Duration::from_millis(20)).await;
                match client.read(&mut buf).await.unwrap() {
                    0 => return got.len(),
                    n => got.extend_from_slice(&buf[..n]),
                }
            }
        });
        let mut conn = Guarded::new(server_side, Duration::from_millis(200));
        conn.write_all(&[b'x'; 2048]).await.unwrap();
        conn.shutdown().await.unwrap();
        drop(conn);
        assert_eq!(reader.await.unwrap(), 2048);
    }

    #[tokio::test]
    async fn a_bare_answer_written_as_slices_gets_its_json_body_and_others_pass() {
        use std::io::IoSlice;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let bare = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n";
        let head = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n";
        let (server_side, mut client) = tokio::io::duplex(4096);
        let mut conn = Guarded::new(server_side, Duration::from_secs(1));
        let n = conn
            .write_vectored(&[IoSlice::new(&[]), IoSlice::new(bare)])
            .await
            .unwrap();
        assert_eq!(n, bare.len(), "the bare answer counts as written");
        let whole = [&head[..], b"hello"].concat();
        let mut written = 0;
        while written < whole.len() {
            // what is left of the head and the body, as hyper hands them over
            let (a, b) = whole[written..].split_at(head.len().saturating_sub(written));
            written += conn
                .write_vectored(&[IoSlice::new(a), IoSlice::new(b)])
                .await
                .unwrap();
        }
        conn.shutdown().await.unwrap();
        drop(conn);
        let mut got = String::new();
        client.read_to_string(&mut got).await.unwrap();
        let (answer, ok) = got.split_at(got.find("HTTP/1.1 200").unwrap());
        assert!(
            answer.contains("content-type: application/json"),
            "{answer}"
        );
        assert!(answer.ends_with("\"}"), "{answer}");
        assert_eq!(ok.as_bytes(), &whole[..]);
    }

    #[test]
    fn the_servers_own_answers_pass_untouched() {
        for buf in [
            &b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"[..],
            b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 12\r\n\r\n",
            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n{}",
            b"{\"error\":\"HTTP/1.1 400 \"}",
        ] {
            assert_eq!(json_answer(buf), None, "{}", String::from_utf8_lossy(buf));
        }
    }
}
