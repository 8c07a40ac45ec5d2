//! Who is looking at or answering a conversation, live. Clients say it over the dashboard's
//! WebSocket (`ClientEvent`); the server passes it to the tenant's dashboards as
//! `ServerEvent::PresenceUpdated`. Nothing is stored: a presence lasts as long as it is repeated
//! (`PresenceActivity::lasts_secs`), so a closed tab simply fades out.

use serde::{Deserialize, Serialize};

use crate::ConversationId;

/// Client → server WebSocket messages, tagged by `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClientEvent {
    /// The member has the conversation open; repeated every few seconds while it stays open.
    #[serde(rename = "presence.viewing")]
    Viewing { conversation_id: ConversationId },
    /// The member is writing in the conversation's composer; repeated while they type.
    #[serde(rename = "presence.typing")]
    Typing { conversation_id: ConversationId },
}

impl ClientEvent {
    pub fn conversation_id(self) -> ConversationId {
        match self {
            ClientEvent::Viewing { conversation_id } | ClientEvent::Typing { conversation_id } => {
                conversation_id
            }
        }
    }

    pub fn activity(self) -> PresenceActivity {
        match self {
            ClientEvent::Viewing { .. } => PresenceActivity::Viewing,
            ClientEvent::Typing { .. } => PresenceActivity::Typing,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PresenceActivity {
    Viewing,
    Typing,
}

impl PresenceActivity {
    /// How long a presence is shown without being repeated.
    pub fn lasts_secs(self) -> i64 {
        match self {
            PresenceActivity::Viewing => 12,
            PresenceActivity::Typing => 5,
        }
    }

    /// How often a client repeats it while it holds (well within `lasts_secs`).
    pub fn refresh_secs(self) -> u32 {
        match self {
            PresenceActivity::Viewing => 5,
            PresenceActivity::Typing => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_events_read_the_documented_json() {
        let typing: ClientEvent =
            serde_json::from_str(r#"{"type":"presence.typing","conversation_id":7}"#).unwrap();
        assert_eq!(
            typing,
            ClientEvent::Typing {
                conversation_id: ConversationId(7)
            }
        );
        assert_eq!(typing.activity(), PresenceActivity::Typing);
        assert!(serde_json::from_str::<ClientEvent>(r#"{"type":"nope"}"#).is_err());
    }
}
