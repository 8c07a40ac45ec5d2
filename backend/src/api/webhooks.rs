//! Twilio's webhooks: inbound WhatsApp messages and delivery status callbacks. Both are signed;
//! an unsigned or wrongly signed request is refused with 403 and nothing is stored.

use actix_web::{post, web, HttpRequest, HttpResponse};
use std::time::Instant;

use futures_util::StreamExt;

use crate::channel::twilio::inbound::{InboundMessage, StatusCallback};
use crate::channel::twilio::signature;
use crate::error::AppError;
use crate::inbound::{accept, delivery_status};
use crate::metrics::{WebhookOutcome, METRICS};
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

#[utoipa::path(post, path = "/webhook/whatsapp", tag = "webhooks", responses((status = 200, description = "Success")))]
#[post("/webhook/whatsapp")]
async fn inbound(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let started = Instant::now();
    let result = accept_inbound(&state, &req, payload).await;
    METRICS.webhook("message", started, WebhookOutcome::of(&result));
    result
}

async fn accept_inbound(
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let params = signed_params(state, req, payload).await?;
    let message = InboundMessage::from_params(&params)?;
    let raw = || {
        serde_json::Value::Object(
            params
                .into_iter()
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect(),
        )
    };
    accept(state, message, None, raw).await?;
    Ok(twiml())
}

#[utoipa::path(post, path = "/webhook/whatsapp/status", tag = "webhooks", responses((status = 200, description = "Success")))]
#[post("/webhook/whatsapp/status")]
async fn status(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let started = Instant::now();
    let result = async {
        let params = signed_params(&state, &req, payload).await?;
        let callback = StatusCallback::from_params(&params)?;
        delivery_status(&state, callback).await
    }
    .await;
    METRICS.webhook("status", started, WebhookOutcome::of(&result));
    result.map(|_| HttpResponse::Ok().finish())
}
