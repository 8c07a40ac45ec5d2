//! Named queries on conversations. Only the conversation actor writes a conversation row
//! (ingest creates it); handlers read through `find_owned`.

use entity::{conversation, message};
use protocol::{ConciergerieId, ConversationId, Sender};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Order,
    QueryFilter, QueryOrder, QuerySelect,
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

/// A conciergerie's inbox in the order operators read it: urgent conversations first, then the
/// most recent activity. The dashboard's reducer sorts the same way.
pub async fn inbox(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
) -> Result<Vec<conversation::Model>, AppError> {
    Ok(conversation::Entity::find()
        .filter(conversation::Column::ConciergerieId.eq(tenant.0))
        .order_by(conversation::Column::Urgent, Order::Desc)
        .order_by(conversation::Column::LastMessageAt, Order::Desc)
        .order_by(conversation::Column::Id, Order::Desc)
        .all(db)
        .await?)
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
