//! The inbox: conversations of the caller's conciergerie and their messages.

use actix::dev::ToEnvelope;
use actix::{Actor, Handler};
use actix_web::http::header;
use actix_web::{get, patch, post, web, HttpResponse};
use entity::convert::StoredMedia;
use entity::{conciergerie, conversation};
use protocol::conversations::{
    ConversationPatch, ConversationSummary, Message, NoteRequest, SendMessageRequest,
};
use protocol::members::MemberBrief;
use protocol::{ConversationId, MemberId, MessageId};
use sea_orm::EntityTrait;
use serde::Deserialize;

use crate::actors::conversation::{
    AddNote, ConversationActor, DiscardSuggestion, MarkRead, OperatorSend, Patch,
};
use crate::ai::variables;
use crate::auth::OperatorSession;
use crate::db;
use crate::db::inbox::InboxNarrowing;
use crate::db::pages::{self, ConversationCursor};
use crate::domain::attachment;
use crate::domain::{optional_text, required_text};
use crate::error::AppError;
use crate::state::AppState;
use crate::stays;

/// Longest reply Twilio accepts for a WhatsApp message body; a longer one would pass here and
/// then fail at Twilio (the composer warns before it).
pub const MAX_BODY: usize = 1600;
/// A note never goes to WhatsApp, so only a sanity bound.
pub const MAX_NOTE: usize = 5000;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(read_one)
        .service(messages)
        .service(send)
        .service(add_note)
        .service(read)
        .service(update)
        .service(discard_suggestion);
}

/// Asks the conversation's actor and waits for its answer.
async fn ask<M>(state: &AppState, id: ConversationId, msg: M) -> Result<M::Result, AppError>
where
    M: actix::Message + Send + 'static,
    M::Result: Send,
    ConversationActor: Handler<M>,
    <ConversationActor as Actor>::Context: ToEnvelope<ConversationActor, M>,
{
    state.registry.request(id, msg).await
}

/// The conversation if it belongs to the caller's conciergerie (else 404).
pub async fn find_owned(
    state: &AppState,
    caller: OperatorSession,
    id: ConversationId,
) -> Result<conversation::Model, AppError> {
    db::conversations::find_owned(&state.db, caller.conciergerie_id, id).await
}

pub async fn tenant(
    state: &AppState,
    caller: OperatorSession,
) -> Result<conciergerie::Model, AppError> {
    conciergerie::Entity::find_by_id(caller.conciergerie_id.0)
        .one(&state.db)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// `?limit=` (default 50, at most 200) and `?before=`, the cursor of the previous page's end.
#[derive(Deserialize)]
struct PageQuery {
    limit: Option<u64>,
    before: Option<String>,
}

impl PageQuery {
    fn limit(&self) -> Result<u64, AppError> {
        pages::page_size(self.limit).map_err(|m| AppError::validation("limit", m))
    }
}

/// `Link: <…limit=…&before=…>; rel="next"` when the page is full: the client follows it for more.
/// `path` may already carry query parameters (the inbox's filters), kept on the next page.
fn with_next(path: &str, limit: u64, next: Option<String>) -> actix_web::HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    if let Some(cursor) = next {
        let glue = if path.contains('?') { '&' } else { '?' };
        response.insert_header((
            header::LINK,
            format!("<{path}{glue}limit={limit}&before={cursor}>; rel=\"next\""),
        ));
    }
    response
}

/// The inbox's path with its filters, for the next page's link.
fn inbox_path(filter: db::stays::InboxFilter, narrowing: InboxNarrowing) -> String {
    let mut params = narrowing.params();
    if let Some(property) = filter.property_id {
        params.push(format!("property_id={}", property.0));
    }
    if let Some(phase) = filter.phase {
        params.push(format!("phase={}", phase.as_str()));
    }
    if params.is_empty() {
        "/api/conversations".to_owned()
    } else {
        format!("/api/conversations?{}", params.join("&"))
    }
}

/// `?assignee=me` ("Mes conversations"), `?assignee=none` (unassigned) or `?assignee=<member id>`.
#[derive(Deserialize)]
struct AssigneeQuery {
    assignee: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum AssigneeFilter {
    Member(MemberId),
    Nobody,
}

impl AssigneeQuery {
    fn parse(&self, caller: OperatorSession) -> Result<Option<AssigneeFilter>, AppError> {
        match self.assignee.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some("me") => Ok(Some(AssigneeFilter::Member(caller.member_id))),
            Some("none") => Ok(Some(AssigneeFilter::Nobody)),
            Some(id) => id
                .parse::<MemberId>()
                .map(|m| Some(AssigneeFilter::Member(m)))
                .map_err(|_| AppError::validation("assignee", "`me`, `none` or a member id")),
        }
    }
}

