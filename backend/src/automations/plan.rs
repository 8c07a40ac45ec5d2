//! When an automation's message is due for a stay, and what an operator may write in one.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use protocol::automations::NewAutomation;
use protocol::AutomationAnchor;

use crate::domain::property::local_time;
use crate::domain::required_text;
use crate::domain::time_zone::TimeZone;
use crate::error::AppError;

const MAX_NAME: usize = 200;
const MAX_BODY: usize = 1600;
/// A stay-relative message a month away from the stay is not about the stay any more.
const MAX_OFFSET_DAYS: i32 = 30;

/// `offset_days` from the anchor date, at `send_time` on the property's wall clock (`zone`):
/// "the day before at 18:00" is 18:00 in Paris, summer and winter alike. A time the clocks skip
/// or show twice that day is resolved as `TimeZone::instant` says.
pub fn due_at(
    anchor: AutomationAnchor,
    offset_days: i32,
    send_time: &str,
    zone: TimeZone,
    arrival: NaiveDate,
    departure: NaiveDate,
) -> DateTime<Utc> {
    let day = match anchor {
        AutomationAnchor::Arrival => arrival,
        AutomationAnchor::Departure => departure,
    } + Duration::days(i64::from(offset_days));
    let time = NaiveTime::parse_from_str(send_time, "%H:%M").unwrap_or(NaiveTime::MIN);
    zone.instant(day, time)
}

/// A new automation's fields, checked.
pub struct AutomationFields {
    pub name: String,
    pub send_time: String,
    pub body: String,
    pub content_sid: Option<String>,
    /// JSON object text, as stored.
    pub content_variables: Option<String>,
}

pub fn validate(new: &NewAutomation) -> Result<AutomationFields, AppError> {
    if new.offset_days.abs() > MAX_OFFSET_DAYS {
        return Err(AppError::validation(
            "offset_days",
            format!("at most {MAX_OFFSET_DAYS} days before or after the date"),
        ));
    }
    let content_sid = new.content_sid.as_deref().map(str::trim);
    if let Some(sid) = content_sid {
        let valid = sid.len() == 34
            && sid.starts_with("HX")
            && sid[2..].chars().all(|c| c.is_ascii_hexdigit());
        if !valid {
            return Err(AppError::validation(
                "content_sid",
                format!("`{sid}` is not a Twilio Content SID (HX and 32 hex digits)"),
            ));
        }
    }
    if content_sid.is_none() && !new.content_variables.is_empty() {
        return Err(AppError::validation(
            "content_variables",
            "template variables need a content_sid",
        ));
    }
    Ok(AutomationFields {
        name: required_text("name", &new.name, MAX_NAME)?,
        send_time: local_time("send_time", &new.send_time)?,
        body: required_text("body", &new.body, MAX_BODY)?,
        content_sid: content_sid.map(str::to_owned),
        content_variables: (!new.content_variables.is_empty())
            .then(|| serde_json::to_string(&new.content_variables).unwrap_or_default()),
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;

    #[test]
    fn the_day_before_arrival_and_the_departure_morning() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let utc = TimeZone::parse("time_zone", "UTC").unwrap();
        assert_eq!(
            due_at(
                AutomationAnchor::Arrival,
                -1,
                "18:00",
                utc,
                day(10),
                day(12)
            ),
            Utc.with_ymd_and_hms(2026, 12, 9, 18, 0, 0).unwrap()
        );
        assert_eq!(
            due_at(
                AutomationAnchor::Departure,
                0,
                "08:30",
                utc,
                day(10),
                day(12)
            ),
            Utc.with_ymd_and_hms(2026, 12, 12, 8, 30, 0).unwrap()
        );
        // Paris is UTC+1 in December.
        assert_eq!(
            due_at(
                AutomationAnchor::Arrival,
                -1,
                "18:00",
                TimeZone::DEFAULT,
                day(10),
                day(12)
            ),
            Utc.with_ymd_and_hms(2026, 12, 9, 17, 0, 0).unwrap()
        );
    }
}
