//! Anthropic's Messages API: `POST {ANTHROPIC_API_BASE}/v1/messages`.
//!
//! Retries 429, 5xx and 529 (overloaded), timeouts and connection failures with exponential
//! backoff and jitter, honouring `retry-after`; never retries 4xx client errors. Only `text`
//! blocks make the reply (thinking blocks are ignored); a `handoff_to_human` tool call is a
//! hand-off.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use protocol::conversations::TokenUsage;
use protocol::reasons::HandoffReason;
use protocol::AiEngine;
use serde::Deserialize;
use serde_json::{json, Value};

use super::prompt::{self, HANDOFF_TOOL};
use super::{holding_message, language, AiDecision, AiOutcome, AiRequest};

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
                        "reason": {"type": "string", "description": "Why a human is needed, for the concierge team: one short sentence in French."},
                        "message_to_guest": {"type": "string", "description": "Short holding message for the guest, in the guest's language."}
                    },
                    "required": ["reason", "message_to_guest"]
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
                reason: HandoffReason::AiRequested {
                    detail: input["reason"]
                        .as_str()
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                },
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
        AiOutcome {
            decision,
            engine: AiEngine::Claude,
            usage,
            urgent: false,
        }
    }
}
