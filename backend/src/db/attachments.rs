//! Named queries on `attachments` (an operator's uploads, stored in the database so that every
//! instance of a cluster can serve them).

use entity::attachment;
use protocol::{ConciergerieId, ConversationId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};

use crate::error::AppError;

pub async fn insert(
    db: &DatabaseConnection,
    tenant: ConciergerieId,
    conversation: ConversationId,
    id: String,
    content_type: &str,
    data: Vec<u8>,
) -> Result<attachment::Model, AppError> {
    Ok(attachment::ActiveModel {
        id: Set(id),
        conciergerie_id: Set(tenant.0),
        conversation_id: Set(conversation.0),
        content_type: Set(content_type.to_owned()),
        size: Set(data.len() as i64),
        data: Set(data),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await?)
}

/// `(id, content_type)` of the uploads among `ids` that this conciergerie made for this
/// conversation — whatever another tenant's (or another conversation's) id is named, it is not
/// found. The files themselves are not read.
pub async fn owned_for_send(
    db: &DatabaseConnection,
    tenant: ConciergerieId,
    conversation: ConversationId,
    ids: &[String],
) -> Result<Vec<(String, String)>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(attachment::Entity::find()
        .select_only()
        .column(attachment::Column::Id)
        .column(attachment::Column::ContentType)
        .filter(attachment::Column::Id.is_in(ids.iter().cloned()))
        .filter(attachment::Column::ConciergerieId.eq(tenant.0))
        .filter(attachment::Column::ConversationId.eq(conversation.0))
        .into_tuple()
        .all(db)
        .await?)
}

/// The file behind a public `/media/out/{id}` URL.
pub async fn find(
    db: &DatabaseConnection,
    id: &str,
) -> Result<Option<attachment::Model>, AppError> {
    Ok(attachment::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?)
}
