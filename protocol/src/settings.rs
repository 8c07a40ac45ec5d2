use serde::{Deserialize, Serialize};

use crate::auth::RuntimeModes;
use crate::AiMode;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub name: String,
    pub ai_mode: AiMode,
    pub whatsapp_number: Option<String>,
    pub runtime: RuntimeModes,
    /// IANA time zone (`Europe/Paris`) a new property gets when none is given.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
}

fn default_time_zone() -> String {
    "Europe/Paris".to_owned()
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_mode: Option<AiMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The default zone of properties created from now on (existing ones keep theirs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}
