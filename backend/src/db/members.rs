//! Named queries on a conciergerie's team (`members`). Every lookup but the login's is scoped by
//! conciergerie: another tenant's member is "not found".

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::member;
use protocol::conversations::Message;
use protocol::members::MemberBrief;
use protocol::{ConciergerieId, MemberId, MemberRole};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, SqlErr,
};

use crate::error::AppError;

/// A member to create: fields already validated, password already hashed.
pub struct NewMember {
    pub conciergerie: ConciergerieId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: MemberRole,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewMember,
    now: DateTime<Utc>,
) -> Result<member::Model, AppError> {
    member::ActiveModel {
        conciergerie_id: Set(new.conciergerie.0),
        email: Set(new.email),
        name: Set(new.name),
        password_hash: Set(new.password_hash),
        role: Set(new.role),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(email_taken_if_duplicate)
}

/// Two concurrent invitations of one email both pass the up-front check; the unique index stops
/// the second, which is the caller's conflict, not a server error.
pub fn email_taken_if_duplicate(e: DbErr) -> AppError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Taken {
            field: "email",
            message: "this email is already used by a Majordome account".into(),
        },
        _ => e.into(),
    }
}

/// The member whose login this email is, whatever their conciergerie (emails are unique
/// platform-wide).
pub async fn by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<member::Model>, AppError> {
    Ok(member::Entity::find()
        .filter(member::Column::Email.eq(email))
        .one(db)
        .await?)
}

pub async fn find_owned(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    id: MemberId,
) -> Result<member::Model, AppError> {
    member::Entity::find_by_id(id.0)
        .filter(member::Column::ConciergerieId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(AppError::NotFound("member"))
}

/// The team, oldest first (the owner the conciergerie was created with comes first).
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
) -> Result<Vec<member::Model>, AppError> {
    Ok(member::Entity::find()
        .filter(member::Column::ConciergerieId.eq(tenant.0))
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?)
}

/// Notes a successful login (shown to the platform admin with the team).
pub async fn record_login(
    db: &impl ConnectionTrait,
    id: MemberId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    member::Entity::update_many()
        .col_expr(member::Column::LastLoginAt, Expr::value(now))
        .filter(member::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// The conciergerie's first owner: the login it was created with, whose password the platform
/// admin resets.
pub async fn first_owner(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
) -> Result<Option<member::Model>, AppError> {
    Ok(member::Entity::find()
        .filter(member::Column::ConciergerieId.eq(tenant.0))
        .filter(member::Column::Role.eq(MemberRole::Owner))
        .order_by_asc(member::Column::Id)
        .one(db)
        .await?)
}

/// Active owners other than `except`: a change that would leave none is refused, or nobody could
/// manage the team any more.
pub async fn other_active_owners(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    except: MemberId,
) -> Result<u64, AppError> {
    Ok(member::Entity::find()
        .filter(member::Column::ConciergerieId.eq(tenant.0))
        .filter(member::Column::Role.eq(MemberRole::Owner))
        .filter(member::Column::Active.eq(true))
        .filter(member::Column::Id.ne(except.0))
        .count(db)
        .await?)
}

/// Active members per conciergerie, for the admin overview (one grouped query).
pub async fn active_by_conciergerie(
    db: &impl ConnectionTrait,
) -> Result<HashMap<ConciergerieId, u64>, AppError> {
    use sea_orm::{FromQueryResult, QuerySelect};
    #[derive(FromQueryResult)]
    struct Row {
        conciergerie_id: i64,
        members: i64,
    }
    let rows = member::Entity::find()
        .select_only()
        .column(member::Column::ConciergerieId)
        .column_as(member::Column::Id.count(), "members")
        .filter(member::Column::Active.eq(true))
        .group_by(member::Column::ConciergerieId)
        .into_model::<Row>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (ConciergerieId(r.conciergerie_id), r.members.max(0) as u64))
        .collect())
}

/// Fills in the names of the messages' authors (the rows only hold their ids), one query for the
/// page. An author who is not of this conciergerie is dropped rather than named.
pub async fn name_authors(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    messages: &mut [Message],
) -> Result<(), AppError> {
    let ids: Vec<i64> = messages
        .iter()
        .filter_map(|m| m.author.as_ref().map(|a| a.id.0))
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let names: HashMap<i64, String> = member::Entity::find()
        .filter(member::Column::ConciergerieId.eq(tenant.0))
        .filter(member::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    for message in messages {
        message.author = message.author.take().and_then(|a| {
            names.get(&a.id.0).map(|name| MemberBrief {
                id: a.id,
                name: name.clone(),
            })
        });
    }
    Ok(())
}
