//! Properties (logements): the rentals a conciergerie looks after.

use serde::{Deserialize, Serialize};

use crate::{PropertyId, Timestamp};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub id: PropertyId,
    pub name: String,
    pub address: String,
    /// Local time `HH:MM` from which guests may arrive.
    pub check_in_time: String,
    /// Local time `HH:MM` by which guests leave.
    pub check_out_time: String,
    pub arrival_instructions: String,
    /// IANA time zone (`Europe/Paris`): check-in/out times, automations and "arriving today"
    /// are read in it, and iCal dates are its local dates.
    pub time_zone: String,
    /// Calendar exports (Airbnb, Booking, VRBO…) that stays are synced from.
    pub ical_urls: Vec<String>,
    /// When the feeds were last fetched (successfully or not).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_sync_at: Option<Timestamp>,
    /// Why the last sync failed; `None` when it succeeded or never ran.
    pub last_sync_error: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
}

/// `POST /api/properties`. Only `name` is required.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewProperty {
    pub name: String,
    #[serde(default)]
    pub address: String,
    /// `HH:MM`, `16:00` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in_time: Option<String>,
    /// `HH:MM`, `11:00` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_out_time: Option<String>,
    #[serde(default)]
    pub arrival_instructions: String,
    /// IANA time zone; the conciergerie's (`time_zone` in the settings) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub ical_urls: Vec<String>,
}

/// `PATCH /api/properties/{id}`: absent fields are left as they are.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PropertyPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_in_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_out_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival_instructions: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Replaces the whole list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ical_urls: Option<Vec<String>>,
}

/// `POST /api/properties/{id}/sync`: what one run of the iCal sync did.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncReport {
    pub created: u32,
    pub updated: u32,
    pub cancelled: u32,
    /// One message per feed that could not be fetched or read; empty on success.
    pub errors: Vec<String>,
}
