//! A property's fields, validated once at the edge.

use chrono::NaiveTime;
use protocol::properties::{NewProperty, PropertyPatch};

use super::time_zone::TimeZone;
use super::{optional_text, required_text};
use crate::error::AppError;

const MAX_NAME: usize = 200;
const MAX_ADDRESS: usize = 500;
const MAX_INSTRUCTIONS: usize = 8000;
/// A property rarely has more than one feed per channel it is listed on.
pub const MAX_ICAL_URLS: usize = 10;
const MAX_URL: usize = 2000;

pub const DEFAULT_CHECK_IN: &str = "16:00";
pub const DEFAULT_CHECK_OUT: &str = "11:00";

/// Everything an operator sets on a property.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyFields {
    pub name: String,
    pub address: String,
    /// `HH:MM`.
    pub check_in_time: String,
    /// `HH:MM`.
    pub check_out_time: String,
    pub arrival_instructions: String,
    pub time_zone: TimeZone,
    pub ical_urls: Vec<String>,
}

impl PropertyFields {
    /// `zone`: the conciergerie's, for a property created without one.
    pub fn from_new(new: &NewProperty, zone: TimeZone) -> Result<Self, AppError> {
        Ok(PropertyFields {
            name: required_text("name", &new.name, MAX_NAME)?,
            address: optional_text("address", &new.address, MAX_ADDRESS)?,
            check_in_time: local_time(
                "check_in_time",
                new.check_in_time.as_deref().unwrap_or(DEFAULT_CHECK_IN),
            )?,
            check_out_time: local_time(
                "check_out_time",
                new.check_out_time.as_deref().unwrap_or(DEFAULT_CHECK_OUT),
            )?,
            arrival_instructions: optional_text(
                "arrival_instructions",
                &new.arrival_instructions,
                MAX_INSTRUCTIONS,
            )?,
            time_zone: match &new.time_zone {
                Some(name) => TimeZone::parse("time_zone", name)?,
                None => zone,
            },
            ical_urls: ical_urls(&new.ical_urls)?,
        })
    }

    /// The fields after `patch`; absent fields keep their current value.
    pub fn patched(mut self, patch: &PropertyPatch) -> Result<Self, AppError> {
        if let Some(name) = &patch.name {
            self.name = required_text("name", name, MAX_NAME)?;
        }
        if let Some(address) = &patch.address {
            self.address = optional_text("address", address, MAX_ADDRESS)?;
        }
        if let Some(time) = &patch.check_in_time {
            self.check_in_time = local_time("check_in_time", time)?;
        }
        if let Some(time) = &patch.check_out_time {
            self.check_out_time = local_time("check_out_time", time)?;
        }
        if let Some(text) = &patch.arrival_instructions {
            self.arrival_instructions =
                optional_text("arrival_instructions", text, MAX_INSTRUCTIONS)?;
        }
        if let Some(name) = &patch.time_zone {
            self.time_zone = TimeZone::parse("time_zone", name)?;
        }
        if let Some(urls) = &patch.ical_urls {
            self.ical_urls = ical_urls(urls)?;
        }
        Ok(self)
    }
}

/// A local time of day as `HH:MM`. French habits (`16h`, `16h30`) are accepted too.
pub fn local_time(field: &'static str, raw: &str) -> Result<String, AppError> {
    let raw = raw.trim();
    let french = raw.replace(['h', 'H'], ":");
    let candidate = if french.ends_with(':') {
        format!("{french}00")
    } else {
        french
    };
    NaiveTime::parse_from_str(&candidate, "%H:%M")
        .map(|t| t.format("%H:%M").to_string())
        .map_err(|_| {
            AppError::validation(
                field,
                format!("`{raw}` is not a time of day (expected HH:MM, e.g. 16:00)"),
            )
        })
}

/// Calendar feed URLs: http(s), or `webcal://` (read as https, which is what it means).
/// Duplicates are dropped, order kept.
pub fn ical_urls(raw: &[String]) -> Result<Vec<String>, AppError> {
    let mut urls: Vec<String> = Vec::new();
    for entry in raw {
        let entry = entry.trim();
        if entry.len() > MAX_URL {
            return Err(AppError::validation(
                "ical_urls",
                format!("a calendar URL is too long ({MAX_URL} characters at most)"),
            ));
        }
        let normalized = match entry.strip_prefix("webcal://") {
            Some(rest) => format!("https://{rest}"),
            None => entry.to_owned(),
        };
        let valid = url::Url::parse(&normalized)
            .map(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .unwrap_or(false);
        if !valid {
            return Err(AppError::validation(
                "ical_urls",
                format!("`{entry}` is not an http(s) calendar URL"),
            ));
        }
        if !urls.contains(&normalized) {
            urls.push(normalized);
        }
    }
    if urls.len() > MAX_ICAL_URLS {
        return Err(AppError::validation(
            "ical_urls",
            format!("at most {MAX_ICAL_URLS} calendar URLs per property"),
        ));
    }
    Ok(urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_normalised_to_hh_mm() {
        assert_eq!(local_time("t", "16:00").unwrap(), "16:00");
        assert_eq!(local_time("t", "9:30").unwrap(), "09:30");
        assert_eq!(local_time("t", "16h").unwrap(), "16:00");
        assert_eq!(local_time("t", "16h30").unwrap(), "16:30");
        for bad in ["", "25:00", "noon", "16:61"] {
            assert!(local_time("t", bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn calendar_urls_are_http_and_deduplicated() {
        let urls = ical_urls(&[
            "webcal://www.airbnb.fr/calendar/ical/1.ics?s=x".into(),
            "https://www.airbnb.fr/calendar/ical/1.ics?s=x".into(),
            " http://example.com/b.ics ".into(),
        ])
        .unwrap();
        assert_eq!(
            urls,
            [
                "https://www.airbnb.fr/calendar/ical/1.ics?s=x",
                "http://example.com/b.ics"
            ]
        );
        assert!(ical_urls(&["ftp://example.com/a.ics".into()]).is_err());
        assert!(ical_urls(&["not a url".into()]).is_err());
    }

    #[test]
    fn a_new_property_gets_default_times() {
        let fields = PropertyFields::from_new(
            &NewProperty {
                name: " Studio Vieux-Port ".into(),
                ..Default::default()
            },
            TimeZone::DEFAULT,
        )
        .unwrap();
        assert_eq!(fields.name, "Studio Vieux-Port");
        assert_eq!(
            (
                fields.check_in_time.as_str(),
                fields.check_out_time.as_str()
            ),
            (DEFAULT_CHECK_IN, DEFAULT_CHECK_OUT)
        );
        assert_eq!(fields.time_zone, TimeZone::DEFAULT);
        assert!(PropertyFields::from_new(&NewProperty::default(), TimeZone::DEFAULT).is_err());
    }

    #[test]
    fn a_time_zone_is_an_iana_name() {
        let new = |zone: &str| NewProperty {
            name: "Villa".into(),
            time_zone: Some(zone.into()),
            ..Default::default()
        };
        let fields = PropertyFields::from_new(&new("America/Guadeloupe"), TimeZone::DEFAULT);
        assert_eq!(fields.unwrap().time_zone.name(), "America/Guadeloupe");
        assert!(PropertyFields::from_new(&new("Paris"), TimeZone::DEFAULT).is_err());
    }
}
