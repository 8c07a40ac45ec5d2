//! Anthropic's Messages API: `POST {ANTHROPIC_API_BASE}/v1/messages`.
//!
//! Retries 429, 5xx and 529 (overloaded), timeouts and connection failures with exponential
//! backoff and jitter, honouring `retry-after`; never retries 4xx client errors. Only `text`
//! blocks make the reply (thinking blocks are ignored); a `handoff_to_human` tool call is a
//! hand-off.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use protocol::conversations::TokenUsage;
use protocol::reasons::{HandoffReason, UrgencyKind};
use protocol::AiEngine;
use serde::Deserialize;
use serde_json::{json, Value};

use super::prompt::{self, HANDOFF_TOOL};
use super::{holding_message, language, offline, AiDecision, AiOutcome, AiRequest};

pub const ANTHROPIC_VERSION: &str = "2023-06-01";
/// WhatsApp answers are short; this bounds cost and latency.
pub const MAX_TOKENS: u32 = 600;

#[derive(Clone)]
pub struct ClaudeClient {
    http: reqwest::Client,
    api_base: String,
    api_key: String,
    pub(super) model: String,
    max_retries: u32,
}

#[derive(Debug, Deserialize)]
pub(super) struct Response {
    #[serde(default)]
    pub(super) content: Vec<Block>,
    #[serde(default)]
    stop_reason: Option<String>,
    #[serde(default)]
    usage: Option<Usage>,
}

impl Response {
    /// What the call cost in tokens, as the dashboards and the budget count them.
    pub(super) fn token_usage(&self) -> Option<TokenUsage> {
        self.usage.as_ref().map(|u| TokenUsage {
            input_tokens: u.input_tokens,
            output_tokens: u.output_tokens,
            cache_creation_input_tokens: u.cache_creation_input_tokens.unwrap_or(0),
            cache_read_input_tokens: u.cache_read_input_tokens.unwrap_or(0),
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type")]
pub(super) enum Block {
    #[serde(rename = "text")]
    Text { text: String },
    #[serde(rename = "tool_use")]
    ToolUse {
        name: String,
        #[serde(default)]
        input: Value,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Default, Deserialize)]
struct Usage {
    #[serde(default)]
    input_tokens: i64,
    #[serde(default)]
    output_tokens: i64,
    #[serde(default)]
    cache_creation_input_tokens: Option<i64>,
    #[serde(default)]
    cache_read_input_tokens: Option<i64>,
}

/// Why one attempt failed, and whether another may succeed.
#[derive(Debug)]
struct Failure {
    message: String,
    retryable: bool,
    retry_after: Option<Duration>,
}

impl ClaudeClient {
    pub fn new(
        api_base: String,
        api_key: String,
        model: String,
        timeout: Duration,
        max_retries: u32,
    ) -> Self {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(Duration::from_secs(5))
            .build()
            .expect("reqwest client");
        ClaudeClient {
            http,
            api_base,
            api_key,
            model,
            max_retries,
        }
    }

    pub fn body(&self, request: &AiRequest) -> Value {
        let messages: Vec<Value> = prompt::turns(&request.history)
            .into_iter()
            .map(|(role, text)| json!({"role": role, "content": text}))
            .collect();
        json!({
            "model": self.model,
            "max_tokens": MAX_TOKENS,
            // The instructions and FAQ change rarely: cache them across the conciergerie's calls.
            "system": [{"type": "text", "text": prompt::system_prompt(request), "cache_control": {"type": "ephemeral"}}],
            "messages": messages,
            "tools": [{
                "name": HANDOFF_TOOL,
                "description": "Hand the conversation to a human member of the concierge team when the FAQ does not cover the guest's request, or for complaints, emergencies, damage, booking changes or an explicit request for a human.",
                "input_schema": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string", "enum": HANDOFF_CODES, "description": "Why a human is needed: faq_not_covered (the FAQ does not answer the question), urgent (emergency, damage, safety, lock-out), sensitive_outside_stay (an access code asked for outside the stay), ai_requested (anything else: complaint, booking change, a human asked for)."},
                        "urgency": {"type": "string", "enum": URGENCY_KINDS, "description": "With code urgent: what kind of emergency."},
                        "reason": {"type": "string", "description": "For the concierge team: one short sentence."},
                        "message_to_guest": {"type": "string", "description": "Short holding message for the guest, in the guest's language."}
                    },
                    "required": ["code", "reason", "message_to_guest"]
                }
            }]
        })
    }

    #[tracing::instrument(skip_all, fields(model = %self.model))]
    pub async fn answer(&self, request: &AiRequest) -> Result<AiOutcome, String> {
        if prompt::turns(&request.history).is_empty() {
            return Err("nothing from the guest to answer".into());
        }
        let body = self.body(request);
        let response = self.call(&body).await?;
        Ok(self.interpret(response, request))
    }

    /// One Messages API call, retried as the module says.
    pub(super) async fn call(&self, body: &Value) -> Result<Response, String> {
        let mut delays = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(500))
            .with_max_delay(Duration::from_secs(20))
            .with_max_times(self.max_retries as usize)
            .with_jitter()
            .build();
        loop {
            match self.attempt(body).await {
                Ok(response) => return Ok(response),
                Err(failure) if failure.retryable => match delays.next() {
                    Some(delay) => {
                        let wait = failure.retry_after.map_or(delay, |after| after.max(delay));
                        tracing::warn!(error = %failure.message, wait_ms = wait.as_millis() as u64, "Claude call failed; retrying");
                        tokio::time::sleep(wait).await;
                    }
                    None => return Err(failure.message),
                },
                Err(failure) => return Err(failure.message),
            }
        }
    }

    async fn attempt(&self, body: &Value) -> Result<Response, Failure> {
        let sent = self
            .http
            .post(format!("{}/v1/messages", self.api_base))
            .header("x-api-key", &self.api_key)
            .header("anthropic-version", ANTHROPIC_VERSION)
            .json(body)
            .send()
            .await;
        let response = match sent {
            Ok(r) => r,
            Err(e) => {
                return Err(Failure {
                    message: format!("Claude unreachable: {e}"),
                    retryable: e.is_timeout() || e.is_connect() || e.is_request(),
                    retry_after: None,
                })
            }
        };
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map(|secs| Duration::from_secs_f64(secs.clamp(0.0, 60.0)));
        let text = response.text().await.map_err(|e| Failure {
            message: format!("Claude answer unreadable: {e}"),
            retryable: true,
            retry_after: None,
        })?;
        if status.is_success() {
            return serde_json::from_str(&text).map_err(|e| Failure {
                message: format!("unexpected answer from Claude: {e}"),
                retryable: false,
                retry_after: None,
            });
        }
        let detail = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| {
                Some(format!(
                    "{}: {}",
                    v["error"]["type"].as_str()?,
                    v["error"]["message"].as_str().unwrap_or("")
                ))
            })
            .unwrap_or_else(|| text.chars().take(200).collect());
        let retryable =
            status.as_u16() == 429 || status.as_u16() == 529 || status.is_server_error();
        Err(Failure {
            message: format!("Claude answered HTTP {}: {detail}", status.as_u16()),
            retryable,
            retry_after,
        })
    }

