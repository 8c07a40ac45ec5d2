//! The inbox: conversations of the caller's conciergerie and their messages.

use actix_web::{get, web, HttpResponse};
use entity::{conciergerie, conversation, message};
use protocol::conversations::{ConversationSummary, Message};
use protocol::ConversationId;
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder};

use crate::auth::OperatorSession;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(messages);
}

/// The conversation if it belongs to the caller's conciergerie; another tenant's id is a 404,
/// exactly like an id that does not exist.
pub async fn find_owned(
    state: &AppState,
    caller: OperatorSession,
    id: ConversationId,
) -> Result<conversation::Model, AppError> {
    conversation::Entity::find_by_id(id.0)
        .filter(conversation::Column::ConciergerieId.eq(caller.conciergerie_id.0))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("conversation"))
}

pub async fn tenant(
    state: &AppState,
    caller: OperatorSession,
) -> Result<conciergerie::Model, AppError> {
    conciergerie::Entity::find_by_id(caller.conciergerie_id.0)
        .one(&state.db)
        .await?
        .ok_or(AppError::Unauthorized)
}

#[get("/api/conversations")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
) -> Result<HttpResponse, AppError> {
    let tenant = tenant(&state, caller).await?;
    let rows = conversation::Entity::find()
        .filter(conversation::Column::ConciergerieId.eq(tenant.id))
        .order_by(conversation::Column::LastMessageAt, Order::Desc)
        .order_by(conversation::Column::Id, Order::Desc)
        .all(&state.db)
        .await?;
    let body: Vec<ConversationSummary> = rows
        .into_iter()
        .map(|c| c.into_summary(tenant.ai_mode))
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

#[get("/api/conversations/{id}/messages")]
async fn messages(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
) -> Result<HttpResponse, AppError> {
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    let rows = message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation.id))
        .order_by(message::Column::Id, Order::Asc)
        .all(&state.db)
        .await?;
    let body: Vec<Message> = rows.into_iter().map(Message::from).collect();
    Ok(HttpResponse::Ok().json(body))
}
