//! The feature-request board. Operators file requests and follow their own; admins see, triage and
//! manage all of them. `/api/feature-requests` serves both (by the caller's session); the admin app
//! uses `/api/admin/feature-requests`, which only admits admins.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use chrono::Utc;
use entity::{conciergerie, feature_request};
use protocol::events::ServerEvent;
use protocol::feature_requests::{
    FeatureRequest, FeatureRequestPatch, FeatureRequestStats, NewFeatureRequest,
};
use protocol::{FeatureRequestId, FeatureStatus, Priority};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, Order, QueryFilter, QueryOrder,
    Select, Set,
};
use serde::Deserialize;

use crate::auth::session::Caller;
use crate::auth::AdminSession;
use crate::domain::{optional_text, required_text};
use crate::error::AppError;
use crate::state::AppState;

const MAX_TITLE: usize = 200;
const MAX_DESCRIPTION: usize = 5000;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/feature-requests")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .service(web::resource("/api/feature-requests/stats").route(web::get().to(stats)))
    .service(
        web::resource("/api/feature-requests/{id}")
            .route(web::patch().to(update))
            .route(web::delete().to(remove)),
    )
    .service(
        web::resource("/api/admin/feature-requests")
            .route(web::get().to(|s, a: AdminSession, q| list(s, Caller::Admin(a), q)))
            .route(web::post().to(|s, a: AdminSession, b| create(s, Caller::Admin(a), b))),
    )
    .service(
        web::resource("/api/admin/feature-requests/stats")
            .route(web::get().to(|s, a: AdminSession| stats(s, Caller::Admin(a)))),
    )
    .service(
        web::resource("/api/admin/feature-requests/{id}")
            .route(web::patch().to(|s, a: AdminSession, id, b| update(s, Caller::Admin(a), id, b)))
            .route(web::delete().to(|s, a: AdminSession, id| remove(s, Caller::Admin(a), id))),
    );
}

#[derive(Debug, Deserialize)]
struct Filter {
    status: Option<FeatureStatus>,
    priority: Option<Priority>,
}

/// What the caller may see: its own requests for an operator, everything for an admin.
fn visible(caller: Caller) -> Select<feature_request::Entity> {
    match caller {
        Caller::Operator(op) => feature_request::Entity::find()
            .filter(feature_request::Column::ConciergerieId.eq(op.conciergerie_id.0)),
        Caller::Admin(_) => feature_request::Entity::find(),
    }
}

async fn find_visible(
    state: &AppState,
    caller: Caller,
    id: FeatureRequestId,
) -> Result<feature_request::Model, AppError> {
    visible(caller)
        .filter(feature_request::Column::Id.eq(id.0))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound("feature request"))
}

/// The board is live: admins see every change, a conciergerie sees changes to its own requests.
fn publish(state: &AppState, wire: &FeatureRequest) {
    let event = ServerEvent::FeatureRequestUpdated {
        feature_request: wire.clone(),
    };
    if let Some(owner) = wire.conciergerie_id {
        state.notify_tenant(owner, event.clone());
    }
    state.notify_admins(event);
}

