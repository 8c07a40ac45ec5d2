//! The dashboard's REST calls, on the toolkit's fetch wrapper (`ui::api`): same origin, so the
//! session cookie set at login authenticates every call; a 401 anywhere but the login form means
//! the session ended, and the app goes back to login.

use protocol::analytics::Analytics;
use protocol::auth::MeResponse;
use protocol::automations::{Automation, AutomationPatch, NewAutomation, ScheduledMessage};
use protocol::conversations::{
    Attachment, ConversationPatch, ConversationSummary, Message, MessageTranslation, NoteRequest,
    SendMessageRequest, TranslateRequest, TranslatedDraft,
};
use protocol::faqs::{Faq, FaqPatch, NewFaq, TranslationDraft};
use protocol::members::{Member, MemberPatch, NewMember, PasswordChange};
use protocol::properties::{NewProperty, Property, PropertyPatch};
use protocol::settings::{Settings, SettingsPatch};
use protocol::simulator::{SimulatedGuestMessage, SimulatorAccepted};
use protocol::stays::{ImportReport, NewStay, Stay, StayPatch};
use protocol::templates::{NewTemplate, Template, TemplatePatch};
use protocol::{
    paths, AutomationId, ConversationId, FaqId, MemberId, MessageId, PropertyId, ScheduledId,
    StayId, TemplateId,
};
use ui::api::{
    delete, get, get_page, patch, post, post_empty, FeatureRequests, NextPage, Page, SessionPaths,
};

use crate::i18n::{Lang, Localized};

pub use ui::api::{session_expired, set_unauthorized_handler, ApiError};

/// The operator session's routes.
pub const SESSION: SessionPaths = SessionPaths::OPERATOR;

/// The live connection of this session.
pub const LIVE: ui::ws::Endpoint = ui::ws::Endpoint::OPERATOR;

/// The dashboard's reading of an API error: its own codes first, then the toolkit's.
pub trait Explain {
    /// What to tell the operator, in their language.
    fn message(&self, lang: Lang) -> String;
}

impl Explain for ApiError {
    fn message(&self, lang: Lang) -> String {
        match self.code() {
            Some("outside_24h_window") => lang.t().window_closed_explain.to_owned(),
            _ => self.common_message(lang),
        }
    }
}

// --- session ---

pub async fn logout() -> Result<(), ApiError> {
    SESSION.logout().await
}

/// The current session, or `Unauthorized` (without triggering the handler: used at start-up).
pub async fn me() -> Result<MeResponse, ApiError> {
    SESSION.me().await
}

// --- conversations ---

/// The most recent conversations (the server's default page size).
pub async fn conversations() -> Result<Page<ConversationSummary>, ApiError> {
    get_page("/api/conversations").await
}

/// A first page at `path`: the inbox narrowed by the server (`StayFilter::query`).
pub async fn conversations_at(path: &str) -> Result<Page<ConversationSummary>, ApiError> {
    get_page(path).await
}

/// Every conversation, in the largest pages the server gives (200): for a search that must see
/// them all while the server has no search endpoint.
pub const ALL_CONVERSATIONS: &str = "/api/conversations?limit=200";

/// The latest messages of a thread (the server's default page size).
pub async fn messages(id: ConversationId) -> Result<Page<Message>, ApiError> {
    get_page(&format!("/api/conversations/{id}/messages")).await
}

/// The page a previous page's `Link: rel="next"` pointed to (older conversations, or older
/// messages of a thread).
pub async fn next_page<T: serde::de::DeserializeOwned>(
    next: &NextPage,
) -> Result<Page<T>, ApiError> {
    get_page(&next.0).await
}

/// Sends a reply. `client_ref` makes it idempotent: a retry after a lost answer returns the
/// first message instead of sending it twice, so one network hiccup is retried here.
/// `from_suggestion`: the body is the AI's suggestion, maybe edited (not a takeover).
pub async fn send_message(
    id: ConversationId,
    body: &str,
    client_ref: &str,
    from_suggestion: bool,
    attachment_ids: Vec<String>,
) -> Result<Message, ApiError> {
    let path = format!("/api/conversations/{id}/send");
    let request = SendMessageRequest {
        body: body.to_owned(),
        client_ref: Some(client_ref.to_owned()),
        from_suggestion,
        attachment_ids,
    };
    match post(&path, &request).await {
        Err(ApiError::Network) => {
            gloo_timers::future::TimeoutFuture::new(1_500).await;
            post(&path, &request).await
        }
        other => other,
    }
}

