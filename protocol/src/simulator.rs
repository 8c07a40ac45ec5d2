//! The built-in guest simulator (offline mode): a browser plays a WhatsApp guest, and its messages
//! take exactly the path of a real Twilio webhook.

use serde::{Deserialize, Serialize};

use crate::{ConversationId, MessageId};

/// `POST /api/simulator/messages`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulatedGuestMessage {
    /// The guest's number, e.g. `+33612345678` (the `whatsapp:` prefix is optional).
    pub from: String,
    /// The guest's WhatsApp profile name.
    #[serde(default)]
    pub profile_name: Option<String>,
    pub body: String,
}

/// `202` answer to a simulated guest message.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulatorAccepted {
    pub conversation_id: ConversationId,
    pub message_id: MessageId,
}
