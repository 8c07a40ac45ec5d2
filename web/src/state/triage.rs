//! The inbox's triage: which part of it is shown (open, snoozed, closed), the label filter, and
//! the snooze presets of the chat header. Pure, so the rules are unit-tested on the host.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use protocol::conversations::ConversationSummary;
use protocol::{ConversationStatus, InboxView, LabelId, Timestamp};

/// Snoozed now: a time that has not come yet (a passed one is woken by the server any moment).
pub fn is_snoozed(c: &ConversationSummary, now: Timestamp) -> bool {
    c.snoozed_until.is_some_and(|t| t > now)
}

/// Whether a conversation belongs to a view, as the server's `?view=` decides it.
pub fn in_view(view: InboxView, c: &ConversationSummary, now: Timestamp) -> bool {
    let closed = c.status == ConversationStatus::Closed;
    match view {
        InboxView::Open => !closed && !is_snoozed(c, now),
        InboxView::Snoozed => !closed && is_snoozed(c, now),
        InboxView::Closed => closed,
    }
}

/// The label filter: none, or the conversation carries the label.
pub fn has_label(c: &ConversationSummary, label: Option<LabelId>) -> bool {
    label.is_none_or(|l| c.labels.contains(&l))
}

/// "Reporter" presets, in the operator's local time (`offset_minutes` east of UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnoozePreset {
    OneHour,
    /// Tomorrow at 9:00.
    TomorrowMorning,
    /// Next Monday at 9:00.
    NextWeek,
}

impl SnoozePreset {
    pub const ALL: [SnoozePreset; 3] = [
        SnoozePreset::OneHour,
        SnoozePreset::TomorrowMorning,
        SnoozePreset::NextWeek,
    ];

    pub fn until(self, now: Timestamp, offset_minutes: i32) -> Timestamp {
        let local = now.naive_utc() + Duration::minutes(offset_minutes.into());
        let nine = NaiveTime::from_hms_opt(9, 0, 0).expect("9:00");
        let at_nine = |day: NaiveDate| {
            let local = NaiveDateTime::new(day, nine);
            Utc.from_utc_datetime(&(local - Duration::minutes(offset_minutes.into())))
        };
        match self {
            SnoozePreset::OneHour => now + Duration::hours(1),
            SnoozePreset::TomorrowMorning => at_nine(local.date() + Duration::days(1)),
            SnoozePreset::NextWeek => {
                let today = local.date();
                let days = 7 - i64::from(today.weekday().num_days_from_monday());
                let monday = today + Duration::days(days);
                debug_assert_eq!(monday.weekday(), Weekday::Mon);
                at_nine(monday)
            }
        }
    }
}

/// A `datetime-local` input's value (`2026-11-29T09:00`, local time) as a UTC instant.
pub fn parse_local(value: &str, offset_minutes: i32) -> Option<Timestamp> {
    let local = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M").ok()?;
    Some(Utc.from_utc_datetime(&(local - Duration::minutes(offset_minutes.into()))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::inbox::tests::conv;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Timestamp {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn views_split_open_snoozed_and_closed() {
        let now = at(2026, 11, 28, 12, 0);
        let mut c = conv(1, 1);
        assert!(in_view(InboxView::Open, &c, now));
        c.snoozed_until = Some(now + Duration::hours(1));
        assert!(!in_view(InboxView::Open, &c, now));
        assert!(in_view(InboxView::Snoozed, &c, now));
        // Its time has come: back in the open view even before the server's event.
        assert!(in_view(InboxView::Open, &c, now + Duration::hours(2)));
        c.snoozed_until = None;
        c.status = ConversationStatus::Closed;
        assert!(in_view(InboxView::Closed, &c, now));
        assert!(!in_view(InboxView::Open, &c, now));
        assert!(!in_view(InboxView::Snoozed, &c, now));
    }

    #[test]
    fn the_label_filter_keeps_labelled_conversations() {
        let mut c = conv(1, 1);
        assert!(has_label(&c, None));
        assert!(!has_label(&c, Some(LabelId(4))));
        c.labels = vec![LabelId(2), LabelId(4)];
        assert!(has_label(&c, Some(LabelId(4))));
    }

    #[test]
    fn presets_fall_in_the_operators_local_time() {
        // Saturday 28 November 2026, 23:30 in Paris (UTC+1).
        let now = at(2026, 11, 28, 22, 30);
        assert_eq!(
            SnoozePreset::OneHour.until(now, 60),
            at(2026, 11, 28, 23, 30)
        );
        // Tomorrow is Sunday 29 in Paris: 9:00 there is 8:00 UTC.
        assert_eq!(
            SnoozePreset::TomorrowMorning.until(now, 60),
            at(2026, 11, 29, 8, 0)
        );
        assert_eq!(
            SnoozePreset::NextWeek.until(now, 60),
            at(2026, 11, 30, 8, 0)
        );
        assert_eq!(
            parse_local("2026-12-01T18:45", 60),
            Some(at(2026, 12, 1, 17, 45))
        );
        assert_eq!(parse_local("demain", 60), None);
    }
}
