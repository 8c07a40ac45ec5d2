//! Every JSON body and WebSocket event that crosses the wire, typed once.
//!
//! The server (`backend`) and both Yew apps (`web`, `admin-web`) depend on this crate, so a shape
//! is never written twice. It only depends on serde and chrono and builds for `wasm32`.
//! With the `orm` feature the enums double as SeaORM column types (server only).

mod enums;
mod ids;

pub mod admin;
pub mod analytics;
pub mod auth;
pub mod automations;
pub mod conversations;
pub mod error;
pub mod events;
pub mod faqs;
pub mod feature_requests;
pub mod labels;
pub mod members;
pub mod paging;
pub mod presence;
pub mod properties;
pub mod reasons;
pub mod search;
pub mod settings;
pub mod simulator;
pub mod stays;
pub mod templates;

pub use enums::*;
pub use ids::*;

/// Timestamps travel as RFC 3339 strings in UTC.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// REST routes (all JSON):
///
/// | route | body → answer |
/// |---|---|
/// | `POST /api/auth/login`, `/logout`, `GET /api/auth/me` | `LoginRequest` → `LoginResponse`; 204; `MeResponse` |
/// | `POST /api/auth/password` | `members::PasswordChange` → 204 (the member's other sessions end) |
/// | `GET/POST /api/members`, `PATCH /api/members/{id}` | `[Member]`; `NewMember` → 201 `Member`; `MemberPatch` → `Member` (POST/PATCH: owner only) |
/// | `GET /api/conversations` | `[ConversationSummary]`, newest activity first |
/// | `GET /api/conversations/{id}/messages` | `[Message]`, oldest first |
/// | `POST /api/conversations/{id}/send` | `SendMessageRequest` → 201 `Message` (also accepts an AI suggestion) |
/// | `POST /api/conversations/{id}/read` | 204, clears the unread count |
/// | `PATCH /api/conversations/{id}` | `ConversationPatch` → `ConversationSummary` |
/// | `POST /api/conversations/{id}/suggestion/discard` | 204 |
/// | `POST /api/conversations/{id}/messages/{message_id}/translation` | → `MessageTranslation` (stored once) |
/// | `POST /api/conversations/{id}/translate` | `TranslateRequest` → `TranslatedDraft` (409 offline) |
/// | `GET /api/media/{message_id}/{index}` | the attachment's bytes |
/// | `GET/PATCH /api/settings` | `Settings` / `SettingsPatch` |
/// | `GET/POST /api/faqs`, `PATCH/DELETE /api/faqs/{id}` | `Faq`, `NewFaq`, `FaqPatch` |
/// | `GET /api/faqs?property_id=` | the entries of one property only |
/// | `POST /api/faqs/{id}/translations/draft` | `faqs::TranslationDraft` (Claude's drafts for the missing languages, not saved) |
/// | `GET/POST /api/properties`, `GET/PATCH/DELETE /api/properties/{id}` | `Property`, `NewProperty`, `PropertyPatch` (DELETE: 409 while FAQ entries or stays use it) |
/// | `POST /api/properties/{id}/sync` | `SyncReport` (fetches the property's iCal feeds now) |
/// | `GET /api/stays?property_id=&from=&to=` | `[Stay]` overlapping `[from, to]` (dates `YYYY-MM-DD`), by arrival |
/// | `POST /api/stays`, `GET/PATCH/DELETE /api/stays/{id}` | `NewStay` → 201 `Stay`, `StayPatch` |
/// | `POST /api/stays/import` | `text/csv` body → `ImportReport` |
/// | `GET/POST /api/automations` | `Automation`, `NewAutomation` → 201 |
/// | `PATCH/DELETE /api/automations/{id}` | `AutomationPatch` → `Automation`; DELETE → 204 |
/// | `GET /api/stays/{id}/scheduled` | `[ScheduledMessage]` planned for the stay |
/// | `POST /api/scheduled/{id}/cancel` | → `ScheduledMessage` (only while pending) |
/// | `GET/POST /api/templates`, `PATCH/DELETE /api/templates/{id}` | `Template`, `NewTemplate`, `TemplatePatch` |
/// | `GET /api/analytics?days=30` | `Analytics` |
/// | `GET/POST /api/feature-requests`, `GET .../stats`, `PATCH/DELETE .../{id}` | `FeatureRequest`, … |
/// | `POST /api/simulator/messages` | `SimulatedGuestMessage` → 202 `SimulatorAccepted` (offline mode) |
/// | `GET /ws` | WebSocket of `events::ServerEvent`; the client may send `presence::ClientEvent` |
///
/// Paths shared by the server and the apps, so a route is spelled once.
pub mod paths {
    pub const WS: &str = "/ws";
    pub const LOGIN: &str = "/api/auth/login";
    pub const LOGOUT: &str = "/api/auth/logout";
    pub const ME: &str = "/api/auth/me";
    pub const ADMIN_LOGIN: &str = "/api/admin/auth/login";
    pub const ADMIN_LOGOUT: &str = "/api/admin/auth/logout";
    pub const ADMIN_ME: &str = "/api/admin/auth/me";
    /// Name of the session cookie set on login.
    pub const SESSION_COOKIE: &str = "majordome_session";
    /// Name of the admin session cookie (a separate cookie so both apps can be open at once).
    pub const ADMIN_SESSION_COOKIE: &str = "majordome_admin_session";

    /// The authenticated route that streams attachment `index` of a message.
    pub fn media(message: crate::MessageId, index: usize) -> String {
        format!("/api/media/{message}/{index}")
    }

    /// The public route of a file an operator sent (`POST /api/conversations/{id}/attachments`):
    /// Twilio fetches it without credentials, so the id is unguessable.
    pub fn media_out(attachment: &str) -> String {
        format!("/media/out/{attachment}")
    }

    /// Where the dashboard uploads a file to send in conversation `id`.
    pub fn attachments(conversation: crate::ConversationId) -> String {
        format!("/api/conversations/{conversation}/attachments")
    }
}
