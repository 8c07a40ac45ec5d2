//! One batch, one transaction, a handful of multi-row statements whatever its size:
//! conversations of new guests (`INSERT … ON CONFLICT DO NOTHING RETURNING`, then one `SELECT`
//! for the ones that already existed), messages (`INSERT … ON CONFLICT (external_id) DO NOTHING
//! RETURNING`, which is the duplicate check), unrouted webhooks, and the actors' conversation
//! rows (`INSERT … ON CONFLICT (id) DO UPDATE`), each in chunks of a few fixed sizes
//! (`cacheable_chunks`). Works the same on SQLite and PostgreSQL.

use std::collections::{HashMap, HashSet};

use entity::{conversation, message, unrouted_message};
use protocol::{ConversationId, ConversationStatus, MessageStatus, Sender};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{
    ActiveValue, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, EntityTrait, IntoActiveModel, Iterable, QueryFilter, QuerySelect, QueryTrait, Statement,
    TransactionTrait,
};

use super::{ConversationWrites, Entry, Ingested, MessageWrite, NewInbound};
use crate::cluster::lock_spaces;
use crate::db;
use crate::error::AppError;

/// What one entry came to, once its transaction committed.
pub(super) enum Written {
    Inbound(Ingested),
    /// A conversation unit's inserted messages, in its order.
    Conversation(Vec<message::Model>),
    Done,
}

/// Beyond this many guests the cache starts over rather than growing without bound.
const CACHE_LIMIT: usize = 200_000;

/// `(conciergerie, guest address) → conversation id`. Conversation rows are never deleted on
/// their own (only with their conciergerie, whose guests then stop routing), so an id once
/// committed stays right; new ids are added only after their transaction commits.
#[derive(Default)]
pub(super) struct ConversationCache {
    ids: HashMap<i64, HashMap<String, i64>>,
    len: usize,
}

impl ConversationCache {
    fn get(&self, tenant: i64, address: &str) -> Option<i64> {
        self.ids.get(&tenant)?.get(address).copied()
    }

    fn extend(&mut self, found: HashMap<(i64, String), i64>) {
        if self.len + found.len() > CACHE_LIMIT {
            self.ids.clear();
            self.len = 0;
        }
        for ((tenant, address), id) in found {
            if self
                .ids
                .entry(tenant)
                .or_default()
                .insert(address, id)
                .is_none()
            {
                self.len += 1;
            }
        }
    }
}

pub(super) async fn write(
    db: &DatabaseConnection,
    cache: &mut ConversationCache,
    entries: &[Entry],
) -> Result<Vec<Written>, DbErr> {
    let txn = db.begin().await?;
    // SQLite starts a transaction as a reader and upgrades at its first write; if another
    // connection wrote in between, the upgrade fails at once instead of waiting. Taking the
    // write lock first (the effect of BEGIN IMMEDIATE) makes the busy timeout apply.
    if txn.get_database_backend() == DbBackend::Sqlite {
        txn.execute_unprepared("UPDATE conciergeries SET id = id WHERE id < 0")
            .await?;
    }
    let inbound: Vec<&NewInbound> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Inbound(new, _) => Some(new),
            _ => None,
        })
        .collect();
    let found = resolve_conversations(&txn, cache, &inbound).await?;
    let conversation_of = |new: &NewInbound| {
        cache
            .get(new.tenant.0, &new.address)
            .or_else(|| found.get(&(new.tenant.0, new.address.clone())).copied())
    };
    if txn.get_database_backend() == DbBackend::Postgres {
        let mut ids: Vec<i64> = inbound.iter().filter_map(|n| conversation_of(n)).collect();
        ids.sort_unstable();
        ids.dedup();
        serialize_guest_inserts(&txn, &ids).await?;
    }
    let mut stored = insert_messages(&txn, &inbound, conversation_of).await?;
    insert_unrouted(&txn, entries).await?;
    let mut inserted = write_conversation_messages(&txn, entries)
        .await?
        .into_iter();
    save_conversation_rows(&txn, entries).await?;
    txn.commit().await?;

    let written = entries
        .iter()
        .map(|entry| match entry {
            Entry::Inbound(new, _) => Written::Inbound(match stored.remove(&new.external_id) {
                Some((id, conversation_id)) => Ingested::Stored {
                    conversation_id: ConversationId(conversation_id),
                    message: Box::new(guest_message(id, conversation_id, new)),
                },
                None => Ingested::Duplicate,
            }),
            Entry::Conversation(..) => Written::Conversation(inserted.next().unwrap_or_default()),
            Entry::Unrouted(..) => Written::Done,
        })
        .collect();
    cache.extend(found);
    Ok(written)
}

