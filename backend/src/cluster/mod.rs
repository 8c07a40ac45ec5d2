//! Live events across instances. Whatever produces an event (a conversation actor, an API
//! handler) hands it to the `Fanout`; the fanout gets it to the session hub of every instance.
//!
//! - SQLite (one instance): straight to the local hub, in process.
//! - PostgreSQL (any number of instances): `NOTIFY` on one channel; every instance, this one
//!   included, `LISTEN`s and hands what arrives to its own hub. One path for local and remote
//!   sessions, so each session gets each event exactly once, and the hub's audience filter keeps
//!   tenants apart on every instance. See `postgres` for ordering and the size limit.
//!
//! The same path tells every instance that a conciergerie changed (number, messaging service,
//! activation, AI mode...): each reloads its `Tenants` directory from the database, so a webhook
//! reaching any instance is routed by the new settings; and that stays changed, so each drops what
//! it remembers about them.
//!
//! And it carries what the owner of a conversation must hear from the others (`leases` says who
//! owns one): a guest message stored by another instance (`Wake`), and another instance's request
//! to take the conversation over for an operator's action (`Handover`).

pub mod leases;
pub mod lock_spaces;
mod postgres;
pub mod sockets;

use std::sync::{Arc, OnceLock};

use actix::Addr;
use protocol::events::ServerEvent;
use protocol::{ConversationId, MessageId, StayId};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::actors::hub::{Audience, Broadcast, EvictAll, Revocation, Revoke, SessionHub};
use crate::actors::registry::Registry;
use crate::tenants::Tenants;

pub use self::postgres::CHANNEL;

/// What travels between instances.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Signal {
    /// An event for the sessions of one audience.
    Broadcast {
        audience: Audience,
        event: Box<ServerEvent>,
    },
    /// Close the sockets of revoked sessions.
    Revoke { revocation: Revocation },
    /// The sessions of an audience miss an event (too large to travel): they reconnect and
    /// resync from REST.
    Resync { audience: Audience },
    /// A conciergerie changed in the database: reload the tenant directory.
    TenantsChanged,
    /// Another instance stored a guest message for a conversation it does not own: its owner
    /// applies it (and any other it has not seen) from the database.
    Wake {
        conversation_id: ConversationId,
        message_id: MessageId,
        contact_name: Option<String>,
        stay: Option<StayId>,
    },
    /// Another instance needs the conversation for an operator's action: its owner lets it go as
    /// soon as nothing is in flight.
    Handover { conversation_id: ConversationId },
    /// Stays were written: what each instance keeps in memory about them (the guest → stay
    /// lookup, the actors' stay briefs) is stale. Sent on every stay write of an instance
    /// (`db::stays::watch_writes`), so no write path has to remember to.
    StaysChanged,
}

/// What a signal acts on in this instance.
#[derive(Clone)]
pub struct Local {
    pub hub: Addr<SessionHub>,
    pub tenants: Arc<Tenants>,
    pub db: DatabaseConnection,
    /// This instance's conversation actors (set once they exist: they need the fanout first).
    pub conversations: Arc<OnceLock<Registry>>,
}

impl Local {
    /// Re-reads the tenant directory in the background (a signal handler must not wait).
    fn reload_tenants(&self) {
        let (tenants, db) = (self.tenants.clone(), self.db.clone());
        tokio::spawn(async move {
            if let Err(e) = tenants.reload(&db).await {
                tracing::error!(error = %e, "cannot reload the tenant directory");
            }
        });
    }
}

impl Signal {
    /// Acts on the signal in this instance.
    fn deliver(self, local: &Local) {
        let hub = &local.hub;
        match self {
            Signal::Broadcast { audience, event } => hub.do_send(Broadcast {
                audience,
                event: *event,
            }),
            Signal::Revoke { revocation } => hub.do_send(Revoke(revocation)),
            Signal::Resync { audience } => hub.do_send(EvictAll {
                audience: Some(audience),
            }),
            Signal::TenantsChanged => local.reload_tenants(),
            Signal::Wake {
                conversation_id,
                message_id,
                contact_name,
                stay,
            } => {
                if let Some(registry) = local.conversations.get() {
                    registry.woken(conversation_id, message_id, contact_name, stay);
                }
            }
            Signal::Handover { conversation_id } => {
                if let Some(registry) = local.conversations.get() {
                    registry.hand_over(conversation_id);
                }
            }
            Signal::StaysChanged => crate::db::stays::written_elsewhere(),
        }
    }
}

#[derive(Clone)]
pub enum Fanout {
    InProcess(Local),
    Postgres(postgres::PgFanout),
}

impl Fanout {
    /// In process for SQLite; through `LISTEN/NOTIFY` for PostgreSQL (listening before this
    /// returns, so no event published after start-up is missed).
    pub async fn start(local: Local) -> anyhow::Result<Self> {
        match local.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => Ok(Fanout::Postgres(
                postgres::PgFanout::start(local.db.get_postgres_connection_pool().clone(), local)
                    .await?,
            )),
            _ => Ok(Fanout::InProcess(local)),
        }
    }

    pub fn send(&self, signal: Signal) {
        match self {
            Fanout::InProcess(local) => signal.deliver(local),
            Fanout::Postgres(pg) => pg.send(signal),
        }
    }

    pub fn broadcast(&self, audience: Audience, event: ServerEvent) {
        self.send(Signal::Broadcast {
            audience,
            event: Box::new(event),
        });
    }

    pub fn revoke(&self, revocation: Revocation) {
        self.send(Signal::Revoke { revocation });
    }

    /// Every other instance reloads its tenant directory. The caller has reloaded this
    /// instance's already (so its own response reflects the change); on PostgreSQL this one
    /// reloads once more on receipt, which is harmless.
    pub fn tenants_changed(&self) {
        if let Fanout::Postgres(pg) = self {
            pg.send(Signal::TenantsChanged);
        }
    }

    /// Returns once every signal handed over so far has left this instance (on PostgreSQL: its
    /// `NOTIFY` is committed). An owner flushes before letting a conversation go, so the next
    /// owner's events never overtake its own.
    pub async fn flush(&self) {
        if let Fanout::Postgres(pg) = self {
            pg.flush().await;
        }
    }

    /// Whether conversations need cluster ownership (several instances may run).
    pub fn is_clustered(&self) -> bool {
        matches!(self, Fanout::Postgres(_))
    }

    /// Stops the cluster tasks (the server stopped).
    pub fn stop(&self) {
        if let Fanout::Postgres(pg) = self {
            pg.stop();
        }
    }
}
