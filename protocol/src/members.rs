//! A conciergerie's team: its operator accounts (`GET/POST /api/members`,
//! `PATCH /api/members/{id}`) and the author shown on operator messages.

use serde::{Deserialize, Serialize};

use crate::{MemberId, MemberRole, Timestamp};

/// A member as the team sees it (never the password hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub id: MemberId,
    pub name: String,
    pub email: String,
    pub role: MemberRole,
    pub active: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    /// The latest login, when known (older servers and never-logged-in members: absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_login_at: Option<Timestamp>,
}

impl Member {
    pub fn brief(&self) -> MemberBrief {
        MemberBrief {
            id: self.id,
            name: self.name.clone(),
        }
    }
}

/// Who wrote an operator message or note; also who is viewing or typing (presence).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberBrief {
    pub id: MemberId,
    pub name: String,
}

/// `POST /api/members` (owner only): an invitation with its first password, which the new member
/// then changes with `POST /api/auth/password`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMember {
    pub email: String,
    pub name: String,
    pub role: MemberRole,
    pub password: String,
}

/// `PATCH /api/members/{id}` (owner only). Deactivating a member ends their sessions and sockets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<MemberRole>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

/// `POST /api/auth/password`: the logged-in member changes their own password; their other
/// sessions end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}
