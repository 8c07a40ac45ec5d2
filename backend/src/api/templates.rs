//! Saved replies (« réponses types ») of the logged-in conciergerie.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::Utc;
use entity::template;
use protocol::templates::{NewTemplate, Template, TemplatePatch};
use protocol::TemplateId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, Order, QueryFilter, QueryOrder,
    Set,
};

use super::conversations::MAX_BODY;
use crate::auth::OperatorSession;
use crate::db;
use crate::domain::required_text;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update)
        .service(remove);
}

/// A shortcut is typed after `/` in the composer: one word of letters, digits, `-` or `_`.
fn shortcut(raw: &str) -> Result<String, AppError> {
    let s = required_text("shortcut", raw.trim_start_matches('/'), 32)?.to_lowercase();
    if s.chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        Ok(s)
    } else {
        Err(AppError::validation(
            "shortcut",
            "a shortcut is one word: letters, digits, - or _",
        ))
    }
}

async fn ensure_free(
    state: &AppState,
    caller: OperatorSession,
    shortcut: &str,
    except: Option<i64>,
) -> Result<(), AppError> {
    let clash = template::Entity::find()
        .filter(template::Column::ConciergerieId.eq(caller.conciergerie_id.0))
        .filter(template::Column::Shortcut.eq(shortcut))
        .one(&state.db)
        .await?;
    match clash {
        Some(t) if Some(t.id) != except => Err(AppError::Conflict(format!(
            "the shortcut /{shortcut} is already used"
        ))),
        _ => Ok(()),
    }
}

async fn find_owned(
    state: &AppState,
    caller: OperatorSession,
    id: TemplateId,
) -> Result<template::Model, AppError> {
    db::find_owned::<template::Entity>(
        &state.db,
        template::Column::ConciergerieId,
        caller.conciergerie_id,
        id.0,
        "template",
    )
    .await
}

#[utoipa::path(get, path = "/api/templates", tag = "templates", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/templates")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
) -> Result<HttpResponse, AppError> {
    let rows = template::Entity::find()
        .filter(template::Column::ConciergerieId.eq(caller.conciergerie_id.0))
        .order_by(template::Column::Shortcut, Order::Asc)
        .all(&state.db)
        .await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(Template::from).collect::<Vec<_>>()))
}

#[utoipa::path(post, path = "/api/templates", tag = "templates", request_body = NewTemplate, responses((status = 201, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/templates")]
async fn create(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<NewTemplate>,
) -> Result<HttpResponse, AppError> {
    let shortcut = shortcut(&body.shortcut)?;
    let text = required_text("body", &body.body, MAX_BODY)?;
    ensure_free(&state, caller, &shortcut, None).await?;
    let now = Utc::now();
    let row = template::ActiveModel {
        conciergerie_id: Set(caller.conciergerie_id.0),
        shortcut: Set(shortcut),
        body: Set(text),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(HttpResponse::Created().json(Template::from(row)))
}

#[utoipa::path(patch, path = "/api/templates/{id}", tag = "templates", params(("id" = i64, Path)), request_body = TemplatePatch, responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/templates/{id}")]
async fn update(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<TemplateId>,
    body: web::Json<TemplatePatch>,
) -> Result<HttpResponse, AppError> {
    let current = find_owned(&state, caller, id.into_inner()).await?;
    let current_id = current.id;
    let mut row = current.into_active_model();
    if let Some(raw) = &body.shortcut {
        let s = shortcut(raw)?;
        ensure_free(&state, caller, &s, Some(current_id)).await?;
        row.shortcut = Set(s);
    }
    if let Some(text) = &body.body {
        row.body = Set(required_text("body", text, MAX_BODY)?);
    }
    row.updated_at = Set(Utc::now());
    let row = row.update(&state.db).await?;
    Ok(HttpResponse::Ok().json(Template::from(row)))
}

#[utoipa::path(delete, path = "/api/templates/{id}", tag = "templates", params(("id" = i64, Path)), responses((status = 204, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[delete("/api/templates/{id}")]
async fn remove(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<TemplateId>,
) -> Result<HttpResponse, AppError> {
    let row = find_owned(&state, caller, id.into_inner()).await?;
    template::Entity::delete_by_id(row.id)
        .exec(&state.db)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
