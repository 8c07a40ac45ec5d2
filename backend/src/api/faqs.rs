//! The conciergerie's FAQ, which grounds every AI reply.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::Utc;
use entity::faq;
use protocol::faqs::{Faq, FaqPatch, NewFaq};
use protocol::FaqId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, Order, QueryFilter, QueryOrder,
    Set,
};

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

async fn find_owned(
    state: &AppState,
    caller: OperatorSession,
    id: FaqId,
) -> Result<faq::Model, AppError> {
    db::find_owned::<faq::Entity>(
        &state.db,
        faq::Column::ConciergerieId,
        caller.conciergerie_id,
        id.0,
        "faq",
    )
    .await
}

#[get("/api/faqs")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
) -> Result<HttpResponse, AppError> {
    let rows = faq::Entity::find()
        .filter(faq::Column::ConciergerieId.eq(caller.conciergerie_id.0))
        .order_by(faq::Column::Id, Order::Asc)
        .all(&state.db)
        .await?;
    Ok(HttpResponse::Ok().json(rows.into_iter().map(Faq::from).collect::<Vec<_>>()))
}

#[post("/api/faqs")]
async fn create(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<NewFaq>,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now();
    let row = faq::ActiveModel {
        conciergerie_id: Set(caller.conciergerie_id.0),
        question: Set(required_text("question", &body.question, MAX_QUESTION)?),
        answer: Set(required_text("answer", &body.answer, MAX_ANSWER)?),
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
    let mut row = find_owned(&state, caller, id.into_inner())
        .await?
        .into_active_model();
    if let Some(q) = &body.question {
        row.question = Set(required_text("question", q, MAX_QUESTION)?);
    }
    if let Some(a) = &body.answer {
        row.answer = Set(required_text("answer", a, MAX_ANSWER)?);
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
    let row = find_owned(&state, caller, id.into_inner()).await?;
    faq::Entity::delete_by_id(row.id).exec(&state.db).await?;
    Ok(HttpResponse::NoContent().finish())
}
