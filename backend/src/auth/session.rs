//! Sessions: creation at login, revocation at logout, and the extractors that turn a bearer token
//! or session cookie into an authenticated operator or admin.

use std::time::Duration;

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use chrono::Utc;
use entity::session::{self, SessionKind};
use entity::{admin, conciergerie, member};
use futures_util::future::LocalBoxFuture;
use protocol::{paths, AdminId, ConciergerieId, MemberId, MemberRole};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::token;
use crate::error::AppError;
use crate::state::AppState;

/// A team member of one conciergerie. Every tenant-scoped query filters by `conciergerie_id`;
/// `role` decides who may manage the team.
#[derive(Debug, Clone, Copy)]
pub struct OperatorSession {
    pub conciergerie_id: ConciergerieId,
    pub member_id: MemberId,
    pub role: MemberRole,
}

impl OperatorSession {
    /// Inviting, changing roles and deactivating are the owner's alone (403 for the others).
    pub fn require_team_manager(&self) -> Result<(), AppError> {
        if self.role.manages_members() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "only the conciergerie's owner manages its team".into(),
            ))
        }
    }
}

/// Whom a new session is for.
#[derive(Debug, Clone, Copy)]
pub enum SessionFor {
    Operator {
        conciergerie: ConciergerieId,
        member: MemberId,
    },
    Admin(AdminId),
}

/// A platform administrator.
#[derive(Debug, Clone, Copy)]
pub struct AdminSession {
    pub admin_id: AdminId,
}

/// The token of a request: the `Authorization: Bearer` header first, else the session cookie.
pub fn request_token(req: &HttpRequest, cookie_name: &str) -> Option<(String, TokenSource)> {
    if let Some(value) = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        if let Some(token) = value
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            return Some((token.to_owned(), TokenSource::Bearer));
        }
    }
    req.cookie(cookie_name)
        .map(|c| (c.value().to_owned(), TokenSource::Cookie))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    Bearer,
    /// Sent by the browser on its own: the WebSocket handshake checks `Origin` for these.
    Cookie,
}

pub async fn create(
    db: &DatabaseConnection,
    owner: SessionFor,
    ttl: Duration,
) -> Result<String, AppError> {
    let token = token::generate();
    let now = Utc::now();
    let ttl = chrono::Duration::from_std(ttl).map_err(|e| AppError::Internal(e.into()))?;
    let (kind, conciergerie_id, member_id, admin_id) = match owner {
        SessionFor::Operator {
            conciergerie,
            member,
        } => (
            SessionKind::Operator,
            Some(conciergerie.0),
            Some(member.0),
            None,
        ),
        SessionFor::Admin(admin) => (SessionKind::Admin, None, None, Some(admin.0)),
    };
    session::ActiveModel {
        token_hash: Set(token.hash),
        kind: Set(kind),
        conciergerie_id: Set(conciergerie_id),
        member_id: Set(member_id),
        admin_id: Set(admin_id),
        expires_at: Set(now + ttl),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token.plain)
}

