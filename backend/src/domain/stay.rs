//! A stay's fields, validated once at the edge: dates, the guest's address, the phone digits a
//! calendar gives.

use chrono::NaiveDate;
use protocol::stays::{NewStay, StayPatch};
use protocol::{PropertyId, StaySource, StayStatus};

use super::required_text;
use crate::error::AppError;

const MAX_GUEST_NAME: usize = 200;
const MAX_UID: usize = 500;
const MAX_GUESTS: i32 = 100;

/// Everything that describes a stay, whoever wrote it (an operator, a CSV line, a feed).
#[derive(Debug, Clone, PartialEq)]
pub struct StayFields {
    pub property_id: PropertyId,
    pub guest_name: String,
    /// `+` and digits (or an opaque WhatsApp address), without `whatsapp:`.
    pub whatsapp_number: Option<String>,
    pub phone_last_digits: Option<String>,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    pub guests: Option<i32>,
    pub source: StaySource,
    pub status: StayStatus,
}

impl StayFields {
    pub fn from_new(new: &NewStay) -> Result<Self, AppError> {
        let fields = StayFields {
            property_id: new.property_id,
            guest_name: required_text("guest_name", &new.guest_name, MAX_GUEST_NAME)?,
            whatsapp_number: new
                .whatsapp_number
                .as_deref()
                .map(guest_address)
                .transpose()?,
            phone_last_digits: new
                .phone_last_digits
                .as_deref()
                .map(last_digits)
                .transpose()?,
            arrival: body_date("arrival", &new.arrival)?,
            departure: body_date("departure", &new.departure)?,
            guests: new.guests.map(guests).transpose()?,
            source: new.source.unwrap_or(StaySource::Direct),
            status: StayStatus::Confirmed,
        };
        fields.checked()
    }

    /// The fields after `patch`; absent fields keep their current value.
    pub fn patched(mut self, patch: &StayPatch) -> Result<Self, AppError> {
        if let Some(property) = patch.property_id {
            self.property_id = property;
        }
        if let Some(name) = &patch.guest_name {
            self.guest_name = required_text("guest_name", name, MAX_GUEST_NAME)?;
        }
        if let Some(number) = &patch.whatsapp_number {
            self.whatsapp_number = number.as_deref().map(guest_address).transpose()?;
        }
        if let Some(digits) = &patch.phone_last_digits {
            self.phone_last_digits = digits.as_deref().map(last_digits).transpose()?;
        }
        if let Some(date) = &patch.arrival {
            self.arrival = body_date("arrival", date)?;
        }
        if let Some(date) = &patch.departure {
            self.departure = body_date("departure", date)?;
        }
        if let Some(count) = patch.guests {
            self.guests = count.map(guests).transpose()?;
        }
        if let Some(source) = patch.source {
            self.source = source;
        }
        if let Some(status) = patch.status {
            self.status = status;
        }
        self.checked()
    }

    /// Checks what involves several fields (the dates' order).
    pub fn checked(self) -> Result<Self, AppError> {
        if self.departure <= self.arrival {
            return Err(AppError::validation(
                "departure",
                format!(
                    "the departure ({}) must be after the arrival ({})",
                    self.departure, self.arrival
                ),
            ));
        }
        Ok(self)
    }
}

/// A date in a JSON body: `YYYY-MM-DD` only, 422 otherwise.
fn body_date(field: &'static str, raw: &str) -> Result<NaiveDate, AppError> {
    iso_date(raw).ok_or_else(|| {
        AppError::validation(
            field,
            format!("`{}` is not a date (expected YYYY-MM-DD)", raw.trim()),
        )
    })
}

pub fn iso_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// A date as people type it in a spreadsheet: ISO `2026-07-14` or French `14/07/2026`.
pub fn spreadsheet_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    iso_date(raw).or_else(|| NaiveDate::parse_from_str(raw, "%d/%m/%Y").ok())
}

/// A date in a query string (`?from=`): `YYYY-MM-DD`, 400 otherwise.
pub fn query_date(param: &str, raw: &str) -> Result<NaiveDate, AppError> {
    iso_date(raw).ok_or_else(|| {
        AppError::BadRequest(format!(
            "`{param}={raw}` is not a date (expected YYYY-MM-DD, e.g. 2026-07-14)"
        ))
    })
}

