//! Why the AI handed a conversation to a human, as a stable code with parameters.
//!
//! The server stores a reason as the JSON of `HandoffReason` (in `conversations.handoff_reason`
//! and in the body of the `system` message that records the hand-off); each dashboard renders it
//! in its operator's language. On the wire it is `{"code":"faq_not_covered","params":{…}}`.
//! Rows written before codes existed hold a French sentence: they read back as `Note`, shown as is.

use serde::{Deserialize, Serialize};

/// What kind of emergency the guest reported.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UrgencyKind {
    /// The guest wrote "urgent" (or an equivalent) themselves.
    Declared,
    Safety,
    Lockout,
    Water,
    Gas,
    Electricity,
    Heating,
    Noise,
}

/// Why a human must take over.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum HandoffReason {
    /// The FAQ answers none of these guest questions (excerpts of the guest's words).
    FaqNotCovered { questions: Vec<String> },
    /// An emergency; `excerpt` quotes the guest when the responder knows which message it was.
    Urgent {
        kind: Option<UrgencyKind>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        excerpt: Option<String>,
    },
    /// A door code or other sensitive entry was asked for outside the guest's stay.
    SensitiveOutsideStay,
    /// The AI could not answer at all (after retries); `error` is the technical cause.
    AiUnavailable { error: String },
    /// The model chose to hand off; `detail` is its own short explanation for the team.
    AiRequested { detail: String },
    /// The model's reply was cut off (`max_tokens`).
    AiTruncated,
    /// The model returned no text.
    AiEmpty,
    /// The conciergerie's daily AI budget is spent: no Claude call until 00:00 UTC.
    AiDailyBudget { spent_usd: f64, budget_usd: f64 },
    /// This conversation made the most Claude calls allowed in an hour.
    AiHourlyCeiling { calls: u32 },
    /// A sentence stored before reasons were codes, shown as it was written.
    Note { text: String },
}

impl HandoffReason {
    /// The text stored in the database.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored reason back; a legacy sentence becomes a `Note`.
    pub fn from_stored(text: &str) -> HandoffReason {
        if text.trim_start().starts_with('{') {
            if let Ok(reason) = serde_json::from_str(text) {
                return reason;
            }
        }
        HandoffReason::Note {
            text: text.to_owned(),
        }
    }

    /// The stable code (`faq_not_covered`, `urgent`, …).
    pub fn code(&self) -> &'static str {
        match self {
            HandoffReason::FaqNotCovered { .. } => "faq_not_covered",
            HandoffReason::Urgent { .. } => "urgent",
            HandoffReason::SensitiveOutsideStay => "sensitive_outside_stay",
            HandoffReason::AiUnavailable { .. } => "ai_unavailable",
            HandoffReason::AiRequested { .. } => "ai_requested",
            HandoffReason::AiTruncated => "ai_truncated",
            HandoffReason::AiEmpty => "ai_empty",
            HandoffReason::AiDailyBudget { .. } => "ai_daily_budget",
            HandoffReason::AiHourlyCeiling { .. } => "ai_hourly_ceiling",
            HandoffReason::Note { .. } => "note",
        }
    }

    pub fn is_urgent(&self) -> bool {
        matches!(self, HandoffReason::Urgent { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_travels_as_code_and_params() {
        let reason = HandoffReason::FaqNotCovered {
            questions: vec!["restaurant ?".into()],
        };
        let json = serde_json::to_value(&reason).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "faq_not_covered", "params": {"questions": ["restaurant ?"]}})
        );
        assert_eq!(reason.code(), "faq_not_covered");
        let unit = serde_json::to_value(HandoffReason::AiTruncated).unwrap();
        assert_eq!(unit, serde_json::json!({"code": "ai_truncated"}));
    }

    #[test]
    fn stored_reasons_round_trip_and_legacy_sentences_are_notes() {
        for reason in [
            HandoffReason::Urgent {
                kind: Some(UrgencyKind::Water),
                excerpt: Some("fuite !".into()),
            },
            HandoffReason::Urgent {
                kind: None,
                excerpt: None,
            },
            HandoffReason::SensitiveOutsideStay,
            HandoffReason::AiUnavailable {
                error: "timeout".into(),
            },
        ] {
            assert_eq!(HandoffReason::from_stored(&reason.to_stored()), reason);
        }
        assert_eq!(
            HandoffReason::from_stored("la FAQ ne couvre pas : « resto »"),
            HandoffReason::Note {
                text: "la FAQ ne couvre pas : « resto »".into()
            }
        );
        assert_eq!(
            HandoffReason::from_stored("{not json"),
            HandoffReason::Note {
                text: "{not json".into()
            }
        );
    }
}
