//! The ingest writer: one task owns inbound-message writes and commits them in groups.
//!
//! A webhook is acknowledged only once its message is committed. SQLite allows one writer at a
//! time, so instead of one transaction per webhook, whatever is waiting when the writer is free
//! goes into one transaction (each message in its own savepoint, so one bad message cannot sink
//! its neighbours), and every waiter is answered after the commit. Under load this amortises the
//! commit cost over the batch; with no load a batch is a single message and nothing waits.
//! Being the only writer of inbound messages also gives them one global order.

use chrono::{DateTime, Utc};
use entity::{conversation, message, unrouted_message};
use protocol::{ConciergerieId, ConversationId, ConversationStatus, MessageStatus, Sender};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, DbErr, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use tokio::sync::{mpsc, oneshot};

use crate::error::AppError;

/// Largest group committed at once; bounds the time the write lock is held.
const MAX_BATCH: usize = 512;
/// Waiting webhooks beyond this get backpressure (their handlers wait for room).
const QUEUE: usize = 4096;
const PREVIEW_CHARS: usize = 120;

/// A guest message to store, already routed to its conciergerie.
#[derive(Debug, Clone)]
pub struct NewInbound {
    pub tenant: ConciergerieId,
    /// Guest address without the `whatsapp:` prefix.
    pub address: String,
    pub contact_name: Option<String>,
    pub external_id: String,
    pub body: String,
    pub preview: String,
    pub media: Option<serde_json::Value>,
    pub location: Option<serde_json::Value>,
    pub received_at: DateTime<Utc>,
}

/// A webhook that matched no conciergerie.
#[derive(Debug, Clone)]
pub struct NewUnrouted {
    pub message_sid: String,
    pub to: String,
    pub from: String,
    pub messaging_service_sid: Option<String>,
    pub body: String,
    pub payload: serde_json::Value,
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub enum Ingested {
    /// The conversation's actor applies the message to the conversation row; ingest only
    /// creates the row when the guest is new.
    Stored {
        conversation_id: ConversationId,
        message: Box<message::Model>,
    },
    /// Twilio retried a webhook we already have (same `MessageSid`): nothing was written.
    Duplicate,
}

enum Op {
    Inbound(NewInbound, oneshot::Sender<Result<Ingested, AppError>>),
    Unrouted(NewUnrouted, oneshot::Sender<Result<(), AppError>>),
}

#[derive(Clone)]
pub struct IngestWriter {
    tx: mpsc::Sender<Op>,
}

impl IngestWriter {
    pub fn start(db: DatabaseConnection) -> Self {
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, rx));
        IngestWriter { tx }
    }

    /// Stores a guest message; returns once it is committed.
    pub async fn inbound(&self, new: NewInbound) -> Result<Ingested, AppError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Op::Inbound(new, reply))
            .await
            .map_err(|_| stopped())?;
        rx.await.map_err(|_| stopped())?
    }

    pub async fn unrouted(&self, new: NewUnrouted) -> Result<(), AppError> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Op::Unrouted(new, reply))
            .await
            .map_err(|_| stopped())?;
        rx.await.map_err(|_| stopped())?
    }
}

fn stopped() -> AppError {
    AppError::Unavailable("the ingest writer has stopped".into())
}

async fn run(db: DatabaseConnection, mut rx: mpsc::Receiver<Op>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        commit_batch(&db, std::mem::take(&mut batch)).await;
    }
}

/// Result of one op, held until the batch's commit tells whether it stands.
enum Done {
    Inbound(
        oneshot::Sender<Result<Ingested, AppError>>,
        Result<Ingested, AppError>,
    ),
    Unrouted(oneshot::Sender<Result<(), AppError>>, Result<(), AppError>),
}

async fn commit_batch(db: &DatabaseConnection, batch: Vec<Op>) {
    let size = batch.len();
    let outcome: Result<Vec<Done>, (DbErr, Vec<Done>)> = async {
        let txn = match db.begin().await {
            Ok(txn) => txn,
            Err(e) => return Err((e, Vec::new())),
        };
        // SQLite starts a transaction as a reader and upgrades at its first write; if another
        // connection wrote in between, the upgrade fails at once instead of waiting. Taking the
        // write lock first (the effect of BEGIN IMMEDIATE) makes the busy timeout apply.
        if db.get_database_backend() == DbBackend::Sqlite {
            if let Err(e) = txn
                .execute_unprepared("UPDATE conciergeries SET id = id WHERE id < 0")
                .await
            {
                return Err((e, Vec::new()));
            }
        }
        let mut done = Vec::with_capacity(batch.len());
        for op in batch {
            done.push(apply(&txn, op).await);
        }
        match txn.commit().await {
            Ok(()) => Ok(done),
            Err(e) => Err((e, done)),
        }
    }
    .await;
    match outcome {
        Ok(done) => {
            tracing::debug!(size, "ingest batch committed");
            for d in done {
                match d {
                    Done::Inbound(reply, r) => drop(reply.send(r)),
                    Done::Unrouted(reply, r) => drop(reply.send(r)),
                }
            }
        }
        Err((e, done)) => {
            // Nothing of the batch stands: every webhook gets an error, so Twilio retries it.
            tracing::error!(error = %e, size, "ingest batch failed to commit");
            for d in done {
                match d {
                    Done::Inbound(reply, _) => drop(reply.send(Err(AppError::Unavailable(
                        "could not store the message; retry".into(),
                    )))),
                    Done::Unrouted(reply, _) => drop(reply.send(Err(AppError::Unavailable(
                        "could not store the message; retry".into(),
                    )))),
                }
            }
        }
    }
}

