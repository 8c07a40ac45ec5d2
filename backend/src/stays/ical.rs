//! Reading a calendar feed (Airbnb, Booking, VRBO exports) into bookings. Pure: no I/O.
//!
//! Airbnb's export, the reference: one `VEVENT` per booking or block, `DTSTART;VALUE=DATE`,
//! `DTEND;VALUE=DATE` (the departure day), a stable `UID`, `SUMMARY:Reserved` for a booking and
//! `SUMMARY:Airbnb (Not available)` for a block, and a `DESCRIPTION` with the reservation URL
//! and `Phone Number (Last 4 Digits): 1234`.

use chrono::NaiveDate;
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventStatus};
use protocol::StaySource;

use crate::domain::time_zone::TimeZone;

/// One booking found in a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedBooking {
    pub uid: String,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    /// The summary when it names someone, else a label such as `Réservation Airbnb`.
    pub guest_name: String,
    pub phone_last_digits: Option<String>,
    pub source: StaySource,
}

/// The bookings of a feed; blocks, cancelled and malformed events are left out. Dates are the
/// property's (`zone`).
pub fn bookings(text: &str, feed_url: &str, zone: TimeZone) -> Result<Vec<FeedBooking>, String> {
    // A login page or an error page served with 200 is the usual failure: say so plainly.
    if !text.contains("BEGIN:VCALENDAR") {
        return Err("the feed is not an iCalendar file (no BEGIN:VCALENDAR)".into());
    }
    let calendar: Calendar = text
        .parse()
        .map_err(|e| format!("the feed cannot be read as iCalendar: {e}"))?;
    let feed_source = source_of(feed_url);
    let mut found = Vec::new();
    for event in calendar.components.iter().filter_map(|c| c.as_event()) {
        if event.get_status() == Some(EventStatus::Cancelled) {
            continue;
        }
        let summary = event.get_summary().unwrap_or("").trim();
        if is_block(summary) {
            continue;
        }
        let day = |value| day(value, zone);
        let (Some(uid), Some(arrival)) = (event.get_uid(), event.get_start().map(day)) else {
            continue;
        };
        let departure = event
            .get_end()
            .map(day)
            .unwrap_or_else(|| arrival.succ_opt().unwrap_or(arrival));
        if departure <= arrival {
            continue;
        }
        let description = event.get_description().unwrap_or("");
        let source = match feed_source {
            StaySource::Other if description.contains("airbnb.") => StaySource::Airbnb,
            known => known,
        };
        found.push(FeedBooking {
            uid: uid.trim().to_owned(),
            arrival,
            departure,
            guest_name: guest_name(summary, source),
            phone_last_digits: phone_last_digits(description),
            source,
        });
    }
    Ok(found)
}

/// Blocked dates are not bookings: Airbnb's "Airbnb (Not available)", Booking's and VRBO's
/// "Blocked"/"Unavailable".
fn is_block(summary: &str) -> bool {
    let s = summary.to_lowercase();
    ["not available", "unavailable", "blocked", "indisponible"]
        .iter()
        .any(|w| s.contains(w))
}

/// The property's calendar day of a `DATE` or `DATE-TIME`. A `DATE` (what Airbnb, Booking and
/// VRBO export) and a floating date-time are already the property's local day; a UTC date-time,
/// or one with an IANA `TZID`, is the day it falls on in the property's zone (11 p.m. UTC is
/// already tomorrow in Paris). Another `TZID` (a Windows name) is taken as written.
fn day(value: DatePerhapsTime, zone: TimeZone) -> NaiveDate {
    match value {
        DatePerhapsTime::Date(date) => date,
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(at)) => zone.today(at),
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(at)) => at.date(),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            match TimeZone::named(&tzid) {
                Some(theirs) => zone.today(theirs.instant(date_time.date(), date_time.time())),
                None => date_time.date(),
            }
        }
    }
}

fn source_of(feed_url: &str) -> StaySource {
    let host = url::Url::parse(feed_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_lowercase))
        .unwrap_or_default();
    if host.contains("airbnb.") {
        StaySource::Airbnb
    } else if host.contains("booking.com") {
        StaySource::Booking
    } else if ["vrbo.", "homeaway.", "abritel."]
        .iter()
        .any(|h| host.contains(h))
    {
        StaySource::Vrbo
    } else {
        StaySource::Other
    }
}

