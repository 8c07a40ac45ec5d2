//! The status chips of an inbox row and a chat header.

use protocol::conversations::ConversationSummary;
use protocol::{AiMode, ConversationStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chip {
    /// The guest reported an emergency no operator has answered yet.
    Urgent,
    /// The AI answers on its own.
    Ai,
    /// The AI proposes, an operator sends.
    AiSuggest,
    /// A human handles it: the AI is off here or an operator took over.
    Human,
    /// The AI handed off: an operator must look (`needs_human`).
    NeedsHuman,
    /// The last reply did not reach the guest.
    SendFailed,
    /// The AI proposed a reply that waits for an operator.
    SuggestionReady,
    Closed,
}

impl Chip {
    /// Modifier for the `chip` CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Chip::Urgent => "chip-urgent",
            Chip::Ai => "chip-ai",
            Chip::AiSuggest => "chip-suggest",
            Chip::Human => "chip-human",
            Chip::NeedsHuman => "chip-needs-human",
            Chip::SendFailed => "chip-failed",
            Chip::SuggestionReady => "chip-suggestion",
            Chip::Closed => "chip-closed",
        }
    }
}

/// Who handles the conversation right now.
pub fn handler(c: &ConversationSummary) -> Chip {
    match c.ai_mode {
        _ if c.ai_paused => Chip::Human,
        AiMode::Off => Chip::Human,
        AiMode::Suggest => Chip::AiSuggest,
        AiMode::Auto => Chip::Ai,
    }
}

/// Alerts first, then who handles it.
pub fn chips(c: &ConversationSummary) -> Vec<Chip> {
    let mut out = Vec::with_capacity(4);
    if c.urgent {
        out.push(Chip::Urgent);
    }
    if c.status == ConversationStatus::NeedsHuman {
        out.push(Chip::NeedsHuman);
    }
    if c.last_send_failed {
        out.push(Chip::SendFailed);
    }
    if c.ai_suggestion.is_some() {
        out.push(Chip::SuggestionReady);
    }
    if c.status == ConversationStatus::Closed {
        out.push(Chip::Closed);
    } else {
        out.push(handler(c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::inbox::tests::conv;

    #[test]
    fn chips_follow_the_conversation() {
        let mut c = conv(1, 1);
        assert_eq!(chips(&c), vec![Chip::Ai]);
        c.ai_mode = AiMode::Suggest;
        assert_eq!(chips(&c), vec![Chip::AiSuggest]);
        c.ai_paused = true;
        assert_eq!(chips(&c), vec![Chip::Human]);
        c.ai_paused = false;
        c.ai_mode = AiMode::Off;
        assert_eq!(chips(&c), vec![Chip::Human]);
        c.ai_mode = AiMode::Auto;
        c.status = ConversationStatus::NeedsHuman;
        c.last_send_failed = true;
        assert_eq!(
            chips(&c),
            vec![Chip::NeedsHuman, Chip::SendFailed, Chip::Ai]
        );
        c.status = ConversationStatus::Closed;
        c.last_send_failed = false;
        assert_eq!(chips(&c), vec![Chip::Closed]);
        c.status = ConversationStatus::Open;
        c.ai_mode = AiMode::Suggest;
        c.ai_suggestion = Some("Bonjour !".into());
        assert_eq!(chips(&c), vec![Chip::SuggestionReady, Chip::AiSuggest]);
        c.urgent = true;
        c.status = ConversationStatus::NeedsHuman;
        assert_eq!(
            chips(&c),
            vec![
                Chip::Urgent,
                Chip::NeedsHuman,
                Chip::SuggestionReady,
                Chip::AiSuggest
            ]
        );
    }
}
