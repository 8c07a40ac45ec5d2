//! One actor per live conversation. Everything that touches a conversation — a stored guest
//! message, an operator reply, a delivery status, a mode change, an AI result — is a message to
//! it, so they are applied one at a time, in arrival order.
//!
//! Database writes happen inside `AtomicResponse` futures (no other message interleaves with
//! them). Network I/O never does: a Twilio send runs as a spawned future whose result comes back
//! as a `SendFinished` message.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix::prelude::*;
use chrono::Utc;
use entity::{conversation, message};
use protocol::conversations::{ConversationPatch, ConversationSummary, Message as WireMessage};
use protocol::events::ServerEvent;
use protocol::{
    ChannelMode, ConciergerieId, ConversationId, ConversationStatus, MessageId, MessageStatus,
    Sender,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

mod ai;

pub use self::ai::{resume_unanswered, ResumeAi};

use super::registry::Registry;
use crate::channel::twilio::{errors, with_channel};
use crate::channel::{Outbound, SendFailure, SendReceipt, SenderId};
use crate::db::ingest::preview;
use crate::error::AppError;
use crate::state::Core;

/// WhatsApp's customer-service window: free-form messages only within 24 h of the guest's last one.
pub const WHATSAPP_WINDOW: chrono::Duration = chrono::Duration::hours(24);

pub struct ConversationActor {
    id: ConversationId,
    core: Arc<Core>,
    registry: Registry,
    /// Messages the registry has handed us that we have not yet handled.
    pending: Arc<AtomicUsize>,
    /// Spawned futures (sends) whose results have not come back yet.
    in_flight: usize,
    last_activity: Instant,
    /// The conversation as last written; `None` until loaded.
    conversation: Option<conversation::Model>,
    /// Bumped by every event that makes a pending AI reply stale (a new guest message, an
    /// operator reply, a mode change). An AI result tagged with an older generation is dropped.
    ai_generation: u64,
    /// A write of the guest-side fields is scheduled and will carry the latest ones.
    guest_fields_dirty: bool,
}

impl ConversationActor {
    pub fn new(
        id: ConversationId,
        core: Arc<Core>,
        registry: Registry,
        pending: Arc<AtomicUsize>,
    ) -> Self {
        ConversationActor {
            id,
            core,
            registry,
            pending,
            in_flight: 0,
            last_activity: Instant::now(),
            conversation: None,
            ai_generation: 0,
            guest_fields_dirty: false,
        }
    }

    /// Every message that came through the registry starts here.
    fn received(&mut self) {
        self.pending.fetch_sub(1, Ordering::SeqCst);
        self.last_activity = Instant::now();
    }

    fn tenant(&self) -> Option<ConciergerieId> {
        self.conversation
            .as_ref()
            .map(|c| ConciergerieId(c.conciergerie_id))
    }

    fn notify(&self, event: ServerEvent) {
        if let Some(tenant) = self.tenant() {
            self.core.notify_tenant(tenant, event);
        }
    }

    /// Remembers the new state of the conversation and tells the dashboards.
    fn conversation_changed(&mut self, model: conversation::Model) -> ConversationSummary {
        let summary = self.core.summary(model.clone());
        self.conversation = Some(model);
        self.notify(ServerEvent::ConversationUpdated {
            conversation: summary.clone(),
        });
        summary
    }

    fn message_created(&self, model: &message::Model) {
        self.notify(ServerEvent::MessageCreated {
            message: WireMessage::from(model.clone()),
        });
    }

    /// Hands an outbound message to the channel off the actor; the result comes back as a message.
    fn dispatch(&mut self, message: &message::Model, ctx: &mut Context<Self>) {
        let Some(conv) = &self.conversation else {
            return;
        };
        let Some(tenant) = self.core.tenants.get(ConciergerieId(conv.conciergerie_id)) else {
            return;
        };
        let from = match (&tenant.messaging_service_sid, &tenant.whatsapp_number) {
            (Some(sid), _) => SenderId::MessagingService(sid.clone()),
            (None, Some(number)) => SenderId::Number(number.clone()),
            (None, None) => SenderId::Number(self.core.config.twilio_whatsapp_number.clone()),
        };
        let outbound = Outbound {
            conversation_id: self.id,
            from,
            to: with_channel(&conv.phone_number),
            body: message.body.clone(),
            status_callback: self.core.status_callback_url(),
        };
        let channel = self.core.channel.clone();
        let message_id = MessageId(message.id);
        let me = ctx.address();
        self.in_flight += 1;
        actix::spawn(async move {
            let result = channel.send(&outbound).await;
            me.do_send(SendFinished {
                message_id,
                result,
                to: outbound.to,
                body: outbound.body,
            });
        });
    }
}

impl Actor for ConversationActor {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        ctx.set_mailbox_capacity(256);
        let db = self.core.db.clone();
        let id = self.id;
        // Nothing is handled before the conversation is loaded.
        ctx.wait(
            async move { conversation::Entity::find_by_id(id.0).one(&db).await }
                .into_actor(self)
                .map(|loaded, act, ctx| match loaded {
                    Ok(Some(model)) => act.conversation = Some(model),
                    Ok(None) => {
                        tracing::warn!(conversation_id = %act.id, "no such conversation");
                        ctx.stop();
                    }
                    Err(e) => {
                        tracing::error!(conversation_id = %act.id, error = %e, "cannot load conversation");
                        ctx.stop();
                    }
                }),
        );
        let idle = self.core.config.actor_idle_timeout;
        let tick = (idle / 2).clamp(Duration::from_millis(50), Duration::from_secs(30));
        ctx.run_interval(tick, move |act, ctx| {
            if act.in_flight == 0
                && act.last_activity.elapsed() >= idle
                && act.registry.try_retire(act.id, &ctx.address())
            {
                ctx.stop();
            }
        });
    }
}

