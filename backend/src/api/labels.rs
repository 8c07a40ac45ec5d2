//! Labels of the caller's conciergerie (`/api/labels`). Putting them on conversations is
//! `PATCH /api/conversations/{id} {"labels": [...]}`.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use protocol::labels::{Label, LabelPatch, NewLabel};
use protocol::LabelId;

use crate::auth::OperatorSession;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update)
        .service(remove);
}

#[utoipa::path(get, path = "/api/labels", tag = "labels", responses((status = 200, description = "Success", body = [protocol::labels::Label]), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/labels")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
) -> Result<HttpResponse, AppError> {
    let rows = db::labels::list(&state.db, caller.conciergerie_id).await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(Label::from).collect::<Vec<_>>()))
}

#[utoipa::path(post, path = "/api/labels", tag = "labels", request_body = protocol::labels::NewLabel, responses((status = 201, description = "Success", body = protocol::labels::Label), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/labels")]
async fn create(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<NewLabel>,
) -> Result<HttpResponse, AppError> {
    let row = db::labels::create(&state.db, caller.conciergerie_id, &body).await?;
    Ok(HttpResponse::Created().json(Label::from(row)))
}

#[utoipa::path(patch, path = "/api/labels/{id}", tag = "labels", params(("id" = i64, Path)), request_body = protocol::labels::LabelPatch, responses((status = 200, description = "Success", body = protocol::labels::Label), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/labels/{id}")]
async fn update(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<LabelId>,
    body: web::Json<LabelPatch>,
) -> Result<HttpResponse, AppError> {
    let row = db::labels::update(&state.db, caller.conciergerie_id, *id, &body).await?;
    Ok(HttpResponse::Ok().json(Label::from(row)))
}

/// Takes the label off every conversation too.
#[utoipa::path(delete, path = "/api/labels/{id}", tag = "labels", params(("id" = i64, Path)), responses((status = 204, description = "Deleted"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[delete("/api/labels/{id}")]
async fn remove(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<LabelId>,
) -> Result<HttpResponse, AppError> {
    db::labels::delete(&state.db, caller.conciergerie_id, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
