//! Queries on stays, always scoped to one conciergerie. The guest lookups
//! (`current_or_next_for_guest`, `match_by_last_digits`) are what links a conversation to its
//! stay.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use entity::stay;
use protocol::stays::{StayBrief, StayPhase};
use protocol::{ConciergerieId, PropertyId, StayId, StayOrigin, StayStatus};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, Order,
    QueryFilter, QueryOrder, Set,
};

use crate::db::properties::LocalDates;
use crate::domain::stay::StayFields;
use crate::domain::time_zone::TimeZone;
use crate::error::AppError;

/// `GET /api/stays` filters; dates are inclusive and select stays overlapping `[from, to]`.
#[derive(Debug, Clone, Copy, Default)]
pub struct StayFilter {
    pub property: Option<PropertyId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// How many writes to `stays` this process has made. Answers kept in memory that were read from
/// the table (`stays::link::GuestStays`, the actors' stay briefs) compare `writes()` to know they
/// may be stale, so every function here that writes bumps it once the write is done (they run
/// outside transactions).
static WRITES: AtomicU64 = AtomicU64::new(0);
/// Writes other instances of a PostgreSQL cluster told us about (`Signal::StaysChanged`).
static ELSEWHERE: AtomicU64 = AtomicU64::new(0);
/// This process's writes, for the cluster to tell the other instances (`watch_writes`).
static LOCAL: std::sync::OnceLock<tokio::sync::watch::Sender<u64>> = std::sync::OnceLock::new();

fn local() -> &'static tokio::sync::watch::Sender<u64> {
    LOCAL.get_or_init(|| tokio::sync::watch::channel(0).0)
}

/// Changes whenever a stay may have changed, here or on another instance.
pub fn writes() -> u64 {
    WRITES.load(Ordering::Acquire) + ELSEWHERE.load(Ordering::Acquire)
}

fn written() {
    let n = WRITES.fetch_add(1, Ordering::AcqRel) + 1;
    local().send_replace(n);
}

/// Wakes up after this process's stay writes (several in a row are seen as one): the cluster
/// fan-out tells the other instances.
pub fn watch_writes() -> tokio::sync::watch::Receiver<u64> {
    local().subscribe()
}

/// Another instance wrote stays: what this one keeps in memory about them is stale.
pub fn written_elsewhere() {
    ELSEWHERE.fetch_add(1, Ordering::AcqRel);
}

pub async fn list(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    filter: StayFilter,
) -> Result<Vec<stay::Model>, AppError> {
    let mut query = stay::Entity::find().filter(stay::Column::ConciergerieId.eq(tenant.0));
    if let Some(property) = filter.property {
        query = query.filter(stay::Column::PropertyId.eq(property.0));
    }
    // Overlap: the stay ends on or after `from` and starts on or before `to`. The departure day
    // counts, since that is when the guest checks out.
    if let Some(from) = filter.from {
        query = query.filter(stay::Column::Departure.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(stay::Column::Arrival.lte(to));
    }
    Ok(query
        .order_by(stay::Column::Arrival, Order::Asc)
        .order_by(stay::Column::Id, Order::Asc)
        .all(db)
        .await?)
}

/// The stay, if it belongs to `tenant`; another tenant's id is "not found".
pub async fn find_owned(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: StayId,
) -> Result<stay::Model, AppError> {
    stay::Entity::find_by_id(id.0)
        .filter(stay::Column::ConciergerieId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("stay"))
}

/// The stay of `property` that came from the calendar event (or CSV reference) `uid`.
pub async fn find_by_uid(
    db: &impl ConnectionTrait,
    property: PropertyId,
    uid: &str,
) -> Result<Option<stay::Model>, AppError> {
    Ok(stay::Entity::find()
        .filter(stay::Column::PropertyId.eq(property.0))
        .filter(stay::Column::ExternalUid.eq(uid))
        .one(db)
        .await?)
}

/// A stay of `property` for this guest arriving that day: how a CSV line without a reference
/// recognises the stay an earlier import created.
pub async fn find_by_guest_and_arrival(
    db: &impl ConnectionTrait,
    property: PropertyId,
    guest_name: &str,
    arrival: NaiveDate,
) -> Result<Option<stay::Model>, AppError> {
    Ok(stay::Entity::find()
        .filter(stay::Column::PropertyId.eq(property.0))
        .filter(stay::Column::GuestName.eq(guest_name))
        .filter(stay::Column::Arrival.eq(arrival))
        .one(db)
        .await?)
}

/// Inserts a stay. The caller has checked that `fields.property_id` belongs to `tenant`.
pub async fn insert(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    fields: StayFields,
    origin: StayOrigin,
    external_uid: Option<String>,
) -> Result<stay::Model, AppError> {
    let now = Utc::now();
    let mut row = stay::ActiveModel {
        conciergerie_id: Set(tenant.0),
        origin: Set(origin),
        external_uid: Set(external_uid),
        created_at: Set(now),
        ..Default::default()
    };
    assign(&mut row, fields);
    let row = row
        .insert(db)
        .await
        .map_err(|e| unique_uid(e, "external_uid"))?;
    written();
    Ok(row)
}

/// Replaces a stay's fields. The caller has checked that `fields.property_id` belongs to the
/// stay's tenant.
pub async fn update(
    db: &impl ConnectionTrait,
    current: stay::Model,
    fields: StayFields,
) -> Result<stay::Model, AppError> {
    let mut row = current.into_active_model();
    assign(&mut row, fields);
    let row = row
        .update(db)
        .await
        .map_err(|e| unique_uid(e, "property_id"))?;
    written();
    Ok(row)
}

fn assign(row: &mut stay::ActiveModel, fields: StayFields) {
    row.property_id = Set(fields.property_id.0);
    row.guest_name = Set(fields.guest_name);
    row.whatsapp_number = Set(fields.whatsapp_number);
    row.phone_last_digits = Set(fields.phone_last_digits);
    row.arrival = Set(fields.arrival);
    row.departure = Set(fields.departure);
    row.guests = Set(fields.guests);
    row.source = Set(fields.source);
    row.status = Set(fields.status);
    row.updated_at = Set(Utc::now());
}

/// Two stays of one property cannot carry the same external reference.
fn unique_uid(e: sea_orm::DbErr, field: &'static str) -> AppError {
    if matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    ) {
        AppError::Taken {
            field,
            message: "this property already has a stay with that external reference".into(),
        }
    } else {
        e.into()
    }
}

