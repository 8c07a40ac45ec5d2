//! `GET /ws`: the dashboards' live feed. Authenticated like the API (bearer or session cookie);
//! for a cookie, the `Origin` must be ours, so another site cannot ride the operator's cookie.
//! `?role=admin` selects the admin session (the admin app); the default is the operator's.

pub mod limits;
mod origin;
mod session;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use entity::session::SessionKind;

use actix_web::{get, web, HttpRequest, HttpResponse};
use actix_web_actors::ws;
use protocol::members::MemberBrief;
use protocol::paths;
use serde::Deserialize;

use self::session::{Presence, WsSession};
use crate::actors::hub::Audience;
use crate::auth::session::{
    admin_from_token, operator_from_token, request_token, session_expiry, TokenSource,
};
use crate::auth::token;
use crate::db;
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

/// Who the socket is for, and which session it rides on (to close it when that session ends).
struct Authenticated {
    audience: Audience,
    /// The operator's member, for presence (`None` for admins).
    member: Option<MemberBrief>,
    token_hash: String,
    expires_in: Duration,
}

async fn authenticate(
    state: &AppState,
    req: &HttpRequest,
    admin: bool,
) -> Result<Authenticated, AppError> {
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
    let (audience, kind, member) = if admin {
        admin_from_token(&state.db, &token).await?;
        (Audience::Admins, SessionKind::Admin, None)
    } else {
        let s = operator_from_token(&state.db, &token).await?;
        let member = db::members::find_owned(&state.db, s.conciergerie_id, s.member_id).await?;
        let member = MemberBrief {
            id: s.member_id,
            name: member.name,
        };
        (
            Audience::Tenant(s.conciergerie_id),
            SessionKind::Operator,
            Some(member),
        )
    };
    let expires_at = session_expiry(&state.db, &token, kind).await?;
    Ok(Authenticated {
        audience,
        member,
        token_hash: token::hash(&token),
        expires_in: (expires_at - Utc::now()).to_std().unwrap_or_default(),
    })
}

#[utoipa::path(get, path = "/ws", tag = "ws", responses((status = 200, description = "Success")))]
#[get("/ws")]
async fn connect(
    state: web::Data<AppState>,
    req: HttpRequest,
    params: web::Query<Params>,
    stream: web::Payload,
) -> Result<HttpResponse, actix_web::Error> {
    // A socket opened now would only hold the shutdown up: let the client go elsewhere.
    state.lifecycle.refuse_if_draining()?;
    let admin = params.role.as_deref() == Some("admin");
    let who = authenticate(&state, &req, admin).await?;
    let permit = state
        .socket_limits
        .acquire(&who.token_hash, who.audience)
        .await?;
    let id = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
    ws::start(
        WsSession::new(
            id,
            who.audience,
            who.token_hash,
            who.expires_in,
            state.hub.clone(),
            permit,
            who.member.map(|member| Presence {
                member,
                fanout: state.fanout.clone(),
            }),
        ),
        &req,
        stream,
    )
}
