//! Twilio's Messages REST API: `POST {TWILIO_API_BASE}/2010-04-01/Accounts/{sid}/Messages.json`.

use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use protocol::MessageStatus;
use serde::Deserialize;

use super::errors;
use super::inbound::parse_status;
use crate::channel::{Outbound, SendFailure, SendReceipt, SenderId};
use crate::config::TwilioCredentials;

#[derive(Clone)]
pub struct TwilioClient {
    http: reqwest::Client,
    api_base: String,
    credentials: TwilioCredentials,
}

#[derive(Deserialize)]
struct Created {
    sid: String,
    status: Option<String>,
}

/// One page of `GET …/Messages.json` (newest first).
#[derive(Deserialize)]
struct MessagePage {
    #[serde(default)]
    messages: Vec<ListedMessage>,
}

#[derive(Deserialize)]
struct ListedMessage {
    sid: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    direction: Option<String>,
    /// RFC 2822, e.g. `Wed, 25 Nov 2026 10:00:00 +0000`.
    #[serde(default)]
    date_created: Option<String>,
}

#[derive(Deserialize)]
struct ApiError {
    code: Option<i64>,
    message: Option<String>,
}

impl TwilioClient {
    pub fn new(api_base: String, credentials: TwilioCredentials, timeout: Duration) -> Self {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(Duration::from_secs(5))
            .build()
            .expect("reqwest client");
        TwilioClient {
            http,
            api_base,
            credentials,
        }
    }

    pub fn credentials(&self) -> &TwilioCredentials {
        &self.credentials
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    fn messages_url(&self) -> String {
        format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            self.api_base, self.credentials.account_sid
        )
    }

    /// Outbound messages to `out.to` (from `out.from` when it is a number: a messaging service
    /// picks its own) with `out.body`, sent on or after `since`'s UTC day and created no earlier
    /// than a minute before `since`, oldest first — Twilio's list filtered by `To`, `From` and
    /// `DateSent>`.
    #[tracing::instrument(skip_all, fields(conversation_id = %out.conversation_id))]
    pub async fn sent_to(
        &self,
        out: &Outbound,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<SendReceipt>, SendFailure> {
        let mut query = vec![
            ("To", out.to.clone()),
            ("DateSent>", since.format("%Y-%m-%d").to_string()),
            ("PageSize", "50".to_owned()),
        ];
        if let SenderId::Number(number) = &out.from {
            query.push(("From", number.clone()));
        }
        let unreachable = |e: reqwest::Error| {
            SendFailure::certain(
                None,
                format!("Twilio's message list could not be read: {e}"),
            )
        };
        let response = self
            .http
            .get(self.messages_url())
            .basic_auth(
                &self.credentials.account_sid,
                Some(&self.credentials.auth_token),
            )
            .query(&query)
            .send()
            .await
            .map_err(unreachable)?;
        if !response.status().is_success() {
            return Err(SendFailure::certain(
                None,
                format!(
                    "Twilio's message list answered HTTP {}",
                    response.status().as_u16()
                ),
            ));
        }
        let page: MessagePage = response.json().await.map_err(unreachable)?;
        let earliest = since - chrono::Duration::minutes(1);
        let mut found: Vec<SendReceipt> = page
            .messages
            .into_iter()
            .filter(|m| {
                m.direction
                    .as_deref()
                    .is_none_or(|d| d.starts_with("outbound"))
            })
            .filter(|m| m.body.as_deref() == Some(out.body.as_str()))
            .filter(|m| {
                m.date_created
                    .as_deref()
                    .and_then(|d| chrono::DateTime::parse_from_rfc2822(d).ok())
                    .is_none_or(|d| d >= earliest)
            })
            .map(|m| SendReceipt {
                external_id: m.sid,
                status: m
                    .status
                    .as_deref()
                    .and_then(parse_status)
                    .unwrap_or(MessageStatus::Queued),
            })
            .collect();
        found.reverse();
        Ok(found)
    }

    #[tracing::instrument(skip_all, fields(conversation_id = %out.conversation_id))]
    pub async fn send(&self, out: &Outbound) -> Result<SendReceipt, SendFailure> {
        let url = self.messages_url();
        let mut form = vec![
            ("To", out.to.clone()),
            ("StatusCallback", out.status_callback.clone()),
        ];
        match &out.template {
            Some(template) => {
                form.push(("ContentSid", template.sid.clone()));
                form.push(("ContentVariables", template.variables.clone()));
            }
            None => {
                // WhatsApp takes a media message without text.
                if !out.body.is_empty() || out.media_urls.is_empty() {
                    form.push(("Body", out.body.clone()));
                }
            }
        }
        for url in &out.media_urls {
            form.push(("MediaUrl", url.clone()));
        }
        match &out.from {
            SenderId::Number(number) => form.push(("From", number.clone())),
            SenderId::MessagingService(sid) => form.push(("MessagingServiceSid", sid.clone())),
        }
        let attempt = || async {
            self.http
                .post(&url)
                .basic_auth(
                    &self.credentials.account_sid,
                    Some(&self.credentials.auth_token),
                )
                .form(&form)
                .send()
                .await
        };
        // Only a request that never reached Twilio is retried: after a timeout Twilio may have
        // accepted the message, and sending it again would reach the guest twice.
        let response = attempt
            .retry(ExponentialBuilder::default().with_min_delay(Duration::from_millis(200)).with_max_times(3).with_jitter())
            .when(|e: &reqwest::Error| e.is_connect())
            .await
            .map_err(|e| {
                if e.is_timeout() {
                    SendFailure {
                        code: None,
                        message: "Twilio did not answer in time and the message is not in its list; it was not resent to avoid a duplicate — check the guest's thread before retrying".to_owned(),
                        uncertain: true,
                    }
                } else {
                    SendFailure::certain(None, format!("Twilio could not be reached: {e}"))
                }
            })?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if status.is_success() {
            let created: Created = serde_json::from_str(&text).map_err(|e| {
                SendFailure::certain(None, format!("unexpected answer from Twilio: {e}"))
            })?;
            let status = created
                .status
                .as_deref()
                .and_then(parse_status)
                .unwrap_or(MessageStatus::Queued);
            Ok(SendReceipt {
                external_id: created.sid,
                status,
            })
        } else {
            let api: Option<ApiError> = serde_json::from_str(&text).ok();
            let code = api.as_ref().and_then(|a| a.code).map(|c| c.to_string());
            let fallback = api
                .and_then(|a| a.message)
                .unwrap_or_else(|| format!("Twilio answered HTTP {status}"));
            tracing::warn!(http_status = %status, code = ?code, "Twilio refused a message");
            Err(SendFailure::certain(
                code.clone(),
                errors::reason(code.as_deref(), Some(&fallback)),
            ))
        }
    }
}
