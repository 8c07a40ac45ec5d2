//! Carrying out the state machine's effects: one event's database writes in one transaction,
//! then — only once committed — the dashboards are told, replies delivered, the AI scheduled.

use actix::prelude::*;
use chrono::{DateTime, Utc};
use entity::{conversation, message};
use protocol::events::ServerEvent;
use protocol::ConversationId;

use super::delivery::Handover;
use super::state::Effect;
use super::stay_brief;
use super::ConversationActor;
use crate::db;
use crate::db::ingest::{ConversationWrites, IngestWriter, MessageWrite};
use crate::error::AppError;

impl ConversationActor {
    /// Runs one event's effects and answers with the messages it inserted. A failed write stops
    /// the actor: its in-memory row may be ahead of the database, and the next message starts a
    /// fresh actor that reloads the row and replays what it missed.
    pub(super) fn run(
        &mut self,
        effects: Vec<Effect>,
    ) -> ResponseActFuture<Self, Result<Vec<message::Model>, AppError>> {
        let row = self
            .state
            .as_ref()
            .filter(|_| effects.contains(&Effect::SaveRow))
            .map(|s| s.row().clone());
        let writes: Vec<Effect> = effects.iter().filter(|e| is_write(e)).cloned().collect();
        let labels = effects.iter().find_map(|e| match e {
            Effect::SaveLabels(labels) => Some(labels.clone()),
            _ => None,
        });
        let (ingest, id, now) = (self.deps.ingest.clone(), self.id, Utc::now());
        // The stay the published summary carries, read when the held one may be out of date.
        let brief = effects
            .contains(&Effect::SaveRow)
            .then(|| self.stay_brief_wanted(now))
            .flatten();
        let db = self.deps.db.clone();
        let written = async move {
            // The labels' own table, on the pool (see `db::labels`), before the row.
            let labels = match labels {
                Some(labels) => match db::labels::set_for_conversation(&db, id, &labels).await {
                    Ok(labels) => Some(labels),
                    Err(e) => return (Err(e), None),
                },
                None => None,
            };
            let written = write(&ingest, id, row, writes, now)
                .await
                .map(|inserted| (inserted, labels));
            let brief = match brief {
                Some((tenant, key)) => Some((key, stay_brief::load(&db, tenant, key).await)),
                None => None,
            };
            (written, brief)
        };
        Box::pin(written.into_actor(self).map(move |(written, brief), act, ctx| {
            if let Some((key, brief)) = brief {
                act.stay_brief.store(key, brief);
            }
            match written {
                Ok((inserted, labels)) => {
                    if let (Some(labels), Some(state)) = (labels, act.state.as_mut()) {
                        state.labels_loaded(labels);
                    }
                    act.after_commit(effects, &inserted, ctx);
                    Ok(inserted)
                }
                Err(e) => {
                    tracing::error!(conversation_id = %act.id, error = %e, "conversation write failed; the actor restarts");
                    ctx.stop();
                    Err(e)
                }
            }
        }))
    }

    fn after_commit(
        &mut self,
        effects: Vec<Effect>,
        inserted: &[message::Model],
        ctx: &mut Context<Self>,
    ) {
        let mut inserted = inserted.iter();
        for effect in effects {
            match effect {
                Effect::Insert { deliver, .. } => {
                    let Some(message) = inserted.next() else {
                        continue;
                    };
                    self.publish(ServerEvent::MessageCreated {
                        message: self.wire_message(message.clone()),
                    });
                    if deliver {
                        self.deliver(message, Handover::Fresh, ctx);
                    }
                }
                Effect::SaveRow => {
                    if let Some(conversation) = self.summary() {
                        self.publish(ServerEvent::ConversationUpdated { conversation });
                    }
                }
                Effect::SaveStatus(change) => self.publish(ServerEvent::MessageStatus {
                    conversation_id: self.id,
                    message_id: change.message_id,
                    status: change.status,
                    error_code: change.error_code,
                    error_message: change.error_message,
                }),
                Effect::RecordSuggestion { .. } | Effect::SaveLabels(_) => {}
                Effect::Publish(event) => self.publish(event),
                Effect::ScheduleAi { generation, after } => {
                    ctx.run_later(after, move |act, ctx| {
                        let tenant = act.tenant_ai();
                        let effects = act
                            .state
                            .as_mut()
                            .map(|s| s.on_ai_due(generation, tenant, Utc::now()))
                            .unwrap_or_default();
                        act.run_detached(effects, ctx);
                    });
                }
                Effect::AskAi { generation } => self.ask_ai(generation, ctx),
                Effect::StatusDropped { sid, status } => tracing::warn!(
                    conversation_id = %self.id,
                    %sid,
                    %status,
                    "status callback dropped: its message never showed up"
                ),
            }
        }
    }
}

fn is_write(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::Insert { .. } | Effect::SaveStatus(_) | Effect::RecordSuggestion { .. }
    )
}

/// One event's writes as one unit of the single writer's next transaction: the messages, the
/// statuses, then the row as it is in memory.
async fn write(
    ingest: &IngestWriter,
    id: ConversationId,
    row: Option<conversation::Model>,
    writes: Vec<Effect>,
    now: DateTime<Utc>,
) -> Result<Vec<message::Model>, AppError> {
    let messages: Vec<MessageWrite> = writes
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Insert { message, .. } => Some(MessageWrite::Insert(message)),
            Effect::SaveStatus(change) => Some(MessageWrite::Status {
                message_id: change.message_id.0,
                external_id: change.external_id,
                error: change
                    .status
                    .is_failure()
                    .then_some((change.error_code, change.error_message)),
                status: change.status,
            }),
            Effect::RecordSuggestion {
                guest_message_id,
                body,
                engine,
                usage,
            } => Some(MessageWrite::Suggestion {
                guest_message_id,
                body,
                engine,
                usage,
            }),
            _ => None,
        })
        .collect();
    if messages.is_empty() && row.is_none() {
        return Ok(Vec::new());
    }
    ingest
        .conversation(ConversationWrites {
            conversation: id,
            messages,
            row,
            at: now,
        })
        .await
}
