//! A property's time zone: where its dates ("arriving today") and times of day (check-in,
//! "the day before at 18:00") are read. Stored as the IANA name; the rules come from `chrono-tz`,
//! so daylight-saving changes are followed without anyone touching the property.

use chrono::{
    DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _, Utc,
};
use chrono_tz::Tz;

use crate::error::AppError;

/// The zone of the first conciergeries, and of every row written before zones existed.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Paris";

/// A valid IANA time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(Tz);

impl TimeZone {
    pub const DEFAULT: TimeZone = TimeZone(chrono_tz::Europe::Paris);

    /// An IANA name from a request (`Europe/Paris`, `America/Guadeloupe`, `UTC`); anything else is
    /// a validation error on `field`.
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, AppError> {
        let raw = raw.trim();
        raw.parse::<Tz>().map(TimeZone).map_err(|_| {
            AppError::validation(
                field,
                format!("`{raw}` is not an IANA time zone (e.g. Europe/Paris, America/Martinique)"),
            )
        })
    }

    /// A name from elsewhere (a calendar's `TZID`), if it is an IANA one.
    pub fn named(name: &str) -> Option<Self> {
        name.trim().parse::<Tz>().ok().map(TimeZone)
    }

    /// A name read from the database. The server only writes names it parsed, so one that no
    /// longer parses (a zone withdrawn from a later tz database) reads as the default rather
    /// than failing every page that shows the property.
    pub fn stored(name: &str) -> Self {
        Self::named(name).unwrap_or(Self::DEFAULT)
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The local date at `now`.
    pub fn today(self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.0).date_naive()
    }

    /// The instant the local wall clock shows `time` on `day`. Twice a year that is not one
    /// instant: a time skipped when clocks go forward (02:30 on the last Sunday of March in Paris)
    /// is read as the first instant after the gap (03:00 CEST: the message goes as soon as that
    /// time has come), and a time shown twice when clocks go back (02:30 on the last Sunday of
    /// October) is the first of the two, so nothing waits an extra hour.
    pub fn instant(self, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let wall = day.and_time(time);
        match self.0.from_local_datetime(&wall) {
            LocalResult::Single(at) => at.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            LocalResult::None => self.after_gap(wall),
        }
    }

    /// The first existing local minute after `wall`, which fell in a gap. Gaps are an hour in
    /// practice; a day (Samoa, 2011) is the longest there has been.
    fn after_gap(self, wall: NaiveDateTime) -> DateTime<Utc> {
        (1..=48 * 60)
            .map(|minutes| wall + Duration::minutes(minutes))
            .find_map(|later| match self.0.from_local_datetime(&later) {
                LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => {
                    Some(at.with_timezone(&Utc))
                }
                LocalResult::None => None,
            })
            .unwrap_or_else(|| wall.and_utc())
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paris() -> TimeZone {
        TimeZone::parse("time_zone", "Europe/Paris").unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(paris().name(), "Europe/Paris");
        assert_eq!(
            TimeZone::parse("f", " America/Martinique ").unwrap().name(),
            "America/Martinique"
        );
        for bad in ["", "Paris", "Europe/Pariss", "UTC+1"] {
            let err = TimeZone::parse("time_zone", bad).unwrap_err();
            assert!(
                matches!(
                    err,
                    AppError::Validation {
                        field: Some("time_zone"),
                        ..
                    }
                ),
                "{bad}: {err:?}"
            );
        }
        assert_eq!(TimeZone::stored("Nowhere/Gone"), TimeZone::DEFAULT);
    }

    #[test]
    fn local_wall_clock_follows_daylight_saving() {
        let winter = paris().instant(day(2026, 12, 9), hm(18, 0));
        assert_eq!(winter, day(2026, 12, 9).and_time(hm(17, 0)).and_utc());
        let summer = paris().instant(day(2026, 7, 9), hm(18, 0));
        assert_eq!(summer, day(2026, 7, 9).and_time(hm(16, 0)).and_utc());
    }

    #[test]
    fn skipped_and_repeated_times_are_resolved() {
        // 29 March 2026, 02:00 CET → 03:00 CEST: 02:30 does not exist in Paris.
        let skipped = paris().instant(day(2026, 3, 29), hm(2, 30));
        assert_eq!(skipped, day(2026, 3, 29).and_time(hm(1, 0)).and_utc());
        // 25 October 2026, 03:00 CEST → 02:00 CET: 02:30 happens twice; the first is 00:30 UTC.
        let repeated = paris().instant(day(2026, 10, 25), hm(2, 30));
        assert_eq!(repeated, day(2026, 10, 25).and_time(hm(0, 30)).and_utc());
    }

    #[test]
    fn today_is_the_local_date() {
        let late = day(2026, 12, 9).and_time(hm(23, 30)).and_utc();
        assert_eq!(paris().today(late), day(2026, 12, 10));
        assert_eq!(
            TimeZone::parse("f", "UTC").unwrap().today(late),
            day(2026, 12, 9)
        );
    }
}
