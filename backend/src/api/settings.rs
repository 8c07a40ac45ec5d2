//! Settings of the logged-in conciergerie.

use actix_web::{get, patch, web, HttpResponse};
use chrono::Utc;
use entity::conciergerie;
use protocol::settings::{Settings, SettingsPatch};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};

use super::conversations::tenant;
use crate::auth::OperatorSession;
use crate::domain::required_text;
use crate::domain::time_zone::TimeZone;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(get_settings).service(update);
}

fn to_wire(state: &AppState, m: conciergerie::Model) -> Settings {
    Settings {
        name: m.name,
        ai_mode: m.ai_mode,
        whatsapp_number: m.whatsapp_number,
        runtime: state.config.runtime_modes(),
        time_zone: m.time_zone,
    }
}

#[utoipa::path(get, path = "/api/settings", tag = "settings", responses((status = 200, description = "Success", body = protocol::settings::Settings), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/settings")]
async fn get_settings(
    state: web::Data<AppState>,
    caller: OperatorSession,
) -> Result<HttpResponse, AppError> {
    let m = tenant(&state, caller).await?;
    Ok(HttpResponse::Ok().json(to_wire(&state, m)))
}

#[utoipa::path(patch, path = "/api/settings", tag = "settings", request_body = SettingsPatch, responses((status = 200, description = "Success", body = protocol::settings::Settings), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/settings")]
async fn update(
    state: web::Data<AppState>,
    caller: OperatorSession,
    body: web::Json<SettingsPatch>,
) -> Result<HttpResponse, AppError> {
    let mut row = tenant(&state, caller).await?.into_active_model();
    if let Some(mode) = body.ai_mode {
        row.ai_mode = Set(mode);
    }
    if let Some(name) = &body.name {
        row.name = Set(required_text("name", name, 120)?);
    }
    if let Some(zone) = &body.time_zone {
        row.time_zone = Set(TimeZone::parse("time_zone", zone)?.name().to_owned());
    }
    row.updated_at = Set(Utc::now());
    let m = row.update(&state.db).await?;
    state.tenants_changed().await?;
    Ok(HttpResponse::Ok().json(to_wire(&state, m)))
}
