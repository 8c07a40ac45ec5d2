//! `GET /api/search?q=&limit=`: full-text search over the conciergerie's message history.

use serde::{Deserialize, Serialize};

use crate::conversations::Message;
use crate::{ConversationId, ConversationStatus};

/// A message matching the query, with enough of its conversation to show and open it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub message: Message,
    pub conversation: ConversationBrief,
}

/// The "summary-lite" of a search hit's conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationBrief {
    pub id: ConversationId,
    pub phone_number: String,
    pub contact_name: Option<String>,
    pub status: ConversationStatus,
}
