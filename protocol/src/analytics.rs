use serde::{Deserialize, Serialize};

/// Messages of one day, by author.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DailyCount {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub client: u64,
    /// The AI's messages. In a conciergerie's analytics: its answers only (holding messages are
    /// counted in `Analytics::ai_holding`).
    pub ai: u64,
    pub concierge: u64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analytics {
    pub days: Vec<DailyCount>,
    pub conversations: u64,
    /// Share of answers written by the AI, 0–1: AI answers over AI answers plus operator
    /// replies (holding messages are not answers).
    pub ai_share: f64,
    /// Share of conversations (with a guest message in the period) the AI handed to a human, 0–1.
    pub handoff_rate: f64,
    /// Real AI answers sent in the period.
    #[serde(default)]
    pub ai_answers: u64,
    /// Holding messages the AI sent while handing off.
    #[serde(default)]
    pub ai_holding: u64,
    /// Hand-offs recorded in the period (the AI's and its failures').
    #[serde(default)]
    pub handoffs: u64,
    /// Median time from a guest's first message to the first reply, in seconds.
    pub median_first_response_secs: Option<f64>,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub estimated_cost_usd: f64,
}