/// Ids of the conversations the cache does not know yet, creating those of new guests.
async fn resolve_conversations(
    txn: &DatabaseTransaction,
    cache: &ConversationCache,
    inbound: &[&NewInbound],
) -> Result<HashMap<(i64, String), i64>, DbErr> {
    let mut seen = HashSet::new();
    let missing: Vec<&NewInbound> = inbound
        .iter()
        .copied()
        .filter(|n| cache.get(n.tenant.0, &n.address).is_none())
        .filter(|n| seen.insert((n.tenant.0, n.address.as_str())))
        .collect();
    let mut found = HashMap::with_capacity(missing.len());
    if missing.is_empty() {
        return Ok(found);
    }
    let backend = txn.get_database_backend();
    for chunk in cacheable_chunks(&missing) {
        let mut insert =
            conversation::Entity::insert_many(chunk.iter().map(|n| new_conversation(n)))
                .on_conflict(
                    OnConflict::columns([
                        conversation::Column::ConciergerieId,
                        conversation::Column::PhoneNumber,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .into_query();
        insert.returning(Query::returning().columns([
            conversation::Column::Id,
            conversation::Column::ConciergerieId,
            conversation::Column::PhoneNumber,
        ]));
        for row in txn.query_all(backend.build(&insert)).await? {
            let id: i64 = row.try_get("", "id")?;
            let tenant: i64 = row.try_get("", "conciergerie_id")?;
            let address: String = row.try_get("", "phone_number")?;
            found.insert((tenant, address), id);
        }
    }
    if found.len() < missing.len() {
        // Guests we had not cached yet whose conversation already existed.
        let existing: Vec<(i64, i64, String)> = conversation::Entity::find()
            .select_only()
            .columns([
                conversation::Column::Id,
                conversation::Column::ConciergerieId,
                conversation::Column::PhoneNumber,
            ])
            .filter(
                conversation::Column::PhoneNumber.is_in(missing.iter().map(|n| n.address.as_str())),
            )
            .filter(
                conversation::Column::ConciergerieId
                    .is_in(missing.iter().map(|n| n.tenant.0).collect::<HashSet<_>>()),
            )
            .into_tuple()
            .all(txn)
            .await?;
        for (id, tenant, address) in existing {
            found.entry((tenant, address)).or_insert(id);
        }
    }
    Ok(found)
}

/// Several instances may store guest messages of one conversation at once. Their ids come from
/// one sequence, so without this the message with the smaller id could commit last, after the
/// conversation's owner applied the newer one (and moved its watermark past it). A transaction
/// lock per conversation, taken in id order (no deadlock between two batches), makes each
/// conversation's guest messages commit in id order; it is held only until this batch commits.
async fn serialize_guest_inserts(txn: &DatabaseTransaction, ids: &[i64]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    // One text parameter (SeaORM binds no arrays here); `unnest` yields the sorted keys in
    // order, so the locks are taken in that order.
    let keys = ids
        .iter()
        .map(|&id| lock_spaces::conversation_key(id).to_string())
        .collect::<Vec<_>>()
        .join(",");
    txn.execute(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT count(pg_advisory_xact_lock($1, key)) \
         FROM unnest(string_to_array($2, ',')::int4[]) AS key",
        [lock_spaces::GUEST_INSERTS.into(), keys.into()],
    ))
    .await?;
    Ok(())
}

/// Inserts the messages; a `MessageSid` already stored is skipped by the unique index and comes
/// back missing from the result. Returns `external_id → (message id, conversation id)`.
async fn insert_messages(
    txn: &DatabaseTransaction,
    inbound: &[&NewInbound],
    conversation_of: impl Fn(&NewInbound) -> Option<i64>,
) -> Result<HashMap<String, (i64, i64)>, DbErr> {
    let mut stored = HashMap::with_capacity(inbound.len());
    if inbound.is_empty() {
        return Ok(stored);
    }
    let mut rows = Vec::with_capacity(inbound.len());
    let mut conversations = HashMap::with_capacity(inbound.len());
    for new in inbound {
        let conversation_id = conversation_of(new).ok_or_else(|| {
            DbErr::RecordNotFound(format!("no conversation for guest {}", new.address))
        })?;
        conversations.insert(new.external_id.as_str(), conversation_id);
        let mut row = guest_message(0, conversation_id, new).into_active_model();
        row.id = ActiveValue::NotSet;
        rows.push(row);
    }
    let backend = txn.get_database_backend();
    for chunk in cacheable_chunks(&rows) {
        let mut insert = message::Entity::insert_many(chunk.iter().cloned())
            .on_conflict(
                OnConflict::column(message::Column::ExternalId)
                    .do_nothing()
                    .to_owned(),
            )
            .into_query();
        insert.returning(
            Query::returning().columns([message::Column::Id, message::Column::ExternalId]),
        );
        for row in txn.query_all(backend.build(&insert)).await? {
            let id: i64 = row.try_get("", "id")?;
            let external_id: String = row.try_get("", "external_id")?;
            let conversation_id = conversations[external_id.as_str()];
            stored.insert(external_id, (id, conversation_id));
        }
    }
    Ok(stored)
}

async fn insert_unrouted(txn: &DatabaseTransaction, entries: &[Entry]) -> Result<(), DbErr> {
    let rows: Vec<unrouted_message::ActiveModel> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Unrouted(new, _) => Some(unrouted_message::ActiveModel {
                id: ActiveValue::NotSet,
                message_sid: ActiveValue::Set(new.message_sid.clone()),
                to_address: ActiveValue::Set(new.to.clone()),
                from_address: ActiveValue::Set(new.from.clone()),
                messaging_service_sid: ActiveValue::Set(new.messaging_service_sid.clone()),
                body: ActiveValue::Set(new.body.clone()),
                payload: ActiveValue::Set(new.payload.clone()),
                received_at: ActiveValue::Set(new.received_at),
                assigned_conciergerie_id: ActiveValue::Set(None),
            }),
            _ => None,
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let insert = unrouted_message::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(unrouted_message::Column::MessageSid)
                .do_nothing()
                .to_owned(),
        )
        .into_query();
    txn.execute(txn.get_database_backend().build(&insert))
        .await?;
    Ok(())
}

/// Each conversation unit's message writes, in its order, one statement each (they are few: a
/// reply, its status, a suggestion). Returns the inserted messages per unit, in entry order.
async fn write_conversation_messages(
    txn: &DatabaseTransaction,
    entries: &[Entry],
) -> Result<Vec<Vec<message::Model>>, DbErr> {
    let mut per_unit = Vec::new();
    for entry in entries {
        let Entry::Conversation(unit, _) = entry else {
            continue;
        };
        let mut inserted = Vec::new();
        for write in &unit.messages {
            match write.clone() {
                MessageWrite::Insert(new) => inserted.push(
                    db::messages::insert(txn, unit.conversation, new, unit.at)
                        .await
                        .map_err(refused)?,
                ),
                MessageWrite::Status {
                    message_id,
                    external_id,
                    status,
                    error,
                } => db::messages::save_status(txn, message_id, external_id, status, error)
                    .await
                    .map_err(refused)?,
                MessageWrite::Suggestion {
                    guest_message_id,
                    body,
                    engine,
                    usage,
                } => db::messages::record_suggestion(txn, guest_message_id, body, engine, usage)
                    .await
                    .map_err(refused)?,
            }
        }
        per_unit.push(inserted);
    }
    Ok(per_unit)
}

/// The batch speaks `DbErr` (a refused batch is retried in halves); the query helpers speak
/// `AppError`.
fn refused(e: AppError) -> DbErr {
    DbErr::Custom(format!("{e:#}"))
}

/// The actors' rows, as they hold them in memory: one multi-row `INSERT … ON CONFLICT (id) DO
/// UPDATE` per chunk, setting every column but the row's identity (id, conciergerie, guest
/// address, creation time), so a column added to the table is saved without touching this code.
/// The insert half never applies: the rows exist (conversations are deleted only with their
/// conciergerie, and then the foreign key refuses the row). One `UPDATE … CASE id …` did the same
/// work in O(rows²) per statement, and SQLite re-parsed its thousands of branches every batch.
async fn save_conversation_rows(txn: &DatabaseTransaction, entries: &[Entry]) -> Result<(), DbErr> {
    // One version per conversation (PostgreSQL refuses to upsert a row twice in one statement);
    // an actor has one unit in flight at a time, so this is only a safeguard: the later wins.
    let mut latest: HashMap<i64, &conversation::Model> = HashMap::new();
    let mut order = Vec::new();
    for entry in entries {
        if let Entry::Conversation(ConversationWrites { row: Some(row), .. }, _) = entry {
            if latest.insert(row.id, row).is_none() {
                order.push(row.id);
            }
        }
    }
    let rows: Vec<conversation::ActiveModel> = order
        .iter()
        .map(|id| latest[id].clone().into_active_model())
        .collect();
    use conversation::Column as C;
    let saved = C::iter()
        .filter(|c| !matches!(c, C::Id | C::ConciergerieId | C::PhoneNumber | C::CreatedAt));
    let upsert = OnConflict::column(C::Id).update_columns(saved).to_owned();
    for chunk in cacheable_chunks(&rows) {
        conversation::Entity::insert_many(chunk.iter().cloned())
            .on_conflict(upsert.clone())
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// Splits a batch into chunks of 64, 32, …, 1 rows. A multi-row statement's SQL depends on its
/// row count; with a handful of shapes each is prepared once and then found in the connection's
/// statement cache, where a statement sized to every batch would be parsed anew each time.
fn cacheable_chunks<T>(mut rows: &[T]) -> impl Iterator<Item = &[T]> {
    const LARGEST: usize = 64;
    std::iter::from_fn(move || {
        if rows.is_empty() {
            return None;
        }
        let size = if rows.len() >= LARGEST {
            LARGEST
        } else {
            1 << rows.len().ilog2()
        };
        let (chunk, rest) = rows.split_at(size);
        rows = rest;
        Some(chunk)
    })
}

fn new_conversation(new: &NewInbound) -> conversation::ActiveModel {
    let mut row = conversation::Model {
        id: 0,
        conciergerie_id: new.tenant.0,
        phone_number: new.address.clone(),
        contact_name: new.contact_name.clone(),
        status: ConversationStatus::Open,
        ai_mode_override: None,
        ai_paused: false,
        ai_paused_until: None,
        last_message_at: None,
        last_message_preview: None,
        last_client_message_at: None,
        last_send_failed: false,
        unread_count: 0,
        ai_suggestion: None,
        handoff_reason: None,
        created_at: new.received_at,
        // The actor applies the message to the row, and its start-up replay finds it.
        last_guest_message_id: None,
        ai_decided_message_id: None,
        urgent: false,
        stay_id: None,
        stay_link_manual: false,
        snoozed_until: None,
        assignee_id: None,
    }
    .into_active_model();
    row.id = ActiveValue::NotSet;
    row
}

/// The stored row of a guest message (`id` 0 before insertion).
fn guest_message(id: i64, conversation_id: i64, new: &NewInbound) -> message::Model {
    message::Model {
        id,
        conversation_id,
        sender: Sender::Client,
        body: new.body.clone(),
        external_id: Some(new.external_id.clone()),
        status: MessageStatus::Received,
        error_code: None,
        error_message: None,
        media: new.media.clone(),
        location: new.location.clone(),
        ai_suggestion: None,
        ai_engine: None,
        input_tokens: None,
        output_tokens: None,
        cache_creation_tokens: None,
        cache_read_tokens: None,
        client_ref: None,
        notice: None,
        author_id: None,
        created_at: new.received_at,
    }
}

#[cfg(test)]
mod tests {
    use super::cacheable_chunks;

    #[test]
    fn chunks_cover_every_row_in_order_with_few_sizes() {
        for n in 0..300usize {
            let rows: Vec<usize> = (0..n).collect();
            let chunks: Vec<&[usize]> = cacheable_chunks(&rows).collect();
            let flat: Vec<usize> = chunks.iter().flat_map(|c| c.iter().copied()).collect();
            assert_eq!(flat, rows, "{n} rows");
            assert!(chunks
                .iter()
                .all(|c| c.len().is_power_of_two() && c.len() <= 64));
        }
    }
}
