//! Ceilings on what guests can make the platform spend on Claude:
//! - a daily budget per conciergerie (`ai_daily_budget_usd`, set by the admin): once today's
//!   spend reaches it, no Claude call for that conciergerie until 00:00 UTC;
//! - a ceiling on Claude calls per conversation per rolling hour (`AI_MAX_CALLS_PER_HOUR`), so
//!   one chatty (or hostile) guest cannot burn the day's budget alone.
//!
//! Today's spend is kept in memory, added to after every call from its `usage`, and re-read from
//! the stored token counts at start-up. Concurrent calls of one conciergerie may each pass the
//! check before any of them is counted: the overshoot is at most one call per conversation in
//! flight.

use std::collections::VecDeque;

use chrono::{DateTime, NaiveDate, Utc};
use dashmap::DashMap;
use protocol::conversations::TokenUsage;
use protocol::reasons::HandoffReason;
use protocol::{AiEngine, ConciergerieId, ConversationId};
use sea_orm::ConnectionTrait;

use super::pricing::Prices;
use super::{
    escalate_if_urgent, holding_message, language, AiDecision, AiOutcome, AiRequest, Responder,
};
use crate::db;
use crate::error::AppError;

/// Why a Claude call was not made.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    DailyBudget { spent_usd: f64, budget_usd: f64 },
    HourlyCeiling { calls: u32 },
}

