//! Notifications, the pure part: which live events deserve a desktop notification (a guest's
//! message, a hand-off to the team) and when (the operator is not already looking at that
//! conversation), what it says (the contact as its title; the guest's words or the hand-off's
//! reason as its text), the tab title with the unread total, and the per-account preference's
//! shape.

use protocol::conversations::ConversationSummary;
use protocol::events::ServerEvent;
use protocol::{ConversationId, Notice, Sender};
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Localized};
use crate::reasons;

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
    /// Clicking the notification opens it.
    pub conversation_id: ConversationId,
    /// The notification's title: the contact's name or number (what kind of alert, when the
    /// conversation is not known here yet).
    pub title: String,
    /// Its text: the start of the guest's words (a paperclip for a file alone), or why the AI
    /// handed the conversation to the team.
    pub text: String,
}

/// How much of the guest's message the notification shows.
const EXCERPT_CHARS: usize = 140;

/// What the operator sees right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// The tab is in the background (or the window minimised).
    pub tab_hidden: bool,
    /// The conversation open on screen, if any.
    pub open: Option<ConversationId>,
}

/// The alert an event deserves, if any: a guest's message or a hand-off, unless the operator is
/// looking at that very conversation in a visible tab. `contact` names a conversation's guest
/// (name, or number) when the inbox knows it.
pub fn alert_for(
    event: &ServerEvent,
    seen: Seen,
    contact: impl Fn(ConversationId) -> Option<String>,
    lang: Lang,
) -> Option<Alert> {
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
    let t = lang.t();
    let text = match kind {
        AlertKind::Handoff => match &message.reason {
            Some(reason) => format!(
                "{}{}{}",
                t.notify_handoff,
                lang.pick("\u{a0}: ", ": "),
                reasons::describe(reason, lang)
            ),
            None => t.notify_handoff.to_owned(),
        },
        AlertKind::GuestMessage if message.body.trim().is_empty() && !message.media.is_empty() => {
            "📎".to_owned()
        }
        AlertKind::GuestMessage => excerpt(&message.body),
    };
    let title = contact(message.conversation_id).unwrap_or_else(|| {
        match kind {
            AlertKind::GuestMessage => t.notify_new_message,
            AlertKind::Handoff => t.notify_handoff,
        }
        .to_owned()
    });
    Some(Alert {
        kind,
        conversation_id: message.conversation_id,
        title,
        text,
    })
}

/// The start of a message, cut at a word when it is long.
fn excerpt(body: &str) -> String {
    let body = body.trim();
    if body.chars().count() <= EXCERPT_CHARS {
        return body.to_owned();
    }
    let cut: String = body.chars().take(EXCERPT_CHARS).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|i| *i > EXCERPT_CHARS / 2);
    format!("{}…", cut[..at_word.unwrap_or(cut.len())].trim_end())
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

    /// The inbox knows conversation 7's guest.
    fn contact(id: ConversationId) -> Option<String> {
        (id == ConversationId(7)).then(|| "Léa Martin".to_owned())
    }

    fn notify_of(event: &ServerEvent, seen: Seen) -> Option<Alert> {
        alert_for(event, seen, contact, Lang::Fr)
    }

    const LOOKING_AT_7: Seen = Seen {
        tab_hidden: false,
        open: Some(ConversationId(7)),
    };

    #[test]
    fn a_guest_message_notifies_unless_its_conversation_is_on_screen() {
        let event = created(7, Sender::Client, "Le wifi ne marche pas");
        assert_eq!(notify_of(&event, LOOKING_AT_7), None);
        let hidden = Seen {
            tab_hidden: true,
            ..LOOKING_AT_7
        };
        let alert = notify_of(&event, hidden).expect("tab hidden");
        assert_eq!(alert.kind, AlertKind::GuestMessage);
        assert_eq!(alert.title, "Léa Martin", "titled with the contact");
        assert_eq!(alert.text, "Le wifi ne marche pas");
        assert_eq!(
            alert.conversation_id,
            ConversationId(7),
            "opens it on click"
        );
        let elsewhere = Seen {
            tab_hidden: false,
            open: Some(ConversationId(8)),
        };
        assert!(notify_of(&event, elsewhere).is_some());
        let inbox_only = Seen {
            tab_hidden: false,
            open: None,
        };
        assert!(notify_of(&event, inbox_only).is_some());
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
        let handed = notify_of(&handoff, away).unwrap();
        assert_eq!(handed.kind, AlertKind::Handoff);
        assert_eq!(handed.title, "Léa Martin");
        assert_eq!(handed.text, "À reprendre par l'équipe", "no reason stored");
        if let ServerEvent::MessageCreated { message } = &mut handoff {
            message.reason = Some(protocol::reasons::HandoffReason::FaqNotCovered {
                questions: vec!["parking".into()],
            });
        }
        let why = notify_of(&handoff, away).unwrap().text;
        assert!(
            why.starts_with("À reprendre par l'équipe\u{a0}: La FAQ ne couvre pas"),
            "{why}"
        );
        assert!(why.contains("parking"), "{why}");
        for sender in [Sender::Ai, Sender::Concierge, Sender::Note, Sender::System] {
            assert_eq!(
                notify_of(&created(7, sender, "x"), away),
                None,
                "{sender:?}"
            );
        }
        assert_eq!(notify_of(&ServerEvent::Hello, away), None);
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
        assert_eq!(notify_of(&event, away).unwrap().text, "📎");
    }

    #[test]
    fn an_unknown_conversation_is_titled_by_the_alert_and_long_messages_are_cut() {
        let away = Seen {
            tab_hidden: true,
            open: None,
        };
        let long = "Bonjour, ".repeat(30);
        let alert = alert_for(&created(9, Sender::Client, &long), away, contact, Lang::En).unwrap();
        assert_eq!(alert.title, "New message");
        assert!(alert.text.ends_with("Bonjour,…"), "{}", alert.text);
        assert!(alert.text.chars().count() <= EXCERPT_CHARS + 1);
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
