//! Twilio's webhooks: inbound WhatsApp messages and delivery status callbacks. Both are signed;
//! an unsigned or wrongly signed request is refused with 403 and nothing is stored.

use std::time::Duration;

use actix_web::{post, web, HttpRequest, HttpResponse};
use entity::message;
use futures_util::StreamExt;
use protocol::{ConversationId, MessageId};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::actors::conversation::StatusUpdate;
use crate::channel::receive::accept;
use crate::channel::twilio::inbound::{InboundMessage, StatusCallback};
use crate::channel::twilio::signature;
use crate::error::AppError;
use crate::state::AppState;
use crate::FORM_LIMIT;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(inbound).service(status);
}

/// Empty TwiML: we answer asynchronously through the REST API.
fn twiml() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/xml")
        .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>")
}

pub async fn read_limited(
    mut payload: web::Payload,
    limit: usize,
) -> Result<web::BytesMut, AppError> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|e| AppError::BadRequest(format!("cannot read the request body: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Parses and authenticates a Twilio webhook body.
async fn signed_params(
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<Vec<(String, String)>, AppError> {
    let body = read_limited(payload, FORM_LIMIT).await?;
    let Some(token) = state.config.twilio_auth_token.as_deref() else {
        return Err(AppError::Forbidden(
            "webhooks are refused: no TWILIO_AUTH_TOKEN is configured to verify them".into(),
        ));
    };
    let provided = req
        .headers()
        .get("X-Twilio-Signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let params: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
        .map_err(|e| AppError::BadRequest(format!("invalid form body: {e}")))?;
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or(req.path());
    let url = format!("{}{}", state.public_base_url, path);
    if provided.is_empty() || !signature::is_valid(token, &url, &params, provided) {
        tracing::warn!(%url, "webhook with a missing or wrong X-Twilio-Signature refused");
        return Err(AppError::Forbidden("invalid X-Twilio-Signature".into()));
    }
    Ok(params)
}

#[post("/webhook/whatsapp")]
async fn inbound(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let params = signed_params(&state, &req, payload).await?;
    let message = InboundMessage::from_params(&params)?;
    let raw = || {
        serde_json::Value::Object(
            params
                .into_iter()
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect(),
        )
    };
    accept(&state, message, None, raw).await?;
    Ok(twiml())
}

#[post("/webhook/whatsapp/status")]
async fn status(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let params = signed_params(&state, &req, payload).await?;
    let callback = StatusCallback::from_params(&params)?;
    // Twilio can call back before our own send has recorded the message's sid: wait for it a
    // little rather than lose the status.
    let mut found = None;
    for _ in 0..25 {
        found = message::Entity::find()
            .filter(message::Column::ExternalId.eq(&callback.message_sid))
            .one(&state.db)
            .await?;
        if found.is_some() {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    }
    let Some(row) = found else {
        tracing::warn!(sid = %callback.message_sid, "status callback for an unknown message ignored");
        return Ok(HttpResponse::Ok().finish());
    };
    state
        .registry
        .send(
            ConversationId(row.conversation_id),
            StatusUpdate {
                message_id: MessageId(row.id),
                status: callback.status,
                error_code: callback.error_code,
            },
        )
        .await
        .map_err(|e| AppError::Unavailable(format!("conversation busy: {e}")))??;
    Ok(HttpResponse::Ok().finish())
}