impl AssigneeFilter {
    fn condition(self) -> sea_orm::sea_query::SimpleExpr {
        use sea_orm::ColumnTrait;
        match self {
            AssigneeFilter::Member(m) => conversation::Column::AssigneeId.eq(m.0),
            AssigneeFilter::Nobody => conversation::Column::AssigneeId.is_null(),
        }
    }
}

/// The next page keeps the assignee filter (as an id: the link means the same to whoever follows
/// it).
fn with_assignee(path: String, assignee: Option<AssigneeFilter>) -> String {
    let value = match assignee {
        None => return path,
        Some(AssigneeFilter::Member(m)) => m.to_string(),
        Some(AssigneeFilter::Nobody) => "none".to_owned(),
    };
    let glue = if path.contains('?') { '&' } else { '?' };
    format!("{path}{glue}assignee={value}")
}

#[utoipa::path(get, path = "/api/conversations", tag = "conversations", responses((status = 200, description = "Success", body = [protocol::conversations::ConversationSummary]), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/conversations")]
async fn list(
    state: web::Data<AppState>,
    caller: OperatorSession,
    query: web::Query<PageQuery>,
    filter: web::Query<db::stays::InboxFilter>,
    narrowing: web::Query<InboxNarrowing>,
    assignee: web::Query<AssigneeQuery>,
) -> Result<HttpResponse, AppError> {
    let limit = query.limit()?;
    let before = query
        .before
        .as_deref()
        .map(|raw| {
            ConversationCursor::decode(raw).ok_or_else(|| {
                AppError::validation("before", "not a cursor from a previous page's Link header")
            })
        })
        .transpose()?;
    let tenant = tenant(&state, caller).await?;
    let filter = filter.into_inner();
    let linked = db::stays::inbox_condition(
        &state.db,
        caller.conciergerie_id,
        filter,
        chrono::Utc::now(),
    )
    .await?;
    let narrowing = narrowing.into_inner();
    if let Some(label) = narrowing.label {
        // Another tenant's label (or none) is a 404, like its conversations.
        db::labels::find_owned(&state.db, caller.conciergerie_id, label).await?;
    }
    let assignee = assignee.parse(caller)?;
    let linked = match (linked, assignee.map(AssigneeFilter::condition)) {
        (Some(a), Some(b)) => Some(a.and(b)),
        (a, b) => a.or(b),
    };
    let narrowed = match (linked, narrowing.condition(chrono::Utc::now())) {
        (Some(a), Some(b)) => Some(a.and(b)),
        (a, b) => a.or(b),
    };
    let rows = pages::conversations(
        &state.db,
        caller.conciergerie_id,
        narrowed,
        limit,
        before.as_ref(),
    )
    .await?;
    let next = rows
        .last()
        .filter(|_| rows.len() as u64 == limit)
        .map(|last| ConversationCursor::after(last).encode());
    let linked: Vec<(ConversationSummary, Option<i64>)> = rows
        .into_iter()
        .map(|c| {
            let stay = c.stay_id;
            (c.into_summary(tenant.ai_mode), stay)
        })
        .collect();
    let mut body = with_stays(&state, caller, linked).await?;
    let mut labels = db::labels::of_conversations(&state.db, body.iter().map(|c| c.id.0)).await?;
    for summary in &mut body {
        summary.labels = labels.remove(&summary.id.0).unwrap_or_default();
    }
    let path = with_assignee(inbox_path(filter, narrowing), assignee);
    Ok(with_next(&path, limit, next).json(body))
}

/// One conversation as the inbox lists it (a search hit may open one that is not loaded).
#[utoipa::path(get, path = "/api/conversations/{id}", tag = "conversations", params(("id" = i64, Path)), responses((status = 200, description = "Success", body = protocol::conversations::ConversationSummary), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/conversations/{id:\\d+}")]
async fn read_one(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
) -> Result<HttpResponse, AppError> {
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    let tenant = tenant(&state, caller).await?;
    let stay = conversation.stay_id;
    let labels = db::labels::of_conversation(&state.db, ConversationId(conversation.id)).await?;
    let mut summary = conversation.into_summary(tenant.ai_mode);
    summary.labels = labels;
    let body = with_stays(&state, caller, vec![(summary, stay)]).await?;
    Ok(HttpResponse::Ok().json(&body[0]))
}

