//! Login, logout and "who am I" for operators and admins. The two kinds of session are separate:
//! different cookies, and a token of one kind is refused where the other is needed.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use entity::session::SessionKind;
use entity::{admin, conciergerie};
use protocol::auth::{
    AdminLoginResponse, AdminMeResponse, LoginRequest, LoginResponse, MeResponse,
};
use protocol::paths;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::actors::hub::Revocation;
use crate::auth::client_addr::client_addr;
use crate::auth::{password, session, token, AdminSession, OperatorSession};
use crate::domain::Email;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(login)
        .service(logout)
        .service(me)
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
    let account = conciergerie::Entity::find()
        .filter(conciergerie::Column::Email.eq(&email))
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
    if !account.active {
        return Err(AppError::Forbidden(
            "this conciergerie account is deactivated; contact the Majordome administrator".into(),
        ));
    }
    let ttl = state.config.session_ttl;
    let token = session::create(&state.db, SessionKind::Operator, account.id, ttl).await?;
    tracing::info!(conciergerie_id = account.id, "operator logged in");
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
    Ok(HttpResponse::Ok().json(MeResponse {
        conciergerie: account.into(),
        runtime: state.config.runtime_modes(),
    }))
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
    let token = session::create(&state.db, SessionKind::Admin, account.id, ttl).await?;
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