/// The current fields of a stored stay, as a starting point for a patch.
pub fn fields_of(row: &stay::Model) -> StayFields {
    StayFields {
        property_id: PropertyId(row.property_id),
        guest_name: row.guest_name.clone(),
        whatsapp_number: row.whatsapp_number.clone(),
        phone_last_digits: row.phone_last_digits.clone(),
        arrival: row.arrival,
        departure: row.departure,
        guests: row.guests,
        source: row.source,
        status: row.status,
    }
}

pub async fn delete(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: StayId,
) -> Result<(), AppError> {
    let row = find_owned(db, tenant, id).await?;
    stay::Entity::delete_by_id(row.id).exec(db).await?;
    written();
    Ok(())
}

/// Confirmed feed stays of `property` arriving on or after `today` whose calendar event is no
/// longer in the feed: the booking was cancelled. Returns how many were marked cancelled.
/// Stays already under way are left alone (feeds drop past events on their own schedule).
pub async fn cancel_vanished_from_feed(
    db: &impl ConnectionTrait,
    property: PropertyId,
    seen_uids: &[String],
    today: NaiveDate,
) -> Result<u64, AppError> {
    let mut condition = Condition::all()
        .add(stay::Column::PropertyId.eq(property.0))
        .add(stay::Column::Origin.eq(StayOrigin::Ical))
        .add(stay::Column::Status.eq(StayStatus::Confirmed))
        .add(stay::Column::Arrival.gte(today));
    // Chunked below SQLite's variable limit is unnecessary: a feed holds a few hundred events at
    // most, but the `NOT IN` is skipped entirely when nothing was seen.
    if !seen_uids.is_empty() {
        condition = condition.add(stay::Column::ExternalUid.is_not_in(seen_uids.iter().cloned()));
    }
    let result = stay::Entity::update_many()
        .col_expr(
            stay::Column::Status,
            sea_orm::sea_query::Expr::value(StayStatus::Cancelled.as_str()),
        )
        .col_expr(
            stay::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(condition)
        .exec(db)
        .await?;
    written();
    Ok(result.rows_affected)
}

/// The guest's stay in progress at `now`, or else their next one: confirmed stays of `tenant`
/// booked under this WhatsApp address (as conversations store it, without `whatsapp:`) that have
/// not ended before their property's local date, the earliest arrival first.
pub async fn current_or_next_for_guest(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Option<stay::Model>, AppError> {
    let candidates = stay::Entity::find()
        .filter(stay::Column::ConciergerieId.eq(tenant.0))
        .filter(stay::Column::WhatsappNumber.eq(address))
        .filter(stay::Column::Status.eq(StayStatus::Confirmed))
        .filter(stay::Column::Departure.gte(earliest_local_date(now)))
        .order_by(stay::Column::Arrival, Order::Asc);
    Ok(not_ended(candidates, db, now).await?.into_iter().next())
}

/// No time zone is more than a day behind UTC: a stay that departed before this date has ended
/// everywhere. The exact local date is checked on the rows (`not_ended`).
fn earliest_local_date(now: DateTime<Utc>) -> NaiveDate {
    now.date_naive() - chrono::Days::new(1)
}

/// The stays of `query` whose departure is not before their property's local date at `now`.
async fn not_ended(
    query: sea_orm::Select<stay::Entity>,
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<stay::Model>, AppError> {
    Ok(query
        .find_also_related(entity::property::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter(|(s, property)| {
            let zone = property
                .as_ref()
                .map(|p| TimeZone::stored(&p.time_zone))
                .unwrap_or_default();
            s.departure >= zone.today(now)
        })
        .map(|(s, _)| s)
        .collect())
}

/// Confirmed stays of `tenant`, in progress at `now` or to come, known only by the last digits
/// of a phone (as Airbnb's feed gives them) that end `address`'s digits. Several can match: the
/// caller links only when the answer is unambiguous.
pub async fn match_by_last_digits(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Vec<stay::Model>, AppError> {
    let digits: String = address.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Ok(Vec::new());
    }
    let candidates = stay::Entity::find()
        .filter(stay::Column::ConciergerieId.eq(tenant.0))
        .filter(stay::Column::WhatsappNumber.is_null())
        .filter(stay::Column::PhoneLastDigits.is_not_null())
        .filter(stay::Column::Status.eq(StayStatus::Confirmed))
        .filter(stay::Column::Departure.gte(earliest_local_date(now)))
        .order_by(stay::Column::Arrival, Order::Asc);
    Ok(not_ended(candidates, db, now)
        .await?
        .into_iter()
        .filter(|s| {
            s.phone_last_digits
                .as_deref()
                .is_some_and(|end| digits.ends_with(end))
        })
        .collect())
}

/// The inbox's view of the given stays of `tenant` (with their property), by stay id, in one
/// query for a whole page of conversations; phases are on each property's local date at `now`.
/// Ids of deleted stays are simply absent.
pub async fn briefs(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    ids: impl IntoIterator<Item = i64>,
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<i64, StayBrief>, AppError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows = stay::Entity::find()
        .find_also_related(entity::property::Entity)
        .filter(stay::Column::ConciergerieId.eq(tenant.0))
        .filter(stay::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(s, property)| {
            let property = property?;
            let today = TimeZone::stored(&property.time_zone).today(now);
            let brief = StayBrief {
                id: StayId(s.id),
                property_id: PropertyId(property.id),
                property_name: property.name,
                guest_name: s.guest_name,
                arrival: s.arrival,
                departure: s.departure,
                phase: StayPhase::on(s.arrival, s.departure, today),
                local_date: today,
            };
            Some((s.id, brief))
        })
        .collect())
}

/// What the inbox can be narrowed to (`GET /api/conversations?property_id=&phase=`).
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
pub struct InboxFilter {
    pub property_id: Option<PropertyId>,
    pub phase: Option<InboxPhase>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InboxPhase {
    ArrivingToday,
    InStay,
}

impl InboxPhase {
    /// As written in the query string.
    pub fn as_str(self) -> &'static str {
        match self {
            InboxPhase::ArrivingToday => "arriving_today",
            InboxPhase::InStay => "in_stay",
        }
    }
}

/// The condition on `conversations.stay_id` for `filter` at `now`, or `None` when it filters
/// nothing (see `linked_stay_condition`); the properties' local dates are read only for a phase.
pub async fn inbox_condition(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    filter: InboxFilter,
    now: DateTime<Utc>,
) -> Result<Option<sea_orm::sea_query::SimpleExpr>, AppError> {
    let days = match filter.phase {
        Some(_) => crate::db::properties::local_dates(db, tenant, now).await?,
        None => LocalDates::default(),
    };
    Ok(linked_stay_condition(tenant, filter, &days))
}

/// The condition on `conversations.stay_id` for `filter`, or `None` when it filters nothing: the
/// linked stay must be one of `tenant`'s, at the property, in the phase on its property's local
/// date (`days`: the tenant's `db::properties::local_dates`).
fn linked_stay_condition(
    tenant: ConciergerieId,
    filter: InboxFilter,
    days: &LocalDates,
) -> Option<sea_orm::sea_query::SimpleExpr> {
    if filter.property_id.is_none() && filter.phase.is_none() {
        return None;
    }
    let mut stays = sea_orm::sea_query::Query::select();
    stays
        .column(stay::Column::Id)
        .from(stay::Entity)
        .and_where(stay::Column::ConciergerieId.eq(tenant.0));
    if let Some(property) = filter.property_id {
        stays.and_where(stay::Column::PropertyId.eq(property.0));
    }
    if let Some(phase) = filter.phase {
        // One branch per local date in use (usually one): its properties, on that date.
        let mut on_their_day = Condition::any();
        for (today, properties) in &days.0 {
            let at = Condition::all().add(stay::Column::PropertyId.is_in(properties.clone()));
            on_their_day = on_their_day.add(match phase {
                InboxPhase::ArrivingToday => at.add(stay::Column::Arrival.eq(*today)),
                InboxPhase::InStay => at
                    .add(stay::Column::Arrival.lte(*today))
                    .add(stay::Column::Departure.gte(*today)),
            });
        }
        // No property at all: `Condition::any()` with no branch is false, as it should be.
        stays.cond_where(on_their_day);
    }
    Some(entity::conversation::Column::StayId.in_subquery(stays))
}
