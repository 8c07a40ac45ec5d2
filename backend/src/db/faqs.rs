//! Queries on FAQ entries, scoped to one conciergerie.

use entity::faq;
use protocol::{ConciergerieId, FaqId, PropertyId};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder,
};

use crate::error::AppError;

/// The entries of `tenant`; with `property`, only that property's own entries.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    property: Option<PropertyId>,
) -> Result<Vec<faq::Model>, AppError> {
    let mut query = faq::Entity::find().filter(faq::Column::ConciergerieId.eq(tenant.0));
    if let Some(property) = property {
        query = query.filter(faq::Column::PropertyId.eq(property.0));
    }
    Ok(query.order_by(faq::Column::Id, Order::Asc).all(db).await?)
}

/// The entry, if it belongs to `tenant`; another tenant's id is "not found".
pub async fn find_owned(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: FaqId,
) -> Result<faq::Model, AppError> {
    super::find_owned::<faq::Entity>(db, faq::Column::ConciergerieId, tenant, id.0, "faq").await
}

/// What the AI may use for a guest whose stay is unknown: entries shared by the whole
/// conciergerie that are not sensitive. Another property's answers (its wifi) would be wrong
/// for this guest, and a door code must never reach someone who is not staying there.
pub async fn shared_and_public(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
) -> Result<Vec<faq::Model>, AppError> {
    Ok(faq::Entity::find()
        .filter(faq::Column::ConciergerieId.eq(tenant.0))
        .filter(faq::Column::PropertyId.is_null())
        .filter(faq::Column::Sensitive.eq(false))
        .order_by(faq::Column::Id, Order::Asc)
        .all(db)
        .await?)
}

/// The entries that concern the guest of a stay at `property`: the shared ones and the
/// property's own, sensitive included — `stays::context` decides which the guest may read now and
/// ranks them. In the order they were written.
pub async fn for_property(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    property: PropertyId,
) -> Result<Vec<faq::Model>, AppError> {
    Ok(faq::Entity::find()
        .filter(faq::Column::ConciergerieId.eq(tenant.0))
        .filter(
            Condition::any()
                .add(faq::Column::PropertyId.is_null())
                .add(faq::Column::PropertyId.eq(property.0)),
        )
        .order_by(faq::Column::Id, Order::Asc)
        .all(db)
        .await?)
}
