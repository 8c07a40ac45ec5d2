//! The AI concierge: what it is asked (`prompt`), who answers (`claude` with an Anthropic key,
//! else the `offline` FAQ responder), and what comes back (`AiOutcome`). The conversation actor
//! decides what to do with the outcome (send, suggest, hand off), never this module.
//!
//! Around both engines: the guest's language (`language`, six languages), what the concierge
//! says in it (`phrases`), and the rule that an emergency always reaches a human — the offline
//! engine hands off urgent messages itself, and a Claude reply to one becomes the holding message
//! of a hand-off (`AiOutcome::urgent` is set either way).

pub mod claude;
pub mod language;
pub mod offline;
pub mod phrases;
pub mod pricing;
pub mod prompt;
pub mod spending;
pub mod translate;
pub mod variables;

pub use self::phrases::holding_message;

use chrono::NaiveDate;
use protocol::conversations::TokenUsage;
use protocol::faqs::Translations;
use protocol::reasons::HandoffReason;
use protocol::stays::StayPhase;
use protocol::{AiEngine, Sender};

use self::claude::ClaudeClient;

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
    /// The guest's property's own entries first, then the conciergerie's shared ones.
    pub faqs: Vec<(String, String)>,
    /// The answers of `faqs` in other languages, at the same index (missing: none).
    pub faq_translations: Vec<Translations>,
    /// Oldest first; ends with the guest's latest message(s).
    pub history: Vec<Turn>,
    /// The stay the conversation is linked to, if any.
    pub stay: Option<StayContext>,
    /// Sensitive entries this guest may not read now (door codes outside their stay). Never shown
    /// to an engine: only used to hand off a question that one of them answers.
    pub withheld: Vec<(String, String)>,
}

/// What the AI knows of the guest's stay and rental.
#[derive(Debug, Clone, PartialEq)]
pub struct StayContext {
    pub guest_name: String,
    pub property_name: String,
    pub address: String,
    pub check_in_time: String,
    pub check_out_time: String,
    pub arrival: NaiveDate,
    pub departure: NaiveDate,
    /// The property's local date when the request was built, so the prompt can say "tomorrow"
    /// as the guest means it.
    pub today: NaiveDate,
}

impl StayContext {
    pub fn phase(&self) -> StayPhase {
        StayPhase::on(self.arrival, self.departure, self.today)
    }
}

impl AiRequest {
    /// Entry `i`'s answer in `language`, if the operators wrote (or reviewed) one.
    pub fn translated_answer(&self, i: usize, language: language::Language) -> Option<&str> {
        self.faq_translations
            .get(i)?
            .get(&language.wire())
            .map(String::as_str)
    }

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
    Handoff {
        reason: HandoffReason,
        holding: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct AiOutcome {
    pub decision: AiDecision,
    pub engine: AiEngine,
    pub usage: Option<TokenUsage>,
    /// The guest reports an emergency (leak, lock-out, no heating…): the decision is then a
    /// hand-off, and the conversation deserves to be flagged first in the inbox.
    pub urgent: bool,
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
    /// Understanding the guest's text (language, stemming, scoring) is CPU work: it runs on the
    /// blocking pool, never on the actors' thread.
    pub async fn answer(&self, request: &AiRequest) -> Result<AiOutcome, String> {
        let outcome = self.answer_uncounted(request).await;
        crate::metrics::METRICS.ai_call(
            self.engine(),
            outcome.is_ok(),
            outcome.as_ref().ok().and_then(|o| o.usage.as_ref()),
        );
        outcome
    }

    async fn answer_uncounted(&self, request: &AiRequest) -> Result<AiOutcome, String> {
        let engine = self.engine();
        match self {
            Responder::Offline => {
                let request = request.clone();
                blocking(move || {
                    if asks_for_withheld(&request) {
                        withheld_handoff(engine, &request)
                    } else {
                        offline::answer(&request)
                    }
                })
                .await
            }
            Responder::Claude(client) => {
                if !request.withheld.is_empty() {
                    let local = request.clone();
                    if blocking(move || asks_for_withheld(&local)).await? {
                        return Ok(withheld_handoff(engine, request));
                    }
                }
                let outcome = client.answer(request).await?;
                Ok(escalate_if_urgent(outcome, &request.pending_guest_text()))
            }
        }
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| format!("the offline responder stopped: {e}"))
}

/// An emergency always reaches a human, whatever the model decided: its reply (often useful
/// first advice) becomes the holding message.
pub(crate) fn escalate_if_urgent(mut outcome: AiOutcome, guest_text: &str) -> AiOutcome {
    let Some(urgency) = offline::urgency_of(guest_text) else {
        return outcome;
    };
    outcome.urgent = true;
    if let AiDecision::Reply(text) = outcome.decision {
        outcome.decision = AiDecision::Handoff {
            reason: HandoffReason::Urgent {
                kind: Some(urgency),
                excerpt: None,
            },
            holding: text,
        };
    }
    outcome
}

/// Whether the guest's question is answered by a withheld entry rather than by one they may read:
/// a general entry that merely mentions the key box must not stand in for the code itself.
fn asks_for_withheld(request: &AiRequest) -> bool {
    if request.withheld.is_empty() {
        return false;
    }
    let everything: Vec<(String, String)> = request
        .faqs
        .iter()
        .chain(&request.withheld)
        .cloned()
        .collect();
    let messages: Vec<String> = request
        .pending_guest_text()
        .lines()
        .map(str::to_owned)
        .collect();
    offline::understand(&everything, &messages)
        .answered
        .iter()
        .any(|&i| i >= request.faqs.len())
}

fn withheld_handoff(engine: AiEngine, request: &AiRequest) -> AiOutcome {
    AiOutcome {
        decision: AiDecision::Handoff {
            reason: HandoffReason::SensitiveOutsideStay,
            holding: holding_message(language::detect(&request.pending_guest_text())),
        },
        engine,
        usage: None,
        urgent: false,
    }
}
