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

#[derive(Deserialize)]
struct ApiError {
    code: Option<i64>,
    message: Option<String>,
}

impl TwilioClient {
    pub fn new(api_base: String, credentials: TwilioCredentials) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
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

    #[tracing::instrument(skip_all, fields(conversation_id = %out.conversation_id))]
    pub async fn send(&self, out: &Outbound) -> Result<SendReceipt, SendFailure> {
        let url = format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            self.api_base, self.credentials.account_sid
        );
        let mut form = vec![
            ("To", out.to.clone()),
            ("StatusCallback", out.status_callback.clone()),
        ];
        match &out.template {
            Some(template) => {
                form.push(("ContentSid", template.sid.clone()));
                form.push(("ContentVariables", template.variables.clone()));
            }
            None => form.push(("Body", out.body.clone())),
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
                let message = if e.is_timeout() {
                    "Twilio did not answer in time; the message was not resent to avoid a duplicate — check the guest's thread before retrying".to_owned()
                } else {
                    format!("Twilio could not be reached: {e}")
                };
                SendFailure { code: None, message }
            })?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        if status.is_success() {
            let created: Created = serde_json::from_str(&text).map_err(|e| SendFailure {
                code: None,
                message: format!("unexpected answer from Twilio: {e}"),
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
            Err(SendFailure {
                message: errors::reason(code.as_deref(), Some(&fallback)),
                code,
            })
        }
    }
}