impl Refusal {
    /// The hand-off reason the operators read, in their language.
    pub fn reason(&self) -> HandoffReason {
        match *self {
            Refusal::DailyBudget {
                spent_usd,
                budget_usd,
            } => HandoffReason::AiDailyBudget {
                spent_usd,
                budget_usd,
            },
            Refusal::HourlyCeiling { calls } => HandoffReason::AiHourlyCeiling { calls },
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct DaySpend {
    day: NaiveDate,
    usd: f64,
}

pub struct Spending {
    prices: Prices,
    /// Claude calls allowed per conversation per rolling hour; 0: no ceiling.
    calls_per_hour: u32,
    today: DashMap<ConciergerieId, DaySpend>,
    calls: DashMap<ConversationId, VecDeque<DateTime<Utc>>>,
}

/// Past this many tracked conversations, the ones quiet for an hour are forgotten.
const TRACKED_CONVERSATIONS: usize = 10_000;

impl Spending {
    pub fn new(prices: Prices, calls_per_hour: u32) -> Self {
        Spending {
            prices,
            calls_per_hour,
            today: DashMap::new(),
            calls: DashMap::new(),
        }
    }

    /// Today's spend as the stored token counts tell it (after a restart).
    pub async fn load(
        db: &impl ConnectionTrait,
        prices: Prices,
        calls_per_hour: u32,
        now: DateTime<Utc>,
    ) -> Result<Self, AppError> {
        let spending = Spending::new(prices, calls_per_hour);
        let midnight = now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc();
        for (tenant, usage) in
            db::usage::tokens_by_conciergerie(db, midnight, Some(AiEngine::Claude)).await?
        {
            spending.record(tenant, &usage, now);
        }
        Ok(spending)
    }

    pub fn prices(&self) -> Prices {
        self.prices
    }

    /// What the conciergerie's Claude calls cost since 00:00 UTC.
    pub fn spent_today(&self, tenant: ConciergerieId, now: DateTime<Utc>) -> f64 {
        self.today
            .get(&tenant)
            .filter(|d| d.day == now.date_naive())
            .map_or(0.0, |d| d.usd)
    }

    /// Whether a Claude call may be made now; an admitted call counts against the hourly ceiling.
    pub fn admit(
        &self,
        tenant: ConciergerieId,
        budget_usd: Option<f64>,
        conversation: ConversationId,
        now: DateTime<Utc>,
    ) -> Result<(), Refusal> {
        if let Some(budget_usd) = budget_usd {
            let spent_usd = self.spent_today(tenant, now);
            if spent_usd >= budget_usd {
                return Err(Refusal::DailyBudget {
                    spent_usd,
                    budget_usd,
                });
            }
        }
        if self.calls_per_hour == 0 {
            return Ok(());
        }
        if self.calls.len() > TRACKED_CONVERSATIONS {
            let hour_ago = now - chrono::Duration::hours(1);
            self.calls
                .retain(|_, calls| calls.back().is_some_and(|t| *t > hour_ago));
        }
        let mut calls = self.calls.entry(conversation).or_default();
        let hour_ago = now - chrono::Duration::hours(1);
        while calls.front().is_some_and(|t| *t <= hour_ago) {
            calls.pop_front();
        }
        if calls.len() >= self.calls_per_hour as usize {
            return Err(Refusal::HourlyCeiling {
                calls: self.calls_per_hour,
            });
        }
        calls.push_back(now);
        Ok(())
    }

    /// The responder's answer, unless a ceiling forbids the Claude call: then a hand-off that
    /// says why (the offline responder costs nothing and is never limited).
    pub async fn answer(
        &self,
        responder: &Responder,
        tenant: ConciergerieId,
        budget_usd: Option<f64>,
        conversation: ConversationId,
        request: &AiRequest,
    ) -> Result<AiOutcome, String> {
        let claude = matches!(responder, Responder::Claude(_));
        if claude {
            if let Err(refusal) = self.admit(tenant, budget_usd, conversation, Utc::now()) {
                tracing::warn!(conciergerie_id = %tenant.0, conversation_id = %conversation.0, ?refusal, "Claude not called: AI spending ceiling reached");
                let guest_text = request.pending_guest_text();
                let outcome = AiOutcome {
                    decision: AiDecision::Handoff {
                        reason: refusal.reason(),
                        holding: holding_message(language::detect(&guest_text)),
                    },
                    engine: responder.engine(),
                    usage: None,
                    urgent: false,
                };
                return Ok(escalate_if_urgent(outcome, &guest_text));
            }
        }
        let outcome = responder.answer(request).await?;
        if let (true, Some(usage)) = (claude, &outcome.usage) {
            self.record(tenant, usage, Utc::now());
        }
        Ok(outcome)
    }

    /// A Claude call made for an operator outside a conversation's AI turn (a translation):
    /// refused once the day's budget is spent, and counted in it like the AI's own calls.
    pub async fn metered<T>(
        &self,
        tenant: ConciergerieId,
        budget_usd: Option<f64>,
        call: impl std::future::Future<Output = Result<(T, Option<TokenUsage>), String>>,
    ) -> Result<T, AppError> {
        let now = Utc::now();
        if let Some(budget_usd) = budget_usd {
            let spent_usd = self.spent_today(tenant, now);
            if spent_usd >= budget_usd {
                let midnight = (now.date_naive() + chrono::Days::new(1))
                    .and_hms_opt(0, 0, 0)
                    .map_or(now, |t| t.and_utc());
                return Err(AppError::TooManyRequests {
                    message: format!(
                        "today's AI budget is spent ({spent_usd:.2} / {budget_usd:.2} USD): Claude is available again at 00:00 UTC"
                    ),
                    retry_after_secs: (midnight - now).num_seconds().max(1) as u64,
                });
            }
        }
        let (value, usage) = call
            .await
            .map_err(|e| AppError::Unavailable(format!("the translation failed: {e}")))?;
        if let Some(usage) = usage {
            self.record(tenant, &usage, Utc::now());
        }
        Ok(value)
    }

    /// Adds a call's cost to the conciergerie's day; returns that cost.
    pub fn record(&self, tenant: ConciergerieId, usage: &TokenUsage, now: DateTime<Utc>) -> f64 {
        let cost = self.prices.cost(usage);
        crate::metrics::METRICS.ai_cost(cost);
        let day = now.date_naive();
        let mut entry = self
            .today
            .entry(tenant)
            .or_insert(DaySpend { day, usd: 0.0 });
        if entry.day != day {
            *entry = DaySpend { day, usd: 0.0 };
        }
        entry.usd += cost;
        cost
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    const T: ConciergerieId = ConciergerieId(1);
    const C: ConversationId = ConversationId(7);

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, h, m, 0).unwrap()
    }

    fn dollars(usd: f64) -> TokenUsage {
        // At $1 per million input tokens.
        TokenUsage {
            input_tokens: (usd * 1_000_000.0) as i64,
            ..Default::default()
        }
    }

    fn spending(per_hour: u32) -> Spending {
        Spending::new(Prices::parse("1,1,1,1").unwrap(), per_hour)
    }

    #[test]
    fn the_budget_stops_calls_until_the_next_utc_day() {
        let s = spending(0);
        assert_eq!(s.admit(T, Some(2.0), C, at(9, 0)), Ok(()));
        s.record(T, &dollars(1.5), at(9, 0));
        assert_eq!(s.admit(T, Some(2.0), C, at(9, 1)), Ok(()));
        s.record(T, &dollars(0.5), at(9, 1));
        assert!(matches!(
            s.admit(T, Some(2.0), C, at(23, 59)),
            Err(Refusal::DailyBudget { .. })
        ));
        assert_eq!(
            s.admit(T, None, C, at(23, 59)),
            Ok(()),
            "no budget, no limit"
        );
        assert_eq!(
            s.admit(ConciergerieId(2), Some(2.0), C, at(23, 59)),
            Ok(()),
            "another conciergerie's spend is its own"
        );
        let tomorrow = at(0, 0) + chrono::Duration::days(1);
        assert_eq!(s.spent_today(T, tomorrow), 0.0);
        assert_eq!(s.admit(T, Some(2.0), C, tomorrow), Ok(()));
    }

    #[test]
    fn a_conversation_gets_so_many_calls_per_rolling_hour() {
        let s = spending(2);
        assert_eq!(s.admit(T, None, C, at(10, 0)), Ok(()));
        assert_eq!(s.admit(T, None, C, at(10, 30)), Ok(()));
        assert_eq!(
            s.admit(T, None, C, at(10, 59)),
            Err(Refusal::HourlyCeiling { calls: 2 })
        );
        assert_eq!(s.admit(T, None, ConversationId(8), at(10, 59)), Ok(()));
        assert_eq!(
            s.admit(T, None, C, at(11, 1)),
            Ok(()),
            "the 10:00 call aged out"
        );
    }
}