fn guest_name(summary: &str, source: StaySource) -> String {
    let generic = summary.is_empty()
        || [
            "reserved",
            "réservé",
            "reservation",
            "réservation",
            "booked",
        ]
        .contains(&summary.to_lowercase().as_str());
    if !generic {
        return summary.chars().take(200).collect();
    }
    match source {
        StaySource::Airbnb => "Réservation Airbnb".into(),
        StaySource::Booking => "Réservation Booking".into(),
        StaySource::Vrbo => "Réservation VRBO".into(),
        StaySource::Direct | StaySource::Other => "Réservation".into(),
    }
}

/// `Phone Number (Last 4 Digits): 1234` in Airbnb's description.
fn phone_last_digits(description: &str) -> Option<String> {
    let lower = description.to_lowercase();
    let start = lower.find("last 4 digits")?;
    let after = &description[start..];
    let colon = after.find(':')?;
    let digits: String = after[colon + 1..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.len() >= 2).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AIRBNB: &str = "BEGIN:VCALENDAR\r\n\
PRODID;X-RICAL-TZSOURCE=TZINFO:-//Airbnb Inc//Hosting Calendar 1.0//EN\r\n\
CALSCALE:GREGORIAN\r\n\
VERSION:2.0\r\n\
BEGIN:VEVENT\r\n\
DTEND;VALUE=DATE:20260710\r\n\
DTSTART;VALUE=DATE:20260705\r\n\
UID:1418fb94e984-7a5a1b2e7b0b1b9f@airbnb.com\r\n\
DESCRIPTION:Reservation URL: https://www.airbnb.com/hosting/reservations/details/HMABCDEF\\nPhone Number (Last 4 Digits): 5678\r\n\
SUMMARY:Reserved\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
DTEND;VALUE=DATE:20260801\r\n\
DTSTART;VALUE=DATE:20260720\r\n\
UID:7f3e-blocked@airbnb.com\r\n\
SUMMARY:Airbnb (Not available)\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";

    #[test]
    fn airbnb_bookings_are_read_and_blocks_skipped() {
        let found = bookings(
            AIRBNB,
            "https://www.airbnb.fr/calendar/ical/123.ics?s=abc",
            TimeZone::DEFAULT,
        )
        .unwrap();
        assert_eq!(
            found,
            [FeedBooking {
                uid: "1418fb94e984-7a5a1b2e7b0b1b9f@airbnb.com".into(),
                arrival: NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
                departure: NaiveDate::from_ymd_opt(2026, 7, 10).unwrap(),
                guest_name: "Réservation Airbnb".into(),
                phone_last_digits: Some("5678".into()),
                source: StaySource::Airbnb,
            }]
        );
    }

    #[test]
    fn a_page_that_is_not_a_calendar_is_an_error() {
        assert!(bookings(
            "<html>login</html>",
            "https://example.com/a.ics",
            TimeZone::DEFAULT
        )
        .is_err());
    }

    #[test]
    fn named_summaries_and_other_hosts() {
        let feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:b1\r\nDTSTART:20260705T150000Z\r\nDTEND:20260707T100000Z\r\nSUMMARY:Marie Dupont\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let found = bookings(
            feed,
            "https://admin.booking.com/hotel/ical.ics",
            TimeZone::DEFAULT,
        )
        .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].guest_name, "Marie Dupont");
        assert_eq!(found[0].source, StaySource::Booking);
        assert_eq!(found[0].phone_last_digits, None);
        assert_eq!(
            (found[0].arrival.to_string(), found[0].departure.to_string()),
            ("2026-07-05".into(), "2026-07-07".into())
        );
    }

    #[test]
    fn date_times_are_read_on_the_propertys_calendar() {
        // 22:30 UTC on 4 July is 00:30 on 5 July in Paris (UTC+2) but still 4 July in Martinique.
        let feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:b2\r\nDTSTART:20260704T223000Z\r\nDTEND;TZID=America/Martinique:20260707T100000\r\nSUMMARY:Reserved\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let dates = |zone: &str| {
            let zone = TimeZone::parse("time_zone", zone).unwrap();
            let found = bookings(feed, "https://example.com/a.ics", zone).unwrap();
            (found[0].arrival.to_string(), found[0].departure.to_string())
        };
        assert_eq!(
            dates("Europe/Paris"),
            ("2026-07-05".into(), "2026-07-07".into())
        );
        assert_eq!(
            dates("America/Martinique"),
            ("2026-07-04".into(), "2026-07-07".into())
        );
    }
}
