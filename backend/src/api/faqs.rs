//! The conciergerie's FAQ, which grounds every AI reply. An entry is shared by the whole
//! conciergerie or belongs to one property (`property_id`), and may be `sensitive`.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::Utc;
use entity::faq;
use protocol::faqs::{Faq, FaqPatch, FaqQuery, NewFaq, TranslationDraft, Translations};
use protocol::{FaqId, GuestLanguage};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use crate::ai::{language, Responder};
use crate::auth::OperatorSession;
use crate::db;
use crate::domain::{optional_text, required_text};
use crate::error::AppError;
use crate::state::AppState;

const MAX_QUESTION: usize = 500;
const MAX_ANSWER: usize = 4000;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update)
        .service(remove)
        .service(draft_translations);
}

/// Trimmed translations, empty ones dropped (an emptied field removes that language); stored as
/// the JSON object `{"en": "…"}`, or nothing when there are none.
fn checked_translations(raw: &Translations) -> Result<Option<serde_json::Value>, AppError> {
    let mut kept = Translations::new();
    for (language, text) in raw {
        let text = optional_text("translations", text, MAX_ANSWER)?;
        if !text.is_empty() {
            kept.insert(*language, text);
        }
    }
    if kept.is_empty() {
        return Ok(None);
    }
    let json = serde_json::to_value(kept).map_err(|e| AppError::Internal(e.into()))?;
    Ok(Some(json))
}

#[utoipa::path(get, path = "/api/faqs", tag = "faqs", responses((status = 200, description = "Success", body = [protocol::faqs::Faq]), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/faqs")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
    query: web::Query<FaqQuery>,
) -> Result<HttpResponse, AppError> {
    let tenant = caller.conciergerie_id;
    if let Some(property) = query.property_id {
        db::properties::find_owned(&state.db, tenant, property).await?;
    }
    let rows = db::faqs::list(&state.db, tenant, query.property_id).await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(Faq::from).collect::<Vec<_>>()))
}

#[utoipa::path(post, path = "/api/faqs", tag = "faqs", request_body = NewFaq, responses((status = 201, description = "Success", body = protocol::faqs::Faq), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/faqs")]
async fn create(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<NewFaq>,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now();
    let question = required_text("question", &body.question, MAX_QUESTION)?;
    let answer = required_text("answer", &body.answer, MAX_ANSWER)?;
    if let Some(property) = body.property_id {
        db::properties::check_reference(&state.db, caller.conciergerie_id, property).await?;
    }
    let row = faq::ActiveModel {
        conciergerie_id: Set(caller.conciergerie_id.0),
        question: Set(question),
        answer: Set(answer),
        property_id: Set(body.property_id.map(|p| p.0)),
        sensitive: Set(body.sensitive),
        translations: Set(checked_translations(&body.translations)?),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(HttpResponse::Created().json(Faq::from(row)))
}

#[utoipa::path(patch, path = "/api/faqs/{id}", tag = "faqs", params(("id" = i64, Path)), request_body = FaqPatch, responses((status = 200, description = "Success", body = protocol::faqs::Faq), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/faqs/{id}")]
async fn update(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<FaqId>,
    body: web::Json<FaqPatch>,
) -> Result<HttpResponse, AppError> {
    let tenant = caller.conciergerie_id;
    let mut row = db::faqs::find_owned(&state.db, tenant, id.into_inner())
        .await?
        .into_active_model();
    if let Some(q) = &body.question {
        row.question = Set(required_text("question", q, MAX_QUESTION)?);
    }
    if let Some(a) = &body.answer {
        row.answer = Set(required_text("answer", a, MAX_ANSWER)?);
    }
    if let Some(property) = body.property_id {
        if let Some(property) = property {
            db::properties::check_reference(&state.db, tenant, property).await?;
        }
        row.property_id = Set(property.map(|p| p.0));
    }
    if let Some(sensitive) = body.sensitive {
        row.sensitive = Set(sensitive);
    }
    if let Some(translations) = &body.translations {
        row.translations = Set(checked_translations(translations)?);
    }
    row.updated_at = Set(Utc::now());
    let row = row.update(&state.db).await?;
    Ok(HttpResponse::Ok().json(Faq::from(row)))
}

#[utoipa::path(delete, path = "/api/faqs/{id}", tag = "faqs", params(("id" = i64, Path)), responses((status = 204, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[delete("/api/faqs/{id}")]
async fn remove(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<FaqId>,
) -> Result<HttpResponse, AppError> {
    let row = db::faqs::find_owned(&state.db, caller.conciergerie_id, id.into_inner()).await?;
    faq::Entity::delete_by_id(row.id).exec(&state.db).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The entry's answer translated by Claude into the languages it has no answer in yet (neither
/// the one it is written in nor a saved translation). Nothing is stored: the operator reviews the
/// drafts and saves them with `PATCH`. Offline, 409: translation needs Claude.
#[utoipa::path(post, path = "/api/faqs/{id}/translations/draft", tag = "faqs", params(("id" = i64, Path)), responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/faqs/{id}/translations/draft")]
async fn draft_translations(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<FaqId>,
) -> Result<HttpResponse, AppError> {
    let row = db::faqs::find_owned(&state.db, caller.conciergerie_id, id.into_inner()).await?;
    let Responder::Claude(claude) = &state.responder else {
        return Err(AppError::Conflict(
            "translating FAQ answers needs Claude (set ANTHROPIC_API_KEY)".into(),
        ));
    };
    let entry = Faq::from(row);
    let written_in = language::detect(&entry.answer).wire();
    let missing: Vec<GuestLanguage> = GuestLanguage::ALL
        .iter()
        .copied()
        .filter(|l| *l != written_in && !entry.translations.contains_key(l))
        .collect();
    let tenant = caller.conciergerie_id;
    let budget = state
        .tenants
        .get(tenant)
        .and_then(|t| t.ai_daily_budget_usd);
    let translations = state
        .spending
        .metered(tenant, budget, claude.translate(&entry.answer, &missing))
        .await?;
    Ok(HttpResponse::Ok().json(TranslationDraft { translations }))
}
