//! The PostgreSQL transport of the fanout.
//!
//! Sending: one task owns the outgoing queue and sends what has accumulated in one statement
//! (`pg_notify` over an array, in array order). One sender and PostgreSQL's delivery in commit
//! order keep events in the order they were produced, on every instance. Each payload carries
//! the instance's id and a sequence number, so two identical events are never folded into one
//! (PostgreSQL drops duplicate payloads within a transaction).
//!
//! Receiving: a dedicated `PgListener` connection. If it drops, notifications sent meanwhile are
//! lost: every local session is then closed so that its client reconnects and resyncs from REST.
//!
//! `NOTIFY` payloads must stay under 8000 bytes: a larger event is delivered locally and the
//! other instances are told to resync that audience's sessions instead.

use std::time::Duration;

use actix::Addr;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgListener, PgPool};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::Signal;
use crate::actors::hub::{EvictAll, SessionHub};

/// The `LISTEN/NOTIFY` channel all instances share.
pub const CHANNEL: &str = "majordome_events";
/// PostgreSQL's limit is 8000 bytes; keep a margin.
const MAX_PAYLOAD: usize = 7900;
/// Notifications sent in one statement at most.
const MAX_BATCH: usize = 256;

#[derive(Serialize, Deserialize)]
struct Envelope {
    /// The sending instance.
    origin: u64,
    /// Per sending instance; makes every payload unique.
    seq: u64,
    #[serde(flatten)]
    signal: Signal,
}

#[derive(Clone)]
pub struct PgFanout {
    outgoing: mpsc::UnboundedSender<Signal>,
    hub: Addr<SessionHub>,
    tasks: std::sync::Arc<[JoinHandle<()>; 2]>,
}

impl PgFanout {
    pub async fn start(pool: PgPool, hub: Addr<SessionHub>) -> anyhow::Result<Self> {
        let origin = rand::rngs::OsRng.next_u64();
        let listener = listen(&pool).await?;
        let (outgoing, queue) = mpsc::unbounded_channel();
        let sender = tokio::spawn(send_loop(pool.clone(), queue, hub.clone(), origin));
        let receiver = tokio::spawn(receive_loop(pool, listener, hub.clone(), origin));
        Ok(PgFanout {
            outgoing,
            hub,
            tasks: std::sync::Arc::new([sender, receiver]),
        })
    }

    pub fn send(&self, signal: Signal) {
        if let Err(unsent) = self.outgoing.send(signal) {
            // The sender task is gone (shutting down): local sessions still get the event.
            unsent.0.deliver(&self.hub);
        }
    }

    pub fn stop(&self) {
        for task in self.tasks.iter() {
            task.abort();
        }
    }
}

async fn listen(pool: &PgPool) -> anyhow::Result<PgListener> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// The payload for `signal`, or `None` when it is too large for `NOTIFY`.
fn encode(origin: u64, seq: u64, signal: Signal) -> Result<String, Signal> {
    let envelope = Envelope {
        origin,
        seq,
        signal,
    };
    match serde_json::to_string(&envelope) {
        Ok(text) if text.len() <= MAX_PAYLOAD => Ok(text),
        Ok(_) => Err(envelope.signal),
        Err(e) => {
            tracing::error!(error = %e, "cannot serialise a cluster signal");
            Err(envelope.signal)
        }
    }
}

#[tracing::instrument(skip_all)]
async fn send_loop(
    pool: PgPool,
    mut queue: mpsc::UnboundedReceiver<Signal>,
    hub: Addr<SessionHub>,
    origin: u64,
) {
    let mut seq = 0u64;
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let mut payloads = Vec::with_capacity(batch.len());
        for signal in batch.drain(..) {
            seq += 1;
            match encode(origin, seq, signal) {
                Ok(payload) => {
                    payloads.push(payload);
                }
                Err(oversized) => {
                    let resync = match &oversized {
                        Signal::Broadcast { audience, .. } => Some(Signal::Resync {
                            audience: *audience,
                        }),
                        Signal::Revoke { .. } | Signal::Resync { .. } => None,
                    };
                    tracing::info!("an event too large for NOTIFY: other instances resync");
                    oversized.deliver(&hub);
                    if let Some(Ok(payload)) = resync.map(|r| encode(origin, seq, r)) {
                        payloads.push(payload);
                    }
                }
            }
        }
        if payloads.is_empty() {
            continue;
        }
        let result =
            sqlx::query("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload")
                .bind(CHANNEL)
                .bind(&payloads)
                .execute(&pool)
                .await;
        if let Err(e) = result {
            // Other instances cannot be reached; this one's sessions still get the events.
            tracing::error!(error = %e, lost = payloads.len(), "NOTIFY failed; events delivered locally only");
            for payload in payloads {
                if let Ok(envelope) = serde_json::from_str::<Envelope>(&payload) {
                    if !matches!(envelope.signal, Signal::Resync { .. }) {
                        envelope.signal.deliver(&hub);
                    }
                }
            }
        }
    }
}

#[tracing::instrument(skip_all)]
async fn receive_loop(pool: PgPool, mut listener: PgListener, hub: Addr<SessionHub>, origin: u64) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                match serde_json::from_str::<Envelope>(notification.payload()) {
                    // Our own oversized event was delivered locally already.
                    Ok(envelope)
                        if envelope.origin == origin
                            && matches!(envelope.signal, Signal::Resync { .. }) => {}
                    Ok(envelope) => envelope.signal.deliver(&hub),
                    Err(e) => tracing::warn!(error = %e, "unreadable cluster notification"),
                }
            }
            // The connection dropped (the next call reconnects): what was sent meanwhile is lost.
            Ok(None) => {
                tracing::warn!("cluster feed lost; local sessions reconnect and resync");
                hub.do_send(EvictAll { audience: None });
            }
            Err(e) => {
                tracing::warn!(error = %e, "cluster feed failed; local sessions reconnect and resync");
                hub.do_send(EvictAll { audience: None });
                tokio::time::sleep(Duration::from_secs(1)).await;
                match listen(&pool).await {
                    Ok(fresh) => listener = fresh,
                    Err(e) => tracing::warn!(error = %e, "cannot listen again yet"),
                }
            }
        }
    }
}
