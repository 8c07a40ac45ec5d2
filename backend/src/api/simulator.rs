//! The offline guest simulator's entry point: the dashboard plays a WhatsApp guest, and the
//! message takes the same path as a signed Twilio webhook (ingest writer → conversation actor).

use actix_web::{post, web, HttpResponse};
use protocol::simulator::{SimulatedGuestMessage, SimulatorAccepted};
use protocol::ChannelMode;
use rand::RngCore;

use crate::auth::OperatorSession;
use crate::channel::twilio::inbound::InboundMessage;
use crate::channel::twilio::with_channel;
use crate::domain::{optional_text, required_text};
use crate::error::AppError;
use crate::inbound::{accept, Accepted};
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(guest_message);
}

fn simulated_sid() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "SIM{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

#[utoipa::path(post, path = "/api/simulator/messages", tag = "simulator", request_body = SimulatedGuestMessage, responses((status = 202, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/simulator/messages")]
async fn guest_message(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<SimulatedGuestMessage>,
) -> Result<HttpResponse, AppError> {
    if state.channel.mode() != ChannelMode::Simulator {
        return Err(AppError::Conflict(
            "the guest simulator only runs in offline mode (no Twilio credentials configured)"
                .into(),
        ));
    }
    state.request_limits.simulator(caller.conciergerie_id)?;
    let from = required_text("from", &body.from, 64)?;
    let text = required_text("body", &body.body, 4096)?;
    let name = body
        .profile_name
        .as_deref()
        .map(|n| optional_text("profile_name", n, 120))
        .transpose()?
        .filter(|n| !n.is_empty());
    let tenant = state
        .tenants
        .get(caller.conciergerie_id)
        .ok_or(AppError::Unauthorized)?;
    let message = InboundMessage {
        message_sid: simulated_sid(),
        account_sid: None,
        from: with_channel(&from),
        to: tenant
            .whatsapp_number
            .clone()
            .unwrap_or_else(|| state.config.twilio_whatsapp_number.clone()),
        body: text,
        profile_name: name,
        wa_id: None,
        messaging_service_sid: None,
        media: Vec::new(),
        location: None,
    };
    let raw = || serde_json::json!({"simulated": true});
    match accept(&state, message, Some(caller.conciergerie_id), raw).await? {
        Accepted::Stored {
            conversation_id,
            message_id,
        } => Ok(HttpResponse::Accepted().json(SimulatorAccepted {
            conversation_id,
            message_id,
        })),
        Accepted::Duplicate | Accepted::Unrouted => Err(AppError::Internal(anyhow::anyhow!(
            "simulated message was not stored"
        ))),
    }
}
