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

/// Only Twilio's media is fetched, and only over https to its own hosts on the default port: the
/// request carries the account's credentials, so a forged webhook must not be able to point it at
/// another server (`http://`, another port, a look-alike host). The configured API base (a fake
/// Twilio in tests) is trusted on its exact scheme, host and port.
fn trusted(url: &str, api_base: &str) -> bool {
    let Ok(url) = url::Url::parse(url) else {
        return false;
    };
    // Credentials of our own go in the Authorization header, never somebody else's in the URL.
    if !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    if let Ok(base) = url::Url::parse(api_base) {
        if url.origin() == base.origin() {
            return true;
        }
    }
    let host = url.host_str().unwrap_or_default();
    url.scheme() == "https"
        && url.port().is_none()
        && (host == "twilio.com" || host.ends_with(".twilio.com"))
}

/// Guest-supplied files are served on the dashboard's origin: never let one run as a page there.
/// Images, audio and video are shown inline; anything else is a download.
fn safe_headers(upstream_type: &str) -> (String, bool) {
    let essence = upstream_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let inline = ["image/", "audio/", "video/"]
        .iter()
        .any(|prefix| essence.starts_with(prefix))
        // An SVG is a document that can carry scripts.
        && !essence.contains("svg");
    if inline {
        (essence, true)
    } else {
        ("application/octet-stream".to_owned(), false)
    }
}

#[utoipa::path(get, path = "/api/media/{message_id}/{index}", tag = "media", params(("message_id" = i64, Path), ("index" = usize, Path)), responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
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
    // Errors name neither the URL (account and message SIDs) nor the credentials.
    let upstream = client
        .http()
        .get(&item.url)
        .basic_auth(&creds.account_sid, Some(&creds.auth_token))
        .send()
        .await
        .map_err(|e| {
            tracing::warn!(message_id = message_id.0, error = %e.without_url(), "media fetch failed");
            AppError::Unavailable("the attachment cannot be fetched from Twilio right now".into())
        })?;
    if !upstream.status().is_success() {
        tracing::warn!(message_id = message_id.0, status = %upstream.status(), "media fetch refused");
        return Err(AppError::Unavailable(format!(
            "Twilio answered {} for this attachment",
            upstream.status().as_u16()
        )));
    }
    let upstream_type = upstream
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or(item.content_type);
    let (content_type, inline) = safe_headers(&upstream_type);
    let disposition = if inline { "inline" } else { "attachment" };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Content-Disposition", disposition))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "default-src 'none'; sandbox"))
        .insert_header(("Cache-Control", "private, max-age=3600"))
        .streaming(upstream.bytes_stream()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_https_twilio_hosts_or_the_exact_api_base_are_trusted() {
        let prod = "https://api.twilio.com";
        assert!(super::trusted(
            "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME",
            prod
        ));
        assert!(super::trusted("https://media.twilio.com/ME1", prod));
        assert!(!super::trusted("http://api.twilio.com/x", prod));
        assert!(!super::trusted("https://api.twilio.com:8443/x", prod));
        assert!(!super::trusted("https://eviltwilio.com/x", prod));
        assert!(!super::trusted("https://u@api.twilio.com/x", prod));
        assert!(!super::trusted("http://169.254.169.254/latest", prod));
        assert!(!super::trusted("not a url", prod));
        let fake = "http://127.0.0.1:4000";
        assert!(super::trusted("http://127.0.0.1:4000/media/1", fake));
        assert!(!super::trusted("http://127.0.0.1:4001/media/1", fake));
        assert!(!super::trusted("https://127.0.0.1:4000/media/1", fake));
    }

    #[test]
    fn only_images_audio_and_video_are_inline() {
        assert_eq!(
            super::safe_headers("image/jpeg"),
            ("image/jpeg".to_owned(), true)
        );
        assert!(super::safe_headers("audio/ogg; codecs=opus").1);
        for risky in ["text/html", "image/svg+xml", "application/pdf", ""] {
            assert_eq!(
                super::safe_headers(risky),
                ("application/octet-stream".to_owned(), false),
                "{risky}"
            );
        }
    }
}
