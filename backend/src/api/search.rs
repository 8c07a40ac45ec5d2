//! `GET /api/search?q=&limit=`: the caller's messages matching every word of `q` (accents and
//! case ignored), newest first, each with its conversation.

use actix_web::{get, web, HttpResponse};
use protocol::conversations::Message;
use protocol::search::{ConversationBrief, SearchHit};
use protocol::ConversationId;
use serde::Deserialize;

use crate::auth::OperatorSession;
use crate::db;
use crate::db::pages;
use crate::error::AppError;
use crate::state::AppState;

/// A query longer than this is refused: nobody types it in a search box.
const MAX_QUERY: usize = 200;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(search);
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
    limit: Option<u64>,
}

#[utoipa::path(get, path = "/api/search", tag = "search", params(("q" = String, Query), ("limit" = Option<u64>, Query)), responses((status = 200, description = "Success", body = [protocol::search::SearchHit]), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/search")]
async fn search(
    state: web::Data<AppState>,
    caller: OperatorSession,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let limit = pages::page_size(query.limit).map_err(|m| AppError::validation("limit", m))?;
    if query.q.chars().count() > MAX_QUERY {
        return Err(AppError::validation(
            "q",
            format!("at most {MAX_QUERY} characters"),
        ));
    }
    if db::search::words(&query.q).is_empty() {
        return Err(AppError::validation("q", "type at least one word"));
    }
    // What was stored since the last background run is indexed first, so it is found too.
    state.search_index.catch_up().await?;
    let hits = db::search::messages(
        &state.db,
        &state.search_index,
        caller.conciergerie_id,
        &query.q,
        limit,
    )
    .await?;
    let body: Vec<SearchHit> = hits
        .into_iter()
        .map(|(message, conversation)| SearchHit {
            message: Message::from(message),
            conversation: ConversationBrief {
                id: ConversationId(conversation.id),
                phone_number: conversation.phone_number,
                contact_name: conversation.contact_name,
                status: conversation.status,
            },
        })
        .collect();
    Ok(HttpResponse::Ok().json(body))
}
