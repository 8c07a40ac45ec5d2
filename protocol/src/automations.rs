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
    /// `HH:MM`, local time of the stay's property (its `time_zone`).
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

/// `PATCH /api/automations/{id}`: absent fields are left as they are; `null` clears the
/// property (every property) or the template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AutomationPatch {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::conversations::double_option"
    )]
    pub property_id: Option<Option<PropertyId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<AutomationAnchor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_days: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::conversations::double_option"
    )]
    pub content_sid: Option<Option<String>>,
    /// Replaces the template's placeholders (`{}` clears them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_variables: Option<std::collections::BTreeMap<String, String>>,
    /// `false` stops planning the automation's messages (those not sent yet are dropped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl AutomationPatch {
    /// The automation as it would be with the patch applied.
    pub fn applied_to(&self, current: &Automation) -> NewAutomation {
        NewAutomation {
            property_id: self.property_id.unwrap_or(current.property_id),
            name: self.name.clone().unwrap_or_else(|| current.name.clone()),
            anchor: self.anchor.unwrap_or(current.anchor),
            offset_days: self.offset_days.unwrap_or(current.offset_days),
            send_time: self
                .send_time
                .clone()
                .unwrap_or_else(|| current.send_time.clone()),
            body: self.body.clone().unwrap_or_else(|| current.body.clone()),
            content_sid: self
                .content_sid
                .clone()
                .unwrap_or_else(|| current.content_sid.clone()),
            content_variables: self
                .content_variables
                .clone()
                .unwrap_or_else(|| current.content_variables.clone()),
        }
    }

    /// Whether the patch changes which stays get a message or when.
    pub fn replans(&self, current: &Automation) -> bool {
        let new = self.applied_to(current);
        new.property_id != current.property_id
            || new.anchor != current.anchor
            || new.offset_days != current.offset_days
            || new.send_time != current.send_time
            || self.enabled.is_some_and(|e| e != current.enabled)
    }
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
