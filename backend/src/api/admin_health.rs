//! `GET /api/admin/health`: the platform at a glance — traffic per day, send failures, AI
//! hand-offs and failures, unrouted messages, and token usage with its estimated cost per tenant.

use std::collections::{BTreeMap, HashMap};

use actix_web::{get, web, HttpResponse};
use chrono::{Duration, Utc};
use entity::{conciergerie, conversation, message, unrouted_message};
use protocol::admin::{PlatformHealth, TenantUsage};
use protocol::analytics::DailyCount;
use protocol::{ConciergerieId, Notice, Sender};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::analytics::estimated_cost;
use crate::auth::AdminSession;
use crate::error::AppError;
use crate::state::AppState;

const DAYS: i64 = 30;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(health);
}

#[get("/api/admin/health")]
async fn health(
    state: web::Data<AppState>,
    _admin: AdminSession,
) -> Result<HttpResponse, AppError> {
    let since = Utc::now() - Duration::days(DAYS);
    let tenants = conciergerie::Entity::find().all(&state.db).await?;
    let tenant_of: HashMap<i64, i64> = conversation::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.conciergerie_id))
        .collect();
    let messages = message::Entity::find()
        .filter(message::Column::CreatedAt.gte(since))
        .all(&state.db)
        .await?;

    let mut days: BTreeMap<String, DailyCount> = BTreeMap::new();
    for offset in (0..DAYS).rev() {
        let day = (Utc::now() - Duration::days(offset))
            .format("%Y-%m-%d")
            .to_string();
        days.insert(
            day.clone(),
            DailyCount {
                day,
                ..Default::default()
            },
        );
    }
    let mut usage: HashMap<i64, TenantUsage> = tenants
        .iter()
        .map(|t| {
            let u = TenantUsage {
                conciergerie_id: ConciergerieId(t.id),
                name: t.name.clone(),
                messages: 0,
                ai_messages: 0,
                input_tokens: 0,
                output_tokens: 0,
                estimated_cost_usd: 0.0,
            };
            (t.id, u)
        })
        .collect();
    let (mut send_failures, mut handoffs, mut ai_errors) = (0, 0, 0);
    for m in &messages {
        let day = m.created_at.format("%Y-%m-%d").to_string();
        let entry = days.entry(day.clone()).or_insert_with(|| DailyCount {
            day,
            ..Default::default()
        });
        match m.sender {
            Sender::Client => entry.client += 1,
            Sender::Ai => entry.ai += 1,
            Sender::Concierge => entry.concierge += 1,
            Sender::System | Sender::Note => {}
        }
        if m.sender.is_outbound() && m.status.is_failure() {
            send_failures += 1;
        }
        match m.notice {
            Some(Notice::Handoff) => handoffs += 1,
            Some(Notice::AiFailure) => {
                handoffs += 1;
                ai_errors += 1;
            }
            Some(Notice::Holding) | None => {}
        }
        if let Some(u) = tenant_of
            .get(&m.conversation_id)
            .and_then(|t| usage.get_mut(t))
        {
            if m.sender != Sender::System {
                u.messages += 1;
            }
            if m.sender == Sender::Ai {
                u.ai_messages += 1;
            }
            u.input_tokens += m.input_tokens.unwrap_or(0)
                + m.cache_creation_tokens.unwrap_or(0)
                + m.cache_read_tokens.unwrap_or(0);
            u.output_tokens += m.output_tokens.unwrap_or(0);
        }
    }
    let mut per_conciergerie: Vec<TenantUsage> = usage
        .into_values()
        .map(|mut u| {
            u.estimated_cost_usd = estimated_cost(u.input_tokens, u.output_tokens);
            u
        })
        .collect();
    per_conciergerie.sort_by_key(|u| u.conciergerie_id);
    let unrouted = unrouted_message::Entity::find()
        .filter(unrouted_message::Column::AssignedConciergerieId.is_null())
        .count(&state.db)
        .await?;
    Ok(HttpResponse::Ok().json(PlatformHealth {
        days: days.into_values().collect(),
        send_failures,
        handoffs,
        ai_errors,
        unrouted,
        per_conciergerie,
    }))
}
