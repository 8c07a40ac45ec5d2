//! Coloured labels a conciergerie defines and puts on conversations (`/api/labels`).

use serde::{Deserialize, Serialize};

use crate::{LabelColour, LabelId, Timestamp};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Label {
    pub id: LabelId,
    /// Unique within the conciergerie.
    pub name: String,
    pub colour: LabelColour,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

/// `POST /api/labels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewLabel {
    pub name: String,
    pub colour: LabelColour,
}

/// `PATCH /api/labels/{id}`: absent fields are left as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<LabelColour>,
}
