//! Where outbound messages go: Twilio's WhatsApp API, or the built-in guest simulator when no
//! Twilio credentials are configured (offline mode).

pub mod twilio;

use protocol::{ChannelMode, ConversationId, MessageStatus};
use rand::RngCore;

use self::twilio::client::TwilioClient;
use crate::metrics::SendOutcome;

/// Who sends: a WhatsApp number, or a Twilio messaging service that picks one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SenderId {
    Number(String),
    MessagingService(String),
}

/// An approved WhatsApp template (Twilio Content API): the only kind of message WhatsApp takes
/// outside the 24 h window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentTemplate {
    /// `HX…`, the template's Content SID.
    pub sid: String,
    /// The placeholders' values as Twilio's `ContentVariables` JSON (`{"1":"Alice"}`).
    pub variables: String,
}

#[derive(Debug, Clone)]
pub struct Outbound {
    pub conversation_id: ConversationId,
    pub from: SenderId,
    /// `whatsapp:+…`
    pub to: String,
    pub body: String,
    pub status_callback: String,
    /// Sent as this template instead of `body` (which is kept as the thread's text).
    pub template: Option<ContentTemplate>,
    /// Absolute URLs Twilio fetches the attachments from (`MediaUrl`), without credentials.
    pub media_urls: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendReceipt {
    pub external_id: String,
    pub status: MessageStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    pub code: Option<String>,
    pub message: String,
    /// The request may have reached Twilio (it timed out): the message may have been accepted,
    /// so it must be looked up (`Channel::sent_since`) rather than sent again or called failed.
    pub uncertain: bool,
}

impl SendFailure {
    pub fn certain(code: Option<String>, message: String) -> Self {
        SendFailure {
            code,
            message,
            uncertain: false,
        }
    }
}

#[derive(Clone)]
pub enum Channel {
    Twilio(TwilioClient),
    /// Offline: the message is handed to the dashboard's guest simulator over the WebSocket.
    Simulator,
}

impl Channel {
    pub fn mode(&self) -> ChannelMode {
        match self {
            Channel::Twilio(_) => ChannelMode::Twilio,
            Channel::Simulator => ChannelMode::Simulator,
        }
    }

    pub async fn send(&self, out: &Outbound) -> Result<SendReceipt, SendFailure> {
        match self {
            Channel::Twilio(client) => {
                let sent = client.send(out).await;
                crate::metrics::METRICS.twilio_send(match &sent {
                    Ok(_) => SendOutcome::Accepted,
                    Err(failure) if failure.code.is_some() => SendOutcome::Refused,
                    Err(_) => SendOutcome::Failed,
                });
                sent
            }
            // The simulator is a screen in the operator's browser: the message is delivered the
            // moment the conversation actor publishes it.
            Channel::Simulator => Ok(SendReceipt {
                external_id: simulator_sid(),
                status: MessageStatus::Delivered,
            }),
        }
    }
}

impl Channel {
    /// The messages Twilio accepted like `out` (same recipient, sender and text) since `since`,
    /// oldest first, from its message list. The simulator keeps no list: nothing is found there.
    pub async fn sent_since(
        &self,
        out: &Outbound,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<SendReceipt>, SendFailure> {
        match self {
            Channel::Twilio(client) => client.sent_to(out, since).await,
            Channel::Simulator => Ok(Vec::new()),
        }
    }
}

/// Looks like a Twilio sid but cannot collide with one (`SM` + 32 hex is Twilio's).
fn simulator_sid() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("SIM{hex}")
}
