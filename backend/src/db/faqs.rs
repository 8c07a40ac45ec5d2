//! Named queries on a conciergerie's FAQ.

use entity::faq;
use protocol::ConciergerieId;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder};

use crate::error::AppError;

/// (question, answer) pairs, in the order they were written, for the AI.
pub async fn pairs(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(faq::Entity::find()
        .filter(faq::Column::ConciergerieId.eq(tenant.0))
        .order_by(faq::Column::Id, Order::Asc)
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.question, f.answer))
        .collect())
}
