//! Platform administration of the conciergeries (tenants).

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{Duration, Utc};
use entity::conciergerie;
use protocol::admin::{ConciergerieOverview, ConciergeriePatch, NewConciergerie, PasswordReset};
use protocol::auth::Conciergerie;
use protocol::members::Member;
use protocol::{AiMode, ConciergerieId, MemberRole};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, IntoActiveModel, Order, QueryFilter,
    QueryOrder, Set, SqlErr, TransactionTrait,
};

use crate::actors::hub::Revocation;
use crate::auth::{password, session, AdminSession};
use crate::db;
use crate::domain::{required_text, Email, NewPassword, WhatsAppNumber};
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(members)
        .service(create)
        .service(update)
        .service(reset_password);
}

fn parse_number(raw: Option<&str>) -> Result<Option<String>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(raw) => WhatsAppNumber::parse(raw)
            .map(|n| Some(n.into_inner()))
            .map_err(|m| AppError::validation("whatsapp_number", m)),
    }
}

fn parse_service_sid(raw: Option<&str>) -> Result<Option<String>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(sid)
            if sid.starts_with("MG")
                && sid.len() == 34
                && sid.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            Ok(Some(sid.to_owned()))
        }
        Some(sid) => Err(AppError::validation(
            "messaging_service_sid",
            format!("`{sid}` is not a Twilio messaging service SID (MG + 32 characters)"),
        )),
    }
}

/// A daily AI budget in USD: zero (no Claude at all) up to a sanity bound against typos.
fn parse_budget(usd: f64) -> Result<f64, AppError> {
    if usd.is_finite() && (0.0..=100_000.0).contains(&usd) {
        Ok(usd)
    } else {
        Err(AppError::validation(
            "ai_daily_budget_usd",
            format!("{usd} is not an amount of USD between 0 and 100000 (null removes the limit)"),
        ))
    }
}

/// Unique email and number, checked up front for a clear message (the unique indexes still guard races).
async fn ensure_unique(
    state: &AppState,
    email: Option<&str>,
    number: Option<&str>,
    except: Option<i64>,
) -> Result<(), AppError> {
    if let Some(email) = email {
        let clash = conciergerie::Entity::find()
            .filter(conciergerie::Column::Email.eq(email))
            .one(&state.db)
            .await?;
        if clash.is_some_and(|c| Some(c.id) != except) {
            return Err(AppError::Taken {
                field: "email",
                message: format!("a conciergerie already uses the email {email}"),
            });
        }
        // Logins are members': a colleague's email cannot become a conciergerie's either.
        let member = db::members::by_email(&state.db, email).await?;
        if member.is_some_and(|m| Some(m.conciergerie_id) != except) {
            return Err(AppError::Taken {
                field: "email",
                message: format!("a Majordome account already uses the email {email}"),
            });
        }
    }
    if let Some(number) = number {
        let clash = conciergerie::Entity::find()
            .filter(conciergerie::Column::WhatsappNumber.eq(number))
            .one(&state.db)
            .await?;
        if clash.is_some_and(|c| Some(c.id) != except) {
            return Err(AppError::Taken {
                field: "whatsapp_number",
                message: format!("a conciergerie already uses the number {number}"),
            });
        }
    }
    Ok(())
}

/// Two concurrent requests for the same email or number both pass `ensure_unique`; the unique
/// index stops the second, which is the caller's conflict, not a server error.
fn conflict_if_duplicate(e: DbErr) -> AppError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            AppError::Conflict("a conciergerie already uses this email or WhatsApp number".into())
        }
        _ => e.into(),
    }
}

async fn find(state: &AppState, id: ConciergerieId) -> Result<conciergerie::Model, AppError> {
    conciergerie::Entity::find_by_id(id.0)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("conciergerie"))
}

