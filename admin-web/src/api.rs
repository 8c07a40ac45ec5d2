//! The admin app's REST calls (`/api/admin/…`), on the toolkit's fetch wrapper (`ui::api`): same
//! origin, so the admin session cookie set at login authenticates every call; a 401 anywhere but
//! the login form means the session ended, and the app goes back to the login page.

use protocol::admin::{
    AssignNumber, ConciergerieOverview, ConciergeriePatch, NewConciergerie, NumberAssigned,
    PasswordReset, PlatformHealth, UnroutedMessage,
};
use protocol::auth::{AdminMeResponse, Conciergerie};
use protocol::members::Member;
use protocol::{ConciergerieId, UnroutedMessageId};
use ui::api::{get, patch, post, post_no_content, FeatureRequests, SessionPaths};

use crate::i18n::{Lang, Localized};

pub use ui::api::{session_expired, set_unauthorized_handler, ApiError};

/// The admin session's routes (its own cookie, apart from the operators').
pub const SESSION: SessionPaths = SessionPaths::ADMIN;

/// The live connection of this session.
pub const LIVE: ui::ws::Endpoint = ui::ws::Endpoint::ADMIN;

/// The admin app's reading of an API error: its own codes and fields first, then the toolkit's.
pub trait Explain {
    /// The form field the error is about: the API's `field` for validation errors; for a
    /// uniqueness conflict (which carries no `field`), the email or number it names.
    fn form_field(&self) -> Option<&str>;

    /// What to tell the admin, in their language.
    fn message(&self, lang: Lang) -> String;
}

impl Explain for ApiError {
    fn form_field(&self) -> Option<&str> {
        if self.code() != Some("conflict") {
            return self.field();
        }
        let message = self.server_message().unwrap_or_default();
        if message.contains("already uses the email") {
            Some("email")
        } else if message.contains("already uses the number") {
            Some("whatsapp_number")
        } else {
            None
        }
    }

    fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        match (self.code(), self.form_field()) {
            (Some("conflict"), Some("email")) => t.err_email_taken.to_owned(),
            (Some("conflict"), Some("whatsapp_number")) => t.err_number_taken.to_owned(),
            (Some("validation"), Some(field)) => match field_message(field, lang) {
                Some(m) => m.to_owned(),
                None => self.server_message().unwrap_or_default().to_owned(),
            },
            _ => self.common_message(lang),
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

// --- session ---

pub async fn logout() -> Result<(), ApiError> {
    SESSION.logout().await
}

/// The current admin session, or `Unauthorized` (without triggering the handler: used at
/// start-up).
pub async fn me() -> Result<AdminMeResponse, ApiError> {
    SESSION.me().await
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

/// The conciergerie's whole team, active or not, oldest first.
pub async fn members(id: ConciergerieId) -> Result<Vec<Member>, ApiError> {
    get(&format!("/api/admin/conciergeries/{id}/members")).await
}

pub async fn reset_password(id: ConciergerieId, password: &str) -> Result<(), ApiError> {
    let body = PasswordReset {
        password: password.to_owned(),
    };
    post_no_content(&format!("/api/admin/conciergeries/{id}/password"), &body).await
}

// --- feature requests ---

/// The board's routes (the feature-request form files there too).
pub const FEATURE_REQUESTS: FeatureRequests = FeatureRequests::ADMIN;

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
    use protocol::error::ErrorDetail;

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
        assert_eq!(e.form_field(), Some("whatsapp_number"));
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
        assert_eq!(email.form_field(), Some("email"));
        assert_eq!(email.message(Lang::Fr), Lang::Fr.t().err_email_taken);
        let number = status(
            409,
            "conflict",
            "a conciergerie already uses the number whatsapp:+33612345678",
            None,
        );
        assert_eq!(number.form_field(), Some("whatsapp_number"));
        // Other conflicts keep the server's explanation.
        let other = status(
            409,
            "conflict",
            "Demo already uses whatsapp:+14155238886; change its number first",
            None,
        );
        assert_eq!(other.form_field(), None);
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
            Lang::En.ui().err_network
        );
        assert_eq!(
            status(500, "internal", "internal error", None).message(Lang::Fr),
            Lang::Fr.ui().err_server
        );
        assert_eq!(
            status(404, "not_found", "conciergerie not found", None).message(Lang::Fr),
            Lang::Fr.ui().err_gone
        );
    }
}