#[utoipa::path(get, path = "/api/conversations/{id}/messages", tag = "conversations", params(("id" = i64, Path)), responses((status = 200, description = "Success", body = [protocol::conversations::Message]), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/conversations/{id}/messages")]
async fn messages(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let limit = query.limit()?;
    let before = query
        .before
        .as_deref()
        .map(|raw| {
            raw.trim()
                .parse::<i64>()
                .map(MessageId)
                .map_err(|_| AppError::validation("before", "must be a message id"))
        })
        .transpose()?;
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    let rows = pages::messages(&state.db, ConversationId(conversation.id), limit, before).await?;
    // Oldest first: the page's first message is where the next (older) page ends.
    let next = rows
        .first()
        .filter(|_| rows.len() as u64 == limit)
        .map(|first| first.id.to_string());
    let mut body: Vec<Message> = rows.into_iter().map(Message::from).collect();
    super::translation::attach(&state.db, &mut body).await?;
    db::members::name_authors(&state.db, caller.conciergerie_id, &mut body).await?;
    let path = format!("/api/conversations/{}/messages", conversation.id);
    Ok(with_next(&path, limit, next).json(body))
}

#[utoipa::path(post, path = "/api/conversations/{id}/send", tag = "conversations", params(("id" = i64, Path)), request_body = SendMessageRequest, responses((status = 201, description = "Success", body = protocol::conversations::Message), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/conversations/{id}/send")]
async fn send(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
    body: web::Json<SendMessageRequest>,
) -> Result<HttpResponse, AppError> {
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    let author = member_brief(&state, caller).await?;
    let request = body.into_inner();
    let text = with_variables(&state, caller, &conversation, &request.body).await?;
    let media = uploads(&state, caller, &conversation, &request.attachment_ids).await?;
    // A file may go alone: WhatsApp shows the text, if any, as its caption.
    let text = if media.is_empty() {
        required_text("body", &text, MAX_BODY)?
    } else {
        optional_text("body", &text, MAX_BODY)?
    };
    let client_ref = request
        .client_ref
        .as_deref()
        .map(|r| optional_text("client_ref", r, 64))
        .transpose()?
        .filter(|r| !r.is_empty());
    let message = ask(
        &state,
        ConversationId(conversation.id),
        OperatorSend {
            body: text,
            client_ref,
            from_suggestion: request.from_suggestion,
            template: None,
            author: Some(author),
            media,
        },
    )
    .await??;
    Ok(HttpResponse::Created().json(authored(&state, caller, message).await?))
}

/// The caller as a message's author (their current name).
async fn member_brief(state: &AppState, caller: OperatorSession) -> Result<MemberBrief, AppError> {
    let member =
        db::members::find_owned(&state.db, caller.conciergerie_id, caller.member_id).await?;
    Ok(MemberBrief {
        id: caller.member_id,
        name: member.name,
    })
}

/// A stored message with its author named (a retried send answers the first copy, whoever sent
/// it).
async fn authored(
    state: &AppState,
    caller: OperatorSession,
    row: entity::message::Model,
) -> Result<Message, AppError> {
    let mut message = [Message::from(row)];
    db::members::name_authors(&state.db, caller.conciergerie_id, &mut message).await?;
    let [message] = message;
    Ok(message)
}

/// The caller's uploads for this conversation named by a send, in the order given. An id that is
/// not theirs (another tenant's, another conversation's, unknown) is refused, never sent.
async fn uploads(
    state: &AppState,
    caller: OperatorSession,
    conversation: &conversation::Model,
    ids: &[String],
) -> Result<Vec<StoredMedia>, AppError> {
    if ids.len() > attachment::MAX_PER_MESSAGE {
        return Err(AppError::validation(
            "attachment_ids",
            format!(
                "WhatsApp takes {} file per message",
                attachment::MAX_PER_MESSAGE
            ),
        ));
    }
    let found = db::attachments::owned_for_send(
        &state.db,
        caller.conciergerie_id,
        ConversationId(conversation.id),
        ids,
    )
    .await?;
    ids.iter()
        .map(|id| {
            found
                .iter()
                .find(|(known, _)| known == id)
                .map(|(id, content_type)| StoredMedia::uploaded(id, content_type))
                .ok_or_else(|| {
                    AppError::validation(
                        "attachment_ids",
                        "no such attachment in this conversation",
                    )
                })
        })
        .collect()
}

/// A saved reply's `{{variables}}` filled from the conversation's linked stay, at send time so the
/// guest gets the stay as it is now; what cannot be filled stays visible (see `ai::variables`).
async fn with_variables(
    state: &AppState,
    caller: OperatorSession,
    conversation: &conversation::Model,
    body: &str,
) -> Result<String, AppError> {
    if !variables::has_variables(body) {
        return Ok(body.to_owned());
    }
    let stay = conversation.stay_id.map(protocol::StayId);
    let now = chrono::Utc::now();
    let context =
        stays::context::linked_context(&state.db, caller.conciergerie_id, stay, now).await?;
    Ok(variables::fill_for_operator(body, context.as_ref()))
}

