//! The conciergerie's team. Every member may list it (the assignee picker and message authors
//! need the names); only an owner invites, changes roles, renames and deactivates (403 for
//! managers and agents). The last active owner cannot be demoted or deactivated (409), or nobody
//! could manage the team any more.

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::Utc;
use protocol::members::{Member, MemberPatch, NewMember};
use protocol::{MemberId, MemberRole};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};

use crate::actors::hub::Revocation;
use crate::auth::{password, session, OperatorSession};
use crate::db;
use crate::domain::{required_text, Email, NewPassword};
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(invite).service(update);
}

const MAX_NAME: usize = 80;

#[utoipa::path(get, path = "/api/members", tag = "team", responses((status = 200, description = "Success", body = [protocol::members::Member]), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/members")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
) -> Result<HttpResponse, AppError> {
    // When colleagues last logged in is the owner's business, not every agent's.
    let sees_logins = caller.require_team_manager().is_ok();
    let members: Vec<Member> = db::members::list(&state.db, caller.conciergerie_id)
        .await?
        .into_iter()
        .map(Member::from)
        .map(|m| Member {
            last_login_at: m.last_login_at.filter(|_| sees_logins),
            ..m
        })
        .collect();
    Ok(HttpResponse::Ok().json(members))
}

#[tracing::instrument(skip_all)]
#[utoipa::path(post, path = "/api/members", tag = "team", request_body = protocol::members::NewMember, responses((status = 201, description = "Success", body = protocol::members::Member), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 403, description = "Only an owner manages the team", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/members")]
async fn invite(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<NewMember>,
) -> Result<HttpResponse, AppError> {
    caller.require_team_manager()?;
    let email = Email::parse(&body.email)?;
    let name = required_text("name", &body.name, MAX_NAME)?;
    let password = NewPassword::parse(&body.password)?;
    if db::members::by_email(&state.db, email.as_str())
        .await?
        .is_some()
    {
        return Err(AppError::Taken {
            field: "email",
            message: format!("{} is already used by a Majordome account", email.as_str()),
        });
    }
    let row = db::members::insert(
        &state.db,
        db::members::NewMember {
            conciergerie: caller.conciergerie_id,
            email: email.into_inner(),
            name,
            password_hash: password::hash(password.expose().to_owned()).await?,
            role: body.role,
        },
        Utc::now(),
    )
    .await?;
    tracing::info!(member_id = row.id, role = %row.role, "member invited");
    Ok(HttpResponse::Created().json(Member::from(row)))
}

#[tracing::instrument(skip_all, fields(member_id = %id))]
#[utoipa::path(patch, path = "/api/members/{id}", tag = "team", params(("id" = i64, Path)), request_body = protocol::members::MemberPatch, responses((status = 200, description = "Success", body = protocol::members::Member), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 403, description = "Only an owner manages the team", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/members/{id}")]
async fn update(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<MemberId>,
    body: web::Json<MemberPatch>,
) -> Result<HttpResponse, AppError> {
    caller.require_team_manager()?;
    let id = id.into_inner();
    let current = db::members::find_owned(&state.db, caller.conciergerie_id, id).await?;
    let stays_owner = body.role.unwrap_or(current.role) == MemberRole::Owner
        && body.active.unwrap_or(current.active);
    if current.role == MemberRole::Owner
        && current.active
        && !stays_owner
        && db::members::other_active_owners(&state.db, caller.conciergerie_id, id).await? == 0
    {
        return Err(AppError::Conflict(
            "the conciergerie needs an active owner: make another member owner first".into(),
        ));
    }
    let deactivated = body.active == Some(false) && current.active;
    let mut row = current.into_active_model();
    if let Some(name) = &body.name {
        row.name = Set(required_text("name", name, MAX_NAME)?);
    }
    if let Some(role) = body.role {
        row.role = Set(role);
    }
    if let Some(active) = body.active {
        row.active = Set(active);
    }
    row.updated_at = Set(Utc::now());
    let row = row.update(&state.db).await?;
    if deactivated {
        // Out at once: every session of theirs ends, and their open dashboards are closed
        // (4001) on every instance.
        for hash in session::revoke_all_for_member(&state.db, id, None).await? {
            state.close_sockets(Revocation::Token(hash));
        }
        tracing::info!("member deactivated");
    }
    Ok(HttpResponse::Ok().json(Member::from(row)))
}
