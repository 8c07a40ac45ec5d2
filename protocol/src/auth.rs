use serde::{Deserialize, Serialize};

use crate::members::Member;
use crate::{AdminId, AiEngine, AiMode, ChannelMode, ConciergerieId, Timestamp};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// A conciergerie as its own operators and the admins see it (never the password hash).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conciergerie {
    pub id: ConciergerieId,
    pub name: String,
    pub email: String,
    pub whatsapp_number: Option<String>,
    pub messaging_service_sid: Option<String>,
    pub ai_mode: AiMode,
    pub active: bool,
    /// USD per UTC day the conciergerie may spend on Claude; `None`: no limit.
    #[serde(default)]
    pub ai_daily_budget_usd: Option<f64>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: String,
    pub conciergerie: Conciergerie,
    /// The team member who logged in.
    pub member: Member,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Admin {
    pub id: AdminId,
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminLoginResponse {
    pub token: String,
    pub admin: Admin,
}

/// Which real services are wired in, so the apps can say plainly when they run offline.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuntimeModes {
    pub channel: ChannelMode,
    pub ai: AiEngine,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeResponse {
    pub conciergerie: Conciergerie,
    /// The logged-in team member (their role decides what the dashboard offers).
    pub member: Member,
    pub runtime: RuntimeModes,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminMeResponse {
    pub admin: Admin,
    pub runtime: RuntimeModes,
}