/// Uploads a file to send in this conversation; the server reads its type from its bytes.
pub async fn upload_attachment(
    id: ConversationId,
    file: &web_sys::File,
) -> Result<Attachment, ApiError> {
    let content_type = file.type_();
    let request = gloo_net::http::Request::post(&paths::attachments(id))
        .header("Accept", "application/json")
        .header(
            "Content-Type",
            if content_type.is_empty() {
                "application/octet-stream"
            } else {
                &content_type
            },
        )
        .body(wasm_bindgen::JsValue::from(file.clone()));
    ui::api::json(ui::api::send(request, true).await?).await
}

/// Why a file was refused, in the operator's words.
pub fn attachment_refusal(e: &ApiError, lang: Lang) -> String {
    match e.code() {
        Some("unsupported_media_type") => lang.t().attach_bad_type.to_owned(),
        Some("payload_too_large") => lang.t().attach_too_big.to_owned(),
        _ => e.message(lang),
    }
}

/// Adds a private note for the team (never sent to the guest).
pub async fn add_note(id: ConversationId, body: &str) -> Result<Message, ApiError> {
    let request = NoteRequest {
        body: body.to_owned(),
    };
    post(&format!("/api/conversations/{id}/notes"), &request).await
}

/// Why a reply was not sent, in the operator's words: a body WhatsApp cannot take is said so
/// (the server's limit), everything else as any other error.
pub fn send_refusal(e: &ApiError, lang: Lang) -> String {
    let too_long = e.code() == Some("validation")
        && e.field() == Some("body")
        && e.server_message().is_some_and(|m| m.contains("too long"));
    if too_long || e.code() == Some("payload_too_large") {
        lang.t().err_body_too_long.to_owned()
    } else {
        e.message(lang)
    }
}

pub async fn mark_read(id: ConversationId) -> Result<(), ApiError> {
    post_empty(&format!("/api/conversations/{id}/read")).await
}

pub async fn patch_conversation(
    id: ConversationId,
    body: &ConversationPatch,
) -> Result<ConversationSummary, ApiError> {
    patch(&format!("/api/conversations/{id}"), body).await
}

pub async fn discard_suggestion(id: ConversationId) -> Result<(), ApiError> {
    post_empty(&format!("/api/conversations/{id}/suggestion/discard")).await
}

// --- simulator ---

pub async fn simulate(body: &SimulatedGuestMessage) -> Result<SimulatorAccepted, ApiError> {
    post("/api/simulator/messages", body).await
}

// --- settings ---

pub async fn settings() -> Result<Settings, ApiError> {
    get("/api/settings").await
}

pub async fn patch_settings(body: &SettingsPatch) -> Result<Settings, ApiError> {
    patch("/api/settings", body).await
}

// --- FAQ ---

pub async fn faqs() -> Result<Vec<Faq>, ApiError> {
    get("/api/faqs").await
}

pub async fn create_faq(body: &NewFaq) -> Result<Faq, ApiError> {
    post("/api/faqs", body).await
}

pub async fn update_faq(id: FaqId, body: &FaqPatch) -> Result<Faq, ApiError> {
    patch(&format!("/api/faqs/{id}"), body).await
}

pub async fn delete_faq(id: FaqId) -> Result<(), ApiError> {
    delete(&format!("/api/faqs/{id}")).await
}

/// Claude's translations of the entry into the languages it lacks (not saved).
pub async fn draft_faq_translations(id: FaqId) -> Result<TranslationDraft, ApiError> {
    post(&format!("/api/faqs/{id}/translations/draft"), &()).await
}

// --- translation ---

/// A guest message's language and French translation (computed once by the server).
pub async fn translate_guest_message(
    conversation: ConversationId,
    message: MessageId,
) -> Result<MessageTranslation, ApiError> {
    post(
        &format!("/api/conversations/{conversation}/messages/{message}/translation"),
        &(),
    )
    .await
}

