//! `GET /ws`: the dashboards' live feed. Authenticated like the API (bearer or session cookie);
//! for a cookie, the `Origin` must be ours, so another site cannot ride the operator's cookie.
//! `?role=admin` selects the admin session (the admin app); the default is the operator's.

mod origin;
mod session;

use std::sync::atomic::{AtomicU64, Ordering};

use actix_web::{get, web, HttpRequest, HttpResponse};
use actix_web_actors::ws;
use protocol::paths;
use serde::Deserialize;

use self::session::WsSession;
use crate::actors::hub::Audience;
use crate::auth::session::{admin_from_token, operator_from_token, request_token, TokenSource};
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(connect);
}

#[derive(Deserialize)]
struct Params {
    role: Option<String>,
}

static NEXT_SESSION: AtomicU64 = AtomicU64::new(1);

async fn authenticate(
    state: &AppState,
    req: &HttpRequest,
    admin: bool,
) -> Result<Audience, AppError> {
    let cookie = if admin {
        paths::ADMIN_SESSION_COOKIE
    } else {
        paths::SESSION_COOKIE
    };
    let (token, source) = request_token(req, cookie).ok_or(AppError::Unauthorized)?;
    if source == TokenSource::Cookie {
        let origin = req.headers().get("Origin").and_then(|v| v.to_str().ok());
        let host = req.headers().get("Host").and_then(|v| v.to_str().ok());
        if !origin::allowed(origin, host, &state.public_base_url) {
            return Err(AppError::Forbidden("WebSocket origin not allowed".into()));
        }
    }
    if admin {
        admin_from_token(&state.db, &token)
            .await
            .map(|_| Audience::Admins)
    } else {
        operator_from_token(&state.db, &token)
            .await
            .map(|s| Audience::Tenant(s.conciergerie_id))
    }
}

#[get("/ws")]
async fn connect(
    state: web::Data<AppState>,
    req: HttpRequest,
    params: web::Query<Params>,
    stream: web::Payload,
) -> Result<HttpResponse, actix_web::Error> {
    let admin = params.role.as_deref() == Some("admin");
    let audience = authenticate(&state, &req, admin).await?;
    let id = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
    ws::start(
        WsSession::new(id, audience, state.hub.clone()),
        &req,
        stream,
    )
}
