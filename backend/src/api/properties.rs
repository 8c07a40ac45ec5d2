//! Properties (logements) of the caller's conciergerie, and syncing their calendars now.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use protocol::properties::{NewProperty, Property, PropertyPatch};
use protocol::PropertyId;

use crate::auth::OperatorSession;
use crate::db;
use crate::domain::property::PropertyFields;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(read)
        .service(update)
        .service(remove)
        .service(sync_now);
}

#[utoipa::path(get, path = "/api/properties", tag = "properties", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/properties")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
) -> Result<HttpResponse, AppError> {
    let rows = db::properties::list(&state.db, caller.conciergerie_id).await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(Property::from).collect::<Vec<_>>()))
}

#[utoipa::path(post, path = "/api/properties", tag = "properties", request_body = NewProperty, responses((status = 201, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/properties")]
async fn create(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<NewProperty>,
) -> Result<HttpResponse, AppError> {
    // The conciergerie's zone is only needed when the request names none.
    let zone = match body.time_zone {
        Some(_) => Default::default(),
        None => db::properties::default_zone(&state.db, caller.conciergerie_id).await?,
    };
    let fields = PropertyFields::from_new(&body, zone)?;
    let row = db::properties::insert(&state.db, caller.conciergerie_id, fields).await?;
    Ok(HttpResponse::Created().json(Property::from(row)))
}

#[utoipa::path(get, path = "/api/properties/{id}", tag = "properties", params(("id" = i64, Path)), responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/properties/{id}")]
async fn read(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<PropertyId>,
) -> Result<HttpResponse, AppError> {
    let row = db::properties::find_owned(&state.db, caller.conciergerie_id, *id).await?;
    Ok(HttpResponse::Ok().json(Property::from(row)))
}

#[utoipa::path(patch, path = "/api/properties/{id}", tag = "properties", params(("id" = i64, Path)), request_body = PropertyPatch, responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/properties/{id}")]
async fn update(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<PropertyId>,
    body: web::Json<PropertyPatch>,
) -> Result<HttpResponse, AppError> {
    let current = db::properties::find_owned(&state.db, caller.conciergerie_id, *id).await?;
    let fields = db::properties::fields_of(&current).patched(&body)?;
    let row = db::properties::update(&state.db, current, fields).await?;
    Ok(HttpResponse::Ok().json(Property::from(row)))
}

/// 409 while FAQ entries or stays still use the property (see `db::properties::delete_unused`).
#[utoipa::path(delete, path = "/api/properties/{id}", tag = "properties", params(("id" = i64, Path)), responses((status = 204, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[delete("/api/properties/{id}")]
async fn remove(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<PropertyId>,
) -> Result<HttpResponse, AppError> {
    db::properties::delete_unused(&state.db, caller.conciergerie_id, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Fetches the property's calendar feeds now, without waiting for the schedule.
#[utoipa::path(post, path = "/api/properties/{id}/sync", tag = "properties", params(("id" = i64, Path)), responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/properties/{id}/sync")]
async fn sync_now(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<PropertyId>,
) -> Result<HttpResponse, AppError> {
    let property = db::properties::find_owned(&state.db, caller.conciergerie_id, *id).await?;
    let report = state.stay_sync.sync_property(property).await?;
    Ok(HttpResponse::Ok().json(report))
}
