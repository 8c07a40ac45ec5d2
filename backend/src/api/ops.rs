//! Operations endpoints beside `/healthz` (liveness): `/readyz` (send traffic here?) and
//! `/metrics` (Prometheus, behind `METRICS_TOKEN`).

use actix_web::{get, web, HttpRequest, HttpResponse};
use sea_orm::ConnectionTrait;
use serde_json::json;
use subtle::ConstantTimeEq;

use crate::actors::hub::CountSessions;
use crate::db::{schema_state, SchemaState};
use crate::error::AppError;
use crate::metrics::METRICS;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(readyz).service(metrics);
}

/// Ready for traffic: not shutting down, the database answers, and it has every migration this
/// build needs. A schema *newer* than the build still counts as ready: during a rolling upgrade
/// `majordome migrate` runs first, and the instances of the previous build keep serving (the
/// migrations are additive) until they are replaced; they would refuse to start again, though.
#[utoipa::path(get, path = "/readyz", tag = "ops", responses((status = 200, description = "Success")))]
#[get("/readyz")]
async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.lifecycle.refuse_if_draining()?;
    state
        .db
        .execute_unprepared("SELECT 1")
        .await
        .map_err(|_| AppError::Unavailable("database unreachable".into()))?;
    match schema_state(&state.db)
        .await
        .map_err(|_| AppError::Unavailable("cannot read the database schema version".into()))?
    {
        SchemaState::Current => Ok(HttpResponse::Ok().json(json!({
            "status": "ready",
            "schema": "current",
        }))),
        SchemaState::Ahead { unknown } => Ok(HttpResponse::Ok().json(json!({
            "status": "ready",
            "schema": "newer",
            "unknown_migrations": unknown,
        }))),
        SchemaState::Behind { pending } => Err(AppError::Unavailable(format!(
            "{pending} migration(s) not applied yet: run `majordome migrate`"
        ))),
    }
}

/// Prometheus text format. Exists only with `METRICS_TOKEN` set (404 otherwise, like any unknown
/// route), and answers only `Authorization: Bearer <METRICS_TOKEN>`.
#[utoipa::path(get, path = "/metrics", tag = "ops", responses((status = 200, description = "Success")))]
#[get("/metrics")]
async fn metrics(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let Some(expected) = state.config.metrics_token.as_deref() else {
        return Err(AppError::NotFound("route"));
    };
    let given = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
        return Err(AppError::Unauthorized);
    }
    let sessions = state.hub.send(CountSessions).await.unwrap_or(0);
    let body = METRICS.render(state.registry.len(), sessions);
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body))
}