type Reply<T> = AtomicResponse<ConversationActor, Result<T, AppError>>;

/// Runs a database future atomically (no other message interleaves), then `then` on the actor.
fn atomic<A, T, F>(
    act: &ConversationActor,
    fut: F,
    then: impl FnOnce(A, &mut ConversationActor, &mut Context<ConversationActor>) -> Result<T, AppError>
        + 'static,
) -> Reply<T>
where
    A: 'static,
    T: 'static,
    F: std::future::Future<Output = Result<A, AppError>> + 'static,
{
    AtomicResponse::new(Box::pin(
        fut.into_actor(act)
            .map(move |res, act, ctx| res.and_then(|v| then(v, act, ctx))),
    ))
}

fn loaded(act: &ConversationActor) -> Result<conversation::Model, AppError> {
    act.conversation
        .clone()
        .ok_or(AppError::NotFound("conversation"))
}

/// A guest message was committed by the ingest writer.
#[derive(Message)]
#[rtype(result = "()")]
pub struct GuestMessage {
    pub message: message::Model,
    pub contact_name: Option<String>,
    /// The inbox line for it (a media or location message has no body to show).
    pub preview: String,
}

impl Handler<GuestMessage> for ConversationActor {
    type Result = ();

    fn handle(&mut self, msg: GuestMessage, ctx: &mut Context<Self>) {
        self.received();
        let Some(mut conv) = self.conversation.clone() else {
            return;
        };
        // Ingest only stored the message: this actor owns the conversation row.
        conv.unread_count += 1;
        conv.last_message_preview = Some(preview(&msg.preview));
        conv.last_message_at = Some(msg.message.created_at);
        conv.last_client_message_at = Some(msg.message.created_at);
        if msg.contact_name.is_some() {
            conv.contact_name = msg.contact_name;
        }
        if conv.status == ConversationStatus::Closed {
            conv.status = ConversationStatus::Open;
        }
        self.message_created(&msg.message);
        self.conversation_changed(conv);
        self.save_guest_fields(ctx);
        // A burst of messages gets one reply: each new message restarts the wait.
        self.schedule_ai(ctx);
    }
}

