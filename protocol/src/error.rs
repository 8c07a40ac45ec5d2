use serde::{Deserialize, Serialize};

/// Every error response: `{"error": {"code": "…", "message": "…"}}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `not_found`, `validation`, `outside_24h_window`.
    pub code: String,
    /// Human-readable explanation, safe to show to the user.
    pub message: String,
    /// For validation errors: which field was wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}
