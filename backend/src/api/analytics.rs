//! Numbers for the logged-in conciergerie: messages per day, AI share, hand-off rate, first
//! response time, token usage and its estimated cost.

use std::collections::{BTreeMap, HashMap};

use actix_web::{get, web, HttpResponse};
use chrono::{Duration, Utc};
use entity::{conversation, message};
use protocol::analytics::{Analytics, DailyCount};
use protocol::{MessageStatus, Sender};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder};
use serde::Deserialize;

pub use crate::ai::pricing::estimated_cost;
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

#[get("/api/analytics")]
async fn analytics(
    state: web::Data<AppState>,
    caller: OperatorSession,
    range: web::Query<Range>,
) -> Result<HttpResponse, AppError> {
    let days = range.days.unwrap_or(30).clamp(1, 365);
    let since = Utc::now() - Duration::days(days);
    let conversations = conversation::Entity::find()
        .filter(conversation::Column::ConciergerieId.eq(caller.conciergerie_id.0))
        .all(&state.db)
        .await?;
    // A subquery, not one bound id per conversation: SQLite allows 32,766 variables, and a
    // large conciergerie went past that for good.
    let messages = message::Entity::find()
        .filter(
            message::Column::ConversationId.in_subquery(
                Query::select()
                    .column(conversation::Column::Id)
                    .from(conversation::Entity)
                    .and_where(conversation::Column::ConciergerieId.eq(caller.conciergerie_id.0))
                    .to_owned(),
            ),
        )
        .filter(message::Column::CreatedAt.gte(since))
        .order_by(message::Column::Id, Order::Asc)
        .all(&state.db)
        .await?;

    let mut per_day: BTreeMap<String, DailyCount> = BTreeMap::new();
    for offset in (0..days).rev() {
        let day = (Utc::now() - Duration::days(offset))
            .format("%Y-%m-%d")
            .to_string();
        per_day.insert(
            day.clone(),
            DailyCount {
                day,
                ..Default::default()
            },
        );
    }
    let (mut ai, mut human, mut input_tokens, mut output_tokens) = (0u64, 0u64, 0i64, 0i64);
    let mut first_guest: HashMap<i64, chrono::DateTime<Utc>> = HashMap::new();
    let mut first_reply: HashMap<i64, chrono::DateTime<Utc>> = HashMap::new();
    for m in &messages {
        let day = m.created_at.format("%Y-%m-%d").to_string();
        let entry = per_day.entry(day.clone()).or_insert_with(|| DailyCount {
            day,
            ..Default::default()
        });
        input_tokens += m.input_tokens.unwrap_or(0)
            + m.cache_creation_tokens.unwrap_or(0)
            + m.cache_read_tokens.unwrap_or(0);
        output_tokens += m.output_tokens.unwrap_or(0);
        match m.sender {
            Sender::Client => {
                entry.client += 1;
                first_guest.entry(m.conversation_id).or_insert(m.created_at);
            }
            Sender::Ai | Sender::Concierge if m.status != MessageStatus::Failed => {
                if m.sender == Sender::Ai {
                    entry.ai += 1;
                    ai += 1;
                } else {
                    entry.concierge += 1;
                    human += 1;
                }
                if first_guest.contains_key(&m.conversation_id) {
                    first_reply.entry(m.conversation_id).or_insert(m.created_at);
                }
            }
            _ => {}
        }
    }
    let mut response_secs: Vec<f64> = first_reply
        .iter()
        .filter_map(|(conv, reply)| {
            first_guest
                .get(conv)
                .map(|guest| (*reply - *guest).num_milliseconds() as f64 / 1000.0)
        })
        .collect();
    response_secs.sort_by(f64::total_cmp);
    let median = match response_secs.len() {
        0 => None,
        n if n % 2 == 1 => Some(response_secs[n / 2]),
        n => Some((response_secs[n / 2 - 1] + response_secs[n / 2]) / 2.0),
    };
    let active: Vec<&conversation::Model> = conversations
        .iter()
        .filter(|c| first_guest.contains_key(&c.id))
        .collect();
    let handed_off = active
        .iter()
        .filter(|c| {
            c.handoff_reason.is_some() || c.status == protocol::ConversationStatus::NeedsHuman
        })
        .count();
    let body = Analytics {
        days: per_day.into_values().collect(),
        conversations: active.len() as u64,
        ai_share: if ai + human == 0 {
            0.0
        } else {
            ai as f64 / (ai + human) as f64
        },
        handoff_rate: if active.is_empty() {
            0.0
        } else {
            handed_off as f64 / active.len() as f64
        },
        median_first_response_secs: median,
        input_tokens,
        output_tokens,
        estimated_cost_usd: estimated_cost(input_tokens, output_tokens),
    };
    Ok(HttpResponse::Ok().json(body))
}
