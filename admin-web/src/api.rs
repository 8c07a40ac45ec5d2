//! The REST client for `/api/admin/…`. Same origin, so the admin session cookie set at login
//! authenticates every call; a 401 anywhere but the login form means the session ended, and the
//! app goes back to the login page.

use std::cell::RefCell;

use gloo_net::http::{Request, RequestBuilder, Response};
use protocol::admin::{
    AssignNumber, ConciergerieOverview, ConciergeriePatch, NewConciergerie, NumberAssigned,
    PasswordReset, PlatformHealth, UnroutedMessage,
};
use protocol::auth::{AdminLoginResponse, AdminMeResponse, Conciergerie, LoginRequest};
use protocol::error::{ErrorBody, ErrorDetail};
use protocol::feature_requests::{FeatureRequest, FeatureRequestPatch, NewFeatureRequest};
use protocol::{paths, ConciergerieId, FeatureRequestId, UnroutedMessageId};
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

    fn server_message(&self) -> Option<&str> {
        match self {
            ApiError::Status {
                detail: Some(d), ..
            } => Some(&d.message),
            _ => None,
        }
    }

    /// The form field the error is about: the API's `field` for validation errors; for a
    /// uniqueness conflict (which carries no `field`), the email or number it names.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Status {
                detail: Some(d), ..
            } => d.field.as_deref().or_else(|| {
                if d.code != "conflict" {
                    None
                } else if d.message.contains("already uses the email") {
                    Some("email")
                } else if d.message.contains("already uses the number") {
                    Some("whatsapp_number")
                } else {
                    None
                }
            }),
            _ => None,
        }
    }

    /// What to tell the admin: known codes and fields in their language, else the server's words.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            ApiError::Unauthorized => t.err_session_expired.to_owned(),
            ApiError::Network => t.err_network.to_owned(),
            ApiError::Decode(_) => t.err_unexpected.to_owned(),
            ApiError::Status { status, detail } => {
                let code = detail.as_ref().map(|d| d.code.as_str());
                match (status, code, self.field()) {
                    (_, Some("invalid_credentials"), _) => t.err_invalid_credentials.to_owned(),
                    (_, Some("rate_limited"), _) | (429, _, _) => t.err_rate_limited.to_owned(),
                    (_, Some("conflict"), Some("email")) => t.err_email_taken.to_owned(),
                    (_, Some("conflict"), Some("whatsapp_number")) => t.err_number_taken.to_owned(),
                    (_, Some("validation"), Some(field)) => match field_message(field, lang) {
                        Some(m) => m.to_owned(),
                        None => self.server_message().unwrap_or_default().to_owned(),
                    },
                    (404, None, _) | (405, _, _) => t.err_not_available.to_owned(),
                    (404, Some("not_found"), _) => t.err_gone.to_owned(),
                    (_, Some("payload_too_large"), _) | (413, _, _) => t.err_too_large.to_owned(),
                    (500..=599, _, _) => t.err_server.to_owned(),
                    _ => match self.server_message() {
                        Some(m) if !m.is_empty() => m.to_owned(),
                        _ => format!("{} ({status})", t.err_unexpected),
                    },
                }
            }
        }
    }
}

/// The translated explanation of a validation error on one of the API's fields.
fn field_message(field: &str, lang: Lang) -> Option<&'static str> {
    let t = lang.t();
    Some(match field {
        "name" | "title" => t.field_required,
        "email" => t.email_invalid,
        "password" => t.password_too_short,
        "whatsapp_number" => t.number_invalid,
        "messaging_service_sid" => t.sid_invalid,
        _ => return None,
    })
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

async fn post_no_content<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    send(with_json(Request::post(path), body), true)
        .await
        .map(drop)
}

async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    json(send(with_json(Request::patch(path), body), true).await?).await
}

async fn delete(path: &str) -> Result<(), ApiError> {
    send(plain(Request::delete(path)), true).await.map(drop)
}

// --- session ---

/// A 401 here is a wrong password, not an expired session.
pub async fn login(email: &str, password: &str) -> Result<AdminLoginResponse, ApiError> {
    let body = LoginRequest {
        email: email.to_owned(),
        password: password.to_owned(),
    };
    let resp = send(with_json(Request::post(paths::ADMIN_LOGIN), &body), false).await?;
    json(resp).await
}

pub async fn logout() -> Result<(), ApiError> {
    send(plain(Request::post(paths::ADMIN_LOGOUT)), false)
        .await
        .map(drop)
}

