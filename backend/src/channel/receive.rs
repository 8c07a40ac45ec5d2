//! The one path every guest message takes, from a signed Twilio webhook or from the offline
//! simulator: route to a conciergerie, commit through the ingest writer, then tell the
//! conversation's actor. A message for no known conciergerie is kept for the admins.

use chrono::Utc;
use protocol::{ConciergerieId, ConversationId, MessageId};

use super::twilio::inbound::InboundMessage;
use super::twilio::strip_channel;
use crate::actors::conversation::GuestMessage;
use crate::db::ingest::{Ingested, NewInbound, NewUnrouted};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    Stored {
        conversation_id: ConversationId,
        message_id: MessageId,
    },
    Duplicate,
    Unrouted,
}

/// `tenant`: the conciergerie, when the caller already knows it (the simulator); otherwise the
/// message is routed by `To`, then by `MessagingServiceSid`. `raw` gives the webhook as it came,
/// kept only for an unrouted message (so it is not built for every routed one).
#[tracing::instrument(skip_all, fields(sid = %inbound.message_sid))]
pub async fn accept(
    state: &AppState,
    inbound: InboundMessage,
    tenant: Option<ConciergerieId>,
    raw: impl FnOnce() -> serde_json::Value,
) -> Result<Accepted, AppError> {
    let tenant = match tenant {
        Some(id) => Some(id),
        None => state
            .tenants
            .route(&inbound.to, inbound.messaging_service_sid.as_deref())
            .map(|t| t.id),
    };
    let now = Utc::now();
    let Some(tenant) = tenant else {
        tracing::warn!(to = %inbound.to, "webhook for an unknown number kept as unrouted");
        state
            .ingest
            .unrouted(NewUnrouted {
                message_sid: inbound.message_sid,
                to: inbound.to,
                from: inbound.from,
                messaging_service_sid: inbound.messaging_service_sid,
                body: inbound.body,
                payload: raw(),
                received_at: now,
            })
            .await?;
        return Ok(Accepted::Unrouted);
    };
    let preview = inbound.preview();
    let media = (!inbound.media.is_empty())
        .then(|| serde_json::to_value(&inbound.media))
        .transpose()
        .map_err(|e| AppError::Internal(e.into()))?;
    let location = inbound
        .location
        .as_ref()
        .map(serde_json::to_value)
        .transpose()
        .map_err(|e| AppError::Internal(e.into()))?;
    let contact_name = inbound.profile_name;
    let stored = state
        .ingest
        .inbound(NewInbound {
            tenant,
            address: strip_channel(&inbound.from).to_owned(),
            contact_name: contact_name.clone(),
            external_id: inbound.message_sid,
            body: inbound.body,
            preview: preview.clone(),
            media,
            location,
            received_at: now,
        })
        .await?;
    match stored {
        Ingested::Duplicate => Ok(Accepted::Duplicate),
        Ingested::Stored {
            conversation_id,
            message,
        } => {
            let message_id = MessageId(message.id);
            state.registry.do_send(
                conversation_id,
                GuestMessage {
                    message: *message,
                    contact_name,
                    preview,
                },
            );
            Ok(Accepted::Stored {
                conversation_id,
                message_id,
            })
        }
    }
}
