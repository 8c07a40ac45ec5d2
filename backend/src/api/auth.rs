//! Login, logout and "who am I" for operators and admins. The two kinds of session are separate:
//! different cookies, and a token of one kind is refused where the other is needed.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use entity::{admin, conciergerie};
use protocol::auth::{
    AdminLoginResponse, AdminMeResponse, LoginRequest, LoginResponse, MeResponse,
};
use protocol::members::PasswordChange;
use protocol::{paths, AdminId, ConciergerieId, MemberId};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

use crate::actors::hub::Revocation;
use crate::auth::client_addr::client_addr;
use crate::auth::{password, session, token, AdminSession, OperatorSession, SessionFor};
use crate::db;
use crate::domain::{Email, NewPassword};
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(login)
        .service(logout)
        .service(me)
        .service(change_password)
        .service(admin_login)
        .service(admin_logout)
        .service(admin_me);
}

/// Rate limit, then verify. Unknown account and wrong password look the same from outside.
async fn check_password(
    state: &AppState,
    req: &HttpRequest,
    email: &str,
    password: &str,
    stored_hash: Option<String>,
) -> Result<(), AppError> {
    let addr = client_addr(req, &state.config.trusted_proxies);
    state.request_limits.login(&addr)?;
    state
        .login_limiter
        .begin(email, &addr)
        .await
        .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
    if password::verify(password.to_owned(), stored_hash).await? {
        state.login_limiter.record_success(email, &addr).await;
        Ok(())
    } else {
        // Already counted by `begin`.
        tracing::info!(addr = addr.as_str(), "failed login");
        Err(AppError::InvalidCredentials)
    }
}

#[tracing::instrument(skip_all)]
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest, responses((status = 200, description = "Success", body = protocol::auth::LoginResponse)))]
#[post("/api/auth/login")]
async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let email = Email::normalize(&body.email);
    // Every operator login is a team member's (the conciergerie's first login is its owner).
    let member = db::members::by_email(&state.db, &email).await?;
    check_password(
        &state,
        &req,
        &email,
        &body.password,
        member.as_ref().map(|m| m.password_hash.clone()),
    )
    .await?;
    let member = member.ok_or(AppError::InvalidCredentials)?;
    let account = conciergerie::Entity::find_by_id(member.conciergerie_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::InvalidCredentials)?;
    if !account.active {
        return Err(AppError::Forbidden(
            "this conciergerie account is deactivated; contact the Majordome administrator".into(),
        ));
    }
    if !member.active {
        return Err(AppError::Forbidden(
            "this team member account is deactivated; ask the conciergerie's owner".into(),
        ));
    }
    let ttl = state.config.session_ttl;
    let owner = SessionFor::Operator {
        conciergerie: ConciergerieId(account.id),
        member: MemberId(member.id),
    };
    let token = session::create(&state.db, owner, ttl).await?;
    db::members::record_login(&state.db, MemberId(member.id), Utc::now()).await?;
    tracing::info!(
        conciergerie_id = account.id,
        member_id = member.id,
        "operator logged in"
    );
    Ok(HttpResponse::Ok()
        .cookie(session::cookie(
            paths::SESSION_COOKIE,
            token.clone(),
            ttl,
            state.secure_cookies(),
        ))
        .json(LoginResponse {
            token,
            conciergerie: account.into(),
            member: member.into(),
        }))
}

#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", responses((status = 204, description = "Success")))]
#[post("/api/auth/logout")]
async fn logout(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    if let Some((token, _)) = session::request_token(&req, paths::SESSION_COOKIE) {
        session::revoke(&state.db, &token).await?;
        state.close_sockets(Revocation::Token(token::hash(&token)));
    }
    Ok(HttpResponse::NoContent()
        .cookie(session::removal_cookie(
            paths::SESSION_COOKIE,
            state.secure_cookies(),
        ))
        .finish())
}

