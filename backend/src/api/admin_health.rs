//! `GET /api/admin/health`: the platform at a glance — traffic per day, send failures, AI
//! hand-offs and failures, unrouted messages, and token usage with its estimated cost per tenant
//! (at the configured model's prices, cache reads and writes at their own rates). Every figure is
//! aggregated by the database.

use std::collections::BTreeMap;

use actix_web::{get, web, HttpResponse};
use chrono::{Duration, Utc};
use entity::{conciergerie, unrouted_message};
use protocol::admin::{PlatformHealth, TenantUsage};
use protocol::analytics::DailyCount;
use protocol::{AiEngine, ConciergerieId};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::auth::AdminSession;
use crate::db::{activity, usage};
use crate::error::AppError;
use crate::state::AppState;

const DAYS: i64 = 30;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(health);
}

#[utoipa::path(get, path = "/api/admin/health", tag = "admin_health", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/admin/health")]
async fn health(
    state: web::Data<AppState>,
    _admin: AdminSession,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now();
    let since = now - Duration::days(DAYS);
    let db = &state.db;
    let tenants = conciergerie::Entity::find().all(db).await?;
    let mut messages = activity::messages_by_conciergerie(db, since).await?;
    let mut tokens = usage::tokens_by_conciergerie(db, since, None).await?;
    let claude = usage::tokens_by_conciergerie(db, since, Some(AiEngine::Claude)).await?;
    let (handoffs, ai_errors) = activity::handoffs_since(db, since).await?;
    let send_failures = activity::send_failures_since(db, since).await?;

    let mut days: BTreeMap<String, DailyCount> = (0..DAYS)
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
    for (day, counts) in activity::messages_by_day(db, since).await? {
        let entry = days.entry(day.clone()).or_insert_with(|| DailyCount {
            day,
            ..Default::default()
        });
        entry.client += counts.client;
        entry.ai += counts.ai;
        entry.concierge += counts.concierge;
    }
    let prices = state.spending.prices();
    let per_conciergerie: Vec<TenantUsage> = tenants
        .into_iter()
        .map(|t| {
            let id = ConciergerieId(t.id);
            let m = messages.remove(&id).unwrap_or_default();
            let u = tokens.remove(&id).unwrap_or_default();
            TenantUsage {
                conciergerie_id: id,
                name: t.name,
                messages: m.total(),
                ai_messages: m.ai,
                input_tokens: u.input_tokens
                    + u.cache_creation_input_tokens
                    + u.cache_read_input_tokens,
                output_tokens: u.output_tokens,
                // Only Claude's tokens cost money; the offline responder's are zero anyway.
                estimated_cost_usd: claude.get(&id).map_or(0.0, |u| prices.cost(u)),
            }
        })
        .collect();
    let unrouted = unrouted_message::Entity::find()
        .filter(unrouted_message::Column::AssignedConciergerieId.is_null())
        .count(db)
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
