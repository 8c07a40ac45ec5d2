//! Files operators send to guests. Uploaded for one conversation, stored in the database, sent
//! with `POST /api/conversations/{id}/send {"attachment_ids": […]}` and served publicly at
//! `/media/out/{id}` — the URL Twilio fetches (it cannot log in), made unguessable by its
//! 128-bit random id.

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use protocol::conversations::Attachment;
use protocol::ConversationId;

use crate::auth::client_addr::client_addr;
use crate::auth::OperatorSession;
use crate::db;
use crate::domain::attachment::{self, Kind, MAX_BYTES};
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(upload).service(public_file);
}

/// The file is the raw request body; its type is read from its bytes.
#[utoipa::path(post, path = "/api/conversations/{id}/attachments", tag = "attachments", params(("id" = String, Path)), responses((status = 201, description = "Success", body = protocol::conversations::Attachment), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/conversations/{id}/attachments")]
async fn upload(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
    request: HttpRequest,
    mut payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let conversation =
        db::conversations::find_owned(&state.db, caller.conciergerie_id, id.into_inner()).await?;
    if declared_type(&request).starts_with("multipart/") {
        return Err(AppError::UnsupportedMediaType(
            "send the file itself as the request body, with its Content-Type".into(),
        ));
    }
    // Refuse a declared oversize at once, and stop reading one that lies about its length.
    let declared_len = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared_len.is_some_and(|n| n > MAX_BYTES) {
        return Err(too_big());
    }
    let mut data = Vec::with_capacity(declared_len.unwrap_or(64 * 1024).min(MAX_BYTES));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(format!("upload interrupted: {e}")))?;
        if data.len() + chunk.len() > MAX_BYTES {
            return Err(too_big());
        }
        data.extend_from_slice(&chunk);
    }
    if data.is_empty() {
        return Err(AppError::validation("file", "the file is empty"));
    }
    let kind = Kind::sniff(&data).ok_or_else(|| {
        AppError::UnsupportedMediaType(
            "only JPEG, PNG, WebP and GIF images and PDF documents can be sent".into(),
        )
    })?;
    let stored = db::attachments::insert(
        &state.db,
        caller.conciergerie_id,
        ConversationId(conversation.id),
        attachment::new_id(),
        kind.content_type(),
        data,
    )
    .await?;
    Ok(HttpResponse::Created().json(Attachment {
        url: protocol::paths::media_out(&stored.id),
        id: stored.id,
        content_type: stored.content_type,
        size: stored.size as u64,
    }))
}

fn declared_type(request: &HttpRequest) -> String {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn too_big() -> AppError {
    AppError::PayloadTooLarge
}

/// Public on purpose (Twilio fetches it without credentials): the id is the secret. Limited per
/// client address (`MEDIA_RATE_PER_MIN`): each answer is a whole file read from the database.
#[utoipa::path(get, path = "/media/out/{id}", tag = "attachments", params(("id" = String, Path)), responses((status = 200, description = "Success"), (status = 429, description = "Too many requests from this address", body = protocol::error::ErrorBody)))]
#[get("/media/out/{id}")]
async fn public_file(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    state
        .request_limits
        .media(&client_addr(&req, &state.config.trusted_proxies))?;
    let id = id.into_inner();
    if !attachment::is_id(&id) {
        return Err(AppError::NotFound("attachment"));
    }
    let file = db::attachments::find(&state.db, &id)
        .await?
        .ok_or(AppError::NotFound("attachment"))?;
    // Only what `upload` accepted is stored; anything else is served as a download.
    let kind = Kind::from_content_type(&file.content_type);
    let disposition = match kind {
        Some(k) if k.is_image() => "inline".to_owned(),
        Some(_) => format!("attachment; filename=\"document-{}.pdf\"", &id[..8]),
        None => "attachment".to_owned(),
    };
    Ok(HttpResponse::Ok()
        .content_type(kind.map_or("application/octet-stream", Kind::content_type))
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "default-src 'none'; sandbox"))
        .insert_header(("X-Robots-Tag", "noindex"))
        // The content behind an id never changes.
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400, immutable"))
        .body(file.data))
}