pub async fn revoke(db: &DatabaseConnection, plain_token: &str) -> Result<(), AppError> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(token::hash(plain_token)))
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes every session of a conciergerie (deactivation, password reset).
pub async fn revoke_all_for_conciergerie(
    db: &DatabaseConnection,
    id: ConciergerieId,
) -> Result<(), AppError> {
    session::Entity::delete_many()
        .filter(session::Column::ConciergerieId.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes a member's sessions (deactivation; a password change keeps the caller's own,
/// `except`) and answers their token hashes, to close the sockets riding on them.
pub async fn revoke_all_for_member(
    db: &DatabaseConnection,
    member: MemberId,
    except: Option<&str>,
) -> Result<Vec<String>, AppError> {
    let keep = except.map(token::hash);
    let ended: Vec<String> = session::Entity::find()
        .filter(session::Column::MemberId.eq(member.0))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.token_hash)
        .filter(|hash| Some(hash) != keep.as_ref())
        .collect();
    if !ended.is_empty() {
        session::Entity::delete_many()
            .filter(session::Column::TokenHash.is_in(ended.clone()))
            .exec(db)
            .await?;
    }
    Ok(ended)
}

async fn find_live(
    db: &DatabaseConnection,
    plain_token: &str,
    kind: SessionKind,
) -> Result<session::Model, AppError> {
    session::Entity::find()
        .filter(session::Column::TokenHash.eq(token::hash(plain_token)))
        .filter(session::Column::Kind.eq(kind))
        .filter(session::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// When a live session ends (for the WebSocket, which closes itself then).
pub async fn session_expiry(
    db: &DatabaseConnection,
    plain_token: &str,
    kind: SessionKind,
) -> Result<chrono::DateTime<Utc>, AppError> {
    Ok(find_live(db, plain_token, kind).await?.expires_at)
}

pub async fn operator_from_token(
    db: &DatabaseConnection,
    plain_token: &str,
) -> Result<OperatorSession, AppError> {
    let session = find_live(db, plain_token, SessionKind::Operator).await?;
    let id = session.member_id.ok_or(AppError::Unauthorized)?;
    // A deactivated member or conciergerie loses access at once, whatever its sessions.
    let (member, tenant) = member::Entity::find_by_id(id)
        .find_also_related(conciergerie::Entity)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let tenant_active = tenant.is_some_and(|c| c.active);
    if !member.active || !tenant_active || session.conciergerie_id != Some(member.conciergerie_id) {
        return Err(AppError::Unauthorized);
    }
    Ok(OperatorSession {
        conciergerie_id: ConciergerieId(member.conciergerie_id),
        member_id: MemberId(member.id),
        role: member.role,
    })
}

pub async fn admin_from_token(
    db: &DatabaseConnection,
    plain_token: &str,
) -> Result<AdminSession, AppError> {
    let session = find_live(db, plain_token, SessionKind::Admin).await?;
    let id = session.admin_id.ok_or(AppError::Unauthorized)?;
    admin::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(AdminSession {
        admin_id: AdminId(id),
    })
}

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("AppState missing")))
}

impl FromRequest for OperatorSession {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = state(req);
        let token = request_token(req, paths::SESSION_COOKIE);
        Box::pin(async move {
            let (token, _) = token.ok_or(AppError::Unauthorized)?;
            operator_from_token(&state?.db, &token).await
        })
    }
}

impl FromRequest for AdminSession {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = state(req);
        let token = request_token(req, paths::ADMIN_SESSION_COOKIE);
        Box::pin(async move {
            let (token, _) = token.ok_or(AppError::Unauthorized)?;
            admin_from_token(&state?.db, &token).await
        })
    }
}

/// The browser's copy of the session: unreadable from scripts, never sent cross-site.
pub fn cookie(name: &'static str, token: String, ttl: Duration, secure: bool) -> Cookie<'static> {
    Cookie::build(name, token)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(time::Duration::seconds(ttl.as_secs() as i64))
        .finish()
}

pub fn removal_cookie(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut c = cookie(name, String::new(), Duration::ZERO, secure);
    c.make_removal();
    c
}

/// Either kind of session, for the few resources both operators and admins use
/// (the feature-request board). A bearer token decides by its own kind; with cookies only,
/// the operator cookie is tried first.
#[derive(Debug, Clone, Copy)]
pub enum Caller {
    Operator(OperatorSession),
    Admin(AdminSession),
}

impl FromRequest for Caller {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = state(req);
        let operator = request_token(req, paths::SESSION_COOKIE);
        let admin = request_token(req, paths::ADMIN_SESSION_COOKIE);
        Box::pin(async move {
            let db = &state?.db;
            if let Some((token, _)) = &operator {
                if let Ok(s) = operator_from_token(db, token).await {
                    return Ok(Caller::Operator(s));
                }
            }
            if let Some((token, _)) = &admin {
                if let Ok(s) = admin_from_token(db, token).await {
                    return Ok(Caller::Admin(s));
                }
            }
            Err(AppError::Unauthorized)
        })
    }
}
