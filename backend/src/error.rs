//! The one error type of the server. Every handler returns `Result<_, AppError>`; the response is
//! always `{"error": {"code", "message"}}` with the right status, never a stack trace.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use protocol::error::{ErrorBody, ErrorDetail};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    Validation {
        field: Option<&'static str>,
        message: String,
    },
    #[error("{0}")]
    BadRequest(String),
    #[error("authentication required")]
    Unauthorized,
    #[error("invalid email or password")]
    InvalidCredentials,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    /// A value that must be unique is taken; `field` names it for the form.
    #[error("{message}")]
    Taken {
        field: &'static str,
        message: String,
    },
    #[error("too many failed attempts, try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// A rate or connection limit other than login's.
    #[error("{message}; try again in {retry_after_secs} s")]
    TooManyRequests {
        message: String,
        retry_after_secs: u64,
    },
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("the request body did not arrive in time")]
    RequestTimeout,
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// WhatsApp refuses free-form messages more than 24 h after the guest's last message.
    #[error("WhatsApp only allows free-form replies within 24 hours of the guest's last message; this conversation's window is closed")]
    OutsideWhatsAppWindow,
    #[error("{0}")]
    Unavailable(String),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        AppError::Validation {
            field: Some(field),
            message: message.into(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation { .. } => "validation",
            AppError::BadRequest(_) => "bad_request",
            AppError::Unauthorized => "unauthorized",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound(_) => "not_found",
            AppError::Conflict(_) | AppError::Taken { .. } => "conflict",
            AppError::RateLimited { .. } | AppError::TooManyRequests { .. } => "rate_limited",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::RequestTimeout => "request_timeout",
            AppError::UnsupportedMediaType(_) => "unsupported_media_type",
            AppError::OutsideWhatsAppWindow => "outside_24h_window",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Validation { .. } | AppError::OutsideWhatsAppWindow => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) | AppError::Taken { .. } => StatusCode::CONFLICT,
            AppError::RateLimited { .. } | AppError::TooManyRequests { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(source) = self {
            // The cause goes to the log, never to the client.
            tracing::error!(error = ?source, "internal error");
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                message: self.to_string(),
                field: match self {
                    AppError::Validation { field, .. } => field.map(str::to_owned),
                    AppError::Taken { field, .. } => Some((*field).to_owned()),
                    _ => None,
                },
            },
        };
        let mut response = HttpResponse::build(self.status_code());
        if let AppError::RateLimited { retry_after_secs }
        | AppError::TooManyRequests {
            retry_after_secs, ..
        } = self
        {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        if let AppError::RequestTimeout = self {
            // The rest of the body may still come: the connection cannot be reused.
            response.force_close();
        }
        response.json(body)
    }
}

/// Maps actix's extractor errors (bad JSON, oversized body, bad path) onto `AppError`.
pub mod extractors {
    use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
    use actix_web::HttpRequest;

    use super::AppError;

    pub fn json(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
        match err {
            JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
                AppError::PayloadTooLarge
            }
            JsonPayloadError::ContentType => {
                AppError::UnsupportedMediaType("expected Content-Type: application/json".into())
            }
            JsonPayloadError::Deserialize(e) => {
                AppError::BadRequest(format!("invalid JSON body: {e}"))
            }
            other => AppError::BadRequest(format!("invalid JSON body: {other}")),
        }
        .into()
    }

    pub fn form(err: UrlencodedError, _req: &HttpRequest) -> actix_web::Error {
        match err {
            UrlencodedError::Overflow { .. } => AppError::PayloadTooLarge,
            UrlencodedError::ContentType => {
                AppError::UnsupportedMediaType("expected application/x-www-form-urlencoded".into())
            }
            other => AppError::BadRequest(format!("invalid form body: {other}")),
        }
        .into()
    }

    pub fn path(_err: PathError, _req: &HttpRequest) -> actix_web::Error {
        // An id that is not a number cannot name anything.
        AppError::NotFound("resource").into()
    }

    pub fn query(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
        AppError::BadRequest(format!("invalid query string: {err}")).into()
    }
}
