//! The fetch wrapper both apps' REST clients are built on. Same origin, so the session cookie set
//! at login authenticates every call; a 401 anywhere but the login form means the session ended:
//! the app's handler is told, and it goes back to its login page.

use std::cell::RefCell;

use gloo_net::http::{Request, RequestBuilder, Response};
use protocol::auth::LoginRequest;
use protocol::error::{ErrorBody, ErrorDetail};
use protocol::feature_requests::{FeatureRequest, FeatureRequestPatch, NewFeatureRequest};
use protocol::FeatureRequestId;
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
        self.detail().map(|d| d.code.as_str())
    }

    /// The form field a validation error is about, as the API names it.
    pub fn field(&self) -> Option<&str> {
        self.detail().and_then(|d| d.field.as_deref())
    }

    /// The server's own words (English, for developers).
    pub fn server_message(&self) -> Option<&str> {
        self.detail().map(|d| d.message.as_str())
    }

    fn detail(&self) -> Option<&ErrorDetail> {
        match self {
            ApiError::Status { detail, .. } => detail.as_ref(),
            _ => None,
        }
    }

    /// What to tell the user about the errors every screen can meet, in their language; else the
    /// server's words. Each app's `Explain` handles its own codes first, then falls back on this.
    pub fn common_message(&self, lang: Lang) -> String {
        let t = lang.ui();
        match self {
            ApiError::Unauthorized => t.err_session_expired.to_owned(),
            ApiError::Network => t.err_network.to_owned(),
            ApiError::Decode(_) => t.err_unexpected.to_owned(),
            ApiError::Status { status, detail } => match (status, self.code()) {
                (_, Some("invalid_credentials")) => t.err_invalid_credentials.to_owned(),
                (_, Some("rate_limited")) | (429, _) => t.err_rate_limited.to_owned(),
                // An unknown route: this server does not offer the feature (yet).
                (404, None) | (405, _) => t.err_not_available.to_owned(),
                (404, Some("not_found"))
                    if self
                        .server_message()
                        .is_some_and(|m| m.starts_with("route")) =>
                {
                    t.err_not_available.to_owned()
                }
                (404, Some("not_found")) => t.err_gone.to_owned(),
                (_, Some("payload_too_large")) | (413, _) => t.err_too_large.to_owned(),
                (500..=599, _) => t.err_server.to_owned(),
                _ => match detail {
                    Some(d) if !d.message.is_empty() => d.message.clone(),
                    _ => format!("{} ({status})", t.err_unexpected),
                },
            },
        }
    }
}

/// Why the session is over, so the login page can say it in the user's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnd {
    /// A call came back 401: the session timed out or is unknown.
    Expired,
    /// The server closed the live connection because the session was revoked (logout elsewhere,
    /// password reset, deactivation).
    Revoked,
}

impl SessionEnd {
    /// What the login page says about it.
    pub fn notice(self, lang: Lang) -> &'static str {
        match self {
            SessionEnd::Expired => lang.ui().err_session_expired,
            SessionEnd::Revoked => lang.ui().err_session_revoked,
        }
    }
}

thread_local! {
    static ON_UNAUTHORIZED: RefCell<Option<Callback<SessionEnd>>> = const { RefCell::new(None) };
}

/// Called whenever the session is found over: an authenticated call came back 401, or the server
/// closed the live connection for it.
pub fn set_unauthorized_handler(cb: Option<Callback<SessionEnd>>) {
    ON_UNAUTHORIZED.with(|h| *h.borrow_mut() = cb);
}

/// Reports an ended session (e.g. the WebSocket found out first).
pub fn session_expired() {
    session_ended(SessionEnd::Expired);
}

/// Reports a session that ended for `why`.
pub fn session_ended(why: SessionEnd) {
    if let Some(cb) = ON_UNAUTHORIZED.with(|h| h.borrow().clone()) {
        cb.emit(why);
    }
}

fn unauthorized() -> ApiError {
    session_ended(SessionEnd::Expired);
    ApiError::Unauthorized
}

async fn error_of(resp: Response) -> ApiError {
    let status = resp.status();
    let detail = resp.json::<ErrorBody>().await.ok().map(|b| b.error);
    ApiError::Status { status, detail }
}

/// Sends a request; `report_401` says whether a 401 means "the session ended" (everywhere but
/// the login form and the start-up session check).
pub async fn send(
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

pub async fn json<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    resp.json::<T>()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

pub fn with_json<B: Serialize>(b: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    b.header("Accept", "application/json").json(body)
}

pub fn plain(b: RequestBuilder) -> Result<Request, gloo_net::Error> {
    b.header("Accept", "application/json").build()
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    json(send(plain(Request::get(path)), true).await?).await
}

/// One page of a list and where the next one is (the `Link: <…>; rel="next"` header), if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<NextPage>,
}

/// The URL of the next page, as the server wrote it: followed as is, never built by the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextPage(pub String);

impl NextPage {
    /// The `rel="next"` target of a `Link` header value (RFC 8288), if there is one.
    pub fn from_link(header: &str) -> Option<NextPage> {
        protocol::paging::next_link(header).map(|url| NextPage(url.to_owned()))
    }
}