/// The operator's draft in the guest's language (nothing is sent).
pub async fn translate_draft(
    conversation: ConversationId,
    text: &str,
) -> Result<TranslatedDraft, ApiError> {
    let body = TranslateRequest {
        text: text.to_owned(),
    };
    post(
        &format!("/api/conversations/{conversation}/translate"),
        &body,
    )
    .await
}

/// The entries of one property only.
pub async fn property_faqs(id: PropertyId) -> Result<Vec<Faq>, ApiError> {
    get(&format!("/api/faqs?property_id={id}")).await
}

// --- properties ---

pub async fn properties() -> Result<Vec<Property>, ApiError> {
    get("/api/properties").await
}

pub async fn create_property(body: &NewProperty) -> Result<Property, ApiError> {
    post("/api/properties", body).await
}

pub async fn update_property(id: PropertyId, body: &PropertyPatch) -> Result<Property, ApiError> {
    patch(&format!("/api/properties/{id}"), body).await
}

/// 409 while FAQ entries or stays still use the property.
pub async fn delete_property(id: PropertyId) -> Result<(), ApiError> {
    delete(&format!("/api/properties/{id}")).await
}

// --- stays ---

/// `GET /api/stays` narrowed to a property and to the stays overlapping `[from, to]`
/// (`YYYY-MM-DD`, either may be empty).
pub async fn stays(
    property: Option<PropertyId>,
    from: &str,
    to: &str,
) -> Result<Vec<Stay>, ApiError> {
    let mut params = Vec::new();
    if let Some(p) = property {
        params.push(format!("property_id={p}"));
    }
    for (name, value) in [("from", from), ("to", to)] {
        if !value.is_empty() {
            params.push(format!("{name}={value}"));
        }
    }
    let query = if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    };
    get(&format!("/api/stays{query}")).await
}

pub async fn create_stay(body: &NewStay) -> Result<Stay, ApiError> {
    post("/api/stays", body).await
}

pub async fn update_stay(id: StayId, body: &StayPatch) -> Result<Stay, ApiError> {
    patch(&format!("/api/stays/{id}"), body).await
}

pub async fn delete_stay(id: StayId) -> Result<(), ApiError> {
    delete(&format!("/api/stays/{id}")).await
}

/// Sends a CSV file's bytes as they are (`text/csv`: the server reads the encoding and says if
/// it cannot); the answer says what happened to each line.
pub async fn import_stays(csv: js_sys::Uint8Array) -> Result<ImportReport, ApiError> {
    let request = gloo_net::http::Request::post("/api/stays/import")
        .header("Accept", "application/json")
        .header("Content-Type", "text/csv; charset=utf-8")
        .body(csv);
    ui::api::json(ui::api::send(request, true).await?).await
}

// --- scheduled messages ---

pub async fn automations() -> Result<Vec<Automation>, ApiError> {
    get("/api/automations").await
}

pub async fn create_automation(body: &NewAutomation) -> Result<Automation, ApiError> {
    post("/api/automations", body).await
}

pub async fn update_automation(
    id: AutomationId,
    body: &AutomationPatch,
) -> Result<Automation, ApiError> {
    patch(&format!("/api/automations/{id}"), body).await
}

pub async fn delete_automation(id: AutomationId) -> Result<(), ApiError> {
    delete(&format!("/api/automations/{id}")).await
}

/// The messages planned for a stay, by time.
pub async fn scheduled(stay: StayId) -> Result<Vec<ScheduledMessage>, ApiError> {
    get(&format!("/api/stays/{stay}/scheduled")).await
}

pub async fn cancel_scheduled(id: ScheduledId) -> Result<ScheduledMessage, ApiError> {
    post(
        &format!("/api/scheduled/{id}/cancel"),
        &serde_json::json!({}),
    )
    .await
}

// --- templates ---

pub async fn templates() -> Result<Vec<Template>, ApiError> {
    get("/api/templates").await
}

pub async fn create_template(body: &NewTemplate) -> Result<Template, ApiError> {
    post("/api/templates", body).await
}