/// A private note in the thread: colleagues see it live, the guest never does.
#[utoipa::path(post, path = "/api/conversations/{id}/notes", tag = "conversations", params(("id" = i64, Path)), request_body = NoteRequest, responses((status = 201, description = "Success", body = protocol::conversations::Message), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/conversations/{id}/notes")]
async fn add_note(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
    body: web::Json<NoteRequest>,
) -> Result<HttpResponse, AppError> {
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    let text = required_text("body", &body.body, MAX_NOTE)?;
    let author = member_brief(&state, caller).await?;
    let message = ask(
        &state,
        ConversationId(conversation.id),
        AddNote {
            body: text,
            author: Some(author),
        },
    )
    .await??;
    Ok(HttpResponse::Created().json(authored(&state, caller, message).await?))
}

#[utoipa::path(post, path = "/api/conversations/{id}/read", tag = "conversations", params(("id" = i64, Path)), responses((status = 204, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/conversations/{id}/read")]
async fn read(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
) -> Result<HttpResponse, AppError> {
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    ask(&state, ConversationId(conversation.id), MarkRead).await??;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(patch, path = "/api/conversations/{id}", tag = "conversations", params(("id" = i64, Path)), request_body = ConversationPatch, responses((status = 200, description = "Success", body = protocol::conversations::ConversationSummary), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[patch("/api/conversations/{id}")]
async fn update(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
    body: web::Json<ConversationPatch>,
) -> Result<HttpResponse, AppError> {
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    let mut patch = body.into_inner();
    if let Some(name) = &patch.contact_name {
        patch.contact_name = Some(optional_text("contact_name", name, 120)?);
    }
    if let Some(labels) = &patch.labels {
        patch.labels =
            Some(db::labels::validate_owned(&state.db, caller.conciergerie_id, labels).await?);
    }
    if let Some(Some(until)) = patch.snoozed_until {
        if until <= chrono::Utc::now() {
            return Err(AppError::validation(
                "snoozed_until",
                "must be in the future",
            ));
        }
    }
    if let Some(Some(stay)) = patch.stay_id {
        db::stays::find_owned(&state.db, caller.conciergerie_id, stay)
            .await
            .map_err(|e| match e {
                AppError::NotFound(_) => AppError::validation("stay_id", "no such stay"),
                other => other,
            })?;
    }
    if let Some(Some(member)) = patch.assignee_id {
        let assignee = db::members::find_owned(&state.db, caller.conciergerie_id, member)
            .await
            .map_err(|e| match e {
                AppError::NotFound(_) => AppError::validation("assignee_id", "no such member"),
                other => other,
            })?;
        if !assignee.active {
            return Err(AppError::validation(
                "assignee_id",
                "this member is deactivated",
            ));
        }
    }
    // The row read above, unless this very patch changes the link.
    let stay = match patch.stay_id {
        Some(changed) => changed.map(|s| s.0),
        None => conversation.stay_id,
    };
    let summary = ask(&state, ConversationId(conversation.id), Patch(patch)).await??;
    let summary = with_stays(&state, caller, vec![(summary, stay)]).await?;
    Ok(HttpResponse::Ok().json(&summary[0]))
}

/// Attaches each conversation's linked stay (its id from the row), one query for the whole page.
async fn with_stays(
    state: &AppState,
    caller: OperatorSession,
    linked: Vec<(ConversationSummary, Option<i64>)>,
) -> Result<Vec<ConversationSummary>, AppError> {
    let now = chrono::Utc::now();
    let ids = linked.iter().filter_map(|(_, stay)| *stay);
    let briefs = db::stays::briefs(&state.db, caller.conciergerie_id, ids, now).await?;
    Ok(linked
        .into_iter()
        .map(|(mut summary, stay)| {
            summary.stay = stay.and_then(|s| briefs.get(&s)).cloned();
            summary
        })
        .collect())
}

#[utoipa::path(post, path = "/api/conversations/{id}/suggestion/discard", tag = "conversations", params(("id" = i64, Path)), responses((status = 204, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[post("/api/conversations/{id}/suggestion/discard")]
async fn discard_suggestion(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
) -> Result<HttpResponse, AppError> {
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    ask(&state, ConversationId(conversation.id), DiscardSuggestion).await??;
    Ok(HttpResponse::NoContent().finish())
}
