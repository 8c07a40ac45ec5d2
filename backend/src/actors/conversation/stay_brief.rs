//! The stay a live `conversation.updated` carries (`ConversationSummary.stay`).
//!
//! The actor holds the brief of its linked stay so that every update it publishes says which
//! rental and dates the conversation is about — a conversation linked on a later guest message,
//! or opened by a scheduled message, shows its stay at once, without a reload. The brief is read
//! again only when it may have changed: the link moved (guest message, operator PATCH), a stay
//! was written (`db::stays::writes`, bumped by every stay write of this process and by the
//! cluster's "stays changed" signal), or the quarter of an hour changed (the phase is on the
//! property's local date, whose midnight can fall on any quarter hour of UTC). Most updates cost
//! no query: an unlinked conversation never reads one.

use chrono::{DateTime, Utc};
use protocol::stays::StayBrief;
use protocol::ConciergerieId;
use sea_orm::DatabaseConnection;

use crate::db;

/// What the held brief was read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct BriefKey {
    pub stay: i64,
    pub writes: u64,
    /// Quarters of an hour since the epoch (`quarter`).
    pub quarter: i64,
}

/// The quarter of an hour `now` falls in: a brief read in it has the right local date for every
/// zone (all offsets in use are whole quarters of an hour).
pub(super) fn quarter(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(15 * 60)
}

#[derive(Debug, Default)]
pub(super) struct HeldBrief {
    held: Option<(BriefKey, Option<StayBrief>)>,
}

impl HeldBrief {
    /// The key to read the brief for before publishing, when the held one is not it.
    pub fn wanted(&self, stay: Option<i64>, writes: u64, quarter: i64) -> Option<BriefKey> {
        let key = BriefKey {
            stay: stay?,
            writes,
            quarter,
        };
        match &self.held {
            Some((held, _)) if *held == key => None,
            _ => Some(key),
        }
    }

    pub fn store(&mut self, key: BriefKey, brief: Option<StayBrief>) {
        self.held = Some((key, brief));
    }

    /// The brief of `stay` if held (a stale one is better than none: it is replaced at the
    /// next update).
    pub fn get(&self, stay: Option<i64>) -> Option<StayBrief> {
        let stay = stay?;
        self.held
            .as_ref()
            .filter(|(key, _)| key.stay == stay)
            .and_then(|(_, brief)| brief.clone())
    }
}

/// Reads the brief of one of the tenant's stays (`None`: deleted, or another tenant's).
pub(super) async fn load(
    db: &DatabaseConnection,
    tenant: ConciergerieId,
    key: BriefKey,
) -> Option<StayBrief> {
    let at = DateTime::from_timestamp(key.quarter * 15 * 60, 0).unwrap_or_else(Utc::now);
    match db::stays::briefs(db, tenant, [key.stay], at).await {
        Ok(mut found) => found.remove(&key.stay),
        Err(e) => {
            // The update goes without its stay; the next one tries again.
            tracing::warn!(stay_id = key.stay, error = %e, "could not read the conversation's stay");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brief_is_read_again_only_when_the_link_a_stay_or_the_quarter_hour_changed() {
        let at = |h, m| {
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
                .and_utc()
        };
        let day = quarter(at(22, 45));
        assert_eq!(day, quarter(at(22, 59)), "one quarter of an hour");
        let mut held = HeldBrief::default();
        assert_eq!(held.wanted(None, 0, day), None, "unlinked: nothing to read");
        let key = held.wanted(Some(7), 0, day).expect("linked: read it");
        held.store(key, None);
        assert_eq!(held.wanted(Some(7), 0, day), None);
        assert!(held.wanted(Some(8), 0, day).is_some(), "linked elsewhere");
        assert!(held.wanted(Some(7), 1, day).is_some(), "a stay was written");
        assert!(
            held.wanted(Some(7), 0, quarter(at(23, 0))).is_some(),
            "midnight in Paris: the phase may have changed"
        );
        assert_eq!(held.get(Some(8)), None, "never another stay's brief");
    }
}
