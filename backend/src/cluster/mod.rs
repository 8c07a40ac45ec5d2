//! Live events across instances. Whatever produces an event (a conversation actor, an API
//! handler) hands it to the `Fanout`; the fanout gets it to the session hub of every instance.
//!
//! - SQLite (one instance): straight to the local hub, in process.
//! - PostgreSQL (any number of instances): `NOTIFY` on one channel; every instance, this one
//!   included, `LISTEN`s and hands what arrives to its own hub. One path for local and remote
//!   sessions, so each session gets each event exactly once, and the hub's audience filter keeps
//!   tenants apart on every instance. See `postgres` for ordering and the size limit.

mod postgres;

use actix::Addr;
use protocol::events::ServerEvent;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::actors::hub::{Audience, Broadcast, EvictAll, Revocation, Revoke, SessionHub};

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
}

impl Signal {
    /// Hands the signal to this instance's hub.
    fn deliver(self, hub: &Addr<SessionHub>) {
        match self {
            Signal::Broadcast { audience, event } => hub.do_send(Broadcast {
                audience,
                event: *event,
            }),
            Signal::Revoke { revocation } => hub.do_send(Revoke(revocation)),
            Signal::Resync { audience } => hub.do_send(EvictAll {
                audience: Some(audience),
            }),
        }
    }
}

#[derive(Clone)]
pub enum Fanout {
    InProcess(Addr<SessionHub>),
    Postgres(postgres::PgFanout),
}

impl Fanout {
    /// In process for SQLite; through `LISTEN/NOTIFY` for PostgreSQL (listening before this
    /// returns, so no event published after start-up is missed).
    pub async fn start(db: &DatabaseConnection, hub: Addr<SessionHub>) -> anyhow::Result<Self> {
        match db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => Ok(Fanout::Postgres(
                postgres::PgFanout::start(db.get_postgres_connection_pool().clone(), hub).await?,
            )),
            _ => Ok(Fanout::InProcess(hub)),
        }
    }

    pub fn send(&self, signal: Signal) {
        match self {
            Fanout::InProcess(hub) => signal.deliver(hub),
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

    /// Stops the cluster tasks (the server stopped).
    pub fn stop(&self) {
        if let Fanout::Postgres(pg) = self {
            pg.stop();
        }
    }
}
