//! Named queries on labels and on the labels of conversations.
//!
//! `conversation_labels` is written only by the conversation's actor (`set_for_conversation`,
//! called from its effects, serialized with its other writes). It is not the conversation row, so
//! it is written on the pool rather than through the ingest writer, which carries rows and
//! messages only. Deleting a label removes its rows by the foreign key's cascade; an actor still
//! holding the id in memory drops it at its next label write (`only_existing`).

use std::collections::HashMap;

use chrono::Utc;
use entity::{conversation_label, label};
use protocol::labels::{LabelPatch, NewLabel};
use protocol::{ConciergerieId, ConversationId, LabelId};
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use crate::domain::required_text;
use crate::error::AppError;

/// Longest label name: a chip, not a sentence.
pub const MAX_NAME: usize = 40;

pub async fn list(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
) -> Result<Vec<label::Model>, AppError> {
    Ok(label::Entity::find()
        .filter(label::Column::ConciergerieId.eq(tenant.0))
        .order_by_asc(label::Column::Name)
        .order_by_asc(label::Column::Id)
        .all(db)
        .await?)
}

pub async fn find_owned(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: LabelId,
) -> Result<label::Model, AppError> {
    super::find_owned::<label::Entity>(db, label::Column::ConciergerieId, tenant, id.0, "label")
        .await
}

/// A name another of the tenant's labels already has is a 409 on `name`.
async fn name_free(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    name: &str,
    except: Option<i64>,
) -> Result<(), AppError> {
    let mut query = label::Entity::find()
        .filter(label::Column::ConciergerieId.eq(tenant.0))
        .filter(label::Column::Name.eq(name));
    if let Some(id) = except {
        query = query.filter(label::Column::Id.ne(id));
    }
    match query.one(db).await? {
        Some(_) => Err(AppError::Taken {
            field: "name",
            message: format!("a label named `{name}` already exists"),
        }),
        None => Ok(()),
    }
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    new: &NewLabel,
) -> Result<label::Model, AppError> {
    let name = required_text("name", &new.name, MAX_NAME)?;
    name_free(db, tenant, &name, None).await?;
    Ok(label::ActiveModel {
        conciergerie_id: Set(tenant.0),
        name: Set(name),
        colour: Set(new.colour),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn update(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: LabelId,
    patch: &LabelPatch,
) -> Result<label::Model, AppError> {
    let current = find_owned(db, tenant, id).await?;
    let mut row = current.into_active_model();
    if let Some(name) = &patch.name {
        let name = required_text("name", name, MAX_NAME)?;
        name_free(db, tenant, &name, Some(id.0)).await?;
        row.name = Set(name);
    }
    if let Some(colour) = patch.colour {
        row.colour = Set(colour);
    }
    Ok(row.update(db).await?)
}

/// Deletes the label; the foreign key's cascade takes it off every conversation.
pub async fn delete(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: LabelId,
) -> Result<(), AppError> {
    let row = find_owned(db, tenant, id).await?;
    label::Entity::delete_by_id(row.id).exec(db).await?;
    Ok(())
}

/// Checks every id is one of the tenant's labels (a 422 on `labels` otherwise); returns them
/// sorted and deduplicated, as they are stored and listed.
pub async fn validate_owned(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    ids: &[LabelId],
) -> Result<Vec<LabelId>, AppError> {
    let mut wanted = ids.to_vec();
    wanted.sort();
    wanted.dedup();
    if wanted.is_empty() {
        return Ok(wanted);
    }
    let found = label::Entity::find()
        .filter(label::Column::ConciergerieId.eq(tenant.0))
        .filter(label::Column::Id.is_in(wanted.iter().map(|l| l.0)))
        .all(db)
        .await?;
    if found.len() != wanted.len() {
        return Err(AppError::validation("labels", "no such label"));
    }
    Ok(wanted)
}

/// The labels on one conversation, by id.
pub async fn of_conversation(
    db: &impl ConnectionTrait,
    conversation: ConversationId,
) -> Result<Vec<LabelId>, AppError> {
    Ok(conversation_label::Entity::find()
        .filter(conversation_label::Column::ConversationId.eq(conversation.0))
        .order_by_asc(conversation_label::Column::LabelId)
        .all(db)
        .await?
        .into_iter()
        .map(|row| LabelId(row.label_id))
        .collect())
}

/// The labels of a page of conversations, in one query.
pub async fn of_conversations(
    db: &impl ConnectionTrait,
    conversations: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Vec<LabelId>>, AppError> {
    let ids: Vec<i64> = conversations.into_iter().collect();
    let mut by_conversation: HashMap<i64, Vec<LabelId>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_conversation);
    }
    let rows = conversation_label::Entity::find()
        .filter(conversation_label::Column::ConversationId.is_in(ids))
        .order_by_asc(conversation_label::Column::LabelId)
        .all(db)
        .await?;
    for row in rows {
        by_conversation
            .entry(row.conversation_id)
            .or_default()
            .push(LabelId(row.label_id));
    }
    Ok(by_conversation)
}

/// Replaces a conversation's labels (the conversation actor's write, see the module's header).
/// Ids deleted meanwhile are skipped rather than refused by the foreign key. Returns the labels
/// now on the conversation.
pub async fn set_for_conversation<C>(
    db: &C,
    conversation: ConversationId,
    labels: &[LabelId],
) -> Result<Vec<LabelId>, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = db.begin().await?;
    conversation_label::Entity::delete_many()
        .filter(conversation_label::Column::ConversationId.eq(conversation.0))
        .exec(&txn)
        .await?;
    let existing: Vec<LabelId> = if labels.is_empty() {
        Vec::new()
    } else {
        label::Entity::find()
            .filter(label::Column::Id.is_in(labels.iter().map(|l| l.0)))
            .order_by_asc(label::Column::Id)
            .all(&txn)
            .await?
            .into_iter()
            .map(|l| LabelId(l.id))
            .collect()
    };
    if !existing.is_empty() {
        conversation_label::Entity::insert_many(existing.iter().map(|l| {
            conversation_label::ActiveModel {
                conversation_id: Set(conversation.0),
                label_id: Set(l.0),
            }
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(existing)
}

/// `conversations.id IN (conversations carrying the label)`, for the inbox's `?label=` filter.
/// The label is checked to be the tenant's by the caller; the inbox query is tenant-scoped too.
pub fn carrying(label: LabelId) -> SimpleExpr {
    let mut with_label = Query::select();
    with_label
        .column(conversation_label::Column::ConversationId)
        .from(conversation_label::Entity)
        .and_where(Expr::col(conversation_label::Column::LabelId).eq(label.0));
    entity::conversation::Column::Id.in_subquery(with_label)
}
