//! What the HTTP handlers share. Actors do not see it: each gets the narrow handles it uses
//! (`actors::conversation::Deps`).

use std::sync::Arc;

use actix::Addr;
use protocol::events::ServerEvent;
use protocol::ConciergerieId;
use sea_orm::DatabaseConnection;

use crate::actors::hub::{Audience, Revocation, SessionHub};
use crate::actors::registry::Registry;
use crate::ai::spending::Spending;
use crate::ai::Responder;
use crate::auth::rate_limit::LoginLimiter;
use crate::channel::Channel;
use crate::cluster::Fanout;
use crate::config::Config;
use crate::db::ingest::IngestWriter;
use crate::db::search_index::SearchIndex;
use crate::http_edge::request_limits::RequestLimits;
use crate::lifecycle::Lifecycle;
use crate::stays::link::GuestStays;
use crate::stays::sync::StaySync;
use crate::tenants::Tenants;
use crate::ws::limits::SocketLimits;

pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    /// The URL Twilio calls; signatures are checked against it.
    pub public_base_url: String,
    pub tenants: Arc<Tenants>,
    /// This instance's WebSocket sessions.
    pub hub: Addr<SessionHub>,
    /// Events and revocations to the hubs of every instance (`cluster`).
    pub fanout: Fanout,
    pub lifecycle: Lifecycle,
    pub channel: Channel,
    /// Claude, or the offline FAQ responder.
    pub responder: Responder,
    /// Today's Claude spend per conciergerie, and the ceilings on it.
    pub spending: Arc<Spending>,
    pub ingest: IngestWriter,
    /// One actor per live conversation.
    pub registry: Registry,
    pub login_limiter: LoginLimiter,
    /// Live sockets per login session and per conciergerie.
    pub socket_limits: Arc<SocketLimits>,
    /// Request rates of the simulator and the login endpoints.
    pub request_limits: RequestLimits,
    /// Calendar feeds → stays; one run at a time.
    pub stay_sync: StaySync,
    /// Which stay each guest writing in is about, kept while it cannot have changed.
    pub guest_stays: Arc<GuestStays>,
    /// SQLite's full-text index, filled in batches; caught up before each search.
    pub search_index: SearchIndex,
}

impl AppState {
    /// Sends an event to the operators of one conciergerie, and to nobody else.
    pub fn notify_tenant(&self, tenant: ConciergerieId, event: ServerEvent) {
        self.fanout.broadcast(Audience::Tenant(tenant), event);
    }

    pub fn notify_admins(&self, event: ServerEvent) {
        self.fanout.broadcast(Audience::Admins, event);
    }

    /// Closes the open WebSockets of revoked sessions, on every instance (call after revoking
    /// them in the database).
    pub fn close_sockets(&self, revocation: Revocation) {
        self.fanout.revoke(revocation);
    }

    /// A conciergerie changed: this instance's tenant directory is re-read now, every other
    /// instance's on the cluster signal.
    pub async fn tenants_changed(&self) -> Result<(), sea_orm::DbErr> {
        self.tenants.reload(&self.db).await?;
        self.fanout.tenants_changed();
        Ok(())
    }

    /// Cookies get `Secure` when the public URL is https.
    pub fn secure_cookies(&self) -> bool {
        self.public_base_url.starts_with("https://")
    }
}