    fn interpret(&self, response: Response, request: &AiRequest) -> AiOutcome {
        let usage = response.token_usage();
        let mut text = String::new();
        let mut handoff = None;
        for block in response.content {
            match block {
                Block::Text { text: t } => {
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(t.trim());
                }
                Block::ToolUse { name, input } if name == HANDOFF_TOOL => handoff = Some(input),
                Block::ToolUse { .. } | Block::Other => {}
            }
        }
        let guest_language = language::detect(&request.pending_guest_text());
        let decision = match handoff {
            Some(input) => AiDecision::Handoff {
                reason: handoff_reason(&input, &request.pending_guest_text()),
                holding: input["message_to_guest"]
                    .as_str()
                    .filter(|s| !s.trim().is_empty())
                    .map(str::to_owned)
                    .unwrap_or_else(|| holding_message(guest_language)),
            },
            // A reply cut off by max_tokens is half-done: a human finishes it rather than the guest
            // reading half a sentence.
            None if response.stop_reason.as_deref() == Some("max_tokens") => AiDecision::Handoff {
                reason: HandoffReason::AiTruncated,
                holding: holding_message(guest_language),
            },
            None if text.trim().is_empty() => AiDecision::Handoff {
                reason: HandoffReason::AiEmpty,
                holding: holding_message(guest_language),
            },
            None => AiDecision::Reply(text),
        };
        let urgent = matches!(&decision, AiDecision::Handoff { reason, .. } if reason.is_urgent());
        AiOutcome {
            decision,
            engine: AiEngine::Claude,
            usage,
            urgent,
        }
    }
}

