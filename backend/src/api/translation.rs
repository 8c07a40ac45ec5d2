//! Two-way translation for operators. A guest message shows its language and, with Claude, its
//! French translation (computed once, stored in `message_translations`, then part of the message
//! JSON); an operator's French draft is translated into the guest's language before it is sent.
//! Offline the language is still detected, and the dashboard says that translation needs Claude.

use std::collections::HashMap;

use actix_web::{post, web, HttpResponse};
use chrono::Utc;
use entity::{message, message_translation};
use protocol::conversations::{
    Message, MessageTranslation, TokenUsage, TranslateRequest, TranslatedDraft,
};
use protocol::{ConciergerieId, ConversationId, GuestLanguage, MessageId, Sender};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::conversations::{find_owned, MAX_BODY};
use crate::ai::{language, Responder};
use crate::auth::OperatorSession;
use crate::db;
use crate::domain::required_text;
use crate::error::AppError;
use crate::state::AppState;

/// The conciergeries write French: what guests say is translated into it.
const OPERATORS_LANGUAGE: GuestLanguage = GuestLanguage::French;
/// How many of the guest's latest messages tell their language.
const GUEST_SAMPLE: u64 = 20;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(translate_guest_message)
        .service(translate_draft);
}

/// Fills `translation` on the guest messages that have one stored.
pub async fn attach(db: &impl ConnectionTrait, messages: &mut [Message]) -> Result<(), AppError> {
    let ids: Vec<i64> = messages
        .iter()
        .filter(|m| m.sender == Sender::Client)
        .map(|m| m.id.0)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let stored: HashMap<i64, MessageTranslation> = message_translation::Entity::find()
        .filter(message_translation::Column::MessageId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.message_id, wire(t)))
        .collect();
    for m in messages {
        m.translation = stored.get(&m.id.0).cloned();
    }
    Ok(())
}

fn wire(row: message_translation::Model) -> MessageTranslation {
    MessageTranslation {
        language: row.language,
        text: row.text,
    }
}

/// Detection is CPU work: off the async threads.
async fn detect(text: String) -> Result<GuestLanguage, AppError> {
    tokio::task::spawn_blocking(move || language::detect(&text).wire())
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

/// A guest message's language and French translation: stored the first time, then read back.
/// Offline (or for a French message) only the language is stored.
#[utoipa::path(post, path = "/api/conversations/{id}/messages/{message_id}/translation", tag = "translation", params(("id" = i64, Path), ("message_id" = i64, Path)), responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/conversations/{id}/messages/{message_id}/translation")]
async fn translate_guest_message(
    state: web::Data<AppState>,
    caller: OperatorSession,
    path: web::Path<(ConversationId, MessageId)>,
) -> Result<HttpResponse, AppError> {
    let (conversation, message_id) = path.into_inner();
    let tenant = caller.conciergerie_id;
    let conversation = find_owned(&state, caller, conversation).await?;
    let guest_message = message::Entity::find_by_id(message_id.0)
        .filter(message::Column::ConversationId.eq(conversation.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("message"))?;
    if guest_message.sender != Sender::Client {
        return Err(AppError::validation(
            "message_id",
            "only a guest's messages are translated",
        ));
    }
    if let Some(done) = message_translation::Entity::find_by_id(guest_message.id)
        .one(&state.db)
        .await?
    {
        return Ok(HttpResponse::Ok().json(wire(done)));
    }
    let language = detect(guest_message.body.clone()).await?;
    let text = match &state.responder {
        Responder::Claude(claude) if language != OPERATORS_LANGUAGE => Some(
            metered(
                &state,
                tenant,
                claude.translate(&guest_message.body, &[OPERATORS_LANGUAGE]),
            )
            .await?
            .remove(&OPERATORS_LANGUAGE)
            .ok_or_else(|| AppError::Unavailable("Claude gave no translation".into()))?,
        ),
        _ => None,
    };
    // Two dashboards may ask at once: the first row stays, both answer it.
    message_translation::Entity::insert(message_translation::ActiveModel {
        message_id: sea_orm::Set(guest_message.id),
        language: sea_orm::Set(language),
        text: sea_orm::Set(text),
        created_at: sea_orm::Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(message_translation::Column::MessageId)
            .do_nothing()
            .to_owned(),
    )
    .do_nothing()
    .exec(&state.db)
    .await?;
    let stored = message_translation::Entity::find_by_id(guest_message.id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("translation"))?;
    Ok(HttpResponse::Ok().json(wire(stored)))
}

/// An operator's draft in the guest's language, to review before sending it. Offline, 409:
/// translation needs Claude.
#[utoipa::path(post, path = "/api/conversations/{id}/translate", tag = "translation", params(("id" = i64, Path)), request_body = TranslateRequest, responses((status = 200, description = "Success", body = protocol::conversations::TranslatedDraft), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/conversations/{id}/translate")]
async fn translate_draft(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
    body: web::Json<TranslateRequest>,
) -> Result<HttpResponse, AppError> {
    let text = required_text("text", &body.text, MAX_BODY)?;
    let tenant = caller.conciergerie_id;
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    let Responder::Claude(claude) = &state.responder else {
        return Err(AppError::Conflict(
            "translating replies needs Claude (set ANTHROPIC_API_KEY)".into(),
        ));
    };
    let guest_words: Vec<String> =
        db::messages::recent(&state.db, ConversationId(conversation.id), GUEST_SAMPLE)
            .await?
            .into_iter()
            .filter(|m| m.sender == Sender::Client)
            .map(|m| m.body)
            .collect();
    if guest_words.is_empty() {
        return Err(AppError::Conflict(
            "the guest has written nothing yet: their language is unknown".into(),
        ));
    }
    let language = detect(guest_words.join("\n")).await?;
    let translated = if language == OPERATORS_LANGUAGE {
        text
    } else {
        metered(&state, tenant, claude.translate(&text, &[language]))
            .await?
            .remove(&language)
            .ok_or_else(|| AppError::Unavailable("Claude gave no translation".into()))?
    };
    Ok(HttpResponse::Ok().json(TranslatedDraft {
        language,
        text: translated,
    }))
}

/// A translation counted in the conciergerie's AI spending (and refused past its daily budget).
async fn metered<T>(
    state: &AppState,
    tenant: ConciergerieId,
    call: impl std::future::Future<Output = Result<(T, Option<TokenUsage>), String>>,
) -> Result<T, AppError> {
    let budget = state
        .tenants
        .get(tenant)
        .and_then(|t| t.ai_daily_budget_usd);
    state.spending.metered(tenant, budget, call).await
}