async fn author_names(state: &AppState) -> Result<HashMap<i64, String>, AppError> {
    Ok(conciergerie::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

async fn to_wire(
    state: &AppState,
    row: feature_request::Model,
) -> Result<FeatureRequest, AppError> {
    let author = match row.conciergerie_id {
        Some(id) => conciergerie::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .map(|c| c.name),
        None => Some("Majordome".to_owned()),
    };
    Ok(row.into_wire(author))
}

async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let mut query = visible(caller);
    if let Some(status) = filter.status {
        query = query.filter(feature_request::Column::Status.eq(status));
    }
    if let Some(priority) = filter.priority {
        query = query.filter(feature_request::Column::Priority.eq(priority));
    }
    let rows = query
        .order_by(feature_request::Column::Id, Order::Desc)
        .all(&state.db)
        .await?;
    let names = author_names(&state).await?;
    let body: Vec<FeatureRequest> = rows
        .into_iter()
        .map(|r| {
            let author = match r.conciergerie_id {
                Some(id) => names.get(&id).cloned(),
                None => Some("Majordome".to_owned()),
            };
            r.into_wire(author)
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}

async fn stats(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, AppError> {
    let rows = visible(caller).all(&state.db).await?;
    let mut s = FeatureRequestStats {
        total: rows.len() as u64,
        ..Default::default()
    };
    for r in rows {
        match r.status {
            FeatureStatus::Pending => s.pending += 1,
            FeatureStatus::InProgress => s.in_progress += 1,
            FeatureStatus::Completed => s.completed += 1,
            FeatureStatus::Rejected => s.rejected += 1,
        }
    }
    Ok(HttpResponse::Ok().json(s))
}

async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewFeatureRequest>,
) -> Result<HttpResponse, AppError> {
    let now = Utc::now();
    let row = feature_request::ActiveModel {
        conciergerie_id: Set(match caller {
            Caller::Operator(op) => Some(op.conciergerie_id.0),
            Caller::Admin(_) => None,
        }),
        title: Set(required_text("title", &body.title, MAX_TITLE)?),
        description: Set(optional_text(
            "description",
            &body.description,
            MAX_DESCRIPTION,
        )?),
        status: Set(FeatureStatus::Pending),
        priority: Set(body.priority),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let wire = to_wire(&state, row).await?;
    publish(&state, &wire);
    Ok(HttpResponse::Created().json(wire))
}

async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<FeatureRequestId>,
    body: web::Json<FeatureRequestPatch>,
) -> Result<HttpResponse, AppError> {
    let current = find_visible(&state, caller, id.into_inner()).await?;
    if let Caller::Operator(_) = caller {
        if body.status.is_some_and(|s| s != current.status) {
            return Err(AppError::Forbidden(
                "only a Majordome administrator can change a request's status".into(),
            ));
        }
    }
    let mut row = current.into_active_model();
    if let Some(title) = &body.title {
        row.title = Set(required_text("title", title, MAX_TITLE)?);
    }
    if let Some(description) = &body.description {
        row.description = Set(optional_text("description", description, MAX_DESCRIPTION)?);
    }
    if let Some(priority) = body.priority {
        row.priority = Set(priority);
    }
    if let Some(status) = body.status {
        row.status = Set(status);
    }
    row.updated_at = Set(Utc::now());
    let row = row.update(&state.db).await?;
    let wire = to_wire(&state, row).await?;
    publish(&state, &wire);
    Ok(HttpResponse::Ok().json(wire))
}

async fn remove(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<FeatureRequestId>,
) -> Result<HttpResponse, AppError> {
    let row = find_visible(&state, caller, id.into_inner()).await?;
    let owner = row.conciergerie_id;
    feature_request::Entity::delete_by_id(row.id)
        .exec(&state.db)
        .await?;
    let event = ServerEvent::FeatureRequestDeleted {
        id: FeatureRequestId(row.id),
    };
    if let Some(owner) = owner {
        state.notify_tenant(protocol::ConciergerieId(owner), event.clone());
    }
    state.notify_admins(event);
    Ok(HttpResponse::NoContent().finish())
}

/// The OpenAPI entries of the routes above. Their handlers serve both operators and admins
/// (closures in `configure`), so each route is described here, once, by an empty marker.
#[allow(dead_code)]
pub(super) mod docs {
    use protocol::error::ErrorBody;
    use protocol::feature_requests::{FeatureRequestPatch, NewFeatureRequest};

    macro_rules! route {
        ($name:ident, $method:ident, $path:literal, $tag:literal, $ok:literal $(, $body:ty)?) => {
            #[utoipa::path(
                $method,
                path = $path,
                tag = $tag,
                $(request_body = $body,)?
                responses(
                    (status = $ok, description = "Success"),
                    (status = 401, description = "No valid session", body = ErrorBody)
                ),
                security(("bearer" = []))
            )]
            pub fn $name() {}
        };
    }

    route!(list, get, "/api/feature-requests", "feature_requests", 200);
    route!(
        create,
        post,
        "/api/feature-requests",
        "feature_requests",
        201,
        NewFeatureRequest
    );
    route!(
        stats,
        get,
        "/api/feature-requests/stats",
        "feature_requests",
        200
    );
    route!(
        update,
        patch,
        "/api/feature-requests/{id}",
        "feature_requests",
        200,
        FeatureRequestPatch
    );
    route!(
        remove,
        delete,
        "/api/feature-requests/{id}",
        "feature_requests",
        204
    );
    route!(admin_list, get, "/api/admin/feature-requests", "admin", 200);
    route!(
        admin_create,
        post,
        "/api/admin/feature-requests",
        "admin",
        201,
        NewFeatureRequest
    );
    route!(
        admin_stats,
        get,
        "/api/admin/feature-requests/stats",
        "admin",
        200
    );
    route!(
        admin_update,
        patch,
        "/api/admin/feature-requests/{id}",
        "admin",
        200,
        FeatureRequestPatch
    );
    route!(
        admin_remove,
        delete,
        "/api/admin/feature-requests/{id}",
        "admin",
        204
    );
}
