//! Webhooks that matched no conciergerie, for the admins to see (and later assign).

use actix_web::{get, web, HttpResponse};
use entity::unrouted_message;
use protocol::admin::UnroutedMessage;
use protocol::UnroutedMessageId;
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder};

use crate::auth::AdminSession;
use crate::error::AppError;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list);
}

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
