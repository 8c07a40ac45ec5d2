//! Automations (messages timed from stays) and the scheduled messages of a stay.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use protocol::automations::{AutomationPatch, NewAutomation};
use protocol::{AutomationId, ScheduledId, StayId};

use crate::auth::OperatorSession;
use crate::automations;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update)
        .service(remove)
        .service(for_stay)
        .service(cancel);
}

#[utoipa::path(get, path = "/api/automations", tag = "automations", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/automations")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok().json(automations::list(&state.db, caller.conciergerie_id).await?))
}

#[utoipa::path(post, path = "/api/automations", tag = "automations", request_body = NewAutomation, responses((status = 201, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/automations")]
async fn create(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<NewAutomation>,
) -> Result<HttpResponse, AppError> {
    let created = automations::create(&state.db, caller.conciergerie_id, &body).await?;
    Ok(HttpResponse::Created().json(created))
}

#[utoipa::path(patch, path = "/api/automations/{id}", tag = "automations", params(("id" = i64, Path)), request_body = protocol::automations::AutomationPatch, responses((status = 200, description = "Success", body = protocol::automations::Automation), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/automations/{id}")]
async fn update(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<AutomationId>,
    body: web::Json<AutomationPatch>,
) -> Result<HttpResponse, AppError> {
    let saved = automations::update(&state.db, caller.conciergerie_id, *id, &body).await?;
    Ok(HttpResponse::Ok().json(saved))
}

#[utoipa::path(delete, path = "/api/automations/{id}", tag = "automations", params(("id" = i64, Path)), responses((status = 204, description = "Deleted"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[delete("/api/automations/{id}")]
async fn remove(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<AutomationId>,
) -> Result<HttpResponse, AppError> {
    automations::delete(&state.db, caller.conciergerie_id, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(get, path = "/api/stays/{id}/scheduled", tag = "automations", params(("id" = i64, Path)), responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/stays/{id}/scheduled")]
async fn for_stay(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<StayId>,
) -> Result<HttpResponse, AppError> {
    let rows = automations::for_stay(&state.db, caller.conciergerie_id, *id).await?;
    Ok(HttpResponse::Ok().json(rows))
}

#[utoipa::path(post, path = "/api/scheduled/{id}/cancel", tag = "automations", params(("id" = i64, Path)), responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/scheduled/{id}/cancel")]
async fn cancel(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ScheduledId>,
) -> Result<HttpResponse, AppError> {
    let row = automations::cancel(&state.db, caller.conciergerie_id, *id).await?;
    Ok(HttpResponse::Ok().json(row))
}
