//! Named queries on conversations. Only the conversation actor writes a conversation row
//! (ingest creates it); handlers read through `find_owned`.

use chrono::{DateTime, Utc};
use entity::{conversation, message};
use protocol::{ConciergerieId, ConversationId, ConversationStatus, Sender, StayId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    Order, QueryFilter, QueryOrder, QuerySelect,
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

/// Writes the actor's in-memory row as it is, without reading it first.
pub async fn save(db: &impl ConnectionTrait, row: conversation::Model) -> Result<(), AppError> {
    row.into_active_model().reset_all().update(db).await?;
    Ok(())
}

/// Conversations with a guest message since `since` that nobody dealt with yet — judged from the
/// messages themselves, since the row may not reflect the newest ones after a crash.
pub async fn waiting_for_an_answer(
    db: &impl ConnectionTrait,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<ConversationId>, AppError> {
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
    let rows = conversation::Entity::find()
        .filter(conversation::Column::Id.is_in(latest.iter().map(|(id, _)| *id)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|c| {
            latest
                .iter()
                .any(|(id, newest)| *id == c.id && *newest > c.ai_decided_message_id)
        })
        .map(|c| ConversationId(c.id))
        .collect())
}
