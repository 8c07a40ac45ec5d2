//! Automations: messages sent to a stay's guest at a time relative to the stay (arrival
//! instructions the day before, a check-out reminder…), and the scheduled messages they plan.

use serde::{Deserialize, Serialize};

use crate::{
    AutomationAnchor, AutomationId, ConversationId, MessageId, PropertyId, ScheduledId,
    ScheduledStatus, StayId, Timestamp,
};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Automation {
    pub id: AutomationId,
    /// `None`: every property of the conciergerie.
    pub property_id: Option<PropertyId>,
    pub name: String,
    pub anchor: AutomationAnchor,
    /// Days from the anchor date: `-1` the day before, `1` the day after.
    pub offset_days: i32,
    /// `HH:MM`, UTC (properties carry no time zone yet).
    pub send_time: String,
    /// The message; `{{variables}}` are filled from the stay when it is sent.
    pub body: String,
    /// The approved WhatsApp template (Twilio Content SID, `HX…`) sent instead of `body` when the
    /// guest's 24 h window is closed; without one such a message fails.
    pub content_sid: Option<String>,
    /// The template's placeholders (`{"1": "{{guest_name}}"}`), filled like `body`.
    #[serde(default)]
    pub content_variables: std::collections::BTreeMap<String, String>,
    pub enabled: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

/// `POST /api/automations`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAutomation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_id: Option<PropertyId>,
    pub name: String,
    pub anchor: AutomationAnchor,
    pub offset_days: i32,
    pub send_time: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_sid: Option<String>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub content_variables: std::collections::BTreeMap<String, String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledMessage {
    pub id: ScheduledId,
    pub automation_id: AutomationId,
    pub stay_id: StayId,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub due_at: Timestamp,
    pub status: ScheduledStatus,
    /// The conversation it went to, once sent.
    pub conversation_id: Option<ConversationId>,
    pub message_id: Option<MessageId>,
    /// Why it was skipped or failed.
    pub reason: Option<String>,
}
