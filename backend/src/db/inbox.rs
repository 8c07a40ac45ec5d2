//! The inbox's views (`?view=open|snoozed|closed`) and label filter (`?label=`), as conditions on
//! `conversations` for `db::pages::conversations`, and the snooze sweep's query.

use chrono::{DateTime, Utc};
use entity::conversation;
use protocol::{ConversationId, ConversationStatus, InboxView, LabelId};
use sea_orm::sea_query::{Condition, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::error::AppError;

/// `?view=` and `?label=`; both absent lists every conversation, as before they existed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
pub struct InboxNarrowing {
    pub view: Option<InboxView>,
    pub label: Option<LabelId>,
}

impl InboxNarrowing {
    /// The query parameters, for the next page's link.
    pub fn params(&self) -> Vec<String> {
        let mut params = Vec::new();
        if let Some(view) = self.view {
            params.push(format!("view={}", view.as_str()));
        }
        if let Some(label) = self.label {
            params.push(format!("label={}", label.0));
        }
        params
    }

    /// The condition on `conversations`, or `None` when it narrows nothing. A snooze whose time
    /// has passed but that the sweep has not cleared yet already counts as open.
    pub fn condition(&self, now: DateTime<Utc>) -> Option<SimpleExpr> {
        use conversation::Column as C;
        let mut all = Condition::all();
        let mut any = false;
        let snoozed = || {
            Condition::all()
                .add(C::SnoozedUntil.is_not_null())
                .add(C::SnoozedUntil.gt(now))
        };
        match self.view {
            Some(InboxView::Open) => {
                all = all.add(C::Status.ne(ConversationStatus::Closed)).add(
                    Condition::any()
                        .add(C::SnoozedUntil.is_null())
                        .add(C::SnoozedUntil.lte(now)),
                );
                any = true;
            }
            Some(InboxView::Snoozed) => {
                all = all
                    .add(C::Status.ne(ConversationStatus::Closed))
                    .add(snoozed());
                any = true;
            }
            Some(InboxView::Closed) => {
                all = all.add(C::Status.eq(ConversationStatus::Closed));
                any = true;
            }
            None => {}
        }
        if let Some(label) = self.label {
            all = all.add(super::labels::carrying(label));
            any = true;
        }
        any.then(|| all.into())
    }
}

/// Conversations whose snooze time has come, every tenant's: the sweep wakes them.
pub async fn snoozes_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<ConversationId>, AppError> {
    use conversation::Column as C;
    let ids: Vec<i64> = conversation::Entity::find()
        .select_only()
        .column(C::Id)
        .filter(C::SnoozedUntil.is_not_null())
        .filter(C::SnoozedUntil.lte(now))
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.into_iter().map(ConversationId).collect())
}
