//! Notifications, the pure part: which live events deserve a desktop notification (a guest's
//! message, a hand-off to the team) and when (the operator is not already looking at that
//! conversation), the tab title with the unread total, and the per-account preference's shape.

use protocol::conversations::ConversationSummary;
use protocol::events::ServerEvent;
use protocol::{ConversationId, Notice, Sender};
use serde::{Deserialize, Serialize};

/// What one operator chose, in this browser. Off until they turn it on in Réglages (the browser
/// permission is asked then, never on page load).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    pub desktop: bool,
    pub sound: bool,
}

impl Prefs {
    pub fn any(self) -> bool {
        self.desktop || self.sound
    }
}

/// Where an account's preference is kept (`localStorage`), so colleagues sharing a browser each
/// keep their own.
pub fn storage_key(account: &str) -> String {
    format!("majordome.notify.{}", account.trim().to_lowercase())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertKind {
    GuestMessage,
    Handoff,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub kind: AlertKind,
    pub conversation_id: ConversationId,
    /// The notification's text: the guest's words (or a paperclip for a file alone).
    pub text: String,
}

/// What the operator sees right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// The tab is in the background (or the window minimised).
    pub tab_hidden: bool,
    /// The conversation open on screen, if any.
    pub open: Option<ConversationId>,
}

/// The alert an event deserves, if any: a guest's message or a hand-off, unless the operator is
/// looking at that very conversation in a visible tab.
pub fn alert_for(event: &ServerEvent, seen: Seen) -> Option<Alert> {
    let ServerEvent::MessageCreated { message } = event else {
        return None;
    };
    let kind = match (message.sender, message.notice) {
        (Sender::Client, _) => AlertKind::GuestMessage,
        (Sender::System, Some(Notice::Handoff)) => AlertKind::Handoff,
        _ => return None,
    };
    if !seen.tab_hidden && seen.open == Some(message.conversation_id) {
        return None;
    }
    let text = if message.body.trim().is_empty() && !message.media.is_empty() {
        "📎".to_owned()
    } else {
        message.body.chars().take(140).collect()
    };
    Some(Alert {
        kind,
        conversation_id: message.conversation_id,
        text: if kind == AlertKind::Handoff {
            String::new()
        } else {
            text
        },
    })
}

/// Unread guest messages over the loaded conversations.
pub fn unread_total(conversations: &[ConversationSummary]) -> i64 {
    conversations.iter().map(|c| c.unread_count.max(0)).sum()
}

/// The tab's title: `(3) Majordome` while messages are unread.
pub fn title(unread: i64) -> String {
    if unread > 0 {
        format!("({unread}) Majordome")
    } else {
        "Majordome".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use protocol::conversations::{Media, Message};
    use protocol::{MessageId, MessageStatus};

    fn created(conversation: i64, sender: Sender, body: &str) -> ServerEvent {
        ServerEvent::MessageCreated {
            message: Message {
                id: MessageId(1),
                conversation_id: ConversationId(conversation),
                sender,
                body: body.into(),
                status: MessageStatus::Received,
                error_code: None,
                error_message: None,
                media: Vec::new(),
                location: None,
                ai_engine: None,
                usage: None,
                notice: None,
                reason: None,
                translation: None,
                author: None,
                created_at: chrono::Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap(),
            },
        }
    }

    const LOOKING_AT_7: Seen = Seen {
        tab_hidden: false,
        open: Some(ConversationId(7)),
    };

    #[test]
    fn a_guest_message_notifies_unless_its_conversation_is_on_screen() {
        let event = created(7, Sender::Client, "Le wifi ne marche pas");
        assert_eq!(alert_for(&event, LOOKING_AT_7), None);
        let hidden = Seen {
            tab_hidden: true,
            ..LOOKING_AT_7
        };
        let alert = alert_for(&event, hidden).expect("tab hidden");
        assert_eq!(alert.kind, AlertKind::GuestMessage);
        assert_eq!(alert.text, "Le wifi ne marche pas");
        let elsewhere = Seen {
            tab_hidden: false,
            open: Some(ConversationId(8)),
        };
        assert!(alert_for(&event, elsewhere).is_some());
        let inbox_only = Seen {
            tab_hidden: false,
            open: None,
        };
        assert!(alert_for(&event, inbox_only).is_some());
    }

    #[test]
    fn hand_offs_notify_and_the_team_s_own_messages_do_not() {
        let mut handoff = created(7, Sender::System, "faq_not_covered");
        if let ServerEvent::MessageCreated { message } = &mut handoff {
            message.notice = Some(Notice::Handoff);
        }
        let away = Seen {
            tab_hidden: true,
            open: None,
        };
        assert_eq!(alert_for(&handoff, away).unwrap().kind, AlertKind::Handoff);
        for sender in [Sender::Ai, Sender::Concierge, Sender::Note, Sender::System] {
            assert_eq!(
                alert_for(&created(7, sender, "x"), away),
                None,
                "{sender:?}"
            );
        }
        assert_eq!(alert_for(&ServerEvent::Hello, away), None);
    }

    #[test]
    fn a_file_alone_is_announced_by_a_paperclip() {
        let mut event = created(7, Sender::Client, "");
        if let ServerEvent::MessageCreated { message } = &mut event {
            message.media.push(Media {
                url: "/api/media/1/0".into(),
                content_type: "image/jpeg".into(),
            });
        }
        let away = Seen {
            tab_hidden: true,
            open: None,
        };
        assert_eq!(alert_for(&event, away).unwrap().text, "📎");
    }

    #[test]
    fn the_title_counts_unread_messages() {
        assert_eq!(title(0), "Majordome");
        assert_eq!(title(3), "(3) Majordome");
    }

    #[test]
    fn each_account_keeps_its_own_preference() {
        assert_eq!(
            storage_key(" Demo@Example.com"),
            "majordome.notify.demo@example.com"
        );
        assert_ne!(storage_key("a@x.fr"), storage_key("b@x.fr"));
        assert!(!Prefs::default().any());
    }
}
