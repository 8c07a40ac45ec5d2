//! The conciergerie's FAQ, which grounds every AI reply. An entry is shared by the whole
//! conciergerie or belongs to one property (`property_id`), and may be `sensitive`.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::Utc;
use entity::faq;
use protocol::faqs::{Faq, FaqPatch, FaqQuery, NewFaq};
use protocol::FaqId;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use crate::auth::OperatorSession;
use crate::db;
use crate::domain::required_text;
use crate::error::AppError;
use crate::state::AppState;

const MAX_QUESTION: usize = 500;
const MAX_ANSWER: usize = 4000;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(create)
        .service(update)
        .service(remove);
}

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
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(HttpResponse::Created().json(Faq::from(row)))
}

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
    row.updated_at = Set(Utc::now());
    let row = row.update(&state.db).await?;
    Ok(HttpResponse::Ok().json(Faq::from(row)))
}

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
