//! One batch, one transaction, a handful of multi-row statements whatever its size:
//! conversations of new guests (`INSERT … ON CONFLICT DO NOTHING RETURNING`, then one `SELECT`
//! for the ones that already existed), messages (`INSERT … ON CONFLICT (external_id) DO NOTHING
//! RETURNING`, which is the duplicate check), unrouted webhooks, and the actors' guest-side
//! conversation fields (one `UPDATE … CASE id …`). Works the same on SQLite and PostgreSQL.

use std::collections::{HashMap, HashSet};

use entity::{conversation, message, unrouted_message};
use protocol::{ConversationId, ConversationStatus, MessageStatus, Sender};
use sea_orm::sea_query::{Expr, OnConflict, Query, SimpleExpr};
use sea_orm::{
    ActiveValue, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect, QueryTrait, TransactionTrait,
};

use super::{Entry, Ingested, NewInbound};

/// What one entry came to, once its transaction committed.
pub(super) enum Written {
    Inbound(Ingested),
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
    let mut stored = insert_messages(&txn, &inbound, conversation_of).await?;
    insert_unrouted(&txn, entries).await?;
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
            _ => Written::Done,
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
    let mut insert = conversation::Entity::insert_many(missing.iter().map(|n| new_conversation(n)))
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
    let backend = txn.get_database_backend();
    for row in txn.query_all(backend.build(&insert)).await? {
        let id: i64 = row.try_get("", "id")?;
        let tenant: i64 = row.try_get("", "conciergerie_id")?;
        let address: String = row.try_get("", "phone_number")?;
        found.insert((tenant, address), id);
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
    let mut insert = message::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(message::Column::ExternalId)
                .do_nothing()
                .to_owned(),
        )
        .into_query();
    insert
        .returning(Query::returning().columns([message::Column::Id, message::Column::ExternalId]));
    let backend = txn.get_database_backend();
    for row in txn.query_all(backend.build(&insert)).await? {
        let id: i64 = row.try_get("", "id")?;
        let external_id: String = row.try_get("", "external_id")?;
        let conversation_id = conversations[external_id.as_str()];
        stored.insert(external_id, (id, conversation_id));
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

/// One `UPDATE` for every conversation whose actor handed its row to this batch: every column
/// the actor owns (all but the id, the tenant, the guest address and the creation time).
async fn save_conversation_rows(txn: &DatabaseTransaction, entries: &[Entry]) -> Result<(), DbErr> {
    let rows: Vec<&conversation::Model> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::ConversationRow(row, _) => Some(row),
            _ => None,
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    use conversation::Column as C;
    let by_id = |value: fn(&conversation::Model) -> sea_orm::Value| -> SimpleExpr {
        let mut case = sea_orm::sea_query::CaseStatement::new();
        for row in &rows {
            case = case.case(Expr::col(C::Id).eq(row.id), Expr::val(value(row)));
        }
        case.into()
    };
    let update = Query::update()
        .table(conversation::Entity)
        .value(C::UnreadCount, by_id(|r| r.unread_count.into()))
        .value(
            C::LastMessagePreview,
            by_id(|r| r.last_message_preview.clone().into()),
        )
        .value(C::LastMessageAt, by_id(|r| r.last_message_at.into()))
        .value(
            C::LastClientMessageAt,
            by_id(|r| r.last_client_message_at.into()),
        )
        .value(C::ContactName, by_id(|r| r.contact_name.clone().into()))
        .value(C::Status, by_id(|r| r.status.into()))
        .value(C::AiModeOverride, by_id(|r| r.ai_mode_override.into()))
        .value(C::AiPaused, by_id(|r| r.ai_paused.into()))
        .value(C::AiPausedUntil, by_id(|r| r.ai_paused_until.into()))
        .value(C::LastSendFailed, by_id(|r| r.last_send_failed.into()))
        .value(C::AiSuggestion, by_id(|r| r.ai_suggestion.clone().into()))
        .value(C::HandoffReason, by_id(|r| r.handoff_reason.clone().into()))
        .value(C::Urgent, by_id(|r| r.urgent.into()))
        .value(
            C::LastGuestMessageId,
            by_id(|r| r.last_guest_message_id.into()),
        )
        .value(
            C::AiDecidedMessageId,
            by_id(|r| r.ai_decided_message_id.into()),
        )
        // The guest's stay, found by the inbound lookup or set by an operator.
        .value(C::StayId, by_id(|r| r.stay_id.into()))
        .value(C::StayLinkManual, by_id(|r| r.stay_link_manual.into()))
        .and_where(C::Id.is_in(rows.iter().map(|r| r.id)))
        .to_owned();
    txn.execute(txn.get_database_backend().build(&update))
        .await?;
    Ok(())
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
        created_at: new.received_at,
    }
}
