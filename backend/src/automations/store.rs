//! The automations and scheduled-messages tables.

use chrono::{DateTime, Utc};
use entity::{automation, property, scheduled_message, stay};
use protocol::automations::{Automation, AutomationPatch, NewAutomation, ScheduledMessage};
use protocol::{
    AutomationId, ConciergerieId, ConversationId, ScheduledId, ScheduledStatus, StayId, StayStatus,
};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use super::plan::{due_at, validate};
use crate::db;
use crate::domain::time_zone::TimeZone;
use crate::error::AppError;

pub async fn create(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    new: &NewAutomation,
) -> Result<Automation, AppError> {
    let fields = validate(new)?;
    if let Some(property) = new.property_id {
        db::properties::check_reference(db, tenant, property).await?;
    }
    let row = automation::ActiveModel {
        conciergerie_id: Set(tenant.0),
        property_id: Set(new.property_id.map(|p| p.0)),
        name: Set(fields.name),
        anchor: Set(new.anchor),
        offset_days: Set(new.offset_days),
        send_time: Set(fields.send_time),
        body: Set(fields.body),
        content_sid: Set(fields.content_sid),
        content_variables: Set(fields.content_variables),
        enabled: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.into())
}

pub async fn list(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
) -> Result<Vec<Automation>, AppError> {
    Ok(automation::Entity::find()
        .filter(automation::Column::ConciergerieId.eq(tenant.0))
        .order_by_asc(automation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Automation::from)
        .collect())
}

async fn find_owned(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: AutomationId,
) -> Result<automation::Model, AppError> {
    db::find_owned::<automation::Entity>(
        db,
        automation::Column::ConciergerieId,
        tenant,
        id.0,
        "automation",
    )
    .await
}

/// Edits an automation. When the patch changes which stays get the message or when (property,
/// timing, enabled), the messages it planned and not sent yet are dropped: the next run plans
/// them again as the automation now says (or not at all when it is disabled). Messages already
/// sent, skipped or cancelled by an operator stay as they are, so nothing goes twice.
pub async fn update(
    db: &(impl ConnectionTrait + TransactionTrait),
    tenant: ConciergerieId,
    id: AutomationId,
    patch: &AutomationPatch,
) -> Result<Automation, AppError> {
    let row = find_owned(db, tenant, id).await?;
    let current = Automation::from(row.clone());
    let new = patch.applied_to(&current);
    let fields = validate(&new)?;
    if let Some(property) = new.property_id.filter(|p| Some(*p) != current.property_id) {
        db::properties::check_reference(db, tenant, property).await?;
    }
    let txn = db.begin().await?;
    if patch.replans(&current) {
        drop_pending(&txn, row.id).await?;
    }
    let mut active = row.into_active_model();
    active.property_id = Set(new.property_id.map(|p| p.0));
    active.name = Set(fields.name);
    active.anchor = Set(new.anchor);
    active.offset_days = Set(new.offset_days);
    active.send_time = Set(fields.send_time);
    active.body = Set(fields.body);
    active.content_sid = Set(fields.content_sid);
    active.content_variables = Set(fields.content_variables);
    if let Some(enabled) = patch.enabled {
        active.enabled = Set(enabled);
    }
    let saved = active.update(&txn).await?;
    txn.commit().await?;
    Ok(saved.into())
}