/// A list page: the JSON array and the next page's link.
pub async fn get_page<T: DeserializeOwned>(path: &str) -> Result<Page<T>, ApiError> {
    let resp = send(plain(Request::get(path)), true).await?;
    let next = resp
        .headers()
        .get("link")
        .and_then(|h| NextPage::from_link(&h));
    Ok(Page {
        items: json(resp).await?,
        next,
    })
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    json(send(with_json(Request::post(path), body), true).await?).await
}

pub async fn post_no_content<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    send(with_json(Request::post(path), body), true)
        .await
        .map(drop)
}

pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    json(send(with_json(Request::patch(path), body), true).await?).await
}

pub async fn post_empty(path: &str) -> Result<(), ApiError> {
    send(plain(Request::post(path)), true).await.map(drop)
}

pub async fn delete(path: &str) -> Result<(), ApiError> {
    send(plain(Request::delete(path)), true).await.map(drop)
}

/// A feature-request board's routes: the operators' own requests, or the admin's whole board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureRequests(pub &'static str);

impl FeatureRequests {
    pub const OPERATOR: FeatureRequests = FeatureRequests("/api/feature-requests");
    pub const ADMIN: FeatureRequests = FeatureRequests("/api/admin/feature-requests");

    pub async fn list(self) -> Result<Vec<FeatureRequest>, ApiError> {
        get(self.0).await
    }

    pub async fn create(self, body: &NewFeatureRequest) -> Result<FeatureRequest, ApiError> {
        post(self.0, body).await
    }

    pub async fn update(
        self,
        id: FeatureRequestId,
        body: &FeatureRequestPatch,
    ) -> Result<FeatureRequest, ApiError> {
        patch(&format!("{}/{id}", self.0), body).await
    }

    pub async fn delete(self, id: FeatureRequestId) -> Result<(), ApiError> {
        delete(&format!("{}/{id}", self.0)).await
    }
}

/// Where an app's session lives: its login, logout and "who am I" routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPaths {
    pub login: &'static str,
    pub logout: &'static str,
    pub me: &'static str,
}

impl SessionPaths {
    /// The operators' session (the dashboard).
    pub const OPERATOR: SessionPaths = SessionPaths {
        login: protocol::paths::LOGIN,
        logout: protocol::paths::LOGOUT,
        me: protocol::paths::ME,
    };

    /// The platform admin's session, with its own cookie.
    pub const ADMIN: SessionPaths = SessionPaths {
        login: protocol::paths::ADMIN_LOGIN,
        logout: protocol::paths::ADMIN_LOGOUT,
        me: protocol::paths::ADMIN_ME,
    };

    /// Signs in. A 401 here is a wrong password, not an expired session.
    pub async fn login<T: DeserializeOwned>(
        &self,
        email: &str,
        password: &str,
    ) -> Result<T, ApiError> {
        let body = LoginRequest {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        json(send(with_json(Request::post(self.login), &body), false).await?).await
    }

    pub async fn logout(&self) -> Result<(), ApiError> {
        send(plain(Request::post(self.logout)), false)
            .await
            .map(drop)
    }

    /// The current session, or `Unauthorized` (without triggering the handler: used at start-up
    /// and by the WebSocket client to tell an ended session from a server restart).
    pub async fn me<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        match send(plain(Request::get(self.me)), false).await {
            Ok(resp) => json(resp).await,
            Err(ApiError::Status { status: 401, .. }) => Err(ApiError::Unauthorized),
            Err(e) => Err(e),
        }
    }
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
    fn the_next_page_is_read_from_the_link_header() {
        assert_eq!(
            NextPage::from_link("</api/conversations?limit=50&before=abc>; rel=\"next\""),
            Some(NextPage("/api/conversations?limit=50&before=abc".into()))
        );
        assert_eq!(
            NextPage::from_link("</a>; rel=\"prev\", </b?before=2>; rel=next"),
            Some(NextPage("/b?before=2".into()))
        );
        assert_eq!(NextPage::from_link("</a>; rel=\"prev\""), None);
        assert_eq!(NextPage::from_link("garbage"), None);
    }

    #[test]
    fn a_revoked_session_is_told_apart_from_an_expired_one() {
        assert_ne!(
            SessionEnd::Revoked.notice(Lang::Fr),
            SessionEnd::Expired.notice(Lang::Fr)
        );
        assert!(SessionEnd::Revoked
            .notice(Lang::En)
            .contains("signed out elsewhere"));
    }

    #[test]
    fn errors_read_well() {
        let e = status(422, "validation", "question must not be empty");
        assert_eq!(e.field(), Some("question"));
        assert_eq!(e.common_message(Lang::En), "question must not be empty");
        assert!(status(401, "invalid_credentials", "x")
            .common_message(Lang::Fr)
            .contains("incorrect"));
        assert_eq!(
            status(404, "not_found", "route not found").common_message(Lang::En),
            Lang::En.ui().err_not_available
        );
        assert_eq!(
            status(404, "not_found", "no such FAQ").common_message(Lang::En),
            Lang::En.ui().err_gone
        );
        assert_eq!(
            ApiError::Network.common_message(Lang::Fr),
            Lang::Fr.ui().err_network
        );
        assert_eq!(
            ApiError::Status {
                status: 418,
                detail: None
            }
            .common_message(Lang::En),
            "Unexpected answer from the server (418)"
        );
    }
}
