//! Getting a stored reply to the guest exactly once, crash or timeout notwithstanding.
//!
//! Every reply is committed as `pending` (with its conversation update, in one transaction)
//! before the channel is called. Two things can then leave its fate unknown:
//! - Twilio does not answer in time: the request may have been accepted. The reply is looked up
//!   in Twilio's message list (same recipient, sender and text, sent since it was stored): found,
//!   it gets its SID and status like any send; not found, it is failed, and never resent blindly.
//! - the server dies between the commit and Twilio's answer: at the next start every reply still
//!   `pending` without a SID (`resume_pending_sends`) is looked up the same way — found, it is
//!   reconciled; not found, Twilio never got it, and it is sent now.
//!
//! A list entry already recorded on another of our messages (the same text sent twice) is skipped.

use std::sync::Arc;

use actix::prelude::*;
use chrono::{DateTime, Utc};
use entity::message;
use protocol::{ConciergerieId, ConversationId, MessageId};
use sea_orm::DatabaseConnection;

use super::{ConversationActor, Deps, SendFinished};
use crate::actors::registry::Registry;
use crate::channel::twilio::with_channel;
use crate::channel::{Channel, Outbound, SendFailure, SendReceipt, SenderId};
use crate::db;
use crate::error::AppError;

/// Replies older than this are not resumed: WhatsApp's free-form window is closed anyway.
const RESUME_WITHIN: chrono::Duration = chrono::Duration::hours(24);

/// Where a reply was in its life when it was handed to the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Handover {
    /// Just committed: nobody has sent it.
    Fresh,
    /// Found pending at start-up: Twilio may already have it.
    Resumed,
}

impl ConversationActor {
    /// Hands a stored reply to the channel off the actor; the result comes back as `SendFinished`.
    pub(super) fn deliver(
        &mut self,
        message: &message::Model,
        handover: Handover,
        ctx: &mut Context<Self>,
    ) {
        let Some(outbound) = self.outbound(message) else {
            return;
        };
        let (channel, db) = (self.deps.channel.clone(), self.deps.db.clone());
        let message_id = MessageId(message.id);
        let stored_at = message.created_at;
        let media = protocol::conversations::Message::from(message.clone()).media;
        let grace = self.deps.resume_grace;
        let me = ctx.address();
        actix::spawn(async move {
            let result = send_once(&channel, &db, &outbound, stored_at, handover, grace).await;
            let conversation_id = outbound.conversation_id;
            let finished = SendFinished {
                message_id,
                result,
                body: outbound.body,
                media,
            };
            if let Err(e) = me.send(finished).await {
                // The reply stays pending in the database: the next start reconciles it.
                tracing::error!(%conversation_id, message_id = message_id.0, error = %e, "send result not delivered to its conversation actor");
            }
        });
    }

    fn outbound(&mut self, message: &message::Model) -> Option<Outbound> {
        // A scheduled message outside the 24 h window goes as its approved template.
        let template = message
            .client_ref
            .as_ref()
            .and_then(|key| self.templates.remove(key));
        let row = self.state.as_ref()?.row();
        let tenant = self.deps.tenants.get(ConciergerieId(row.conciergerie_id));
        let from = match tenant
            .as_deref()
            .map(|t| (&t.messaging_service_sid, &t.whatsapp_number))
        {
            Some((Some(sid), _)) => SenderId::MessagingService(sid.clone()),
            Some((None, Some(number))) => SenderId::Number(number.clone()),
            _ => SenderId::Number(self.deps.default_sender.clone()),
        };
        Some(Outbound {
            conversation_id: self.id,
            from,
            to: with_channel(&row.phone_number),
            body: message.body.clone(),
            status_callback: self.deps.status_callback_url.clone(),
            template,
            media_urls: message
                .stored_media()
                .iter()
                .filter_map(|m| m.attachment.as_deref())
                .map(|id| {
                    format!(
                        "{}{}",
                        self.deps.public_base_url,
                        protocol::paths::media_out(id)
                    )
                })
                .collect(),
        })
    }
}

async fn send_once(
    channel: &Channel,
    db: &DatabaseConnection,
    out: &Outbound,
    stored_at: DateTime<Utc>,
    handover: Handover,
    grace: std::time::Duration,
) -> Result<SendReceipt, SendFailure> {
    if handover == Handover::Resumed {
        // Twilio lists a message it accepted only once it has a `DateSent`: give a reply that
        // may still be queued there time to be sent before deciding it never arrived.
        let ready_at = stored_at + chrono::Duration::from_std(grace).unwrap_or_default();
        if let Ok(wait) = (ready_at - Utc::now()).to_std() {
            tokio::time::sleep(wait).await;
        }
        if let Some(receipt) = look_up(channel, db, out, stored_at).await? {
            tracing::info!(conversation_id = %out.conversation_id, sid = %receipt.external_id, "a reply pending since before the restart was already with Twilio: not sent again");
            return Ok(receipt);
        }
        tracing::info!(conversation_id = %out.conversation_id, "a reply pending since before the restart never reached Twilio: sending it");
    }
    match channel.send(out).await {
        Err(failure) if failure.uncertain => match look_up(channel, db, out, stored_at).await {
            Ok(Some(receipt)) => {
                tracing::info!(conversation_id = %out.conversation_id, sid = %receipt.external_id, "Twilio timed out but had accepted the reply");
                Ok(receipt)
            }
            Ok(None) => Err(SendFailure {
                uncertain: false,
                ..failure
            }),
            Err(lookup) => {
                tracing::warn!(conversation_id = %out.conversation_id, error = %lookup.message, "a timed-out send could not be looked up");
                Err(failure)
            }
        },
        other => other,
    }
}

/// The first message of Twilio's list like `out` that none of ours claims yet.
async fn look_up(
    channel: &Channel,
    db: &DatabaseConnection,
    out: &Outbound,
    since: DateTime<Utc>,
) -> Result<Option<SendReceipt>, SendFailure> {
    for receipt in channel.sent_since(out, since).await? {
        let claimed = db::messages::find_by_external_id(db, &receipt.external_id)
            .await
            .map_err(|e| SendFailure::certain(None, format!("database: {e}")))?;
        if claimed.is_none() {
            return Ok(Some(receipt));
        }
    }
    Ok(None)
}

/// A reply found pending at start-up, for its conversation's actor.
#[derive(Message)]
#[rtype(result = "()")]
pub struct ResumeSend(pub message::Model);

impl Handler<ResumeSend> for ConversationActor {
    type Result = ();

    fn handle(&mut self, ResumeSend(message): ResumeSend, ctx: &mut Context<Self>) {
        self.received();
        let Some(state) = self.state.as_mut() else {
            return;
        };
        state.send_resumed();
        self.deliver(&message, Handover::Resumed, ctx);
    }
}

/// Replies stored but never confirmed by the channel (the server stopped in between) are sent or
/// reconciled by their conversation's actor.
pub async fn resume_pending_sends(deps: &Arc<Deps>, registry: &Registry) -> Result<(), AppError> {
    let since = Utc::now() - RESUME_WITHIN;
    let pending = db::messages::pending_replies(&deps.db, since).await?;
    // With several instances most of these are another live instance's sends in flight: only
    // those taken over here are worth a line.
    let mut resumed = 0;
    for message in pending {
        let id = ConversationId(message.conversation_id);
        if !registry.is_live(id) && registry.resume(id, ResumeSend(message)).await? {
            resumed += 1;
        }
    }
    if resumed > 0 {
        tracing::info!(
            count = resumed,
            "replies left pending by a stopped instance: sending or reconciling them"
        );
    }
    Ok(())
}
