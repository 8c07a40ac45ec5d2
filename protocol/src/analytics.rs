use serde::{Deserialize, Serialize};

/// Messages of one day, by author.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DailyCount {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub client: u64,
    pub ai: u64,
    pub concierge: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analytics {
    pub days: Vec<DailyCount>,
    pub conversations: u64,
    /// Share of outbound replies written by the AI, 0–1.
    pub ai_share: f64,
    /// Share of conversations the AI handed to a human, 0–1.
    pub handoff_rate: f64,
    /// Median time from a guest's first message to the first reply, in seconds.
    pub median_first_response_secs: Option<f64>,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub estimated_cost_usd: f64,
}
