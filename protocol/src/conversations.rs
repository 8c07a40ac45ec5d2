use serde::{Deserialize, Serialize};

use crate::reasons::HandoffReason;
use crate::stays::StayBrief;
use crate::Notice;
use crate::{
    AiEngine, AiMode, ConversationId, ConversationStatus, GuestLanguage, LabelId, MessageId,
    MessageStatus, Sender, StayId, Timestamp,
};

/// One row of the inbox.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub id: ConversationId,
    /// The guest's WhatsApp address without the `whatsapp:` prefix. Usually `+E164`, but WhatsApp
    /// usernames arrive as opaque identifiers, so never parse it as a number.
    pub phone_number: String,
    pub contact_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_message_at: Option<Timestamp>,
    pub last_message_preview: Option<String>,
    pub unread_count: i64,
    /// The AI mode in force for this conversation (its override, else the conciergerie's).
    pub ai_mode: AiMode,
    /// The per-conversation override, if any.
    pub ai_mode_override: Option<AiMode>,
    pub status: ConversationStatus,
    /// An operator took over: the AI stays quiet until handed back (or the quiet period ends).
    pub ai_paused: bool,
    /// The guest's last message, which opens WhatsApp's 24 h free-form window.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_client_message_at: Option<Timestamp>,
    /// The last outbound message failed to reach the guest.
    pub last_send_failed: bool,
    /// A reply the AI proposes (suggest mode), waiting for the operator to send, edit or discard.
    #[serde(default)]
    pub ai_suggestion: Option<String>,
    /// Why the AI handed this conversation to a human, while `status` is `needs_human`: a code
    /// with parameters (`{"code":"faq_not_covered","params":{…}}`), rendered by the dashboard.
    #[serde(default)]
    pub handoff_reason: Option<HandoffReason>,
    /// The guest reported an emergency no operator has answered yet: listed first, flagged.
    #[serde(default)]
    pub urgent: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    /// The stay the conversation is linked to. Filled by `GET /api/conversations` and the
    /// `PATCH` reply; live `conversation.updated` events do not carry it yet (`null`).
    #[serde(default)]
    pub stay: Option<StayBrief>,
    /// The conciergerie's labels on this conversation (ids of `GET /api/labels`).
    #[serde(default)]
    pub labels: Vec<LabelId>,
    /// Set aside until then: hidden from the open inbox, back (live) when the time comes or the
    /// guest writes.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub snoozed_until: Option<Timestamp>,
    /// The team member the conversation is assigned to (`null`: unassigned).
    #[serde(default)]
    pub assignee_id: Option<crate::MemberId>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Media {
    /// Authenticated route on the Majordome server that streams the file (never a raw Twilio URL).
    pub url: String,
    pub content_type: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    pub label: Option<String>,
    pub address: Option<String>,
}

/// What the AI spent on one reply.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenUsage {
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub cache_creation_input_tokens: i64,
    pub cache_read_input_tokens: i64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    pub sender: Sender,
    pub body: String,
    pub status: MessageStatus,
    /// Twilio's error code when the channel refused or failed the message (e.g. `63016`).
    pub error_code: Option<String>,
    /// A readable explanation of the failure.
    pub error_message: Option<String>,
    #[serde(default)]
    pub media: Vec<Media>,
    pub location: Option<Location>,
    /// For AI messages: which engine wrote it.
    pub ai_engine: Option<AiEngine>,
    pub usage: Option<TokenUsage>,
    /// For `system` messages: what happened.
    #[serde(default)]
    pub notice: Option<Notice>,
    /// For hand-off `system` messages: why, as a code with parameters (the `body` then holds the
    /// code, or the sentence of a message written before codes existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<HandoffReason>,
    /// For guest messages: their language and, with Claude, their translation into French, once
    /// computed (`POST /api/conversations/{id}/messages/{message_id}/translation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<MessageTranslation>,
    /// For operator replies and notes: the team member who wrote it (shown to colleagues; the
    /// guest only ever sees the text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<crate::members::MemberBrief>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

/// A guest message's language, and what it says in the conciergerie's language (French).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageTranslation {
    pub language: GuestLanguage,
    /// The French translation; `None` when the message is French already, or offline (translation
    /// needs Claude).
    #[serde(default)]
    pub text: Option<String>,
}

/// `POST /api/conversations/{id}/translate`: an operator's draft, to be sent in the guest's
/// language. Answers `TranslatedDraft` (nothing is sent).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranslateRequest {
    pub text: String,
}

/// The draft in the guest's language (detected from their latest messages).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranslatedDraft {
    pub language: GuestLanguage,
    pub text: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendMessageRequest {
    pub body: String,
    /// An idempotency key chosen by the client (e.g. a UUID). Retrying a send with the same key
    /// returns the first message instead of sending it twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_ref: Option<String>,
    /// The operator sends the AI's suggestion, possibly edited: the AI keeps suggesting for the
    /// next guest message (an own reply is a takeover that quiets it for a while).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_suggestion: bool,
    /// Files uploaded with `POST /api/conversations/{id}/attachments` for this conversation,
    /// sent with the message (as Twilio `MediaUrl`s). `body` may then be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachment_ids: Vec<String>,
}

/// `POST /api/conversations/{id}/attachments` (the file as the raw body, its type in
/// `Content-Type`): the stored file, to name in `SendMessageRequest.attachment_ids`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: String,
    pub content_type: String,
    pub size: u64,
    /// Public URL path (`/media/out/{id}`), no credentials needed.
    pub url: String,
}

/// `POST /api/conversations/{id}/notes`: a private note for colleagues (`sender: "note"`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteRequest {
    pub body: String,
}

/// `PATCH /api/conversations/{id}`: operator controls on one conversation.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConversationPatch {
    /// `Some(None)` clears the override; absent leaves it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub ai_mode_override: Option<Option<AiMode>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ConversationStatus>,
    /// `false` hands the conversation back to the AI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_paused: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// Links the conversation to one of the conciergerie's stays by hand; `null` unlinks. Either
    /// way the automatic link leaves the conversation alone from then on.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub stay_id: Option<Option<StayId>>,
    /// Replaces the conversation's labels (each one of the conciergerie's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<LabelId>>,
    /// Assigns the conversation to a member of the conciergerie; `null` unassigns.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    pub assignee_id: Option<Option<crate::MemberId>>,
    /// Snoozes until this time (in the future); `null` wakes the conversation now.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub snoozed_until: Option<Option<Timestamp>>,
}

/// Distinguishes an absent field from an explicit `null`.
pub(crate) mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        v: &Option<Option<T>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_tells_null_from_absent() {
        let cleared: ConversationPatch =
            serde_json::from_str(r#"{"ai_mode_override":null}"#).unwrap();
        assert_eq!(cleared.ai_mode_override, Some(None));
        let absent: ConversationPatch = serde_json::from_str("{}").unwrap();
        assert_eq!(absent.ai_mode_override, None);
        let set: ConversationPatch = serde_json::from_str(r#"{"ai_mode_override":"off"}"#).unwrap();
        assert_eq!(set.ai_mode_override, Some(Some(AiMode::Off)));
    }
}