/// The reason codes the model may give (`HandoffReason`'s codes that a model can judge).
const HANDOFF_CODES: [&str; 4] = [
    "faq_not_covered",
    "urgent",
    "sensitive_outside_stay",
    "ai_requested",
];

/// `UrgencyKind`'s names on the wire.
const URGENCY_KINDS: [&str; 8] = [
    "declared",
    "safety",
    "lockout",
    "water",
    "gas",
    "electricity",
    "heating",
    "noise",
];

/// The hand-off reason the model's tool call gives, as a code each dashboard writes in its
/// operator's language: the model's own sentence is in whatever language it chose, so it is kept
/// only when no code says more (`ai_requested`, or a call without a code). The guest's words
/// stand as the excerpt, as for the offline responder.
fn handoff_reason(input: &Value, guest_text: &str) -> HandoffReason {
    let detail = input["reason"]
        .as_str()
        .unwrap_or_default()
        .trim()
        .to_owned();
    let mut guest: String = guest_text.trim().chars().take(80).collect();
    if guest.len() < guest_text.trim().len() {
        guest.push('…');
    }
    match input["code"].as_str() {
        Some("faq_not_covered") => HandoffReason::FaqNotCovered {
            questions: (!guest.is_empty()).then_some(guest).into_iter().collect(),
        },
        Some("urgent") => HandoffReason::Urgent {
            kind: serde_json::from_value::<UrgencyKind>(input["urgency"].clone())
                .ok()
                .or_else(|| offline::urgency_of(guest_text)),
            excerpt: (!guest.is_empty()).then_some(guest),
        },
        Some("sensitive_outside_stay") => HandoffReason::SensitiveOutsideStay,
        _ => HandoffReason::AiRequested { detail },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_models_reason_code_becomes_a_reason_the_dashboard_translates() {
        let guest = "Est-ce qu'il y a une salle de sport ?";
        assert_eq!(
            handoff_reason(
                &json!({"code": "faq_not_covered", "reason": "Gym not in the FAQ"}),
                guest
            ),
            HandoffReason::FaqNotCovered {
                questions: vec![guest.into()]
            }
        );
        assert_eq!(
            handoff_reason(
                &json!({"code": "urgent", "urgency": "safety", "reason": "Einbruchsversuch"}),
                "Quelqu'un essaie d'ouvrir notre porte"
            ),
            HandoffReason::Urgent {
                kind: Some(UrgencyKind::Safety),
                excerpt: Some("Quelqu'un essaie d'ouvrir notre porte".into())
            }
        );
        // Without a kind, the offline detector names it when it can.
        assert!(matches!(
            handoff_reason(
                &json!({"code": "urgent", "reason": "fuite"}),
                "Il y a une fuite d'eau"
            ),
            HandoffReason::Urgent {
                kind: Some(UrgencyKind::Water),
                ..
            }
        ));
        assert_eq!(
            handoff_reason(
                &json!({"code": "sensitive_outside_stay", "reason": "x"}),
                guest
            ),
            HandoffReason::SensitiveOutsideStay
        );
        // Anything else, or a call without a code, keeps the model's own sentence.
        for input in [
            json!({"code": "ai_requested", "reason": "Veut annuler"}),
            json!({"reason": "Veut annuler"}),
            json!({"code": "made_up", "reason": "Veut annuler"}),
        ] {
            assert_eq!(
                handoff_reason(&input, guest),
                HandoffReason::AiRequested {
                    detail: "Veut annuler".into()
                }
            );
        }
        let long = "é".repeat(100);
        let HandoffReason::FaqNotCovered { questions } =
            handoff_reason(&json!({"code": "faq_not_covered"}), &long)
        else {
            panic!()
        };
        assert_eq!(questions[0].chars().count(), 81);
    }

    #[test]
    fn the_tool_asks_for_a_code_from_the_reasons_set() {
        for code in HANDOFF_CODES {
            let reason = handoff_reason(&json!({"code": code, "reason": "r"}), "g");
            assert_eq!(reason.code(), code);
        }
        for kind in URGENCY_KINDS {
            assert!(
                serde_json::from_value::<UrgencyKind>(json!(kind)).is_ok(),
                "{kind}"
            );
        }
    }
}
