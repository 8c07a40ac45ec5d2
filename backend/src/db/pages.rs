//! Pages of the inbox (urgent first, then newest activity) and pages of a thread (oldest first).
//! Lists are read a page at a time so that a conciergerie with 100,000 conversations costs what
//! 50 cost.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use entity::{conversation, message};
use protocol::{ConciergerieId, ConversationId, MessageId};
use sea_orm::sea_query::{NullOrdering, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect,
};

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

/// A page size: `limit` as asked, within 1..=200; 50 when not given.
pub fn page_size(asked: Option<u64>) -> Result<u64, String> {
    match asked {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => Err(format!("limit must be between 1 and {MAX_LIMIT}, not {n}")),
    }
}

/// Where the previous page of conversations ended: its last (urgent, activity, id). Opaque to
/// clients.
#[derive(Debug, Clone, PartialEq)]
pub struct ConversationCursor {
    urgent: bool,
    last_activity: Option<DateTime<Utc>>,
    id: i64,
}

impl ConversationCursor {
    pub fn after(row: &conversation::Model) -> Self {
        ConversationCursor {
            urgent: row.urgent,
            last_activity: row.last_message_at,
            id: row.id,
        }
    }

    pub fn encode(&self) -> String {
        let activity = self
            .last_activity
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true))
            .unwrap_or_default();
        let urgent = u8::from(self.urgent);
        URL_SAFE_NO_PAD.encode(format!("{activity}|{}|{urgent}", self.id))
    }

    pub fn decode(raw: &str) -> Option<Self> {
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(raw).ok()?).ok()?;
        let mut parts = text.split('|');
        let (activity, id) = (parts.next()?, parts.next()?);
        // Cursors handed out before urgent conversations were listed first have no third part.
        let urgent = match parts.next() {
            None | Some("0") => false,
            Some("1") => true,
            Some(_) => return None,
        };
        let last_activity = match activity {
            "" => None,
            t => Some(DateTime::parse_from_rfc3339(t).ok()?.with_timezone(&Utc)),
        };
        Some(ConversationCursor {
            urgent,
            last_activity,
            id: id.parse().ok()?,
        })
    }
}

/// One page of a conciergerie's conversations (narrowed by `filter`): urgent ones first, then by last activity
/// (never-active ones last), then id, all descending.
pub async fn conversations(
    db: &DatabaseConnection,
    tenant: ConciergerieId,
    filter: Option<SimpleExpr>,
    limit: u64,
    before: Option<&ConversationCursor>,
) -> Result<Vec<conversation::Model>, DbErr> {
    use conversation::Column as C;
    let mut query = conversation::Entity::find().filter(C::ConciergerieId.eq(tenant.0));
    if let Some(filter) = filter {
        query = query.filter(filter);
    }
    if let Some(cursor) = before {
        let older = match cursor.last_activity {
            Some(at) => Condition::any()
                .add(C::LastMessageAt.lt(at))
                .add(C::LastMessageAt.eq(at).and(C::Id.lt(cursor.id)))
                .add(C::LastMessageAt.is_null()),
            None => Condition::all()
                .add(C::LastMessageAt.is_null())
                .add(C::Id.lt(cursor.id)),
        };
        // Within the cursor's own group (urgent or not), older rows; after the urgent group,
        // every non-urgent row.
        let same_group = Condition::all().add(C::Urgent.eq(cursor.urgent)).add(older);
        query = query.filter(if cursor.urgent {
            Condition::any().add(same_group).add(C::Urgent.eq(false))
        } else {
            same_group
        });
    }
    query
        .order_by(C::Urgent, Order::Desc)
        .order_by_with_nulls(C::LastMessageAt, Order::Desc, NullOrdering::Last)
        .order_by(C::Id, Order::Desc)
        .limit(limit)
        .all(db)
        .await
}

/// The `limit` latest messages of a conversation before message `before` (all of them when
/// `None`), oldest first as a thread reads.
pub async fn messages(
    db: &DatabaseConnection,
    conversation: ConversationId,
    limit: u64,
    before: Option<MessageId>,
) -> Result<Vec<message::Model>, DbErr> {
    let mut query =
        message::Entity::find().filter(message::Column::ConversationId.eq(conversation.0));
    if let Some(before) = before {
        query = query.filter(message::Column::Id.lt(before.0));
    }
    let mut rows = query
        .order_by(message::Column::Id, Order::Desc)
        .limit(limit)
        .all(db)
        .await?;
    rows.reverse();
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let at = DateTime::parse_from_rfc3339("2026-11-28T10:00:00.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        for cursor in [
            ConversationCursor {
                urgent: true,
                last_activity: Some(at),
                id: 42,
            },
            ConversationCursor {
                urgent: false,
                last_activity: None,
                id: 7,
            },
        ] {
            assert_eq!(ConversationCursor::decode(&cursor.encode()), Some(cursor));
        }
        assert_eq!(ConversationCursor::decode("not a cursor"), None);
        assert_eq!(page_size(None), Ok(50));
        assert!(page_size(Some(0)).is_err() && page_size(Some(201)).is_err());
    }
}
