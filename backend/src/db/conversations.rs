//! Named queries on conversations. Only the conversation actor writes a conversation row
//! (ingest creates it); handlers read through `find_owned`.

use chrono::{DateTime, Utc};
use entity::{conversation, message};
use protocol::{ConciergerieId, ConversationId, ConversationStatus, MessageId, Sender, StayId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    IntoActiveModel, Order, QueryFilter, QueryOrder, QuerySelect,
};

use crate::error::AppError;

/// The conversation if it belongs to `tenant` (else 404).
pub async fn find_owned(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: ConversationId,
) -> Result<conversation::Model, AppError> {
    super::find_owned::<conversation::Entity>(
        db,
        conversation::Column::ConciergerieId,
        tenant,
        id.0,
        "conversation",
    )
    .await
}

/// The conversation of one guest address at one conciergerie.
pub async fn find_by_guest(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    address: &str,
) -> Result<Option<conversation::Model>, AppError> {
    Ok(conversation::Entity::find()
        .filter(conversation::Column::ConciergerieId.eq(tenant.0))
        .filter(conversation::Column::PhoneNumber.eq(address))
        .one(db)
        .await?)
}

/// The conversation of a guest who has not written yet (our scheduled message is the first),
/// linked to their stay. Created the way ingest creates a new guest's row — `INSERT … ON CONFLICT
/// DO NOTHING`, then read — so that whichever comes first, this or the guest's own first
/// message, creates it and the other finds it. From then on the conversation's actor owns it.
pub async fn open_for_guest(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    address: &str,
    contact_name: Option<String>,
    stay: StayId,
    now: DateTime<Utc>,
) -> Result<conversation::Model, AppError> {
    let mut row = conversation::Model {
        id: 0,
        conciergerie_id: tenant.0,
        phone_number: address.to_owned(),
        contact_name,
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
        created_at: now,
        last_guest_message_id: None,
        ai_decided_message_id: None,
        urgent: false,
        stay_id: Some(stay.0),
        stay_link_manual: false,
        snoozed_until: None,
        assignee_id: None,
    }
    .into_active_model();
    row.id = ActiveValue::NotSet;
    conversation::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                conversation::Column::ConciergerieId,
                conversation::Column::PhoneNumber,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    find_by_guest(db, tenant, address)
        .await?
        .ok_or(AppError::NotFound("conversation"))
}

/// The row and the guest messages it does not reflect yet (stored by ingest, but the actor
/// stopped before applying them), oldest first.
pub async fn load_with_unapplied(
    db: &impl ConnectionTrait,
    id: ConversationId,
) -> Result<Option<(conversation::Model, Vec<message::Model>)>, AppError> {
    let Some(row) = conversation::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    let unapplied = message::Entity::find()
        .filter(message::Column::ConversationId.eq(row.id))
        .filter(message::Column::Sender.eq(Sender::Client))
        .filter(message::Column::Id.gt(row.last_guest_message_id.unwrap_or(0)))
        .order_by(message::Column::Id, Order::Asc)
        .all(db)
        .await?;
    Ok(Some((row, unapplied)))
}

/// Guest messages of the conversation newer than `after`, plus `also` (one that may have been
/// committed after a newer one by another instance), oldest first.
pub async fn guest_messages_to_apply(
    db: &impl ConnectionTrait,
    id: ConversationId,
    after: Option<i64>,
    also: Option<MessageId>,
) -> Result<Vec<message::Model>, AppError> {
    let newer = message::Column::Id.gt(after.unwrap_or(0));
    let wanted = match also {
        Some(also) => Condition::any()
            .add(newer)
            .add(message::Column::Id.eq(also.0)),
        None => Condition::all().add(newer),
    };
    Ok(message::Entity::find()
        .filter(message::Column::ConversationId.eq(id.0))
        .filter(message::Column::Sender.eq(Sender::Client))
        .filter(wanted)
        .order_by(message::Column::Id, Order::Asc)
        .all(db)
        .await?)
}

/// Whether a guest message newer than `after` is stored for the conversation.
pub async fn has_guest_messages_after(
    db: &impl ConnectionTrait,
    id: ConversationId,
    after: Option<i64>,
) -> Result<bool, AppError> {
    Ok(message::Entity::find()
        .select_only()
        .column(message::Column::Id)
        .filter(message::Column::ConversationId.eq(id.0))
        .filter(message::Column::Sender.eq(Sender::Client))
        .filter(message::Column::Id.gt(after.unwrap_or(0)))
        .into_tuple::<i64>()
        .one(db)
        .await?
        .is_some())
}

/// Conversations with a recent guest message, each with its newest guest message id: where the
/// sweep looks for conversations an owner left behind (messages not applied, or a guest still
/// waiting for the AI).
pub async fn recently_written_to(
    db: &impl ConnectionTrait,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(conversation::Model, i64)>, AppError> {
    let latest: Vec<(i64, Option<i64>)> = message::Entity::find()
        .select_only()
        .column(message::Column::ConversationId)
        .column_as(message::Column::Id.max(), "latest")
        .filter(message::Column::Sender.eq(Sender::Client))
        .filter(message::Column::CreatedAt.gt(since))
        .group_by(message::Column::ConversationId)
        .into_tuple()
        .all(db)
        .await?;
    let newest: std::collections::HashMap<i64, i64> = latest
        .into_iter()
        .filter_map(|(id, newest)| Some((id, newest?)))
        .collect();
    let mut rows = Vec::with_capacity(newest.len());
    let ids: Vec<i64> = newest.keys().copied().collect();
    // Bounded lists: PostgreSQL and SQLite both cap a statement's parameters.
    for chunk in ids.chunks(1000) {
        let found = conversation::Entity::find()
            .filter(conversation::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        rows.extend(found.into_iter().map(|c| {
            let latest = newest[&c.id];
            (c, latest)
        }));
    }
    Ok(rows)
}

/// Writes the actor's in-memory row as it is, without reading it first.
pub async fn save(db: &impl ConnectionTrait, row: conversation::Model) -> Result<(), AppError> {
    row.into_active_model().reset_all().update(db).await?;
    Ok(())
}
