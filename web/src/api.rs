//! The REST client. Same origin, so the session cookie set at login authenticates every call;
//! a 401 anywhere but the login form means the session ended, and the app goes back to login.

use std::cell::RefCell;

use gloo_net::http::{Request, RequestBuilder, Response};
use protocol::analytics::Analytics;
use protocol::auth::{LoginRequest, LoginResponse, MeResponse};
use protocol::conversations::{
    ConversationPatch, ConversationSummary, Message, SendMessageRequest,
};
use protocol::error::{ErrorBody, ErrorDetail};
use protocol::faqs::{Faq, FaqPatch, NewFaq};
use protocol::feature_requests::{FeatureRequest, FeatureRequestPatch, NewFeatureRequest};
use protocol::settings::{Settings, SettingsPatch};
use protocol::simulator::{SimulatedGuestMessage, SimulatorAccepted};
use protocol::templates::{NewTemplate, Template, TemplatePatch};
use protocol::{paths, ConversationId, FaqId, FeatureRequestId, TemplateId};
use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::Callback;

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No valid session (already reported to the unauthorized handler).
    Unauthorized,
    /// The server answered with an error.
    Status {
        status: u16,
        detail: Option<ErrorDetail>,
    },
    /// The request never got an answer (server down, network lost).
    Network,
    /// The answer was not what the protocol says.
    Decode(String),
}

impl ApiError {
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Status {
                detail: Some(d), ..
            } => Some(&d.code),
            _ => None,
        }
    }

    /// The form field a validation error is about.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Status {
                detail: Some(d), ..
            } => d.field.as_deref(),
            _ => None,
        }
    }

    /// What to tell the operator: known codes in their language, else the server's words.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            ApiError::Unauthorized => t.err_session_expired.to_owned(),
            ApiError::Network => t.err_network.to_owned(),
            ApiError::Decode(_) => t.err_unexpected.to_owned(),
            ApiError::Status { status, detail } => {
                let code = detail.as_ref().map(|d| d.code.as_str());
                match (status, code) {
                    (_, Some("invalid_credentials")) => t.err_invalid_credentials.to_owned(),
                    (_, Some("rate_limited")) | (429, _) => t.err_rate_limited_login.to_owned(),
                    (_, Some("outside_24h_window")) => t.window_closed_explain.to_owned(),
                    // An unknown route: this server does not offer the feature (yet).
                    (404, None) | (405, _) => t.err_not_available.to_owned(),
                    (404, Some("not_found"))
                        if detail
                            .as_ref()
                            .is_some_and(|d| d.message.starts_with("route")) =>
                    {
                        t.err_not_available.to_owned()
                    }
                    (404, Some("not_found")) => t.err_gone.to_owned(),
                    (_, Some("payload_too_large")) | (413, _) => t.err_too_large.to_owned(),
                    (500..=599, _) => t.err_server.to_owned(),
                    (_, _) => match detail {
                        Some(d) if !d.message.is_empty() => d.message.clone(),
                        _ => format!("{} ({status})", t.err_unexpected),
                    },
                }
            }
        }
    }
}

thread_local! {
    static ON_UNAUTHORIZED: RefCell<Option<Callback<()>>> = const { RefCell::new(None) };
}

/// Called whenever an authenticated call comes back 401.
pub fn set_unauthorized_handler(cb: Option<Callback<()>>) {
    ON_UNAUTHORIZED.with(|h| *h.borrow_mut() = cb);
}

/// Reports an ended session (e.g. the WebSocket found out first).
pub fn session_expired() {
    let _ = unauthorized();
}

fn unauthorized() -> ApiError {
    if let Some(cb) = ON_UNAUTHORIZED.with(|h| h.borrow().clone()) {
        cb.emit(());
    }
    ApiError::Unauthorized
}

async fn error_of(resp: Response) -> ApiError {
    let status = resp.status();
    let detail = resp.json::<ErrorBody>().await.ok().map(|b| b.error);
    ApiError::Status { status, detail }
}

async fn send(
    req: Result<Request, gloo_net::Error>,
    report_401: bool,
) -> Result<Response, ApiError> {
    let req = req.map_err(|e| ApiError::Decode(e.to_string()))?;
    let resp = req.send().await.map_err(|_| ApiError::Network)?;
    match resp.status() {
        200..=299 => Ok(resp),
        401 if report_401 => Err(unauthorized()),
        _ => Err(error_of(resp).await),
    }
}

