//! Start-up checks and graceful shutdown.
//!
//! Shutdown, on SIGTERM/SIGINT or `Shutdown::run`: the instance reports not ready (`/readyz`
//! answers 503 and new WebSockets are refused), waits `SHUTDOWN_DRAIN_MS` so a load balancer
//! notices, closes every dashboard WebSocket (the clients reconnect, to another instance behind a
//! balancer, and resync), then stops the HTTP server, which finishes the requests in flight.
//! Without closing the sockets first, the server would wait its whole shutdown timeout for them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use actix_web::dev::ServerHandle;
use actix_web::web;

use crate::actors::hub::EvictAll;
use crate::error::AppError;
use crate::state::AppState;

/// Whether this instance is winding down.
#[derive(Clone, Default)]
pub struct Lifecycle {
    draining: Arc<AtomicBool>,
}

impl Lifecycle {
    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    fn begin_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// For endpoints that must not start long-lived work on an instance going away.
    pub fn refuse_if_draining(&self) -> Result<(), AppError> {
        if self.is_draining() {
            Err(AppError::Unavailable(
                "this instance is shutting down".into(),
            ))
        } else {
            Ok(())
        }
    }
}

/// Stops one server gracefully (see the module).
#[derive(Clone)]
pub struct Shutdown {
    pub(crate) server: ServerHandle,
    pub(crate) state: web::Data<AppState>,
}

impl Shutdown {
    #[tracing::instrument(skip_all)]
    pub async fn run(&self) {
        self.state.lifecycle.begin_draining();
        let drain = self.state.config.shutdown_drain;
        if !drain.is_zero() {
            tracing::info!(
                drain_ms = drain.as_millis() as u64,
                "draining before shutdown"
            );
            tokio::time::sleep(drain).await;
        }
        match self.state.hub.send(EvictAll { audience: None }).await {
            Ok(closed) => tracing::info!(closed, "WebSockets closed for shutdown"),
            Err(e) => tracing::warn!(error = %e, "cannot reach the session hub"),
        }
        self.server.stop(true).await;
    }
}

/// Resolves on SIGTERM (systemd, container runtimes) or SIGINT (Ctrl-C).
pub async fn termination_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
