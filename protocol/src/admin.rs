use serde::{Deserialize, Serialize};

use crate::{AiMode, ConciergerieId, Timestamp, UnroutedMessageId};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewConciergerie {
    pub name: String,
    pub email: String,
    pub password: String,
    /// `whatsapp:+E164`.
    pub whatsapp_number: Option<String>,
    #[serde(default)]
    pub messaging_service_sid: Option<String>,
    #[serde(default)]
    pub ai_mode: Option<AiMode>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConciergeriePatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_service_sid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_mode: Option<AiMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// USD per UTC day the conciergerie may spend on Claude; `null` removes the limit.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::conversations::double_option"
    )]
    pub ai_daily_budget_usd: Option<Option<f64>>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PasswordReset {
    pub password: String,
}

/// A conciergerie with its activity, for the admin list.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConciergerieOverview {
    pub conciergerie: crate::auth::Conciergerie,
    pub conversations: u64,
    pub messages_last_7_days: u64,
    pub ai_share: f64,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_activity_at: Option<Timestamp>,
    /// What Claude cost the conciergerie since 00:00 UTC (estimate at the configured model's
    /// prices), to read against `conciergerie.ai_daily_budget_usd`.
    #[serde(default)]
    pub ai_spend_today_usd: f64,
    /// Active members of its team (operator accounts).
    #[serde(default)]
    pub members: u64,
}

/// A webhook that matched no conciergerie. Kept, never dropped.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnroutedMessage {
    pub id: UnroutedMessageId,
    pub to: String,
    pub from: String,
    pub body: String,
    pub message_sid: String,
    pub messaging_service_sid: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub received_at: Timestamp,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignNumber {
    pub conciergerie_id: ConciergerieId,
}

/// Answer to `POST /api/admin/unrouted/{id}/assign`: the number now belongs to the conciergerie,
/// and `moved` waiting messages joined its inbox.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberAssigned {
    pub whatsapp_number: String,
    pub moved: u64,
}

/// Token usage and its estimated cost for one conciergerie.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenantUsage {
    pub conciergerie_id: ConciergerieId,
    pub name: String,
    pub messages: u64,
    pub ai_messages: u64,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub estimated_cost_usd: f64,
}

/// `GET /api/admin/health`: the platform at a glance.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformHealth {
    /// Messages per day across all conciergeries.
    pub days: Vec<crate::analytics::DailyCount>,
    /// Outbound messages Twilio failed or could not deliver.
    pub send_failures: u64,
    /// AI hand-offs to humans (failures included).
    pub handoffs: u64,
    /// Hand-offs caused by the AI failing.
    pub ai_errors: u64,
    pub unrouted: u64,
    pub per_conciergerie: Vec<TenantUsage>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_assigned_reads_the_servers_answer() {
        let a: NumberAssigned =
            serde_json::from_str(r#"{"whatsapp_number":"whatsapp:+33455555555","moved":2}"#)
                .unwrap();
        assert_eq!(a.moved, 2);
        assert_eq!(a.whatsapp_number, "whatsapp:+33455555555");
    }
}
