//! Unsent replies, one per conversation, kept in the browser's localStorage: neither a tab switch,
//! a reload, an expired session nor a failed send loses what the operator typed, nor the file
//! they attached (uploaded already: the server keeps it, the draft keeps its id, name, type and
//! size). A draft is removed when it is emptied, which is what a successful send does.

use protocol::conversations::Attachment;
use protocol::{ConciergerieId, ConversationId};
use serde::{Deserialize, Serialize};

/// WhatsApp (through Twilio) takes at most this many characters in one message body.
pub const WHATSAPP_MAX_CHARS: usize = 1_600;
/// From this length on the composer shows how close the reply is to the limit.
pub const COUNTER_FROM_CHARS: usize = 1_200;

/// How long a reply is, against WhatsApp's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// Short: no counter.
    Fine,
    /// Getting close: the counter shows.
    Near { chars: usize },
    /// WhatsApp would refuse it: the counter warns.
    Over { chars: usize },
}

impl Length {
    pub fn of(text: &str) -> Length {
        let chars = text.chars().count();
        if chars > WHATSAPP_MAX_CHARS {
            Length::Over { chars }
        } else if chars >= COUNTER_FROM_CHARS {
            Length::Near { chars }
        } else {
            Length::Fine
        }
    }
}

/// A file waiting in a draft: the server's upload and the name it had on the operator's machine
/// (the server does not keep names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftFile {
    pub name: String,
    #[serde(flatten)]
    pub upload: Attachment,
}

/// One conversation's unsent reply.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<DraftFile>,
}

impl Draft {
    /// Nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.file.is_none()
    }

    /// A stored draft: an object, or the bare JSON string drafts were before files were kept
    /// (and anything unreadable is no draft, rather than an error in the composer).
    pub fn from_stored(raw: &str) -> Draft {
        serde_json::from_str::<Draft>(raw)
            .or_else(|_| serde_json::from_str::<String>(raw).map(|text| Draft { text, file: None }))
            .unwrap_or_default()
    }

    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The drafts of one conciergerie in this browser (two accounts sharing a browser never see
/// each other's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drafts {
    prefix: String,
}

impl Drafts {
    pub fn of(conciergerie: ConciergerieId) -> Drafts {
        Drafts {
            prefix: format!("majordome.draft.{conciergerie}."),
        }
    }

    pub fn key(&self, conversation: ConversationId) -> String {
        format!("{}{conversation}", self.prefix)
    }

    pub fn load(&self, conversation: ConversationId) -> Draft {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            gloo_storage::LocalStorage::raw()
                .get_item(&self.key(conversation))
                .ok()
                .flatten()
                .map(|raw| Draft::from_stored(&raw))
                .unwrap_or_default()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = self.key(conversation);
            Draft::default()
        }
    }

    /// Keeps the draft, or forgets it when nothing is left in it.
    pub fn save(&self, conversation: ConversationId, draft: &Draft) {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            let key = self.key(conversation);
            if draft.is_empty() {
                gloo_storage::LocalStorage::delete(key);
            } else {
                // A full storage only costs the reload-proofing: the draft stays in the composer.
                let _ = gloo_storage::LocalStorage::raw().set_item(&key, &draft.to_stored());
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (self.key(conversation), draft);
        }
    }
}

/// What the composer should hold after a send of `sent` failed, given what the operator has typed
/// since: the failed text comes back, ahead of anything new.
pub fn after_failed_send(sent: &str, typed_since: &str) -> String {
    if typed_since.trim().is_empty() {
        sent.to_owned()
    } else {
        format!("{sent}\n\n{typed_since}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_kept_per_conciergerie_and_conversation() {
        let drafts = Drafts::of(ConciergerieId(3));
        assert_eq!(drafts.key(ConversationId(12)), "majordome.draft.3.12");
        assert_ne!(
            Drafts::of(ConciergerieId(4)).key(ConversationId(12)),
            drafts.key(ConversationId(12))
        );
    }

    #[test]
    fn a_draft_keeps_its_file_and_reads_the_drafts_stored_before_files() {
        let with_file = Draft {
            text: "Voici la facture".into(),
            file: Some(DraftFile {
                name: "facture-novembre.pdf".into(),
                upload: Attachment {
                    id: "9f2c".into(),
                    content_type: "application/pdf".into(),
                    size: 48_213,
                    url: "/media/out/9f2c".into(),
                },
            }),
        };
        let stored = with_file.to_stored();
        assert!(
            stored.contains("\"name\":\"facture-novembre.pdf\""),
            "{stored}"
        );
        assert!(stored.contains("\"id\":\"9f2c\""), "{stored}");
        assert_eq!(Draft::from_stored(&stored), with_file);
        // Before files were kept, a draft was its text as a JSON string.
        assert_eq!(
            Draft::from_stored("\"Bonjour\""),
            Draft {
                text: "Bonjour".into(),
                file: None
            }
        );
        assert_eq!(Draft::from_stored("{not json"), Draft::default());
        // A file alone is worth keeping; blank text alone is not.
        assert!(!Draft {
            text: " ".into(),
            ..with_file.clone()
        }
        .is_empty());
        assert!(Draft {
            text: "  ".into(),
            file: None
        }
        .is_empty());
    }

    #[test]
    fn a_failed_send_gives_the_text_back_without_losing_what_was_typed_since() {
        assert_eq!(after_failed_send("Bonjour", ""), "Bonjour");
        assert_eq!(after_failed_send("Bonjour", " "), "Bonjour");
        assert_eq!(after_failed_send("Bonjour", "Et"), "Bonjour\n\nEt");
    }

    #[test]
    fn the_counter_warns_before_whatsapps_limit() {
        assert_eq!(Length::of("Bonjour"), Length::Fine);
        assert_eq!(
            Length::of(&"é".repeat(1_200)),
            Length::Near { chars: 1_200 }
        );
        assert_eq!(
            Length::of(&"a".repeat(1_600)),
            Length::Near { chars: 1_600 }
        );
        assert_eq!(
            Length::of(&"a".repeat(1_601)),
            Length::Over { chars: 1_601 }
        );
    }
}
