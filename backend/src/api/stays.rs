//! Stays (séjours) of the caller's conciergerie: CRUD, filters, and the CSV import.

use actix_web::http::header;
use actix_web::web::BytesMut;
use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use protocol::stays::{NewStay, Stay, StayPatch};
use protocol::{StayId, StayOrigin};
use serde::Deserialize;

use crate::auth::OperatorSession;
use crate::db;
use crate::db::stays::StayFilter;
use crate::domain::stay::{external_uid, query_date, StayFields};
use crate::error::AppError;
use crate::state::AppState;
use crate::stays::csv_import;

/// A spreadsheet export of a few thousand bookings fits well below this.
const CSV_LIMIT: usize = 2 * 1024 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(import)
        .service(list)
        .service(create)
        .service(read)
        .service(update)
        .service(remove);
}

/// Raw query: parsed by hand so a bad date gets a message naming the parameter.
#[derive(Debug, Deserialize)]
struct ListQuery {
    property_id: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

#[utoipa::path(get, path = "/api/stays", tag = "stays", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/stays")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let tenant = caller.conciergerie_id;
    let property = match query.property_id.as_deref() {
        None | Some("") => None,
        Some(raw) => {
            let id = raw.parse().map_err(|_| {
                AppError::BadRequest(format!("`property_id={raw}` is not a property id"))
            })?;
            Some(db::properties::find_owned(&state.db, tenant, id).await?)
        }
    };
    let from = query
        .from
        .as_deref()
        .map(|d| query_date("from", d))
        .transpose()?;
    let to = query
        .to
        .as_deref()
        .map(|d| query_date("to", d))
        .transpose()?;
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            return Err(AppError::BadRequest(format!(
                "`to` ({to}) is before `from` ({from})"
            )));
        }
    }
    let filter = StayFilter {
        property: property.map(|p| protocol::PropertyId(p.id)),
        from,
        to,
    };
    let rows = db::stays::list(&state.db, tenant, filter).await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(Stay::from).collect::<Vec<_>>()))
}

#[utoipa::path(post, path = "/api/stays", tag = "stays", request_body = NewStay, responses((status = 201, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/stays")]
async fn create(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<NewStay>,
) -> Result<HttpResponse, AppError> {
    let tenant = caller.conciergerie_id;
    let fields = StayFields::from_new(&body)?;
    let uid = body.external_uid.as_deref().map(external_uid).transpose()?;
    db::properties::check_reference(&state.db, tenant, fields.property_id).await?;
    let row = db::stays::insert(&state.db, tenant, fields, StayOrigin::Manual, uid).await?;
    Ok(HttpResponse::Created().json(Stay::from(row)))
}

#[utoipa::path(get, path = "/api/stays/{id}", tag = "stays", params(("id" = i64, Path)), responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/stays/{id}")]
async fn read(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<StayId>,
) -> Result<HttpResponse, AppError> {
    let row = db::stays::find_owned(&state.db, caller.conciergerie_id, *id).await?;
    Ok(HttpResponse::Ok().json(Stay::from(row)))
}

#[utoipa::path(patch, path = "/api/stays/{id}", tag = "stays", params(("id" = i64, Path)), request_body = StayPatch, responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/stays/{id}")]
async fn update(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<StayId>,
    body: web::Json<StayPatch>,
) -> Result<HttpResponse, AppError> {
    let tenant = caller.conciergerie_id;
    let current = db::stays::find_owned(&state.db, tenant, *id).await?;
    let fields = db::stays::fields_of(&current).patched(&body)?;
    if body.property_id.is_some() {
        db::properties::check_reference(&state.db, tenant, fields.property_id).await?;
    }
    let row = db::stays::update(&state.db, current, fields).await?;
    Ok(HttpResponse::Ok().json(Stay::from(row)))
}

#[utoipa::path(delete, path = "/api/stays/{id}", tag = "stays", params(("id" = i64, Path)), responses((status = 204, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[delete("/api/stays/{id}")]
async fn remove(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<StayId>,
) -> Result<HttpResponse, AppError> {
    db::stays::delete(&state.db, caller.conciergerie_id, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/stays/import`, a `text/csv` body; see `stays::csv_import` for the columns.
#[utoipa::path(post, path = "/api/stays/import", tag = "stays", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/stays/import")]
async fn import(
    state: web::Data<AppState>,
    caller: OperatorSession,
    request: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !matches!(
        essence.as_str(),
        "text/csv" | "text/plain" | "application/csv" | "application/vnd.ms-excel"
    ) {
        return Err(AppError::UnsupportedMediaType(
            "expected Content-Type: text/csv".into(),
        ));
    }
    let body = read_capped(payload, CSV_LIMIT).await?;
    let text = csv_import::decode(&body)?;
    let report = csv_import::import(&state.db, caller.conciergerie_id, text).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// The body, refused with the API's own 413 past `limit` (actix's payload limit answers plain
/// text, not the `{"error": …}` every client expects).
async fn read_capped(mut payload: web::Payload, limit: usize) -> Result<BytesMut, AppError> {
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| AppError::BadRequest(format!("the body cannot be read: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
