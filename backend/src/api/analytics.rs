//! Numbers for the logged-in conciergerie: messages per day, AI answers apart from holding
//! messages and hand-offs, first response time, token usage and its estimated cost.
//!
//! Everything is counted by the database (`GROUP BY`), so the cost does not grow with what the
//! server holds in memory: one row per day × author × kind, and one number per conversation with
//! a guest message in the period (for the median first response).

use std::collections::BTreeMap;

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use protocol::analytics::{Analytics, DailyCount};
use protocol::conversations::TokenUsage;
use protocol::{ConciergerieId, MessageStatus, Notice, Sender};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, FromQueryResult, Statement, Value,
};
use serde::Deserialize;

use crate::ai::pricing::Prices;
use crate::auth::OperatorSession;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(analytics);
}

#[derive(Deserialize)]
struct Range {
    days: Option<i64>,
}

#[utoipa::path(get, path = "/api/analytics", tag = "analytics", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/analytics")]
async fn analytics(
    state: web::Data<AppState>,
    caller: OperatorSession,
    range: web::Query<Range>,
) -> Result<HttpResponse, AppError> {
    let days = range.days.unwrap_or(30).clamp(1, 365);
    let prices = state.spending.prices();
    let body = compute(&state.db, caller.conciergerie_id, days, prices, Utc::now()).await?;
    Ok(HttpResponse::Ok().json(body))
}

#[tracing::instrument(skip(db))]
async fn compute(
    db: &DatabaseConnection,
    tenant: ConciergerieId,
    days: i64,
    prices: Prices,
    now: DateTime<Utc>,
) -> Result<Analytics, AppError> {
    let since = now - Duration::days(days);
    let sql = Sql::new(db.get_database_backend(), tenant, since);
    let groups = MessageGroup::find_by_statement(sql.message_groups())
        .all(db)
        .await?;
    let conversations = ConversationFacts::find_by_statement(sql.conversation_facts())
        .all(db)
        .await?;

    let mut per_day: BTreeMap<String, DailyCount> = (0..days)
        .rev()
        .map(|offset| {
            let day = (now - Duration::days(offset))
                .format("%Y-%m-%d")
                .to_string();
            let count = DailyCount {
                day: day.clone(),
                ..Default::default()
            };
            (day, count)
        })
        .collect();
    let mut totals = Totals::default();
    for group in &groups {
        let entry = per_day
            .entry(group.day.clone())
            .or_insert_with(|| DailyCount {
                day: group.day.clone(),
                ..Default::default()
            });
        totals.add(group, entry);
    }

    let mut response_secs: Vec<f64> = conversations
        .iter()
        .filter_map(|c| c.response_secs)
        .collect();
    response_secs.sort_by(f64::total_cmp);
    let active = conversations.len() as u64;
    let handed_off = conversations.iter().filter(|c| c.handed_off != 0).count() as u64;
    Ok(Analytics {
        days: per_day.into_values().collect(),
        conversations: active,
        ai_share: ratio(totals.ai_answers, totals.ai_answers + totals.human),
        handoff_rate: ratio(handed_off, active),
        ai_answers: totals.ai_answers,
        ai_holding: totals.ai_holding,
        handoffs: totals.handoffs,
        median_first_response_secs: median(&response_secs),
        input_tokens: totals.input_tokens,
        output_tokens: totals.output_tokens,
        estimated_cost_usd: prices.cost(&totals.usage()),
    })
}

/// The period's sums, built from the grouped rows.
#[derive(Default)]
struct Totals {
    ai_answers: u64,
    ai_holding: u64,
    human: u64,
    handoffs: u64,
    input_tokens: i64,
    cache_write_tokens: i64,
    cache_read_tokens: i64,
    output_tokens: i64,
}

impl Totals {
    /// The tokens as Anthropic bills them: cache writes and reads at their own rates.
    fn usage(&self) -> TokenUsage {
        TokenUsage {
            input_tokens: self.input_tokens - self.cache_write_tokens - self.cache_read_tokens,
            output_tokens: self.output_tokens,
            cache_creation_input_tokens: self.cache_write_tokens,
            cache_read_input_tokens: self.cache_read_tokens,
        }
    }