#[utoipa::path(get, path = "/api/auth/me", tag = "auth", responses((status = 200, description = "Success", body = protocol::auth::MeResponse), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/auth/me")]
async fn me(state: web::Data<AppState>, caller: OperatorSession) -> Result<HttpResponse, AppError> {
    let account = conciergerie::Entity::find_by_id(caller.conciergerie_id.0)
        .one(&state.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let member = db::members::find_owned(&state.db, caller.conciergerie_id, caller.member_id)
        .await
        .map_err(|_| AppError::Unauthorized)?;
    Ok(HttpResponse::Ok().json(MeResponse {
        conciergerie: account.into(),
        member: member.into(),
        runtime: state.config.runtime_modes(),
    }))
}

/// The logged-in member changes their own password. The current one is checked like a login
/// (same limiter: this is no side door for guessing); the member's other sessions end, this one
/// stays.
#[tracing::instrument(skip_all)]
#[utoipa::path(post, path = "/api/auth/password", tag = "auth", request_body = protocol::members::PasswordChange, responses((status = 204, description = "Changed; the other sessions end"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/auth/password")]
async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorSession,
    body: web::Json<PasswordChange>,
) -> Result<HttpResponse, AppError> {
    let new = NewPassword::parse(&body.new_password).map_err(|_| {
        AppError::validation(
            "new_password",
            format!(
                "the new password must have at least {} characters (256 bytes at most)",
                NewPassword::MIN_LEN
            ),
        )
    })?;
    let member = db::members::find_owned(&state.db, caller.conciergerie_id, caller.member_id)
        .await
        .map_err(|_| AppError::Unauthorized)?;
    check_password(
        &state,
        &req,
        &member.email,
        &body.current_password,
        Some(member.password_hash.clone()),
    )
    .await
    .map_err(|e| match e {
        // A 401 would read as "your session expired" to the dashboard.
        AppError::InvalidCredentials => {
            AppError::validation("current_password", "the current password is not right")
        }
        other => other,
    })?;
    let mut row = member.into_active_model();
    row.password_hash = Set(password::hash(new.expose().to_owned()).await?);
    row.updated_at = Set(Utc::now());
    row.update(&state.db).await?;
    let current = session::request_token(&req, paths::SESSION_COOKIE).map(|(t, _)| t);
    let ended =
        session::revoke_all_for_member(&state.db, caller.member_id, current.as_deref()).await?;
    for hash in ended {
        state.close_sockets(Revocation::Token(hash));
    }
    tracing::info!(member_id = %caller.member_id, "member changed their password");
    Ok(HttpResponse::NoContent().finish())
}

#[tracing::instrument(skip_all)]
#[utoipa::path(post, path = "/api/admin/auth/login", tag = "auth", request_body = LoginRequest, responses((status = 200, description = "Success", body = protocol::auth::AdminLoginResponse)))]
#[post("/api/admin/auth/login")]
async fn admin_login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let email = Email::normalize(&body.email);
    let account = admin::Entity::find()
        .filter(admin::Column::Email.eq(&email))
        .one(&state.db)
        .await?;
    check_password(
        &state,
        &req,
        &email,
        &body.password,
        account.as_ref().map(|a| a.password_hash.clone()),
    )
    .await?;
    let account = account.ok_or(AppError::InvalidCredentials)?;
    let ttl = state.config.session_ttl;
    let token = session::create(&state.db, SessionFor::Admin(AdminId(account.id)), ttl).await?;
    tracing::info!(admin_id = account.id, "admin logged in");
    Ok(HttpResponse::Ok()
        .cookie(session::cookie(
            paths::ADMIN_SESSION_COOKIE,
            token.clone(),
            ttl,
            state.secure_cookies(),
        ))
        .json(AdminLoginResponse {
            token,
            admin: account.into(),
        }))
}

#[utoipa::path(post, path = "/api/admin/auth/logout", tag = "auth", responses((status = 204, description = "Success")))]
#[post("/api/admin/auth/logout")]
async fn admin_logout(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    if let Some((token, _)) = session::request_token(&req, paths::ADMIN_SESSION_COOKIE) {
        session::revoke(&state.db, &token).await?;
        state.close_sockets(Revocation::Token(token::hash(&token)));
    }
    Ok(HttpResponse::NoContent()
        .cookie(session::removal_cookie(
            paths::ADMIN_SESSION_COOKIE,
            state.secure_cookies(),
        ))
        .finish())
}

#[utoipa::path(get, path = "/api/admin/auth/me", tag = "auth", responses((status = 200, description = "Success", body = protocol::auth::AdminMeResponse), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/admin/auth/me")]
async fn admin_me(
    state: web::Data<AppState>,
    caller: AdminSession,
) -> Result<HttpResponse, AppError> {
    let account = admin::Entity::find_by_id(caller.admin_id.0)
        .one(&state.db)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(HttpResponse::Ok().json(AdminMeResponse {
        admin: account.into(),
        runtime: state.config.runtime_modes(),
    }))
}