/// Every conciergerie with its activity: conversations, messages of the last 7 days, the AI's
/// share of replies, last activity, and today's Claude spend against its budget. Aggregated by
/// the database: the answer costs the same at 100,000 conversations as at 10.
#[utoipa::path(get, path = "/api/admin/conciergeries", tag = "admin_conciergeries", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/admin/conciergeries")]
async fn list(state: web::Data<AppState>, _admin: AdminSession) -> Result<HttpResponse, AppError> {
    let rows = conciergerie::Entity::find()
        .order_by(conciergerie::Column::Id, Order::Asc)
        .all(&state.db)
        .await?;
    let now = Utc::now();
    let mut conversations = db::activity::conversations_by_conciergerie(&state.db).await?;
    let mut messages =
        db::activity::messages_by_conciergerie(&state.db, now - Duration::days(7)).await?;
    let team = db::members::active_by_conciergerie(&state.db).await?;
    let body: Vec<ConciergerieOverview> = rows
        .into_iter()
        .map(|row| {
            let id = ConciergerieId(row.id);
            let (count, last) = conversations.remove(&id).unwrap_or_default();
            let m = messages.remove(&id).unwrap_or_default();
            ConciergerieOverview {
                conversations: count,
                messages_last_7_days: m.total(),
                ai_share: if m.ai + m.concierge == 0 {
                    0.0
                } else {
                    m.ai as f64 / (m.ai + m.concierge) as f64
                },
                last_activity_at: last,
                ai_spend_today_usd: state.spending.spent_today(id, now),
                members: team.get(&id).copied().unwrap_or(0),
                conciergerie: Conciergerie::from(row),
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// One conciergerie's team as the platform admin sees it: every member, active or not, with
/// their role and latest login (never a password hash).
#[utoipa::path(get, path = "/api/admin/conciergeries/{id}/members", tag = "admin_conciergeries", params(("id" = i64, Path)), responses((status = 200, description = "Success", body = [protocol::members::Member]), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/admin/conciergeries/{id}/members")]
async fn members(
    state: web::Data<AppState>,
    _admin: AdminSession,
    id: web::Path<ConciergerieId>,
) -> Result<HttpResponse, AppError> {
    let id = find(&state, *id).await?.id;
    let team: Vec<Member> = db::members::list(&state.db, ConciergerieId(id))
        .await?
        .into_iter()
        .map(Member::from)
        .collect();
    Ok(HttpResponse::Ok().json(team))
}

#[tracing::instrument(skip_all)]
#[utoipa::path(post, path = "/api/admin/conciergeries", tag = "admin_conciergeries", request_body = NewConciergerie, responses((status = 201, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/admin/conciergeries")]
async fn create(
    state: web::Data<AppState>,
    _admin: AdminSession,
    body: web::Json<NewConciergerie>,
) -> Result<HttpResponse, AppError> {
    let name = required_text("name", &body.name, 120)?;
    let email = Email::parse(&body.email)?;
    let password = NewPassword::parse(&body.password)?;
    let number = parse_number(body.whatsapp_number.as_deref())?;
    let service_sid = parse_service_sid(body.messaging_service_sid.as_deref())?;
    ensure_unique(&state, Some(email.as_str()), number.as_deref(), None).await?;
    let now = Utc::now();
    let password_hash = password::hash(password.expose().to_owned()).await?;
    // The conciergerie and its owner (the login it is created with) exist together or not at all.
    let txn = state.db.begin().await?;
    let row = conciergerie::ActiveModel {
        name: Set(name.clone()),
        email: Set(email.as_str().to_owned()),
        password_hash: Set(password_hash.clone()),
        whatsapp_number: Set(number),
        messaging_service_sid: Set(service_sid),
        ai_mode: Set(body.ai_mode.unwrap_or(AiMode::Auto)),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(conflict_if_duplicate)?;
    db::members::insert(
        &txn,
        db::members::NewMember {
            conciergerie: ConciergerieId(row.id),
            email: email.into_inner(),
            name,
            password_hash,
            role: MemberRole::Owner,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    state.tenants_changed().await?;
    tracing::info!(conciergerie_id = row.id, "conciergerie created");
    Ok(HttpResponse::Created().json(Conciergerie::from(row)))
}

#[utoipa::path(patch, path = "/api/admin/conciergeries/{id}", tag = "admin_conciergeries", params(("id" = i64, Path)), request_body = ConciergeriePatch, responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/admin/conciergeries/{id}")]
async fn update(
    state: web::Data<AppState>,
    _admin: AdminSession,
    id: web::Path<ConciergerieId>,
    body: web::Json<ConciergeriePatch>,
) -> Result<HttpResponse, AppError> {
    let current = find(&state, *id).await?;
    let email = body.email.as_deref().map(Email::parse).transpose()?;
    let number = body
        .whatsapp_number
        .as_deref()
        .map(|n| parse_number(Some(n)))
        .transpose()?;
    let service_sid = body
        .messaging_service_sid
        .as_deref()
        .map(|s| parse_service_sid(Some(s)))
        .transpose()?;
    ensure_unique(
        &state,
        email.as_ref().map(Email::as_str),
        number.clone().flatten().as_deref(),
        Some(current.id),
    )
    .await?;
    let deactivated = body.active == Some(false) && current.active;
    let mut row = current.into_active_model();
    if let Some(name) = &body.name {
        row.name = Set(required_text("name", name, 120)?);
    }
    let email_changed = email.map(Email::into_inner);
    if let Some(email) = &email_changed {
        row.email = Set(email.clone());
    }
    if let Some(number) = number {
        row.whatsapp_number = Set(number);
    }
    if let Some(sid) = service_sid {
        row.messaging_service_sid = Set(sid);
    }
    if let Some(mode) = body.ai_mode {
        row.ai_mode = Set(mode);
    }
    if let Some(active) = body.active {
        row.active = Set(active);
    }
    if let Some(budget) = body.ai_daily_budget_usd {
        row.ai_daily_budget_usd = Set(budget.map(parse_budget).transpose()?);
    }
    row.updated_at = Set(Utc::now());
    let txn = state.db.begin().await?;
    let row = row.update(&txn).await.map_err(conflict_if_duplicate)?;
    // The owner the conciergerie was created with logs in with its email.
    if let Some(email) = email_changed {
        if let Some(owner) = db::members::first_owner(&txn, *id).await? {
            let mut owner = owner.into_active_model();
            owner.email = Set(email);
            owner.updated_at = Set(Utc::now());
            owner
                .update(&txn)
                .await
                .map_err(db::members::email_taken_if_duplicate)?;
        }
    }
    txn.commit().await?;
    // The number or messaging service may have changed: webhooks must route by the new ones.
    state.tenants_changed().await?;
    if deactivated {
        session::revoke_all_for_conciergerie(&state.db, *id).await?;
        state.close_sockets(Revocation::Tenant(*id));
    }
    Ok(HttpResponse::Ok().json(Conciergerie::from(row)))
}

#[utoipa::path(post, path = "/api/admin/conciergeries/{id}/password", tag = "admin_conciergeries", params(("id" = i64, Path)), request_body = PasswordReset, responses((status = 204, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/admin/conciergeries/{id}/password")]
async fn reset_password(
    state: web::Data<AppState>,
    _admin: AdminSession,
    id: web::Path<ConciergerieId>,
    body: web::Json<PasswordReset>,
) -> Result<HttpResponse, AppError> {
    let password = NewPassword::parse(&body.password)?;
    let hash = password::hash(password.expose().to_owned()).await?;
    let mut row = find(&state, *id).await?.into_active_model();
    row.password_hash = Set(hash.clone());
    row.updated_at = Set(Utc::now());
    row.update(&state.db).await?;
    // The login that holds the new password is the conciergerie's first owner.
    let owner = db::members::first_owner(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound("owner"))?;
    let mut owner = owner.into_active_model();
    owner.password_hash = Set(hash);
    owner.active = Set(true);
    owner.updated_at = Set(Utc::now());
    owner.update(&state.db).await?;
    // Whoever held the old password is logged out.
    session::revoke_all_for_conciergerie(&state.db, *id).await?;
    state.close_sockets(Revocation::Tenant(*id));
    Ok(HttpResponse::NoContent().finish())
}
