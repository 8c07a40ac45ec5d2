//! The PostgreSQL transport of the fanout.
//!
//! Sending: one task owns the outgoing queue and sends what has accumulated in one statement
//! (`pg_notify` over an array, in array order). One sender and PostgreSQL's delivery in commit
//! order keep events in the order they were produced, on every instance. Each payload carries a
//! sequence number, so two identical events of one batch are never folded into one (PostgreSQL
//! drops duplicate payloads within a transaction).
//!
//! Receiving: a dedicated `PgListener` connection. If it drops, notifications sent meanwhile are
//! lost: every local session is then closed so that its client reconnects and resyncs from REST.
//!
//! `NOTIFY` payloads must stay under 8000 bytes: in place of a larger event, its audience's
//! sessions on every instance (this one included, so order holds) are closed to resync from REST.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgListener, PgPool};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::{Local, Signal};
use crate::actors::hub::EvictAll;

/// The `LISTEN/NOTIFY` channel all instances share.
pub const CHANNEL: &str = "majordome_events";
/// PostgreSQL's limit is 8000 bytes; keep a margin.
const MAX_PAYLOAD: usize = 7900;
/// Notifications sent in one statement at most.
const MAX_BATCH: usize = 256;

#[derive(Serialize, Deserialize)]
struct Envelope {
    /// Per sending instance; makes every payload of a batch unique.
    seq: u64,
    #[serde(flatten)]
    signal: Signal,
}

/// What the sender task takes from its queue.
enum Outgoing {
    Signal(Signal),
    /// Answered once everything queued before it has been sent.
    Flush(tokio::sync::oneshot::Sender<()>),
}

#[derive(Clone)]
pub struct PgFanout {
    outgoing: mpsc::UnboundedSender<Outgoing>,
    local: Local,
    tasks: std::sync::Arc<[JoinHandle<()>; 3]>,
}

impl PgFanout {
    pub async fn start(pool: PgPool, local: Local) -> anyhow::Result<Self> {
        let listener = listen(&pool).await?;
        let (outgoing, queue) = mpsc::unbounded_channel();
        let sender = tokio::spawn(send_loop(pool.clone(), queue, local.clone()));
        let receiver = tokio::spawn(receive_loop(pool, listener, local.clone()));
        let stays = tokio::spawn(stays_loop(outgoing.clone()));
        Ok(PgFanout {
            outgoing,
            local,
            tasks: std::sync::Arc::new([sender, receiver, stays]),
        })
    }

    pub fn send(&self, signal: Signal) {
        if let Err(unsent) = self.outgoing.send(Outgoing::Signal(signal)) {
            // The sender task is gone (shutting down): local sessions still get the event.
            if let Outgoing::Signal(signal) = unsent.0 {
                signal.deliver(&self.local);
            }
        }
    }

