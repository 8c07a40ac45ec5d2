//! Storage alone, without HTTP: the server's group-commit ingest writer against the obvious
//! alternative, one SeaORM transaction per webhook, doing the same statements as the writer does
//! per message. Both run against the server's own connection pool (WAL, `synchronous=NORMAL`,
//! busy timeout), and both take the write lock first, as `BEGIN IMMEDIATE` would.

use std::time::{Duration, Instant};

use chrono::Utc;
use entity::{conciergerie, conversation, message};
use futures_util::{stream, StreamExt};
use majordome::db::ingest::{preview, NewInbound};
use majordome::error::AppError;
use protocol::{ConciergerieId, ConversationStatus, MessageStatus, Sender};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, QueryFilter, Set, Statement, TransactionTrait,
};

use crate::server::{BenchServer, DEMO_EMAIL};
use crate::webhook;

#[derive(Debug, Default)]
pub struct StoreReport {
    pub ok: usize,
    pub failed: usize,
    pub skipped: usize,
    pub first_error: Option<String>,
    pub elapsed: Duration,
    pub latencies_us: Vec<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// `state.ingest.inbound(…)`: the server's writer task, batched transactions.
    GroupCommit,
    /// One transaction per message, straight on the pool.
    TransactionPerMessage,
}

pub async fn demo_tenant(server: &BenchServer) -> anyhow::Result<ConciergerieId> {
    let row = conciergerie::Entity::find()
        .filter(conciergerie::Column::Email.eq(DEMO_EMAIL))
        .one(server.db())
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo conciergerie"))?;
    Ok(ConciergerieId(row.id))
}

/// `n` guest messages over `guests` guests, `concurrency` at a time.
pub async fn run(
    server: &BenchServer,
    strategy: Strategy,
    n: usize,
    guests: usize,
    concurrency: usize,
    deadline: Duration,
) -> anyhow::Result<StoreReport> {
    let tenant = demo_tenant(server).await?;
    let tag = match strategy {
        Strategy::GroupCommit => 0x51,
        Strategy::TransactionPerMessage => 0x52,
    };
    let items: Vec<NewInbound> = (0..n)
        .map(|i| {
            let from = webhook::guest(i % guests.max(1));
            let body = format!("Bonjour ! Le parking est-il inclus ? (#{tag}-{i})");
            NewInbound {
                tenant,
                address: from.trim_start_matches("whatsapp:").to_owned(),
                contact_name: Some("Camille Martin".into()),
                external_id: webhook::message_sid(tag, i),
                preview: body.clone(),
                body,
                media: None,
                location: None,
                received_at: Utc::now(),
            }
        })
        .collect();
    let state = server.state.clone();
    let db = server.db().clone();
    let started = Instant::now();
    let deadline = started + deadline;
    let outcomes: Vec<Option<Result<u64, String>>> = stream::iter(items)
        .map(|new| {
            let state = state.clone();
            let db = db.clone();
            async move {
                if Instant::now() >= deadline {
                    return None;
                }
                let start = Instant::now();
                let result = match strategy {
                    Strategy::GroupCommit => state.ingest.inbound(new).await.map(|_| ()),
                    Strategy::TransactionPerMessage => one_transaction(&db, new).await,
                };
                Some(
                    result
                        .map(|()| start.elapsed().as_micros() as u64)
                        .map_err(|e| e.to_string()),
                )
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    let mut report = StoreReport {
        elapsed: started.elapsed(),
        ..StoreReport::default()
    };
    for outcome in outcomes {
        match outcome {
            Some(Ok(us)) => {
                report.ok += 1;
                report.latencies_us.push(us);
            }
            Some(Err(e)) => {
                report.failed += 1;
                report.first_error.get_or_insert(e);
            }
            None => report.skipped += 1,
        }
    }
    Ok(report)
}

async fn one_transaction(db: &DatabaseConnection, new: NewInbound) -> Result<(), AppError> {
    let txn = db.begin().await?;
    // Same as the writer: take SQLite's write lock first so the busy timeout applies.
    txn.execute_unprepared("UPDATE conciergeries SET id = id WHERE id < 0")
        .await?;
    store(&txn, new).await?;
    txn.commit().await?;
    Ok(())
}

/// The writer's per-message statements: duplicate check, conversation upsert and read, message
/// insert, conversation update.
async fn store(txn: &DatabaseTransaction, new: NewInbound) -> Result<(), AppError> {
    let duplicate = message::Entity::find()
        .filter(message::Column::ExternalId.eq(&new.external_id))
        .one(txn)
        .await?;
    if duplicate.is_some() {
        return Ok(());
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
        .ok_or(AppError::NotFound("conversation"))?;
    message::ActiveModel {
        conversation_id: Set(conv.id),
        sender: Set(Sender::Client),
        body: Set(new.body),
        external_id: Set(Some(new.external_id)),
        status: Set(MessageStatus::Received),
        created_at: Set(new.received_at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let unread = conv.unread_count + 1;
    let mut active = conv.into_active_model();
    active.last_message_at = Set(Some(new.received_at));
    active.last_message_preview = Set(Some(preview(&new.preview)));
    active.last_client_message_at = Set(Some(new.received_at));
    active.unread_count = Set(unread);
    active.update(txn).await?;
    Ok(())
}

/// What one statement costs the writer when statements are awaited one after another, as the
/// writer does: `n` sequential round trips inside one transaction (one pooled connection), in µs.
pub async fn round_trips(
    db: &DatabaseConnection,
    n: usize,
) -> anyhow::Result<(Vec<u64>, Vec<u64>)> {
    let txn = db.begin().await?;
    let backend = txn.get_database_backend();
    let mut trivial = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        txn.query_one(Statement::from_string(backend, "SELECT 1"))
            .await?;
        trivial.push(t.elapsed().as_micros() as u64);
    }
    let mut lookup = Vec::with_capacity(n);
    for i in 0..n {
        let sid = webhook::message_sid(0x51, i);
        let t = Instant::now();
        message::Entity::find()
            .filter(message::Column::ExternalId.eq(sid))
            .one(&txn)
            .await?;
        lookup.push(t.elapsed().as_micros() as u64);
    }
    txn.commit().await?;
    Ok((trivial, lookup))
}
