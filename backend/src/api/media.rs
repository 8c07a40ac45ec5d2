//! Attachments, streamed through the server: the browser never sees a Twilio URL or credential,
//! and only the conversation's own conciergerie can fetch them.

use actix_web::{get, web, HttpResponse};
use entity::message;
use protocol::MessageId;
use sea_orm::EntityTrait;

use crate::auth::OperatorSession;
use crate::channel::Channel;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(media);
}

/// Only Twilio's own hosts are fetched, so a forged webhook cannot turn the server into a proxy.
fn trusted(url: &str, api_base: &str) -> bool {
    let Ok(parsed) = url::Url::parse(url) else {
        return false;
    };
    let host = parsed.host_str().unwrap_or_default();
    let base_host = url::Url::parse(api_base)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    host == base_host || host == "twilio.com" || host.ends_with(".twilio.com")
}

#[get("/api/media/{message_id}/{index}")]
async fn media(
    state: web::Data<AppState>,
    caller: OperatorSession,
    path: web::Path<(MessageId, usize)>,
) -> Result<HttpResponse, AppError> {
    let (message_id, index) = path.into_inner();
    let row = message::Entity::find_by_id(message_id.0)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("media"))?;
    db::conversations::find_owned(
        &state.db,
        caller.conciergerie_id,
        protocol::ConversationId(row.conversation_id),
    )
    .await
    .map_err(|_| AppError::NotFound("media"))?;
    let item = row
        .stored_media()
        .into_iter()
        .nth(index)
        .ok_or(AppError::NotFound("media"))?;
    let Channel::Twilio(client) = &state.channel else {
        return Err(AppError::NotFound("media"));
    };
    if !trusted(&item.url, &state.config.twilio_api_base) {
        return Err(AppError::Forbidden(
            "this attachment is not hosted by Twilio".into(),
        ));
    }
    let creds = client.credentials();
    let upstream = client
        .http()
        .get(&item.url)
        .basic_auth(&creds.account_sid, Some(&creds.auth_token))
        .send()
        .await
        .map_err(|e| AppError::Unavailable(format!("Twilio media unavailable: {e}")))?;
    if !upstream.status().is_success() {
        return Err(AppError::Unavailable(format!(
            "Twilio answered {} for this attachment",
            upstream.status()
        )));
    }
    let content_type = upstream
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or(item.content_type);
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", "private, max-age=3600"))
        .streaming(upstream.bytes_stream()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_twilio_hosts_are_trusted() {
        assert!(super::trusted(
            "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME",
            "https://api.twilio.com"
        ));
        assert!(super::trusted(
            "http://127.0.0.1:4000/media/1",
            "http://127.0.0.1:4000"
        ));
        assert!(!super::trusted(
            "http://169.254.169.254/latest",
            "https://api.twilio.com"
        ));
        assert!(!super::trusted("not a url", "https://api.twilio.com"));
    }
}