    pub async fn flush(&self) {
        let (done, flushed) = tokio::sync::oneshot::channel();
        if self.outgoing.send(Outgoing::Flush(done)).is_ok() {
            let _ = flushed.await;
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
fn encode(seq: u64, signal: Signal) -> Result<String, Signal> {
    let envelope = Envelope { seq, signal };
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
async fn send_loop(pool: PgPool, mut queue: mpsc::UnboundedReceiver<Outgoing>, local: Local) {
    let mut seq = 0u64;
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut flushes = Vec::new();
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let mut payloads = Vec::with_capacity(batch.len());
        for outgoing in batch.drain(..) {
            let signal = match outgoing {
                Outgoing::Signal(signal) => signal,
                // Answered after this batch's statement: everything before it is in there.
                Outgoing::Flush(done) => {
                    flushes.push(done);
                    continue;
                }
            };
            seq += 1;
            match encode(seq, signal) {
                Ok(payload) => payloads.push(payload),
                // Too large to travel: every dashboard of the audience, here included, resyncs
                // from REST instead. Sent down the same path, so it stays in order.
                Err(Signal::Broadcast { audience, .. }) => {
                    tracing::info!(
                        ?audience,
                        "an event too large for NOTIFY: its audience resyncs"
                    );
                    if let Ok(payload) = encode(seq, Signal::Resync { audience }) {
                        payloads.push(payload);
                    }
                }
                Err(other) => other.deliver(&local),
            }
        }
        if payloads.is_empty() {
            for done in flushes.drain(..) {
                let _ = done.send(());
            }
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
                    envelope.signal.deliver(&local);
                }
            }
        }
        for done in flushes.drain(..) {
            let _ = done.send(());
        }
    }
}

/// Tells the other instances whenever this one wrote stays (a burst of writes, e.g. a CSV
/// import, is one signal or a few: the watch keeps only the latest count).
async fn stays_loop(outgoing: mpsc::UnboundedSender<Outgoing>) {
    let mut writes = crate::db::stays::watch_writes();
    writes.mark_unchanged();
    while writes.changed().await.is_ok() {
        writes.mark_unchanged();
        if outgoing
            .send(Outgoing::Signal(Signal::StaysChanged))
            .is_err()
        {
            return;
        }
    }
}

#[tracing::instrument(skip_all)]
async fn receive_loop(pool: PgPool, mut listener: PgListener, local: Local) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                match serde_json::from_str::<Envelope>(notification.payload()) {
                    // Reloaded before the next signal is read: an event that followed the
                    // change on its instance is handled here with the new tenant settings.
                    Ok(Envelope {
                        signal: Signal::TenantsChanged,
                        ..
                    }) => {
                        if let Err(e) = local.tenants.reload(&local.db).await {
                            tracing::error!(error = %e, "cannot reload the tenant directory");
                        }
                    }
                    Ok(envelope) => envelope.signal.deliver(&local),
                    Err(e) => tracing::warn!(error = %e, "unreadable cluster notification"),
                }
            }
            // The connection dropped (the next call reconnects): what was sent meanwhile is lost,
            // a tenant or stay change included, so the directory is re-read and stays forgotten.
            Ok(None) => {
                tracing::warn!("cluster feed lost; local sessions reconnect and resync");
                local.hub.do_send(EvictAll { audience: None });
                local.reload_tenants();
                crate::db::stays::written_elsewhere();
            }
            Err(e) => {
                tracing::warn!(error = %e, "cluster feed failed; local sessions reconnect and resync");
                local.hub.do_send(EvictAll { audience: None });
                local.reload_tenants();
                crate::db::stays::written_elsewhere();
                tokio::time::sleep(Duration::from_secs(1)).await;
                match listen(&pool).await {
                    Ok(fresh) => listener = fresh,
                    Err(e) => tracing::warn!(error = %e, "cannot listen again yet"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use protocol::events::ServerEvent;
    use protocol::ConciergerieId;

    use super::*;
    use crate::actors::hub::{Audience, Revocation};

    fn broadcast(body: String) -> Signal {
        Signal::Broadcast {
            audience: Audience::Tenant(ConciergerieId(7)),
            event: Box::new(ServerEvent::SimulatorReply {
                to: "whatsapp:+33600000000".into(),
                body,
                media: Vec::new(),
            }),
        }
    }

    #[test]
    fn a_signal_travels_with_its_audience_and_event() {
        let payload = encode(1, broadcast("Bonjour".into())).unwrap();
        let back: Envelope = serde_json::from_str(&payload).unwrap();
        match back.signal {
            Signal::Broadcast { audience, event } => {
                assert_eq!(audience, Audience::Tenant(ConciergerieId(7)));
                assert!(
                    matches!(*event, ServerEvent::SimulatorReply { ref body, .. } if body == "Bonjour")
                );
            }
            other => panic!("came back as {other:?}"),
        }
        let revoke = encode(
            2,
            Signal::Revoke {
                revocation: Revocation::Tenant(ConciergerieId(7)),
            },
        )
        .unwrap();
        assert!(matches!(
            serde_json::from_str::<Envelope>(&revoke).unwrap().signal,
            Signal::Revoke {
                revocation: Revocation::Tenant(ConciergerieId(7))
            }
        ));
    }

    #[test]
    fn identical_events_make_distinct_payloads_and_oversized_ones_do_not_travel() {
        assert_ne!(
            encode(1, broadcast("x".into())).unwrap(),
            encode(2, broadcast("x".into())).unwrap()
        );
        // Multi-byte text counts in bytes, as PostgreSQL does.
        assert!(encode(3, broadcast("é".repeat(3800))).is_ok());
        assert!(matches!(
            encode(4, broadcast("é".repeat(4000))),
            Err(Signal::Broadcast { .. })
        ));
    }
}
