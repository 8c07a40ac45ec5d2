//! Unsent replies, one per conversation, kept in the browser's localStorage: neither a tab switch,
//! a reload, an expired session nor a failed send loses what the operator typed. A draft is
//! removed when it is emptied, which is what a successful send does.

use protocol::{ConciergerieId, ConversationId};

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

    pub fn load(&self, conversation: ConversationId) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            gloo_storage::LocalStorage::get::<String>(self.key(conversation)).unwrap_or_default()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = self.key(conversation);
            String::new()
        }
    }

    /// Keeps `text`, or forgets the draft when nothing is left in it.
    pub fn save(&self, conversation: ConversationId, text: &str) {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            let key = self.key(conversation);
            if text.trim().is_empty() {
                gloo_storage::LocalStorage::delete(key);
            } else {
                // A full storage only costs the reload-proofing: the draft stays in the composer.
                let _ = gloo_storage::LocalStorage::set(key, text);
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (self.key(conversation), text);
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
