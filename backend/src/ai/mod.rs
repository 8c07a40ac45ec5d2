//! The AI concierge: what it is asked (`prompt`), who answers (`claude` with an Anthropic key,
//! else the `offline` FAQ responder), and what comes back (`AiOutcome`). The conversation actor
//! decides what to do with the outcome (send, suggest, hand off), never this module.

pub mod claude;
pub mod language;
pub mod offline;
pub mod prompt;

use protocol::conversations::TokenUsage;
use protocol::{AiEngine, Sender};

use self::claude::ClaudeClient;
use self::language::Language;

/// One message of the conversation, as the AI sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub sender: Sender,
    pub text: String,
}

/// Everything the AI needs for one reply.
#[derive(Debug, Clone)]
pub struct AiRequest {
    pub conciergerie_name: String,
    pub faqs: Vec<(String, String)>,
    /// Oldest first; ends with the guest's latest message(s).
    pub history: Vec<Turn>,
}

impl AiRequest {
    /// The guest's messages since the last reply: what must be answered (a burst is one question).
    pub fn pending_guest_text(&self) -> String {
        let tail: Vec<&str> = self
            .history
            .iter()
            .rev()
            .take_while(|t| t.sender == Sender::Client)
            .map(|t| t.text.as_str())
            .collect();
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum AiDecision {
    /// Send (or propose) this answer.
    Reply(String),
    /// A human must take over; `holding` is the short message for the guest meanwhile.
    Handoff { reason: String, holding: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct AiOutcome {
    pub decision: AiDecision,
    pub engine: AiEngine,
    pub usage: Option<TokenUsage>,
}

#[derive(Clone)]
pub enum Responder {
    Claude(ClaudeClient),
    Offline,
}

impl Responder {
    pub fn engine(&self) -> AiEngine {
        match self {
            Responder::Claude(_) => AiEngine::Claude,
            Responder::Offline => AiEngine::OfflineFaq,
        }
    }

    /// `Err` only when the AI could not answer at all (after retries): the caller hands off.
    pub async fn answer(&self, request: &AiRequest) -> Result<AiOutcome, String> {
        match self {
            Responder::Claude(client) => client.answer(request).await,
            Responder::Offline => Ok(offline::answer(request)),
        }
    }
}

/// What the guest reads while waiting for a human, in their language.
pub fn holding_message(language: Language) -> String {
    match language {
        Language::English => {
            "Thank you for your message! A member of our team will get back to you very shortly."
                .into()
        }
        Language::French => {
            "Merci pour votre message ! Un membre de notre équipe vous répond très rapidement."
                .into()
        }
    }
}