impl ConversationActor {
    /// Writes the guest-side fields behind: the messages already in the mailbox are handled
    /// first, so a burst costs one row write, carried in the ingest writer's next batch. The
    /// actor waits for it, so none of its other writes can land before it.
    fn save_guest_fields(&mut self, ctx: &mut Context<Self>) {
        if self.guest_fields_dirty {
            return;
        }
        self.guest_fields_dirty = true;
        ctx.run_later(Duration::ZERO, |act, ctx| {
            act.guest_fields_dirty = false;
            let Some(row) = act.conversation.clone() else {
                return;
            };
            let ingest = act.core.ingest.clone();
            ctx.wait(
                async move { ingest.save_guest_fields(row).await }
                    .into_actor(act)
                    .map(|saved, act, _| {
                        if let Err(e) = saved {
                            tracing::error!(conversation_id = %act.id, error = %e, "cannot save the conversation");
                        }
                    }),
            );
        });
    }
}

/// An operator's reply from the dashboard.
#[derive(Message)]
#[rtype(result = "Result<message::Model, AppError>")]
pub struct OperatorSend {
    pub body: String,
    pub client_ref: Option<String>,
}

impl Handler<OperatorSend> for ConversationActor {
    type Result = Reply<message::Model>;

    fn handle(&mut self, msg: OperatorSend, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        // The operator speaks now: whatever the AI was preparing must not be sent.
        self.cancel_ai();
        let core = self.core.clone();
        let conv = loaded(self);
        let fut = async move {
            let conv = conv?;
            if let Some(client_ref) = &msg.client_ref {
                let existing = message::Entity::find()
                    .filter(message::Column::ConversationId.eq(conv.id))
                    .filter(message::Column::ClientRef.eq(client_ref))
                    .one(&core.db)
                    .await?;
                if let Some(existing) = existing {
                    return Ok((existing, None));
                }
            }
            let now = Utc::now();
            let open = conv
                .last_client_message_at
                .is_some_and(|t| now - t < WHATSAPP_WINDOW);
            if !open {
                return Err(AppError::OutsideWhatsAppWindow);
            }
            let message = message::ActiveModel {
                conversation_id: Set(conv.id),
                sender: Set(Sender::Concierge),
                body: Set(msg.body),
                status: Set(MessageStatus::Pending),
                client_ref: Set(msg.client_ref),
                created_at: Set(now),
                ..blank_message()
            }
            .insert(&core.db)
            .await?;
            let quiet = chrono::Duration::from_std(core.config.ai_takeover_quiet)
                .unwrap_or(chrono::Duration::minutes(30));
            let mut active = conv.into_active_model();
            active.last_message_at = Set(Some(now));
            active.last_message_preview = Set(Some(preview(&message.body)));
            // The operator took over: the AI stays quiet for a while, its pending proposal is
            // moot, and a conversation flagged for a human has now had one.
            active.ai_paused = Set(true);
            active.ai_paused_until = Set(Some(now + quiet));
            active.ai_suggestion = Set(None);
            active.unread_count = Set(0);
            if *active.status.as_ref() == ConversationStatus::NeedsHuman {
                active.status = Set(ConversationStatus::Open);
                active.handoff_reason = Set(None);
            }
            let conv = active.update(&core.db).await?;
            Ok((message, Some(conv)))
        };
        atomic(self, fut, |(message, conv), act, ctx| {
            if let Some(conv) = conv {
                act.message_created(&message);
                act.conversation_changed(conv);
                act.dispatch(&message, ctx);
            }
            Ok(message)
        })
    }
}

/// The channel's answer for an outbound message.
#[derive(Message)]
#[rtype(result = "Result<(), AppError>")]
struct SendFinished {
    message_id: MessageId,
    result: Result<SendReceipt, SendFailure>,
    to: String,
    body: String,
}

