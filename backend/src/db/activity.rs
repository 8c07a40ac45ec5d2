//! Platform-wide activity figures for the admin app, aggregated by the database (`GROUP BY`), so
//! their cost does not grow with the number of messages held in memory.
//!
//! Both admin screens count messages with `messages_by_conciergerie`: what the guests, the AI and
//! the operators wrote, never the system notes (hand-offs), so "Messages (7 jours)" and "Santé"
//! agree over the same window.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{conversation, message};
use protocol::{ConciergerieId, MessageStatus, Notice, Sender};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QuerySelect, RelationTrait,
};

use crate::error::AppError;

/// Messages written by each party.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SenderCounts {
    pub client: u64,
    pub ai: u64,
    pub concierge: u64,
}

impl SenderCounts {
    pub fn total(&self) -> u64 {
        self.client + self.ai + self.concierge
    }

    fn add(&mut self, sender: Sender, count: i64) {
        let count = count.max(0) as u64;
        match sender {
            Sender::Client => self.client += count,
            Sender::Ai => self.ai += count,
            Sender::Concierge => self.concierge += count,
            // Hand-off notices and operators' private notes are not messages of the conversation.
            Sender::System | Sender::Note => {}
        }
    }
}

/// Messages since `since` per conciergerie, by sender (system notices and private notes
/// excluded).
pub async fn messages_by_conciergerie(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<HashMap<ConciergerieId, SenderCounts>, AppError> {
    let rows: Vec<(i64, Sender, i64)> = message::Entity::find()
        .select_only()
        .column(conversation::Column::ConciergerieId)
        .column(message::Column::Sender)
        .column_as(message::Column::Id.count(), "n")
        .join(JoinType::InnerJoin, message::Relation::Conversation.def())
        .filter(message::Column::CreatedAt.gte(since))
        .filter(message::Column::Sender.is_not_in([Sender::System, Sender::Note]))
        .group_by(conversation::Column::ConciergerieId)
        .group_by(message::Column::Sender)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<ConciergerieId, SenderCounts> = HashMap::new();
    for (tenant, sender, n) in rows {
        counts
            .entry(ConciergerieId(tenant))
            .or_default()
            .add(sender, n);
    }
    Ok(counts)
}

/// The UTC day (`YYYY-MM-DD`) of a message, in each database's dialect.
fn message_day(backend: DbBackend) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => {
            Expr::cust("to_char(\"messages\".\"created_at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD')")
        }
        // SQLite stores UTC timestamps as ISO-8601 text.
        _ => Expr::cust("substr(\"messages\".\"created_at\", 1, 10)"),
    }
}

/// Messages since `since` per UTC day, by sender (system notices and private notes excluded),
/// oldest day first.
pub async fn messages_by_day(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<Vec<(String, SenderCounts)>, AppError> {
    let day = message_day(db.get_database_backend());
    let rows: Vec<(String, Sender, i64)> = message::Entity::find()
        .select_only()
        .column_as(day.clone(), "day")
        .column(message::Column::Sender)
        .column_as(message::Column::Id.count(), "n")
        .filter(message::Column::CreatedAt.gte(since))
        .filter(message::Column::Sender.is_not_in([Sender::System, Sender::Note]))
        .group_by(day)
        .group_by(message::Column::Sender)
        .into_tuple()
        .all(db)
        .await?;
    let mut days: std::collections::BTreeMap<String, SenderCounts> = Default::default();
    for (day, sender, n) in rows {
        days.entry(day).or_default().add(sender, n);
    }
    Ok(days.into_iter().collect())
}

/// Hand-off notes since `since`: all of them, and those caused by the AI failing.
pub async fn handoffs_since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<(u64, u64), AppError> {
    let rows: Vec<(Notice, i64)> = message::Entity::find()
        .select_only()
        .column(message::Column::Notice)
        .column_as(message::Column::Id.count(), "n")
        .filter(message::Column::CreatedAt.gte(since))
        .filter(message::Column::Notice.is_not_null())
        .group_by(message::Column::Notice)
        .into_tuple()
        .all(db)
        .await?;
    let count = |notice: Notice| {
        rows.iter()
            .filter(|(n, _)| *n == notice)
            .map(|(_, c)| (*c).max(0) as u64)
            .sum::<u64>()
    };
    let failures = count(Notice::AiFailure);
    Ok((count(Notice::Handoff) + failures, failures))
}

/// Replies (AI or operator) since `since` that Twilio failed or could not deliver.
pub async fn send_failures_since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<u64, AppError> {
    Ok(message::Entity::find()
        .filter(message::Column::CreatedAt.gte(since))
        .filter(message::Column::Sender.is_in([Sender::Ai, Sender::Concierge]))
        .filter(message::Column::Status.is_in([MessageStatus::Failed, MessageStatus::Undelivered]))
        .count(db)
        .await?)
}

/// Each conciergerie's conversation count and latest activity.
pub async fn conversations_by_conciergerie(
    db: &impl ConnectionTrait,
) -> Result<HashMap<ConciergerieId, (u64, Option<DateTime<Utc>>)>, AppError> {
    let rows: Vec<(i64, i64, Option<DateTime<Utc>>)> = conversation::Entity::find()
        .select_only()
        .column(conversation::Column::ConciergerieId)
        .column_as(conversation::Column::Id.count(), "n")
        .column_as(conversation::Column::LastMessageAt.max(), "last")
        .group_by(conversation::Column::ConciergerieId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(tenant, n, last)| (ConciergerieId(tenant), (n.max(0) as u64, last)))
        .collect())
}
