use serde::{Deserialize, Serialize};

use crate::conversations::{ConversationSummary, Message};
use crate::feature_requests::FeatureRequest;
use crate::members::MemberBrief;
use crate::presence::PresenceActivity;
use crate::reasons::HandoffReason;
use crate::{ConversationId, MessageId, MessageStatus};

/// WebSocket close code sent when the socket's session ends: logout, password reset, deactivation
/// of the conciergerie, or expiry. The client must not reconnect with the same credentials; it
/// goes back to the login screen. (The reason text says which: `session revoked`, `session
/// expired`.)
pub const WS_CLOSE_SESSION_ENDED: u16 = 4001;

/// Server → client WebSocket events, tagged by `type`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum ServerEvent {
    /// Sent once when the socket opens; clients resynchronise from REST after it.
    #[serde(rename = "hello")]
    Hello,
    #[serde(rename = "message.created")]
    MessageCreated { message: Message },
    #[serde(rename = "message.status")]
    MessageStatus {
        conversation_id: ConversationId,
        message_id: MessageId,
        status: MessageStatus,
        error_code: Option<String>,
        error_message: Option<String>,
    },
    #[serde(rename = "conversation.updated")]
    ConversationUpdated { conversation: ConversationSummary },
    /// The AI proposes a reply (suggest mode).
    #[serde(rename = "ai.suggestion")]
    AiSuggestion {
        conversation_id: ConversationId,
        body: String,
    },
    /// The AI handed the conversation to a human.
    #[serde(rename = "ai.handoff")]
    AiHandoff {
        conversation_id: ConversationId,
        reason: HandoffReason,
    },
    #[serde(rename = "feature_request.updated")]
    FeatureRequestUpdated { feature_request: FeatureRequest },
    #[serde(rename = "feature_request.deleted")]
    FeatureRequestDeleted { id: crate::FeatureRequestId },
    /// A colleague is viewing or typing in a conversation (`presence`); shown for
    /// `activity.lasts_secs()` unless repeated. Sent to every dashboard of the conciergerie,
    /// the author's own included (a client ignores its own member's).
    #[serde(rename = "presence.updated")]
    PresenceUpdated {
        conversation_id: ConversationId,
        member: MemberBrief,
        activity: PresenceActivity,
    },
    /// A reply delivered to the offline guest simulator.
    #[serde(rename = "simulator.reply")]
    SimulatorReply {
        to: String,
        body: String,
        /// Files sent with the reply (public `/media/out/{id}` URLs), shown on the phone.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        media: Vec<crate::conversations::Media>,
    },
}
