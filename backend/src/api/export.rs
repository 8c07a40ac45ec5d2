//! CSV exports of the inbox and of one thread, for spreadsheets and records. Written with the
//! `csv` crate (quoting of commas, quotes and line breaks in guests' messages), UTF-8 with a BOM
//! so that Excel opens accented text correctly, and served as a download.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, SecondsFormat, Utc};
use entity::{conversation, message};
use protocol::{ConversationId, MessageId};

use super::conversations::find_owned;
use crate::auth::OperatorSession;
use crate::db;
use crate::db::pages::{self, ConversationCursor};
use crate::error::AppError;
use crate::state::AppState;

/// Rows read per query while walking every page.
const BATCH: u64 = 200;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(conversations).service(thread);
}

/// `GET /api/conversations/export.csv`: every conversation the inbox lists with the same filters
/// (`?property_id=`, `?phase=`), in the inbox's order, all pages.
#[utoipa::path(get, path = "/api/conversations/export.csv", tag = "export", responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/conversations/export.csv")]
async fn conversations(
    state: web::Data<AppState>,
    caller: OperatorSession,
    filter: web::Query<db::stays::InboxFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner();
    // One instant for the whole export: every batch filters on the same local dates.
    let linked =
        db::stays::inbox_condition(&state.db, caller.conciergerie_id, filter, Utc::now()).await?;
    let mut rows: Vec<conversation::Model> = Vec::new();
    let mut cursor: Option<ConversationCursor> = None;
    loop {
        let page = pages::conversations(
            &state.db,
            caller.conciergerie_id,
            linked.clone(),
            BATCH,
            cursor.as_ref(),
        )
        .await?;
        let full = page.len() as u64 == BATCH;
        cursor = page.last().map(ConversationCursor::after);
        rows.extend(page);
        if !full {
            break;
        }
    }
    tracing::info!(conversations = rows.len(), "inbox exported");
    let mut out = Csv::new([
        "id",
        "contact_name",
        "phone_number",
        "status",
        "urgent",
        "unread_count",
        "last_message_at",
        "last_message_preview",
        "created_at",
    ]);
    for c in &rows {
        out.row([
            c.id.to_string(),
            c.contact_name.clone().unwrap_or_default(),
            c.phone_number.clone(),
            c.status.to_string(),
            c.urgent.to_string(),
            c.unread_count.to_string(),
            c.last_message_at.map(stamp).unwrap_or_default(),
            c.last_message_preview.clone().unwrap_or_default(),
            stamp(c.created_at),
        ])?;
    }
    out.download("conversations.csv")
}

/// `GET /api/conversations/{id}/export.csv`: the whole thread, oldest first, notes included
/// (it is the team's record).
#[utoipa::path(get, path = "/api/conversations/{id}/export.csv", tag = "export", params(("id" = i64, Path)), responses((status = 200, description = "Success"), (status = 401, description = "No valid session", body = protocol::error::ErrorBody), (status = 404, description = "Not found (or another conciergerie's)", body = protocol::error::ErrorBody)), security(("bearer" = [])))]
#[get("/api/conversations/{id}/export.csv")]
async fn thread(
    state: web::Data<AppState>,
    caller: OperatorSession,
    id: web::Path<ConversationId>,
) -> Result<HttpResponse, AppError> {
    let conversation = find_owned(&state, caller, id.into_inner()).await?;
    let id = ConversationId(conversation.id);
    // Pages come newest first (each oldest first inside): walk back, then put them in order.
    let mut pages_back: Vec<Vec<message::Model>> = Vec::new();
    let mut before: Option<MessageId> = None;
    loop {
        let page = pages::messages(&state.db, id, BATCH, before).await?;
        let full = page.len() as u64 == BATCH;
        before = page.first().map(|m| MessageId(m.id));
        pages_back.push(page);
        if !full {
            break;
        }
    }
    let mut out = Csv::new(["id", "created_at", "sender", "status", "body"]);
    for m in pages_back.iter().rev().flatten() {
        out.row([
            m.id.to_string(),
            stamp(m.created_at),
            m.sender.to_string(),
            m.status.to_string(),
            m.body.clone(),
        ])?;
    }
    tracing::info!(conversation_id = %id, "thread exported");
    out.download(&format!("conversation-{}.csv", conversation.id))
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A CSV document being written, header first.
struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    fn new<const N: usize>(header: [&str; N]) -> Csv {
        // The BOM tells spreadsheet programs the file is UTF-8.
        let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
        // Writing into memory cannot fail.
        let _ = writer.write_record(header);
        Csv(writer)
    }

    fn row<const N: usize>(&mut self, fields: [String; N]) -> Result<(), AppError> {
        self.0
            .write_record(fields)
            .map_err(|e| AppError::Internal(e.into()))
    }

    fn download(self, filename: &str) -> Result<HttpResponse, AppError> {
        let bytes = self
            .0
            .into_inner()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("CSV: {e}")))?;
        Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(ContentDisposition {
                disposition: DispositionType::Attachment,
                parameters: vec![DispositionParam::Filename(filename.to_owned())],
            })
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(bytes))
    }
}
