//! Stays (séjours): one guest's booking at one property.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{PropertyId, StayId, StayOrigin, StaySource, StayStatus, Timestamp};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stay {
    pub id: StayId,
    pub property_id: PropertyId,
    pub guest_name: String,
    /// The guest's WhatsApp address without `whatsapp:` (e.g. `+33612345678`), as conversations
    /// store it.
    pub whatsapp_number: Option<String>,
    /// What a calendar feed tells of the phone (Airbnb: the last 4 digits).
    pub phone_last_digits: Option<String>,
    /// `YYYY-MM-DD`.
    pub arrival: NaiveDate,
    /// `YYYY-MM-DD`, after `arrival`.
    pub departure: NaiveDate,
    pub guests: Option<i32>,
    pub source: StaySource,
    pub status: StayStatus,
    pub origin: StayOrigin,
    /// The calendar event's `UID` (or the CSV reference), unique per property.
    pub external_uid: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

/// `POST /api/stays`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewStay {
    pub property_id: PropertyId,
    pub guest_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_last_digits: Option<String>,
    pub arrival: String,
    pub departure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guests: Option<i32>,
    /// `direct` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<StaySource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_uid: Option<String>,
}

/// `PATCH /api/stays/{id}`: absent fields are left as they are; `null` clears an optional one.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StayPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_id: Option<PropertyId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guest_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::conversations::double_option"
    )]
    pub whatsapp_number: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::conversations::double_option"
    )]
    pub phone_last_digits: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departure: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::conversations::double_option"
    )]
    pub guests: Option<Option<i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<StaySource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StayStatus>,
}

/// `POST /api/stays/import`: what happened to each line of the CSV file.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Line numbers (1 = the header) of the stays created.
    pub created: Vec<u64>,
    /// Line numbers of the stays that already existed and were updated.
    pub updated: Vec<u64>,
    pub errors: Vec<ImportError>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportError {
    /// 1-based line of the file (the header is line 1).
    pub line: u64,
    pub message: String,
}

/// The stay a conversation is about, as the inbox shows it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StayBrief {
    pub id: StayId,
    pub property_id: PropertyId,
    pub property_name: String,
    pub guest_name: String,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    /// On `local_date`.
    pub phase: StayPhase,
    /// The property's date (in its time zone) when this was read: "arriving today" means
    /// `arrival == local_date`.
    pub local_date: NaiveDate,
}

/// Where a guest stands in their stay on a given day (the server uses the property's local date).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StayPhase {
    BeforeArrival,
    /// From the arrival day to the departure day, both included.
    InStay,
    Departed,
}

impl StayPhase {
    pub fn on(arrival: NaiveDate, departure: NaiveDate, today: NaiveDate) -> StayPhase {
        if today < arrival {
            StayPhase::BeforeArrival
        } else if today <= departure {
            StayPhase::InStay
        } else {
            StayPhase::Departed
        }
    }
}

#[cfg(test)]
mod phase_tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, day).unwrap()
    }

    #[test]
    fn the_arrival_and_departure_days_are_part_of_the_stay() {
        assert_eq!(StayPhase::on(d(10), d(12), d(9)), StayPhase::BeforeArrival);
        assert_eq!(StayPhase::on(d(10), d(12), d(10)), StayPhase::InStay);
        assert_eq!(StayPhase::on(d(10), d(12), d(12)), StayPhase::InStay);
        assert_eq!(StayPhase::on(d(10), d(12), d(13)), StayPhase::Departed);
    }
}
