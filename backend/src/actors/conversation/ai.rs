//! The AI glue of the conversation actor: ask the responder off the actor, hand its answer (or
//! failure) back to the state machine, which decides whether it is still wanted.

use std::sync::Arc;
use std::time::Instant;

use actix::prelude::*;
use chrono::Utc;
use entity::conversation;
use protocol::reasons::HandoffReason;
use protocol::{ConciergerieId, ConversationId, StayId};

use super::state::{self, AiAnswer};
use super::{ConversationActor, Deps};
use crate::actors::registry::Registry;
use crate::ai::{holding_message, language, variables, AiDecision, AiOutcome, AiRequest, Turn};
use crate::db;
use crate::error::AppError;
use crate::stays;

/// How much of the thread the AI sees.
const HISTORY: u64 = 40;
/// After a restart, guest messages younger than this that got no answer are answered.
const RESUME_WITHIN: chrono::Duration = chrono::Duration::hours(1);

impl ConversationActor {
    pub(super) fn ask_ai(&mut self, generation: u64, ctx: &mut Context<Self>) {
        let Some(conv) = self.state.as_ref().map(|s| s.row().clone()) else {
            return;
        };
        let deps = self.deps.clone();
        let me = ctx.address();
        actix::spawn(async move {
            let started = Instant::now();
            let (result, guest_text) = match build_request(&deps, &conv).await {
                Ok(request) => (
                    answer(&deps, &conv, &request)
                        .await
                        .map(|outcome| with_variables(outcome, &request)),
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
            let finished = AiFinished {
                generation,
                result,
                guest_text,
            };
            if let Err(e) = me.send(finished).await {
                // The guest message stays undecided: the next start answers it.
                tracing::error!(conversation_id = conv.id, error = %e, "AI result not delivered to its conversation actor");
            }
        });
    }
}

async fn build_request(deps: &Deps, conv: &conversation::Model) -> Result<AiRequest, AppError> {
    let tenant = ConciergerieId(conv.conciergerie_id);
    let knowledge = stays::context::for_conversation(
        &deps.db,
        tenant,
        conv.stay_id.map(StayId),
        Utc::now(),
        deps.sensitive_lead,
    )
    .await?;
    let history = db::messages::recent(&deps.db, ConversationId(conv.id), HISTORY)
        .await?
        .into_iter()
        // A reply that never reached the guest is not part of what they read.
        .filter(|m| !(m.sender.is_outbound() && m.status.is_failure()))
        .map(|m| Turn {
            sender: m.sender,
            text: m.body,
        })
        .collect();
    let name = deps
        .tenants
        .get(tenant)
        .map(|t| t.name.clone())
        .unwrap_or_default();
    Ok(AiRequest {
        conciergerie_name: name,
        faqs: knowledge.faqs,
        faq_translations: knowledge.faq_translations,
        history,
        stay: knowledge.stay,
        withheld: knowledge.withheld,
    })
}

/// The responder's answer within the conciergerie's AI spending limits.
async fn answer(
    deps: &Deps,
    conv: &conversation::Model,
    request: &AiRequest,
) -> Result<AiOutcome, String> {
    let tenant = ConciergerieId(conv.conciergerie_id);
    let budget = deps.tenants.get(tenant).and_then(|t| t.ai_daily_budget_usd);
    deps.spending
        .answer(
            &deps.responder,
            tenant,
            budget,
            ConversationId(conv.id),
            request,
        )
        .await
}

/// FAQ answers may carry `{{variables}}`; the guest reads them filled in from their stay.
fn with_variables(mut outcome: AiOutcome, request: &AiRequest) -> AiOutcome {
    if let AiDecision::Reply(text) = &outcome.decision {
        outcome.decision = AiDecision::Reply(variables::fill(text, request.stay.as_ref()));
    }
    outcome
}

/// The AI's answer (or final failure) for one generation.
#[derive(Message)]
#[rtype(result = "()")]
struct AiFinished {
    generation: u64,
    result: Result<AiOutcome, String>,
    guest_text: String,
}

impl Handler<AiFinished> for ConversationActor {
    type Result = ();

    fn handle(&mut self, msg: AiFinished, ctx: &mut Context<Self>) {
        self.last_activity = Instant::now();
        let answer = match msg.result {
            Ok(outcome) => AiAnswer {
                decision: outcome.decision,
                engine: outcome.engine,
                usage: outcome.usage,
                failed: false,
                urgent: outcome.urgent,
            },
            // Any final AI failure hands the conversation to a human, visibly.
            Err(error) => {
                tracing::warn!(conversation_id = %self.id, %error, "AI failed; handing off to a human");
                AiAnswer {
                    decision: AiDecision::Handoff {
                        reason: HandoffReason::AiUnavailable { error },
                        holding: holding_message(language::detect(&msg.guest_text)),
                    },
                    engine: self.deps.responder.engine(),
                    usage: None,
                    failed: true,
                    // Without an AI nobody read the message: it is not known to be urgent.
                    urgent: false,
                }
            }
        };
        let tenant = self.tenant_ai();
        let Some(state) = self.state.as_mut() else {
            return;
        };
        let effects = state.on_ai_result(msg.generation, answer, tenant, Utc::now());
        if effects.is_empty() {
            tracing::info!(conversation_id = %self.id, "stale AI answer discarded");
        }
        self.run_detached(effects, ctx);
    }
}

/// Sent at start-up to conversations whose guest is still waiting for an answer.
#[derive(Message)]
#[rtype(result = "()")]
pub struct ResumeAi;

impl Handler<ResumeAi> for ConversationActor {
    type Result = ();

    fn handle(&mut self, _: ResumeAi, ctx: &mut Context<Self>) {
        self.received();
        let tenant = self.tenant_ai();
        let Some(state) = self.state.as_mut() else {
            return;
        };
        let effects = state.on_resume(tenant, Utc::now());
        self.run_detached(effects, ctx);
    }
}

/// A guest message stored just before a crash or restart still gets its answer.
/// The same check runs every few seconds with several instances: it is how a dead instance's
/// conversations are taken over (`Registry::resume` takes the lease only if it is free).
pub async fn resume_unanswered(deps: &Arc<Deps>, registry: &Registry) -> Result<(), AppError> {
    let now = Utc::now();
    for (row, newest) in
        db::conversations::recently_written_to(&deps.db, now - RESUME_WITHIN).await?
    {
        let id = ConversationId(row.id);
        let tenant = deps.tenant_ai(ConciergerieId(row.conciergerie_id));
        if state::left_waiting(&row, newest, tenant, now) && !registry.is_live(id) {
            registry.resume(id, ResumeAi).await?;
        }
    }
    Ok(())
}
