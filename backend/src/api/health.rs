use actix_web::{get, web, HttpResponse};
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(healthz);
}

/// Liveness and database reachability, for load balancers and uptime checks.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, description = "Success")))]
#[get("/healthz")]
async fn healthz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state
        .db
        .execute_unprepared("SELECT 1")
        .await
        .map_err(|_| AppError::Unavailable("database unreachable".into()))?;
    Ok(HttpResponse::Ok().json(json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")})))
}