async fn apply(txn: &DatabaseTransaction, op: Op) -> Done {
    match op {
        Op::Inbound(new, reply) => Done::Inbound(
            reply,
            in_savepoint(txn, |sp| Box::pin(store_inbound(sp, new))).await,
        ),
        Op::Unrouted(new, reply) => Done::Unrouted(
            reply,
            in_savepoint(txn, |sp| Box::pin(store_unrouted(sp, new))).await,
        ),
    }
}

async fn in_savepoint<T, F>(txn: &DatabaseTransaction, f: F) -> Result<T, AppError>
where
    F: for<'a> FnOnce(
        &'a DatabaseTransaction,
    ) -> futures_util::future::BoxFuture<'a, Result<T, AppError>>,
{
    let savepoint = txn.begin().await?;
    match f(&savepoint).await {
        Ok(v) => {
            savepoint.commit().await?;
            Ok(v)
        }
        Err(e) => {
            savepoint.rollback().await?;
            Err(e)
        }
    }
}

pub fn preview(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > PREVIEW_CHARS {
        format!("{}…", line.chars().take(PREVIEW_CHARS).collect::<String>())
    } else {
        line
    }
}

async fn store_inbound(txn: &DatabaseTransaction, new: NewInbound) -> Result<Ingested, AppError> {
    let duplicate = message::Entity::find()
        .filter(message::Column::ExternalId.eq(&new.external_id))
        .one(txn)
        .await?;
    if duplicate.is_some() {
        return Ok(Ingested::Duplicate);
    }
    conversation::Entity::insert(conversation::ActiveModel {
        conciergerie_id: Set(new.tenant.0),
        phone_number: Set(new.address.clone()),
        contact_name: Set(new.contact_name.clone()),
        status: Set(ConversationStatus::Open),
        ai_mode_override: Set(None),
        ai_paused: Set(false),
        ai_paused_until: Set(None),
        last_message_at: Set(None),
        last_message_preview: Set(None),
        last_client_message_at: Set(None),
        last_send_failed: Set(false),
        unread_count: Set(0),
        ai_suggestion: Set(None),
        handoff_reason: Set(None),
        created_at: Set(new.received_at),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            conversation::Column::ConciergerieId,
            conversation::Column::PhoneNumber,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    let conv = conversation::Entity::find()
        .filter(conversation::Column::ConciergerieId.eq(new.tenant.0))
        .filter(conversation::Column::PhoneNumber.eq(&new.address))
        .one(txn)
        .await?
        .ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("conversation vanished during ingest"))
        })?;

    let message = message::ActiveModel {
        conversation_id: Set(conv.id),
        sender: Set(Sender::Client),
        body: Set(new.body),
        external_id: Set(Some(new.external_id)),
        status: Set(MessageStatus::Received),
        error_code: Set(None),
        error_message: Set(None),
        media: Set(new.media),
        location: Set(new.location),
        ai_suggestion: Set(None),
        ai_engine: Set(None),
        input_tokens: Set(None),
        output_tokens: Set(None),
        cache_creation_tokens: Set(None),
        cache_read_tokens: Set(None),
        client_ref: Set(None),
        notice: Set(None),
        created_at: Set(new.received_at),
        ..Default::default()
    }
    .insert(txn)
    .await?;

    Ok(Ingested::Stored {
        conversation_id: ConversationId(conv.id),
        message: Box::new(message),
    })
}

async fn store_unrouted(txn: &DatabaseTransaction, new: NewUnrouted) -> Result<(), AppError> {
    unrouted_message::Entity::insert(unrouted_message::ActiveModel {
        message_sid: Set(new.message_sid),
        to_address: Set(new.to),
        from_address: Set(new.from),
        messaging_service_sid: Set(new.messaging_service_sid),
        body: Set(new.body),
        payload: Set(new.payload),
        received_at: Set(new.received_at),
        assigned_conciergerie_id: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(unrouted_message::Column::MessageSid)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::preview;

    #[test]
    fn previews_are_one_short_line() {
        assert_eq!(preview("Bonjour\n\nà  tous"), "Bonjour à tous");
        let long = "a".repeat(300);
        assert_eq!(preview(&long).chars().count(), 121);
    }
}
