//! The inbound use cases: what the channel tells us, from a signed Twilio webhook or from the
//! offline simulator.
//!
//! A guest message is routed to a conciergerie, committed through the ingest writer, then handed
//! to the conversation's actor (which alone updates the conversation row). A message for no known
//! conciergerie is kept for the admins. A delivery status goes to the actor of the conversation
//! its message belongs to — found by the message's SID, or, when the callback overtook our own
//! send's answer, by the guest's address — which parks it until the SID is known.

use chrono::Utc;
use protocol::{ConciergerieId, ConversationId, MessageId, StayId};

use crate::actors::conversation::state::StatusReport;
use crate::actors::conversation::{GuestMessage, StatusUpdate};
use crate::channel::twilio::inbound::{InboundMessage, StatusCallback};
use crate::channel::twilio::strip_channel;
use crate::db;
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
/// message is routed by `To`, then by `MessagingServiceSid`.
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
    let address = strip_channel(&inbound.from).to_owned();
    let stored = state
        .ingest
        .inbound(NewInbound {
            tenant,
            address: address.clone(),
            contact_name: contact_name.clone(),
            external_id: inbound.message_sid,
            body: inbound.body,
            preview,
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
            let stay = guest_stay(state, tenant, &address).await;
            state
                .registry
                .guest_message(
                    conversation_id,
                    GuestMessage {
                        message: *message,
                        contact_name,
                        stay,
                    },
                )
                .await;
            Ok(Accepted::Stored {
                conversation_id,
                message_id,
            })
        }
    }
}

/// The stay the guest's conversation is about (on each property's local date). The message is
/// already stored: a failed lookup only leaves the link as it was.
async fn guest_stay(state: &AppState, tenant: ConciergerieId, address: &str) -> Option<StayId> {
    match state
        .guest_stays
        .stay_for(&state.db, tenant, address, Utc::now())
        .await
    {
        Ok(stay) => stay,
        Err(e) => {
            tracing::warn!(error = %e, "could not look up the guest's stay");
            None
        }
    }
}

/// A delivery status callback. Returns once the conversation's actor has applied or parked it;
/// a callback that matches no conversation at all is dropped with a log line.
#[tracing::instrument(skip_all, fields(sid = %callback.message_sid))]
pub async fn delivery_status(state: &AppState, callback: StatusCallback) -> Result<(), AppError> {
    let Some(conversation_id) = conversation_of(state, &callback).await? else {
        tracing::warn!(status = %callback.status, "status callback for an unknown message dropped");
        return Ok(());
    };
    state
        .registry
        .request(
            conversation_id,
            StatusUpdate(StatusReport {
                sid: callback.message_sid,
                status: callback.status,
                error_code: callback.error_code,
            }),
        )
        .await?
}

async fn conversation_of(
    state: &AppState,
    callback: &StatusCallback,
) -> Result<Option<ConversationId>, AppError> {
    if let Some(message) =
        db::messages::find_by_external_id(&state.db, &callback.message_sid).await?
    {
        return Ok(Some(ConversationId(message.conversation_id)));
    }
    // Not stored yet: our send is still waiting for Twilio's answer. The callback's `From` is
    // our sender and its `To` the guest.
    let (Some(from), Some(to)) = (&callback.from, &callback.to) else {
        return Ok(None);
    };
    let Some(tenant) = state
        .tenants
        .route(from, callback.messaging_service_sid.as_deref())
    else {
        return Ok(None);
    };
    let conversation =
        db::conversations::find_by_guest(&state.db, tenant.id, strip_channel(to)).await?;
    Ok(conversation.map(|c| ConversationId(c.id)))
}