/// The current admin session, or `Unauthorized` (without triggering the handler: used at
/// start-up and by the WebSocket to tell a dead session from a dead network).
pub async fn me() -> Result<AdminMeResponse, ApiError> {
    match send(plain(Request::get(paths::ADMIN_ME)), false).await {
        Ok(resp) => json(resp).await,
        Err(ApiError::Status { status: 401, .. }) => Err(ApiError::Unauthorized),
        Err(e) => Err(e),
    }
}

// --- conciergeries ---

pub async fn conciergeries() -> Result<Vec<ConciergerieOverview>, ApiError> {
    get("/api/admin/conciergeries").await
}

pub async fn create_conciergerie(body: &NewConciergerie) -> Result<Conciergerie, ApiError> {
    post("/api/admin/conciergeries", body).await
}

pub async fn update_conciergerie(
    id: ConciergerieId,
    body: &ConciergeriePatch,
) -> Result<Conciergerie, ApiError> {
    patch(&format!("/api/admin/conciergeries/{id}"), body).await
}

pub async fn reset_password(id: ConciergerieId, password: &str) -> Result<(), ApiError> {
    let body = PasswordReset {
        password: password.to_owned(),
    };
    post_no_content(&format!("/api/admin/conciergeries/{id}/password"), &body).await
}

// --- feature requests ---

pub async fn feature_requests() -> Result<Vec<FeatureRequest>, ApiError> {
    get("/api/admin/feature-requests").await
}

pub async fn create_feature_request(body: &NewFeatureRequest) -> Result<FeatureRequest, ApiError> {
    post("/api/admin/feature-requests", body).await
}

pub async fn update_feature_request(
    id: FeatureRequestId,
    body: &FeatureRequestPatch,
) -> Result<FeatureRequest, ApiError> {
    patch(&format!("/api/admin/feature-requests/{id}"), body).await
}

pub async fn delete_feature_request(id: FeatureRequestId) -> Result<(), ApiError> {
    delete(&format!("/api/admin/feature-requests/{id}")).await
}

// --- unrouted messages ---

pub async fn unrouted() -> Result<Vec<UnroutedMessage>, ApiError> {
    get("/api/admin/unrouted").await
}

pub async fn assign_number(
    message: UnroutedMessageId,
    conciergerie_id: ConciergerieId,
) -> Result<NumberAssigned, ApiError> {
    post(
        &format!("/api/admin/unrouted/{message}/assign"),
        &AssignNumber { conciergerie_id },
    )
    .await
}

// --- health ---

pub async fn health() -> Result<PlatformHealth, ApiError> {
    get("/api/admin/health").await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, code: &str, message: &str, field: Option<&str>) -> ApiError {
        ApiError::Status {
            status,
            detail: Some(ErrorDetail {
                code: code.into(),
                message: message.into(),
                field: field.map(Into::into),
            }),
        }
    }

    #[test]
    fn validation_errors_land_on_their_field_in_the_admins_language() {
        let e = status(
            422,
            "validation",
            "`+33` must look like whatsapp:+33612345678",
            Some("whatsapp_number"),
        );
        assert_eq!(e.field(), Some("whatsapp_number"));
        assert_eq!(e.message(Lang::Fr), Lang::Fr.t().number_invalid);
        let unknown = status(422, "validation", "weird must be set", Some("weird"));
        assert_eq!(unknown.message(Lang::En), "weird must be set");
    }

    #[test]
    fn uniqueness_conflicts_name_the_field() {
        let email = status(
            409,
            "conflict",
            "a conciergerie already uses the email a@b.fr",
            None,
        );
        assert_eq!(email.field(), Some("email"));
        assert_eq!(email.message(Lang::Fr), Lang::Fr.t().err_email_taken);
        let number = status(
            409,
            "conflict",
            "a conciergerie already uses the number whatsapp:+33612345678",
            None,
        );
        assert_eq!(number.field(), Some("whatsapp_number"));
        // Other conflicts keep the server's explanation.
        let other = status(
            409,
            "conflict",
            "Demo already uses whatsapp:+14155238886; change its number first",
            None,
        );
        assert_eq!(other.field(), None);
        assert_eq!(
            other.message(Lang::En),
            "Demo already uses whatsapp:+14155238886; change its number first"
        );
    }

    #[test]
    fn transport_and_session_errors_read_well() {
        assert!(status(401, "invalid_credentials", "x", None)
            .message(Lang::Fr)
            .contains("incorrect"));
        assert_eq!(
            ApiError::Network.message(Lang::En),
            Lang::En.t().err_network
        );
        assert_eq!(
            status(500, "internal", "internal error", None).message(Lang::Fr),
            Lang::Fr.t().err_server
        );
        assert_eq!(
            status(404, "not_found", "conciergerie not found", None).message(Lang::Fr),
            Lang::Fr.t().err_gone
        );
    }
}
