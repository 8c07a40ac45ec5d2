//! Queries on properties, always scoped to one conciergerie.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{conciergerie, faq, property, stay};
use protocol::{ConciergerieId, PropertyId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Order,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::domain::property::PropertyFields;
use crate::domain::time_zone::TimeZone;
use crate::error::AppError;

pub async fn list(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
) -> Result<Vec<property::Model>, AppError> {
    Ok(property::Entity::find()
        .filter(property::Column::ConciergerieId.eq(tenant.0))
        .order_by(property::Column::Name, Order::Asc)
        .order_by(property::Column::Id, Order::Asc)
        .all(db)
        .await?)
}

/// The property, if it belongs to `tenant`; another tenant's id is "not found".
pub async fn find_owned(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: PropertyId,
) -> Result<property::Model, AppError> {
    property::Entity::find_by_id(id.0)
        .filter(property::Column::ConciergerieId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("property"))
}

pub async fn insert(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    fields: PropertyFields,
) -> Result<property::Model, AppError> {
    let now = Utc::now();
    let mut row = property::ActiveModel {
        conciergerie_id: Set(tenant.0),
        last_sync_at: Set(None),
        last_sync_error: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    assign(&mut row, fields, now);
    Ok(row.insert(db).await?)
}

pub async fn update(
    db: &impl ConnectionTrait,
    current: property::Model,
    fields: PropertyFields,
) -> Result<property::Model, AppError> {
    let mut row = current.into_active_model();
    assign(&mut row, fields, Utc::now());
    Ok(row.update(db).await?)
}

fn assign(row: &mut property::ActiveModel, fields: PropertyFields, now: DateTime<Utc>) {
    row.name = Set(fields.name);
    row.address = Set(fields.address);
    row.check_in_time = Set(fields.check_in_time);
    row.check_out_time = Set(fields.check_out_time);
    row.arrival_instructions = Set(fields.arrival_instructions);
    row.time_zone = Set(fields.time_zone.name().to_owned());
    row.ical_urls = Set(serde_json::json!(fields.ical_urls));
    row.updated_at = Set(now);
}

/// The current fields of a stored property, as a starting point for a patch.
pub fn fields_of(row: &property::Model) -> PropertyFields {
    PropertyFields {
        name: row.name.clone(),
        address: row.address.clone(),
        check_in_time: row.check_in_time.clone(),
        check_out_time: row.check_out_time.clone(),
        arrival_instructions: row.arrival_instructions.clone(),
        time_zone: TimeZone::stored(&row.time_zone),
        ical_urls: row.ical_urls(),
    }
}

/// Deletes a property that nothing uses any more. Its FAQ entries and stays are the
/// conciergerie's data: they are never dropped silently, so a property still in use is a 409
/// telling what to remove first.
pub async fn delete_unused(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: PropertyId,
) -> Result<(), AppError> {
    let row = find_owned(db, tenant, id).await?;
    let faqs = faq::Entity::find()
        .filter(faq::Column::PropertyId.eq(row.id))
        .count(db)
        .await?;
    let stays = stay::Entity::find()
        .filter(stay::Column::PropertyId.eq(row.id))
        .count(db)
        .await?;
    if faqs > 0 || stays > 0 {
        return Err(AppError::Conflict(format!(
            "this property still has {faqs} FAQ entries and {stays} stays: delete or move them first"
        )));
    }
    property::Entity::delete_by_id(row.id).exec(db).await?;
    Ok(())
}

/// Every property with at least one calendar feed, across the active conciergeries: the
/// scheduled sync's work list.
pub async fn with_feeds(db: &impl ConnectionTrait) -> Result<Vec<property::Model>, AppError> {
    // Feeds filtered here rather than in SQL: JSON comparison differs between SQLite and
    // PostgreSQL, and a conciergerie's property count is small.
    Ok(property::Entity::find()
        .inner_join(conciergerie::Entity)
        .filter(conciergerie::Column::Active.eq(true))
        .order_by(property::Column::Id, Order::Asc)
        .all(db)
        .await?
        .into_iter()
        .filter(|p| !p.ical_urls().is_empty())
        .collect())
}

/// Records the outcome of a sync, visible in `GET /api/properties/{id}`.
pub async fn record_sync(
    db: &impl ConnectionTrait,
    id: PropertyId,
    at: DateTime<Utc>,
    error: Option<String>,
) -> Result<(), AppError> {
    property::Entity::update_many()
        .col_expr(
            property::Column::LastSyncAt,
            sea_orm::sea_query::Expr::value(at),
        )
        .col_expr(
            property::Column::LastSyncError,
            sea_orm::sea_query::Expr::value(error),
        )
        .filter(property::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Checks a property named in a request body (a FAQ entry's or a stay's `property_id`): one of
/// another tenant, or none, is a 422 on that field — the resource being written exists, its
/// reference does not.
pub async fn check_reference(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: PropertyId,
) -> Result<property::Model, AppError> {
    find_owned(db, tenant, id).await.map_err(|e| match e {
        AppError::NotFound(_) => {
            AppError::validation("property_id", format!("there is no property {id}"))
        }
        other => other,
    })
}

/// The zone a new property of `tenant` gets when the request names none.
pub async fn default_zone(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
) -> Result<TimeZone, AppError> {
    let row = conciergerie::Entity::find_by_id(tenant.0)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("conciergerie"))?;
    Ok(TimeZone::stored(&row.time_zone))
}

/// The tenant's properties grouped by their local date at `now`: one group in the usual case
/// (every property in one zone), two around midnight when zones differ. "Arriving today" is a
/// per-property question; this turns it into a few `property_id IN (…) AND arrival = day`.
pub async fn local_dates(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    now: DateTime<Utc>,
) -> Result<LocalDates, AppError> {
    let rows = property::Entity::find()
        .filter(property::Column::ConciergerieId.eq(tenant.0))
        .all(db)
        .await?;
    Ok(LocalDates::of(
        rows.iter().map(|p| (p.id, TimeZone::stored(&p.time_zone))),
        now,
    ))
}

/// Property ids by their local date at one instant, dates ascending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalDates(pub Vec<(NaiveDate, Vec<i64>)>);

impl LocalDates {
    pub fn of(properties: impl IntoIterator<Item = (i64, TimeZone)>, now: DateTime<Utc>) -> Self {
        let mut days: std::collections::BTreeMap<NaiveDate, Vec<i64>> = Default::default();
        for (id, zone) in properties {
            days.entry(zone.today(now)).or_default().push(id);
        }
        LocalDates(days.into_iter().collect())
    }
}