pub async fn update_template(id: TemplateId, body: &TemplatePatch) -> Result<Template, ApiError> {
    patch(&format!("/api/templates/{id}"), body).await
}

pub async fn delete_template(id: TemplateId) -> Result<(), ApiError> {
    delete(&format!("/api/templates/{id}")).await
}

// --- analytics ---

pub async fn analytics(days: u32) -> Result<Analytics, ApiError> {
    get(&format!("/api/analytics?days={days}")).await
}

// --- feature requests ---

/// The board's routes (the feature-request form files there too).
pub const FEATURE_REQUESTS: FeatureRequests = FeatureRequests::OPERATOR;

// --- labels and search ---

pub async fn labels() -> Result<Vec<protocol::labels::Label>, ApiError> {
    get("/api/labels").await
}

pub async fn create_label(
    body: &protocol::labels::NewLabel,
) -> Result<protocol::labels::Label, ApiError> {
    post("/api/labels", body).await
}

pub async fn update_label(
    id: protocol::LabelId,
    body: &protocol::labels::LabelPatch,
) -> Result<protocol::labels::Label, ApiError> {
    patch(&format!("/api/labels/{id}"), body).await
}

pub async fn delete_label(id: protocol::LabelId) -> Result<(), ApiError> {
    delete(&format!("/api/labels/{id}")).await
}

/// One conversation (`GET /api/conversations/{id}`), e.g. a search hit's that is not loaded.
pub async fn conversation(id: ConversationId) -> Result<ConversationSummary, ApiError> {
    get(&format!("/api/conversations/{id}")).await
}

/// Messages matching every word of `query`, newest first (`GET /api/search`).
pub async fn search(query: &str) -> Result<Vec<protocol::search::SearchHit>, ApiError> {
    let q: String = url_encode(query);
    get(&format!("/api/search?q={q}&limit=30")).await
}

/// Percent-encodes a query parameter's value (the browser's `encodeURIComponent`).
fn url_encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

// --- team (members) ---

pub async fn members() -> Result<Vec<Member>, ApiError> {
    get("/api/members").await
}

/// Owner only (the server answers 403 to the others).
pub async fn invite_member(new: &NewMember) -> Result<Member, ApiError> {
    post("/api/members", new).await
}

pub async fn patch_member(id: MemberId, patch: &MemberPatch) -> Result<Member, ApiError> {
    ui::api::patch(&format!("/api/members/{id}"), patch).await
}

/// The logged-in member's own password; their other sessions end.
pub async fn change_password(change: &PasswordChange) -> Result<(), ApiError> {
    ui::api::post_no_content("/api/auth/password", change).await
}

#[cfg(test)]
mod tests {
    use protocol::error::ErrorDetail;

    use super::*;

    #[test]
    fn the_24_hour_window_is_explained_in_the_operators_language() {
        let e = ApiError::Status {
            status: 409,
            detail: Some(ErrorDetail {
                code: "outside_24h_window".into(),
                message: "x".into(),
                field: None,
            }),
        };
        assert_eq!(e.message(Lang::Fr), Lang::Fr.t().window_closed_explain);
        assert_eq!(
            ApiError::Network.message(Lang::Fr),
            Lang::Fr.ui().err_network
        );
    }

    #[test]
    fn a_refused_send_says_why_in_the_operators_language() {
        let too_long = ApiError::Status {
            status: 422,
            detail: Some(ErrorDetail {
                code: "validation".into(),
                message: "body is too long (4096 characters at most)".into(),
                field: Some("body".into()),
            }),
        };
        assert_eq!(
            send_refusal(&too_long, Lang::Fr),
            Lang::Fr.t().err_body_too_long
        );
        assert_eq!(
            send_refusal(&too_long, Lang::En),
            Lang::En.t().err_body_too_long
        );
        assert_eq!(
            send_refusal(&ApiError::Network, Lang::En),
            Lang::En.ui().err_network
        );
        assert_eq!(
            send_refusal(&ApiError::Unauthorized, Lang::Fr),
            Lang::Fr.ui().err_session_expired
        );
    }
}