/// The guest's WhatsApp address as conversations store it (`+33612345678`, no `whatsapp:`).
/// Spaces, dots, dashes and brackets are dropped; `00` becomes `+`; a French national number
/// (`06 12 34 56 78`) is read as `+33`, the conciergeries' home country.
pub fn guest_address(raw: &str) -> Result<String, AppError> {
    let trimmed = raw.trim();
    let bare = trimmed.strip_prefix("whatsapp:").unwrap_or(trimmed);
    let compact: String = bare
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
        .collect();
    let international = if let Some(rest) = compact.strip_prefix("00") {
        format!("+{rest}")
    } else if compact.len() == 10 && compact.starts_with('0') {
        format!("+33{}", &compact[1..])
    } else {
        compact
    };
    let digits = international.strip_prefix('+').unwrap_or("");
    let valid = digits.chars().all(|c| c.is_ascii_digit())
        && (7..=15).contains(&digits.len())
        && !digits.starts_with('0');
    if valid {
        Ok(international)
    } else {
        Err(AppError::validation(
            "whatsapp_number",
            format!("`{trimmed}` is not a phone number (expected +33612345678)"),
        ))
    }
}

/// The end of a phone number, as calendar feeds give it (Airbnb: 4 digits).
pub fn last_digits(raw: &str) -> Result<String, AppError> {
    let digits = raw.trim();
    if (2..=8).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits.to_owned())
    } else {
        Err(AppError::validation(
            "phone_last_digits",
            format!("`{digits}` is not the end of a phone number (2 to 8 digits)"),
        ))
    }
}

fn guests(count: i32) -> Result<i32, AppError> {
    if (1..=MAX_GUESTS).contains(&count) {
        Ok(count)
    } else {
        Err(AppError::validation(
            "guests",
            format!("the number of guests must be between 1 and {MAX_GUESTS}"),
        ))
    }
}

/// An external reference (iCal `UID`, CSV reference): trimmed, not empty, bounded.
pub fn external_uid(raw: &str) -> Result<String, AppError> {
    required_text("external_uid", raw, MAX_UID)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_stay(arrival: &str, departure: &str) -> NewStay {
        NewStay {
            property_id: PropertyId(1),
            guest_name: "Alice".into(),
            whatsapp_number: None,
            phone_last_digits: None,
            arrival: arrival.into(),
            departure: departure.into(),
            guests: None,
            source: None,
            external_uid: None,
        }
    }

    #[test]
    fn departure_must_follow_arrival() {
        assert!(StayFields::from_new(&new_stay("2026-07-01", "2026-07-05")).is_ok());
        assert!(StayFields::from_new(&new_stay("2026-07-05", "2026-07-05")).is_err());
        assert!(StayFields::from_new(&new_stay("2026-07-05", "2026-07-01")).is_err());
        assert!(StayFields::from_new(&new_stay("01/07/2026", "2026-07-05")).is_err());
    }

    #[test]
    fn spreadsheet_dates_accept_iso_and_french() {
        let july = NaiveDate::from_ymd_opt(2026, 7, 14).unwrap();
        assert_eq!(spreadsheet_date("2026-07-14"), Some(july));
        assert_eq!(spreadsheet_date(" 14/07/2026 "), Some(july));
        assert_eq!(spreadsheet_date("07/14/2026"), None);
        assert_eq!(spreadsheet_date("31/02/2026"), None);
    }

    #[test]
    fn guest_addresses_are_normalised_like_conversations() {
        for raw in [
            "+33 6 12 34 56 78",
            "whatsapp:+33612345678",
            "0033612345678",
            "06.12.34.56.78",
        ] {
            assert_eq!(guest_address(raw).unwrap(), "+33612345678", "{raw}");
        }
        for bad in ["", "hello", "+0612", "12345"] {
            assert!(guest_address(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn last_digits_are_a_few_digits() {
        assert_eq!(last_digits(" 1234 ").unwrap(), "1234");
        assert!(last_digits("12a4").is_err());
        assert!(last_digits("1").is_err());
    }
}