fn blank_message() -> message::ActiveModel {
    message::ActiveModel {
        error_code: Set(None),
        error_message: Set(None),
        external_id: Set(None),
        media: Set(None),
        location: Set(None),
        ai_suggestion: Set(None),
        ai_engine: Set(None),
        input_tokens: Set(None),
        output_tokens: Set(None),
        cache_creation_tokens: Set(None),
        cache_read_tokens: Set(None),
        client_ref: Set(None),
        notice: Set(None),
        ..Default::default()
    }
}

impl Handler<SendFinished> for ConversationActor {
    type Result = Reply<()>;

    fn handle(&mut self, msg: SendFinished, _ctx: &mut Context<Self>) -> Self::Result {
        self.in_flight -= 1;
        self.last_activity = Instant::now();
        let core = self.core.clone();
        let fut = async move {
            let Some(row) = message::Entity::find_by_id(msg.message_id.0)
                .one(&core.db)
                .await?
            else {
                return Ok((None, None, msg));
            };
            let mut active = row.into_active_model();
            let failed = msg.result.is_err();
            match &msg.result {
                Ok(receipt) => {
                    active.external_id = Set(Some(receipt.external_id.clone()));
                    // A status callback may already have moved it further.
                    if receipt.status.rank() > active.status.as_ref().rank() {
                        active.status = Set(receipt.status);
                    }
                }
                Err(failure) => {
                    active.status = Set(MessageStatus::Failed);
                    active.error_code = Set(failure.code.clone());
                    active.error_message = Set(Some(failure.message.clone()));
                }
            }
            let row = active.update(&core.db).await?;
            let conv = set_send_failed(&core, row.conversation_id, failed).await?;
            Ok((Some(row), conv, msg))
        };
        atomic(self, fut, |(row, conv, msg), act, _ctx| {
            if let Some(row) = row {
                act.notify(status_event(&row));
                if act.core.channel.mode() == ChannelMode::Simulator && msg.result.is_ok() {
                    if let Some(conv) = &act.conversation {
                        act.notify(ServerEvent::SimulatorReply {
                            to: conv.phone_number.clone(),
                            body: msg.body,
                        });
                    }
                }
                tracing::debug!(to = %msg.to, status = %row.status, "send finished");
            }
            if let Some(conv) = conv {
                act.conversation_changed(conv);
            }
            Ok(())
        })
    }
}

fn status_event(row: &message::Model) -> ServerEvent {
    ServerEvent::MessageStatus {
        conversation_id: ConversationId(row.conversation_id),
        message_id: MessageId(row.id),
        status: row.status,
        error_code: row.error_code.clone(),
        error_message: row.error_message.clone(),
    }
}

/// Keeps the inbox's "échec d'envoi" flag in step with the latest outbound message.
async fn set_send_failed(
    core: &Core,
    conversation_id: i64,
    failed: bool,
) -> Result<Option<conversation::Model>, AppError> {
    let Some(conv) = conversation::Entity::find_by_id(conversation_id)
        .one(&core.db)
        .await?
    else {
        return Ok(None);
    };
    if conv.last_send_failed == failed {
        return Ok(None);
    }
    let mut active = conv.into_active_model();
    active.last_send_failed = Set(failed);
    Ok(Some(active.update(&core.db).await?))
}

/// A delivery callback from Twilio for one of this conversation's messages.
#[derive(Message)]
#[rtype(result = "Result<(), AppError>")]
pub struct StatusUpdate {
    pub message_id: MessageId,
    pub status: MessageStatus,
    pub error_code: Option<String>,
}

impl Handler<StatusUpdate> for ConversationActor {
    type Result = Reply<()>;