async fn json<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    resp.json::<T>()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

fn with_json<B: Serialize>(b: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    b.header("Accept", "application/json").json(body)
}

fn plain(b: RequestBuilder) -> Result<Request, gloo_net::Error> {
    b.header("Accept", "application/json").build()
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    json(send(plain(Request::get(path)), true).await?).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    json(send(with_json(Request::post(path), body), true).await?).await
}

async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    json(send(with_json(Request::patch(path), body), true).await?).await
}

async fn post_empty(path: &str) -> Result<(), ApiError> {
    send(plain(Request::post(path)), true).await.map(drop)
}

async fn delete(path: &str) -> Result<(), ApiError> {
    send(plain(Request::delete(path)), true).await.map(drop)
}

// --- session ---

/// A 401 here is a wrong password, not an expired session.
pub async fn login(email: &str, password: &str) -> Result<LoginResponse, ApiError> {
    let body = LoginRequest {
        email: email.to_owned(),
        password: password.to_owned(),
    };
    let resp = send(with_json(Request::post(paths::LOGIN), &body), false).await?;
    json(resp).await
}

pub async fn logout() -> Result<(), ApiError> {
    send(plain(Request::post(paths::LOGOUT)), false)
        .await
        .map(drop)
}

/// The current session, or `Unauthorized` (without triggering the handler: used at start-up).
pub async fn me() -> Result<MeResponse, ApiError> {
    json(send(plain(Request::get(paths::ME)), false).await?).await
}

// --- conversations ---

pub async fn conversations() -> Result<Vec<ConversationSummary>, ApiError> {
    get("/api/conversations").await
}

pub async fn messages(id: ConversationId) -> Result<Vec<Message>, ApiError> {
    get(&format!("/api/conversations/{id}/messages")).await
}

/// Sends a reply. `client_ref` makes it idempotent: a retry after a lost answer returns the
/// first message instead of sending it twice, so one network hiccup is retried here.
/// `from_suggestion`: the body is the AI's suggestion, maybe edited (not a takeover).
pub async fn send_message(
    id: ConversationId,
    body: &str,
    client_ref: &str,
    from_suggestion: bool,
) -> Result<Message, ApiError> {
    let path = format!("/api/conversations/{id}/send");
    let request = SendMessageRequest {
        body: body.to_owned(),
        client_ref: Some(client_ref.to_owned()),
        from_suggestion,
    };
    match post(&path, &request).await {
        Err(ApiError::Network) => {
            gloo_timers::future::TimeoutFuture::new(1_500).await;
            post(&path, &request).await
        }
        other => other,
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

pub async fn feature_requests() -> Result<Vec<FeatureRequest>, ApiError> {
    get("/api/feature-requests").await
}

pub async fn create_feature_request(body: &NewFeatureRequest) -> Result<FeatureRequest, ApiError> {
    post("/api/feature-requests", body).await
}

pub async fn update_feature_request(
    id: FeatureRequestId,
    body: &FeatureRequestPatch,
) -> Result<FeatureRequest, ApiError> {
    patch(&format!("/api/feature-requests/{id}"), body).await
}

pub async fn delete_feature_request(id: FeatureRequestId) -> Result<(), ApiError> {
    delete(&format!("/api/feature-requests/{id}")).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, code: &str, message: &str) -> ApiError {
        ApiError::Status {
            status,
            detail: Some(ErrorDetail {
                code: code.into(),
                message: message.into(),
                field: Some("question".into()),
            }),
        }
    }

    #[test]
    fn errors_read_well() {
        let e = status(422, "validation", "question must not be empty");
        assert_eq!(e.field(), Some("question"));
        assert_eq!(e.message(Lang::En), "question must not be empty");
        assert!(status(401, "invalid_credentials", "x")
            .message(Lang::Fr)
            .contains("incorrect"));
        assert!(status(409, "outside_24h_window", "x")
            .message(Lang::Fr)
            .contains("24 h"));
        assert_eq!(
            status(404, "not_found", "route not found").message(Lang::En),
            Lang::En.t().err_not_available
        );
        assert_eq!(
            ApiError::Network.message(Lang::Fr),
            Lang::Fr.t().err_network
        );
    }
}
