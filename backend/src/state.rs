//! What handlers and actors share.

use std::ops::Deref;
use std::sync::Arc;

use actix::Addr;
use entity::conversation;
use protocol::conversations::ConversationSummary;
use protocol::events::ServerEvent;
use protocol::{AiMode, ConciergerieId};
use sea_orm::DatabaseConnection;

use crate::actors::hub::{Audience, Broadcast, Revocation, Revoke, SessionHub};
use crate::actors::registry::Registry;
use crate::ai::Responder;
use crate::auth::rate_limit::LoginLimiter;
use crate::channel::Channel;
use crate::config::Config;
use crate::db::ingest::IngestWriter;
use crate::tenants::Tenants;

/// The services every part of the server uses, actors included.
pub struct Core {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    /// The URL Twilio calls; signatures are checked against it.
    pub public_base_url: String,
    pub tenants: Tenants,
    pub hub: Addr<SessionHub>,
    pub channel: Channel,
    /// Claude, or the offline FAQ responder.
    pub responder: Responder,
    pub ingest: IngestWriter,
}

impl Core {
    /// Sends an event to the operators of one conciergerie, and to nobody else.
    pub fn notify_tenant(&self, tenant: ConciergerieId, event: ServerEvent) {
        self.hub.do_send(Broadcast {
            audience: Audience::Tenant(tenant),
            event,
        });
    }

    pub fn notify_admins(&self, event: ServerEvent) {
        self.hub.do_send(Broadcast {
            audience: Audience::Admins,
            event,
        });
    }

    /// Closes the open WebSockets of revoked sessions (call after revoking them in the database).
    pub fn close_sockets(&self, revocation: Revocation) {
        self.hub.do_send(Revoke(revocation));
    }

    pub fn tenant_mode(&self, tenant: ConciergerieId) -> AiMode {
        self.tenants
            .get(tenant)
            .map(|t| t.ai_mode)
            .unwrap_or(AiMode::Auto)
    }

    pub fn summary(&self, conversation: conversation::Model) -> ConversationSummary {
        let mode = self.tenant_mode(ConciergerieId(conversation.conciergerie_id));
        conversation.into_summary(mode)
    }

    /// Cookies get `Secure` when the public URL is https.
    pub fn secure_cookies(&self) -> bool {
        self.public_base_url.starts_with("https://")
    }

    pub fn status_callback_url(&self) -> String {
        format!("{}/webhook/whatsapp/status", self.public_base_url)
    }
}

pub struct AppState {
    pub core: Arc<Core>,
    pub registry: Registry,
    pub login_limiter: LoginLimiter,
}

impl Deref for AppState {
    type Target = Core;

    fn deref(&self) -> &Core {
        &self.core
    }
}
