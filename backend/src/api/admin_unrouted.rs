//! Webhooks that matched no conciergerie: the admins see them and can give their number to a
//! conciergerie, which replays them into its inbox (same path as a live webhook).

use actix_web::{get, post, web, HttpResponse};
use chrono::Utc;
use entity::{conciergerie, unrouted_message};
use protocol::admin::{AssignNumber, NumberAssigned, UnroutedMessage};
use protocol::UnroutedMessageId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, Order, QueryFilter, QueryOrder,
    Set,
};

use crate::auth::AdminSession;
use crate::channel::twilio::inbound::InboundMessage;
use crate::domain::WhatsAppNumber;
use crate::error::AppError;
use crate::inbound::accept;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(assign);
}

#[utoipa::path(get, path = "/api/admin/unrouted", tag = "admin_unrouted", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/admin/unrouted")]
async fn list(state: web::Data<AppState>, _admin: AdminSession) -> Result<HttpResponse, AppError> {
    let rows = unrouted_message::Entity::find()
        .filter(unrouted_message::Column::AssignedConciergerieId.is_null())
        .order_by(unrouted_message::Column::Id, Order::Desc)
        .all(&state.db)
        .await?;
    let body: Vec<UnroutedMessage> = rows
        .into_iter()
        .map(|r| UnroutedMessage {
            id: UnroutedMessageId(r.id),
            to: r.to_address,
            from: r.from_address,
            body: r.body,
            message_sid: r.message_sid,
            messaging_service_sid: r.messaging_service_sid,
            received_at: r.received_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

/// Gives the message's `To` number to a conciergerie (which must not have another number) and
/// moves every waiting message for that number into its inbox.
#[tracing::instrument(skip_all)]
#[utoipa::path(post, path = "/api/admin/unrouted/{id}/assign", tag = "admin_unrouted", params(("id" = i64, Path)), request_body = AssignNumber, responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/admin/unrouted/{id}/assign")]
async fn assign(
    state: web::Data<AppState>,
    _admin: AdminSession,
    id: web::Path<UnroutedMessageId>,
    body: web::Json<AssignNumber>,
) -> Result<HttpResponse, AppError> {
    let row = unrouted_message::Entity::find_by_id(id.0)
        .filter(unrouted_message::Column::AssignedConciergerieId.is_null())
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("unrouted message"))?;
    let tenant = conciergerie::Entity::find_by_id(body.conciergerie_id.0)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("conciergerie"))?;
    let number = WhatsAppNumber::parse(&row.to_address)
        .map_err(|m| AppError::validation("to", m))?
        .into_inner();
    if tenant.whatsapp_number.as_deref() != Some(number.as_str()) {
        if let Some(current) = &tenant.whatsapp_number {
            return Err(AppError::Conflict(format!(
                "{} already uses {current}; change its number first",
                tenant.name
            )));
        }
        let taken = conciergerie::Entity::find()
            .filter(conciergerie::Column::WhatsappNumber.eq(&number))
            .one(&state.db)
            .await?;
        if let Some(other) = taken {
            return Err(AppError::Conflict(format!(
                "{number} already belongs to {}",
                other.name
            )));
        }
        let mut active = tenant.clone().into_active_model();
        active.whatsapp_number = Set(Some(number.clone()));
        active.updated_at = Set(Utc::now());
        active.update(&state.db).await?;
        state.tenants_changed().await?;
    }
    let waiting = unrouted_message::Entity::find()
        .filter(unrouted_message::Column::AssignedConciergerieId.is_null())
        .filter(unrouted_message::Column::ToAddress.eq(&row.to_address))
        .order_by(unrouted_message::Column::Id, Order::Asc)
        .all(&state.db)
        .await?;
    let mut moved = 0;
    for waiting in waiting {
        let params: Vec<(String, String)> = waiting
            .payload
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let message = InboundMessage::from_params(&params)?;
        accept(
            &state,
            message,
            Some(protocol::ConciergerieId(tenant.id)),
            || waiting.payload.clone(),
        )
        .await?;
        let mut done = waiting.into_active_model();
        done.assigned_conciergerie_id = Set(Some(tenant.id));
        done.update(&state.db).await?;
        moved += 1;
    }
    tracing::info!(
        conciergerie_id = tenant.id,
        moved,
        "unrouted number assigned"
    );
    Ok(HttpResponse::Ok().json(NumberAssigned {
        whatsapp_number: number,
        moved,
    }))
}
