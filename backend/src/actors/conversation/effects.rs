//! Carrying out the state machine's effects: one event's database writes in one transaction,
//! then — only once committed — the dashboards are told, replies delivered, the AI scheduled.

use actix::prelude::*;
use chrono::{DateTime, Utc};
use entity::{conversation, message};
use protocol::events::ServerEvent;
use protocol::{ConciergerieId, ConversationId, MessageId};
use sea_orm::{DatabaseConnection, TransactionTrait};

use super::state::Effect;
use super::{ConversationActor, SendFinished};
use crate::channel::twilio::with_channel;
use crate::channel::{Outbound, SenderId};
use crate::db;
use crate::db::ingest::IngestWriter;
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
        let (db, ingest, id, now) = (
            self.deps.db.clone(),
            self.deps.ingest.clone(),
            self.id,
            Utc::now(),
        );
        let written = async move { write(&db, &ingest, id, row, writes, now).await };
        Box::pin(written.into_actor(self).map(move |written, act, ctx| {
            match written {
                Ok(inserted) => {
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
                        message: message.clone().into(),
                    });
                    if deliver {
                        self.deliver(message, ctx);
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
                Effect::RecordSuggestion { .. } => {}
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

    /// Hands an outbound message to the channel off the actor; the result comes back as a message.
    fn deliver(&mut self, message: &message::Model, ctx: &mut Context<Self>) {
        let template = message
            .client_ref
            .as_ref()
            .and_then(|key| self.templates.remove(key));
        let Some(state) = &self.state else {
            return;
        };
        let row = state.row();
        let tenant = self.deps.tenants.get(ConciergerieId(row.conciergerie_id));
        let from = match tenant
            .as_deref()
            .map(|t| (&t.messaging_service_sid, &t.whatsapp_number))
        {
            Some((Some(sid), _)) => SenderId::MessagingService(sid.clone()),
            Some((None, Some(number))) => SenderId::Number(number.clone()),
            _ => SenderId::Number(self.deps.default_sender.clone()),
        };
        let outbound = Outbound {
            conversation_id: self.id,
            from,
            to: with_channel(&row.phone_number),
            body: message.body.clone(),
            status_callback: self.deps.status_callback_url.clone(),
            template,
        };
        let channel = self.deps.channel.clone();
        let message_id = MessageId(message.id);
        let me = ctx.address();
        actix::spawn(async move {
            let result = channel.send(&outbound).await;
            me.do_send(SendFinished {
                message_id,
                result,
                body: outbound.body,
            });
        });
    }
}

fn is_write(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::Insert { .. } | Effect::SaveStatus(_) | Effect::RecordSuggestion { .. }
    )
}

/// One transaction: the messages, the statuses, then the row as it is in memory.
async fn write(
    db: &DatabaseConnection,
    ingest: &IngestWriter,
    id: ConversationId,
    row: Option<conversation::Model>,
    writes: Vec<Effect>,
    now: DateTime<Utc>,
) -> Result<Vec<message::Model>, AppError> {
    if writes.is_empty() {
        // The common case (a guest message, a read): the row alone rides in the ingest writer's
        // next batch, so a flood of guest messages does not also queue one write per message for
        // SQLite's single write lock.
        if let Some(row) = row {
            ingest.save_conversation_row(row).await?;
        }
        return Ok(Vec::new());
    }
    let txn = db.begin().await?;
    let mut inserted = Vec::new();
    for effect in writes {
        match effect {
            Effect::Insert { message, .. } => {
                inserted.push(db::messages::insert(&txn, id, message, now).await?)
            }
            Effect::SaveStatus(change) => {
                let error = change
                    .status
                    .is_failure()
                    .then_some((change.error_code, change.error_message));
                db::messages::save_status(
                    &txn,
                    change.message_id.0,
                    change.external_id,
                    change.status,
                    error,
                )
                .await?
            }
            Effect::RecordSuggestion {
                guest_message_id,
                body,
                engine,
                usage,
            } => {
                db::messages::record_suggestion(&txn, guest_message_id, body, engine, usage).await?
            }
            _ => {}
        }
    }
    if let Some(row) = row {
        db::conversations::save(&txn, row).await?;
    }
    txn.commit().await?;
    Ok(inserted)
}