    fn handle(&mut self, msg: StatusUpdate, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        let core = self.core.clone();
        let fut = async move {
            let Some(row) = message::Entity::find_by_id(msg.message_id.0)
                .one(&core.db)
                .await?
            else {
                return Ok((None, None));
            };
            // Callbacks arrive out of order; a status never moves backwards, and a failure is final.
            if row.status.is_failure() || msg.status.rank() <= row.status.rank() {
                return Ok((None, None));
            }
            let mut active = row.into_active_model();
            active.status = Set(msg.status);
            if msg.status.is_failure() {
                active.error_message = Set(Some(errors::reason(msg.error_code.as_deref(), None)));
                active.error_code = Set(msg.error_code);
            }
            let row = active.update(&core.db).await?;
            let conv = set_send_failed(&core, row.conversation_id, row.status.is_failure()).await?;
            Ok((Some(row), conv))
        };
        atomic(self, fut, |(row, conv), act, _ctx| {
            if let Some(row) = row {
                act.notify(status_event(&row));
            }
            if let Some(conv) = conv {
                act.conversation_changed(conv);
            }
            Ok(())
        })
    }
}

/// Operator controls: AI mode override, hand back to the AI, status, contact name.
#[derive(Message)]
#[rtype(result = "Result<ConversationSummary, AppError>")]
pub struct Patch(pub ConversationPatch);

impl Handler<Patch> for ConversationActor {
    type Result = Reply<ConversationSummary>;

    fn handle(&mut self, Patch(patch): Patch, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        self.cancel_ai();
        let core = self.core.clone();
        let conv = loaded(self);
        let fut = async move {
            let mut active = conv?.into_active_model();
            if let Some(mode) = patch.ai_mode_override {
                active.ai_mode_override = Set(mode);
            }
            if let Some(status) = patch.status {
                active.status = Set(status);
                if status != ConversationStatus::NeedsHuman {
                    active.handoff_reason = Set(None);
                }
            }
            if let Some(paused) = patch.ai_paused {
                active.ai_paused = Set(paused);
                active.ai_paused_until = Set(None);
            }
            if let Some(name) = patch.contact_name {
                let name = crate::domain::optional_text("contact_name", &name, 120)?;
                active.contact_name = Set((!name.is_empty()).then_some(name));
            }
            Ok(active.update(&core.db).await?)
        };
        atomic(self, fut, |conv, act, ctx| {
            let summary = act.conversation_changed(conv);
            // Handed back to the AI (or switched to a mode with AI) with a guest still waiting.
            act.schedule_ai_if_unanswered(ctx);
            Ok(summary)
        })
    }
}

/// The operator opened the conversation: its unread count drops to zero.
#[derive(Message)]
#[rtype(result = "Result<(), AppError>")]
pub struct MarkRead;

impl Handler<MarkRead> for ConversationActor {
    type Result = Reply<()>;

    fn handle(&mut self, _: MarkRead, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        let core = self.core.clone();
        let conv = loaded(self);
        let fut = async move {
            let conv = conv?;
            if conv.unread_count == 0 {
                return Ok(None);
            }
            let mut active = conv.into_active_model();
            active.unread_count = Set(0);
            Ok(Some(active.update(&core.db).await?))
        };
        atomic(self, fut, |conv, act, _ctx| {
            if let Some(conv) = conv {
                act.conversation_changed(conv);
            }
            Ok(())
        })
    }
}

/// The operator dismissed the AI's proposed reply.
#[derive(Message)]
#[rtype(result = "Result<(), AppError>")]
pub struct DiscardSuggestion;

impl Handler<DiscardSuggestion> for ConversationActor {
    type Result = Reply<()>;

    fn handle(&mut self, _: DiscardSuggestion, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        let core = self.core.clone();
        let conv = loaded(self);
        let fut = async move {
            let mut active = conv?.into_active_model();
            active.ai_suggestion = Set(None);
            Ok(active.update(&core.db).await?)
        };
        atomic(self, fut, |conv, act, _ctx| {
            act.conversation_changed(conv);
            Ok(())
        })
    }
}
