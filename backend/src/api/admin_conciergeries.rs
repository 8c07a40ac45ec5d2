//! Platform administration of the conciergeries (tenants).

use std::collections::HashMap;

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{Duration, Utc};
use entity::{conciergerie, conversation, message};
use protocol::admin::{ConciergerieOverview, ConciergeriePatch, NewConciergerie, PasswordReset};
use protocol::auth::Conciergerie;
use protocol::{AiMode, ConciergerieId, Sender};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, IntoActiveModel, Order, QueryFilter,
    QueryOrder, Set, SqlErr,
};

use crate::actors::hub::Revocation;
use crate::auth::{password, session, AdminSession};
use crate::domain::{required_text, Email, NewPassword, WhatsAppNumber};
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
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
/// share of replies, last activity.
#[get("/api/admin/conciergeries")]
async fn list(state: web::Data<AppState>, _admin: AdminSession) -> Result<HttpResponse, AppError> {
    let rows = conciergerie::Entity::find()
        .order_by(conciergerie::Column::Id, Order::Asc)
        .all(&state.db)
        .await?;
    let conversations = conversation::Entity::find().all(&state.db).await?;
    let tenant_of: HashMap<i64, i64> = conversations
        .iter()
        .map(|c| (c.id, c.conciergerie_id))
        .collect();
    let since = Utc::now() - Duration::days(7);
    let recent = message::Entity::find()
        .filter(message::Column::CreatedAt.gte(since))
        .all(&state.db)
        .await?;
    #[derive(Default)]
    struct Activity {
        conversations: u64,
        messages: u64,
        ai: u64,
        human: u64,
        last: Option<chrono::DateTime<Utc>>,
    }
    let mut activity: HashMap<i64, Activity> = HashMap::new();
    for c in &conversations {
        let a = activity.entry(c.conciergerie_id).or_default();
        a.conversations += 1;
        a.last = a.last.max(c.last_message_at);
    }
    for m in &recent {
        let Some(tenant) = tenant_of.get(&m.conversation_id) else {
            continue;
        };
        let a = activity.entry(*tenant).or_default();
        a.messages += 1;
        match m.sender {
            Sender::Ai => a.ai += 1,
            Sender::Concierge => a.human += 1,
            _ => {}
        }
    }
    let body: Vec<ConciergerieOverview> = rows
        .into_iter()
        .map(|row| {
            let a = activity.remove(&row.id).unwrap_or_default();
            ConciergerieOverview {
                conversations: a.conversations,
                messages_last_7_days: a.messages,
                ai_share: if a.ai + a.human == 0 {
                    0.0
                } else {
                    a.ai as f64 / (a.ai + a.human) as f64
                },
                last_activity_at: a.last,
                conciergerie: Conciergerie::from(row),
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

#[tracing::instrument(skip_all)]
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
    let row = conciergerie::ActiveModel {
        name: Set(name),
        email: Set(email.into_inner()),
        password_hash: Set(password::hash(password.expose().to_owned()).await?),
        whatsapp_number: Set(number),
        messaging_service_sid: Set(service_sid),
        ai_mode: Set(body.ai_mode.unwrap_or(AiMode::Auto)),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(conflict_if_duplicate)?;
    state.tenants.reload(&state.db).await?;
    tracing::info!(conciergerie_id = row.id, "conciergerie created");
    Ok(HttpResponse::Created().json(Conciergerie::from(row)))
}

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
    if let Some(email) = email {
        row.email = Set(email.into_inner());
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
    row.updated_at = Set(Utc::now());
    let row = row.update(&state.db).await.map_err(conflict_if_duplicate)?;
    // The number or messaging service may have changed: webhooks must route by the new ones.
    state.tenants.reload(&state.db).await?;
    if deactivated {
        session::revoke_all_for_conciergerie(&state.db, *id).await?;
        state.close_sockets(Revocation::Tenant(*id));
    }
    Ok(HttpResponse::Ok().json(Conciergerie::from(row)))
}

#[post("/api/admin/conciergeries/{id}/password")]
async fn reset_password(
    state: web::Data<AppState>,
    _admin: AdminSession,
    id: web::Path<ConciergerieId>,
    body: web::Json<PasswordReset>,
) -> Result<HttpResponse, AppError> {
    let password = NewPassword::parse(&body.password)?;
    let mut row = find(&state, *id).await?.into_active_model();
    row.password_hash = Set(password::hash(password.expose().to_owned()).await?);
    row.updated_at = Set(Utc::now());
    row.update(&state.db).await?;
    // Whoever held the old password is logged out.
    session::revoke_all_for_conciergerie(&state.db, *id).await?;
    state.close_sockets(Revocation::Tenant(*id));
    Ok(HttpResponse::NoContent().finish())
}
