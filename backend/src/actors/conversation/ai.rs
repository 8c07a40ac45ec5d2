//! The AI side of the conversation actor: when to ask the AI, and what to do with its answer.
//!
//! A guest message starts a short wait (the burst window); every newer message restarts it, so a
//! burst of three messages gets one reply written with all three in view. When the wait ends the
//! AI is called off the actor; its result comes back tagged with the generation it was asked for,
//! and is dropped if anything happened meanwhile (newer guest message, operator reply, mode
//! change). Any AI failure hands the conversation to a human, visibly.

use std::time::Instant;

use actix::prelude::*;
use chrono::Utc;
use entity::{conversation, faq, message};
use protocol::events::ServerEvent;
use protocol::{
    AiMode, ConciergerieId, ConversationId, ConversationStatus, MessageStatus, Notice, Sender,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, Order, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::{atomic, blank_message, ConversationActor, Reply};
use crate::ai::{holding_message, language, AiDecision, AiOutcome, AiRequest, Turn};
use crate::db::ingest::preview;
use crate::error::AppError;
use crate::state::{AppState, Core};

/// How much of the thread the AI sees.
const HISTORY: u64 = 40;
/// After a restart, guest messages younger than this that got no answer are answered.
const RESUME_WITHIN: chrono::Duration = chrono::Duration::hours(1);

impl ConversationActor {
    pub(super) fn cancel_ai(&mut self) {
        self.ai_generation += 1;
    }

    fn effective_mode(&self, conv: &conversation::Model) -> AiMode {
        conv.ai_mode_override
            .unwrap_or_else(|| self.core.tenant_mode(ConciergerieId(conv.conciergerie_id)))
    }

    /// The mode the AI would act in now, or `None` when it must stay quiet.
    fn active_mode(&self) -> Option<AiMode> {
        let conv = self.conversation.as_ref()?;
        let tenant = self
            .core
            .tenants
            .get(ConciergerieId(conv.conciergerie_id))?;
        let mode = self.effective_mode(conv);
        let paused = conv.ai_paused && conv.ai_paused_until.is_none_or(|until| until > Utc::now());
        // A conversation waiting for a human, or closed, is not the AI's to answer.
        let quiet = !tenant.active
            || mode == AiMode::Off
            || paused
            || conv.status != ConversationStatus::Open;
        (!quiet).then_some(mode)
    }

    /// Starts (or restarts) the burst wait before asking the AI.
    pub(super) fn schedule_ai(&mut self, ctx: &mut Context<Self>) {
        self.cancel_ai();
        if self.active_mode().is_none() {
            return;
        }
        let generation = self.ai_generation;
        self.in_flight += 1;
        ctx.run_later(self.core.config.ai_burst_window, move |act, ctx| {
            act.in_flight -= 1;
            if act.ai_generation == generation && act.active_mode().is_some() {
                act.ask_ai(generation, ctx);
            }
        });
    }

    pub(super) fn schedule_ai_if_unanswered(&mut self, ctx: &mut Context<Self>) {
        let unanswered = self.conversation.as_ref().is_some_and(|c| {
            c.last_client_message_at.is_some() && c.last_client_message_at >= c.last_message_at
        });
        if unanswered {
            self.schedule_ai(ctx);
        }
    }

    fn ask_ai(&mut self, generation: u64, ctx: &mut Context<Self>) {
        let Some(conv) = self.conversation.clone() else {
            return;
        };
        let core = self.core.clone();
        let me = ctx.address();
        self.in_flight += 1;
        actix::spawn(async move {
            let started = Instant::now();
            let (result, guest_text) = match build_request(&core, &conv).await {
                Ok(request) => (
                    core.responder.answer(&request).await,
                    request.pending_guest_text(),
                ),
                Err(e) => (
                    Err(format!("could not prepare the AI request: {e}")),
                    String::new(),
                ),
            };
            tracing::debug!(
                conversation_id = conv.id,
                elapsed_ms = started.elapsed().as_millis() as u64,
                ok = result.is_ok(),
                "AI answered"
            );
            me.do_send(AiFinished {
                generation,
                result,
                guest_text,
            });
        });
    }
}

async fn build_request(core: &Core, conv: &conversation::Model) -> Result<AiRequest, AppError> {
    let faqs = faq::Entity::find()
        .filter(faq::Column::ConciergerieId.eq(conv.conciergerie_id))
        .order_by(faq::Column::Id, Order::Asc)
        .all(&core.db)
        .await?
        .into_iter()
        .map(|f| (f.question, f.answer))
        .collect();
    let mut recent = message::Entity::find()
        .filter(message::Column::ConversationId.eq(conv.id))
        .order_by(message::Column::Id, Order::Desc)
        .limit(HISTORY)
        .all(&core.db)
        .await?;
    recent.reverse();
    let history = recent
        .into_iter()
        // A reply that never reached the guest is not part of what they read.
        .filter(|m| !(m.sender.is_outbound() && m.status.is_failure()))
        .map(|m| Turn {
            sender: m.sender,
            text: m.body,
        })
        .collect();
    let name = core
        .tenants
        .get(ConciergerieId(conv.conciergerie_id))
        .map(|t| t.name.clone())
        .unwrap_or_default();
    Ok(AiRequest {
        conciergerie_name: name,
        faqs,
        history,
    })
}

/// The AI's answer (or final failure) for one generation.
#[derive(Message)]
#[rtype(result = "Result<(), AppError>")]
struct AiFinished {
    generation: u64,
    result: Result<AiOutcome, String>,
    guest_text: String,
}

/// What the actor will do with an AI answer, decided before touching the database.
struct Plan {
    /// Send it to the guest (auto mode), or only propose it to the operator.
    send: bool,
    /// The reply, or the holding message on hand-off.
    body: String,
    outcome: Option<AiOutcome>,
    /// Why a human must take over, and whether it is because the AI failed.
    handoff: Option<(String, Notice)>,
}

impl Handler<AiFinished> for ConversationActor {
    type Result = Reply<()>;

    fn handle(&mut self, msg: AiFinished, _ctx: &mut Context<Self>) -> Self::Result {
        self.in_flight -= 1;
        self.last_activity = Instant::now();
        let mode = self.active_mode();
        let current = msg.generation == self.ai_generation;
        let (Some(mode), true, Some(conv)) = (mode, current, self.conversation.clone()) else {
            tracing::info!(conversation_id = %self.id, "stale AI answer discarded");
            return atomic(self, async { Ok(()) }, |(), _, _| Ok(()));
        };
        let plan = plan(mode, msg.result, &msg.guest_text);
        let core = self.core.clone();
        let fut = async move { apply(&core, conv, plan).await };
        atomic(self, fut, |applied, act, ctx| {
            let Applied {
                conversation,
                note,
                message,
                suggestion,
                handoff,
            } = applied;
            if let Some(note) = &note {
                act.message_created(note);
            }
            if let Some(message) = &message {
                act.message_created(message);
            }
            act.conversation_changed(conversation);
            let conversation_id = act.id;
            if let Some(body) = suggestion {
                act.notify(ServerEvent::AiSuggestion {
                    conversation_id,
                    body,
                });
            }
            if let Some(reason) = handoff {
                act.notify(ServerEvent::AiHandoff {
                    conversation_id,
                    reason,
                });
            }
            if let Some(message) = message {
                act.dispatch(&message, ctx);
            }
            Ok(())
        })
    }
}

fn plan(mode: AiMode, result: Result<AiOutcome, String>, guest_text: &str) -> Plan {
    let (decision, outcome, notice) = match result {
        Ok(outcome) => (outcome.decision.clone(), Some(outcome), Notice::Handoff),
        Err(error) => {
            tracing::warn!(%error, "AI failed; handing off to a human");
            let holding = holding_message(language::detect(guest_text));
            let reason = format!("IA indisponible : {error}");
            (
                AiDecision::Handoff { reason, holding },
                None,
                Notice::AiFailure,
            )
        }
    };
    let (body, handoff) = match decision {
        AiDecision::Reply(text) => (text, None),
        AiDecision::Handoff { reason, holding } => (holding, Some((reason, notice))),
    };
    Plan {
        send: mode == AiMode::Auto,
        body,
        outcome,
        handoff,
    }
}

struct Applied {
    conversation: conversation::Model,
    /// The system note recording a hand-off.
    note: Option<message::Model>,
    message: Option<message::Model>,
    suggestion: Option<String>,
    handoff: Option<String>,
}

fn usage_columns(active: &mut message::ActiveModel, outcome: &Option<AiOutcome>) {
    if let Some(outcome) = outcome {
        active.ai_engine = Set(Some(outcome.engine));
        if let Some(u) = &outcome.usage {
            active.input_tokens = Set(Some(u.input_tokens));
            active.output_tokens = Set(Some(u.output_tokens));
            active.cache_creation_tokens = Set(Some(u.cache_creation_input_tokens));
            active.cache_read_tokens = Set(Some(u.cache_read_input_tokens));
        }
    }
}

async fn apply(core: &Core, conv: conversation::Model, plan: Plan) -> Result<Applied, AppError> {
    let now = Utc::now();
    let Plan {
        send,
        body,
        outcome,
        handoff,
    } = plan;
    // The hand-off is written into the thread, so operators see when and why.
    let note = match &handoff {
        Some((reason, notice)) => Some(
            message::ActiveModel {
                conversation_id: Set(conv.id),
                sender: Set(Sender::System),
                body: Set(reason.clone()),
                status: Set(MessageStatus::Received),
                notice: Set(Some(*notice)),
                created_at: Set(now),
                ..blank_message()
            }
            .insert(&core.db)
            .await?,
        ),
        None => None,
    };
    let reason = handoff.map(|(reason, _)| reason);
    let mut active = conv.clone().into_active_model();
    if let Some(reason) = &reason {
        active.status = Set(ConversationStatus::NeedsHuman);
        active.handoff_reason = Set(Some(reason.clone()));
    }
    if send {
        let mut row = message::ActiveModel {
            conversation_id: Set(conv.id),
            sender: Set(Sender::Ai),
            body: Set(body),
            status: Set(MessageStatus::Pending),
            created_at: Set(now),
            ..blank_message()
        };
        row.ai_engine = Set(Some(core.responder.engine()));
        usage_columns(&mut row, &outcome);
        let message = row.insert(&core.db).await?;
        active.last_message_at = Set(Some(now));
        active.last_message_preview = Set(Some(preview(&message.body)));
        active.ai_paused = Set(false);
        active.ai_paused_until = Set(None);
        let conversation = active.update(&core.db).await?;
        return Ok(Applied {
            conversation,
            note,
            message: Some(message),
            suggestion: None,
            handoff: reason,
        });
    }
    // The proposal and what it cost are recorded on the guest message it answers.
    let last_guest = message::Entity::find()
        .filter(message::Column::ConversationId.eq(conv.id))
        .filter(message::Column::Sender.eq(Sender::Client))
        .order_by(message::Column::Id, Order::Desc)
        .one(&core.db)
        .await?;
    if let Some(guest) = last_guest {
        let mut guest = guest.into_active_model();
        guest.ai_suggestion = Set(Some(body.clone()));
        usage_columns(&mut guest, &outcome);
        guest.update(&core.db).await?;
    }
    active.ai_suggestion = Set(Some(body.clone()));
    let conversation = active.update(&core.db).await?;
    Ok(Applied {
        conversation,
        note,
        message: None,
        suggestion: Some(body),
        handoff: reason,
    })
}

/// Sent at start-up to conversations whose guest is still waiting for an answer.
#[derive(Message)]
#[rtype(result = "()")]
pub struct ResumeAi;

impl Handler<ResumeAi> for ConversationActor {
    type Result = ();

    fn handle(&mut self, _: ResumeAi, ctx: &mut Context<Self>) {
        self.received();
        self.schedule_ai_if_unanswered(ctx);
    }
}

/// A guest message stored just before a crash or restart still gets its answer.
pub async fn resume_unanswered(state: &AppState) -> Result<(), AppError> {
    let since = Utc::now() - RESUME_WITHIN;
    let waiting = conversation::Entity::find()
        .filter(conversation::Column::Status.eq(ConversationStatus::Open))
        .filter(conversation::Column::LastClientMessageAt.gt(since))
        .all(&state.db)
        .await?;
    for conv in waiting
        .into_iter()
        .filter(|c| c.last_client_message_at >= c.last_message_at)
    {
        state.registry.do_send(ConversationId(conv.id), ResumeAi);
    }
    Ok(())
}
