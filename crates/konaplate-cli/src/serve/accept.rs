//! Accepting connections: hyper's HTTP/1 with a time limit on receiving the request head.
//!
//! `axum::serve` sets no such limit, so a client that sends its headers a byte at a time would
//! hold a connection and a task forever. Here hyper closes a connection whose head has not
//! arrived within `header_timeout` (hyper answers nothing: no request exists yet to answer).
//! Ctrl-C stops accepting and lets requests in flight finish.

use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// Longest wait for requests in flight after Ctrl-C.
const DRAIN: Duration = Duration::from_secs(5);

/// `name` starts the few lines this prints (`konaplate sandbox`, `konaplate proxy`).
pub async fn serve(name: &str, listener: TcpListener, router: Router, header_timeout: Duration) {
    let graceful = GracefulShutdown::new();
    let mut ctrl_c = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        let (tcp, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(e) => {
                    // Out of file descriptors and the like: say so, breathe, go on.
                    eprintln!("{name}: cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut ctrl_c => break,
        };
        // No Nagle delay on small JSON answers.
        let _ = tcp.set_nodelay(true);
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(TokioIo::new(tcp), TowerToHyperService::new(router.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    println!("{name}: shutting down");
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
}