    fn add(&mut self, group: &MessageGroup, day: &mut DailyCount) {
        let n = group.messages.max(0) as u64;
        self.input_tokens += group.input_tokens;
        self.cache_write_tokens += group.cache_write_tokens;
        self.cache_read_tokens += group.cache_read_tokens;
        self.output_tokens += group.output_tokens;
        let notice = group
            .notice
            .as_deref()
            .and_then(|s| s.parse::<Notice>().ok());
        // A failed send never reached the guest: it is no answer.
        let failed = group.status.parse::<MessageStatus>().ok() == Some(MessageStatus::Failed);
        match group.sender.parse::<Sender>() {
            Ok(Sender::Client) => day.client += n,
            Ok(Sender::Ai) if failed => {}
            Ok(Sender::Ai) if notice == Some(Notice::Holding) => self.ai_holding += n,
            Ok(Sender::Ai) => {
                day.ai += n;
                self.ai_answers += n;
            }
            Ok(Sender::Concierge) if !failed => {
                day.concierge += n;
                self.human += n;
            }
            Ok(Sender::System) if matches!(notice, Some(Notice::Handoff | Notice::AiFailure)) => {
                self.handoffs += n
            }
            _ => {}
        }
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The median of sorted values.
fn median(sorted: &[f64]) -> Option<f64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Messages of one day by one author, of one kind and status.
#[derive(Debug, FromQueryResult)]
struct MessageGroup {
    day: String,
    sender: String,
    notice: Option<String>,
    status: String,
    messages: i64,
    /// Every input token, cache writes and reads included (what the screen shows).
    input_tokens: i64,
    cache_write_tokens: i64,
    cache_read_tokens: i64,
    output_tokens: i64,
}

/// One conversation with a guest message in the period.
#[derive(Debug, FromQueryResult)]
struct ConversationFacts {
    /// 1 when a hand-off was recorded in the period.
    handed_off: i64,
    /// From the guest's first message in the period to the first reply that did not fail.
    response_secs: Option<f64>,
}

/// The two statements, in the dialect of the database in use (only the day of a timestamp and
/// the seconds between two differ).
struct Sql {
    backend: DatabaseBackend,
    tenant: ConciergerieId,
    since: DateTime<Utc>,
}

impl Sql {
    fn new(backend: DatabaseBackend, tenant: ConciergerieId, since: DateTime<Utc>) -> Sql {
        Sql {
            backend,
            tenant,
            since,
        }
    }

    /// The tenant and the start of the period, bound as the first two parameters.
    fn values(&self) -> Vec<Value> {
        vec![self.tenant.0.into(), self.since.into()]
    }

    /// `?` for SQLite, `$n` for PostgreSQL.
    fn param(&self, n: usize) -> String {
        match self.backend {
            DatabaseBackend::Postgres => format!("${n}"),
            _ => "?".to_owned(),
        }
    }

    /// The tenant's messages of the period (binds the tenant, then the start).
    fn in_period(&self) -> String {
        format!(
            "conversation_id IN (SELECT id FROM conversations WHERE conciergerie_id = {}) \
             AND created_at >= {}",
            self.param(1),
            self.param(2)
        )
    }

    fn day_of_created_at(&self) -> &'static str {
        match self.backend {
            DatabaseBackend::Postgres => "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
            // Stored as RFC 3339 text in UTC: the date is its first ten characters.
            _ => "substr(created_at, 1, 10)",
        }
    }

    fn seconds_between(&self, from: &str, to: &str) -> String {
        match self.backend {
            DatabaseBackend::Postgres => {
                format!("CAST(EXTRACT(EPOCH FROM ({to} - {from})) AS DOUBLE PRECISION)")
            }
            _ => format!("((julianday({to}) - julianday({from})) * 86400.0)"),
        }
    }

    fn message_groups(&self) -> Statement {
        let sql = format!(
            "SELECT {day} AS day, sender, notice, status, COUNT(*) AS messages, \
             CAST(COALESCE(SUM(COALESCE(input_tokens, 0) + COALESCE(cache_creation_tokens, 0) \
                 + COALESCE(cache_read_tokens, 0)), 0) AS BIGINT) AS input_tokens, \
             CAST(COALESCE(SUM(COALESCE(cache_creation_tokens, 0)), 0) AS BIGINT) AS cache_write_tokens, \
             CAST(COALESCE(SUM(COALESCE(cache_read_tokens, 0)), 0) AS BIGINT) AS cache_read_tokens, \
             CAST(COALESCE(SUM(COALESCE(output_tokens, 0)), 0) AS BIGINT) AS output_tokens \
             FROM messages WHERE {period} \
             GROUP BY {day}, sender, notice, status",
            day = self.day_of_created_at(),
            period = self.in_period(),
        );
        Statement::from_sql_and_values(self.backend, sql, self.values())
    }

    fn conversation_facts(&self) -> Statement {
        let sql = format!(
            "SELECT g.handed_off AS handed_off, {secs} AS response_secs FROM ( \
               SELECT conversation_id, \
                 MIN(CASE WHEN sender = 'client' THEN created_at END) AS first_guest, \
                 CAST(MAX(CASE WHEN notice IN ('handoff', 'ai_failure') THEN 1 ELSE 0 END) AS BIGINT) AS handed_off \
               FROM messages WHERE {period} GROUP BY conversation_id \
             ) g \
             LEFT JOIN messages r ON r.conversation_id = g.conversation_id \
               AND r.sender IN ('ai', 'concierge') AND r.status <> 'failed' \
               AND r.created_at >= g.first_guest \
             WHERE g.first_guest IS NOT NULL \
             GROUP BY g.conversation_id, g.first_guest, g.handed_off",
            secs = self.seconds_between("g.first_guest", "MIN(r.created_at)"),
            period = self.in_period(),
        );
        Statement::from_sql_and_values(self.backend, sql, self.values())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(sender: &str, notice: Option<&str>, status: &str, messages: i64) -> MessageGroup {
        MessageGroup {
            day: "2026-11-27".into(),
            sender: sender.into(),
            notice: notice.map(str::to_owned),
            status: status.into(),
            messages,
            input_tokens: 10,
            cache_write_tokens: 2,
            cache_read_tokens: 6,
            output_tokens: 1,
        }
    }

    #[test]
    fn cache_writes_and_reads_are_priced_apart_from_plain_input() {
        let mut totals = Totals::default();
        let mut day = DailyCount::default();
        totals.add(&group("ai", None, "sent", 1), &mut day);
        totals.add(&group("ai", None, "sent", 1), &mut day);
        let usage = totals.usage();
        assert_eq!(
            (
                usage.input_tokens,
                usage.cache_creation_input_tokens,
                usage.cache_read_input_tokens,
                usage.output_tokens
            ),
            (4, 4, 12, 2)
        );
    }

    #[test]
    fn holding_messages_failed_sends_and_handoffs_are_counted_apart() {
        let mut totals = Totals::default();
        let mut day = DailyCount::default();
        for g in [
            group("client", None, "received", 9),
            group("ai", None, "delivered", 5),
            group("ai", Some("holding"), "sent", 2),
            group("ai", None, "failed", 1),
            group("concierge", None, "read", 3),
            group("concierge", None, "failed", 4),
            group("system", Some("handoff"), "received", 2),
            group("system", Some("ai_failure"), "received", 1),
        ] {
            totals.add(&g, &mut day);
        }
        assert_eq!((day.client, day.ai, day.concierge), (9, 5, 3));
        assert_eq!(
            (totals.ai_answers, totals.ai_holding, totals.human),
            (5, 2, 3)
        );
        assert_eq!(totals.handoffs, 3);
        // Tokens of every group, whatever became of the message.
        assert_eq!((totals.input_tokens, totals.output_tokens), (80, 8));
        assert_eq!(
            ratio(totals.ai_answers, totals.ai_answers + totals.human),
            0.625
        );
        assert_eq!(ratio(1, 0), 0.0);
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, 4.0, 9.0]), Some(4.0));
        assert_eq!(median(&[1.0, 3.0, 5.0, 100.0]), Some(4.0));
    }
}