/// Deletes an automation and its planned messages (the messages already sent stay in their
/// conversations). Done explicitly rather than trusting `ON DELETE CASCADE`, which SQLite only
/// honours with its foreign keys switched on.
pub async fn delete(
    db: &(impl ConnectionTrait + TransactionTrait),
    tenant: ConciergerieId,
    id: AutomationId,
) -> Result<(), AppError> {
    let row = find_owned(db, tenant, id).await?;
    let txn = db.begin().await?;
    scheduled_message::Entity::delete_many()
        .filter(scheduled_message::Column::AutomationId.eq(row.id))
        .exec(&txn)
        .await?;
    automation::Entity::delete_by_id(row.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// The automation's messages still waiting for their time.
async fn drop_pending(db: &impl ConnectionTrait, automation: i64) -> Result<(), AppError> {
    scheduled_message::Entity::delete_many()
        .filter(scheduled_message::Column::AutomationId.eq(automation))
        .filter(scheduled_message::Column::Status.eq(ScheduledStatus::Pending))
        .exec(db)
        .await?;
    Ok(())
}

pub(super) async fn automation(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<automation::Model, AppError> {
    automation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("automation"))
}

/// The messages planned for one of the tenant's stays, by time.
pub async fn for_stay(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    stay: StayId,
) -> Result<Vec<ScheduledMessage>, AppError> {
    db::stays::find_owned(db, tenant, stay).await?;
    Ok(scheduled_message::Entity::find()
        .filter(scheduled_message::Column::ConciergerieId.eq(tenant.0))
        .filter(scheduled_message::Column::StayId.eq(stay.0))
        .order_by_asc(scheduled_message::Column::DueAt)
        .all(db)
        .await?
        .into_iter()
        .map(ScheduledMessage::from)
        .collect())
}

/// An operator cancels a message not sent yet (409 once it is on its way or done).
pub async fn cancel(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: ScheduledId,
) -> Result<ScheduledMessage, AppError> {
    let row = scheduled_message::Entity::find_by_id(id.0)
        .filter(scheduled_message::Column::ConciergerieId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("scheduled message"))?;
    let moved = transition(
        db,
        &row,
        ScheduledStatus::Pending,
        ScheduledStatus::Cancelled,
    )
    .await?;
    if !moved {
        return Err(AppError::Conflict(format!(
            "the message is already {}",
            row.status.as_str()
        )));
    }
    let mut row = row;
    row.status = ScheduledStatus::Cancelled;
    Ok(row.into())
}

/// Creates the missing rows for confirmed stays (a row due before `not_before` is not planned:
/// it is too late already), and re-times pending rows whose stay moved. Answers how many rows
/// were created.
pub(super) async fn plan(
    db: &impl ConnectionTrait,
    not_before: DateTime<Utc>,
) -> Result<usize, AppError> {
    let automations = automation::Entity::find()
        .filter(automation::Column::Enabled.eq(true))
        .all(db)
        .await?;
    let mut created = 0;
    for a in automations {
        let mut stays = stay::Entity::find()
            .filter(stay::Column::ConciergerieId.eq(a.conciergerie_id))
            .filter(stay::Column::Status.eq(StayStatus::Confirmed))
            // Stays long over cannot have anything due any more.
            .filter(stay::Column::Departure.gte(not_before.date_naive() - chrono::Days::new(31)));
        if let Some(property) = a.property_id {
            stays = stays.filter(stay::Column::PropertyId.eq(property));
        }
        let existing = scheduled_message::Entity::find()
            .filter(scheduled_message::Column::AutomationId.eq(a.id))
            .all(db)
            .await?;
        for (s, property) in stays.find_also_related(property::Entity).all(db).await? {
            // Re-timed here like a moved stay when the property's zone changes.
            let zone = property
                .map(|p| TimeZone::stored(&p.time_zone))
                .unwrap_or_default();
            let due = due_at(
                a.anchor,
                a.offset_days,
                &a.send_time,
                zone,
                s.arrival,
                s.departure,
            );
            match existing.iter().find(|r| r.stay_id == s.id) {
                Some(row) if row.status == ScheduledStatus::Pending && row.due_at != due => {
                    scheduled_message::Entity::update_many()
                        .col_expr(scheduled_message::Column::DueAt, Expr::value(due))
                        .col_expr(
                            scheduled_message::Column::UpdatedAt,
                            Expr::value(Utc::now()),
                        )
                        .filter(scheduled_message::Column::Id.eq(row.id))
                        .filter(scheduled_message::Column::Status.eq(ScheduledStatus::Pending))
                        .exec(db)
                        .await?;
                }
                Some(_) => {}
                None if due < not_before => {}
                None => {
                    let inserted =
                        scheduled_message::Entity::insert(scheduled_message::ActiveModel {
                            conciergerie_id: Set(a.conciergerie_id),
                            automation_id: Set(a.id),
                            stay_id: Set(s.id),
                            due_at: Set(due),
                            status: Set(ScheduledStatus::Pending),
                            conversation_id: Set(None),
                            message_id: Set(None),
                            reason: Set(None),
                            updated_at: Set(Utc::now()),
                            ..Default::default()
                        })
                        // Two runs planning at once: the unique pair keeps one.
                        .on_conflict(
                            OnConflict::columns([
                                scheduled_message::Column::AutomationId,
                                scheduled_message::Column::StayId,
                            ])
                            .do_nothing()
                            .to_owned(),
                        )
                        .exec_without_returning(db)
                        .await?;
                    created += inserted as usize;
                }
            }
        }
    }
    Ok(created)
}

/// Pending rows due by `now`, and rows a crashed run left `sending`.
pub(super) async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<scheduled_message::Model>, AppError> {
    Ok(scheduled_message::Entity::find()
        .filter(
            scheduled_message::Column::Status
                .eq(ScheduledStatus::Pending)
                .or(scheduled_message::Column::Status.eq(ScheduledStatus::Sending)),
        )
        .filter(scheduled_message::Column::DueAt.lte(now))
        .order_by_asc(scheduled_message::Column::DueAt)
        .all(db)
        .await?)
}

/// Moves the row from `from` to `to` if nobody else did: whether this call did.
async fn transition(
    db: &impl ConnectionTrait,
    row: &scheduled_message::Model,
    from: ScheduledStatus,
    to: ScheduledStatus,
) -> Result<bool, AppError> {
    let result = scheduled_message::Entity::update_many()
        .col_expr(scheduled_message::Column::Status, Expr::value(to))
        .col_expr(
            scheduled_message::Column::UpdatedAt,
            Expr::value(Utc::now()),
        )
        .filter(scheduled_message::Column::Id.eq(row.id))
        .filter(scheduled_message::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub(super) async fn claim(
    db: &impl ConnectionTrait,
    row: &scheduled_message::Model,
) -> Result<bool, AppError> {
    transition(db, row, ScheduledStatus::Pending, ScheduledStatus::Sending).await
}

pub(super) async fn finish(
    db: &impl ConnectionTrait,
    row: &scheduled_message::Model,
    status: ScheduledStatus,
    reason: &str,
) -> Result<(), AppError> {
    scheduled_message::Entity::update_many()
        .col_expr(scheduled_message::Column::Status, Expr::value(status))
        .col_expr(scheduled_message::Column::Reason, Expr::value(reason))
        .col_expr(
            scheduled_message::Column::UpdatedAt,
            Expr::value(Utc::now()),
        )
        .filter(scheduled_message::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(())
}

pub(super) async fn sent(
    db: &impl ConnectionTrait,
    row: &scheduled_message::Model,
    conversation: ConversationId,
    message: i64,
) -> Result<(), AppError> {
    scheduled_message::Entity::update_many()
        .col_expr(
            scheduled_message::Column::Status,
            Expr::value(ScheduledStatus::Sent),
        )
        .col_expr(
            scheduled_message::Column::ConversationId,
            Expr::value(conversation.0),
        )
        .col_expr(scheduled_message::Column::MessageId, Expr::value(message))
        .col_expr(
            scheduled_message::Column::UpdatedAt,
            Expr::value(Utc::now()),
        )
        .filter(scheduled_message::Column::Id.eq(row.id))
        .exec(db)
        .await?;
    Ok(())
}
