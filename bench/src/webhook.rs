//! Twilio-shaped inbound webhooks: form-encoded like Twilio's, signed like Twilio's, generated
//! (and signed) before any timing starts.

use majordome::channel::twilio::signature;
use serde::{Deserialize, Serialize};

pub const ACCOUNT_SID: &str = "AC00000000000000000000000000000b01";
pub const AUTH_TOKEN: &str = "bench-auth-token";
/// The demo conciergerie's number (the default `TWILIO_WHATSAPP_NUMBER`).
pub const DEMO_NUMBER: &str = "whatsapp:+14155238886";
pub const PATH: &str = "/webhook/whatsapp";

/// A run of webhooks: webhook `i` comes from guest `guest_offset + i % guests`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Batch {
    pub n: usize,
    pub guests: usize,
    pub guest_offset: usize,
    /// Distinguishes the `MessageSid`s of different batches against the same database.
    pub tag: u8,
}

impl Batch {
    pub fn new(n: usize, guests: usize, guest_offset: usize, tag: u8) -> Self {
        Batch {
            n,
            guests: guests.max(1),
            guest_offset,
            tag,
        }
    }
}

/// A ready-to-send request.
pub struct Signed {
    pub body: String,
    pub signature: String,
    /// The `Body` parameter, to recognise the message when it comes back on the WebSocket.
    pub text: String,
}

/// The guest's WhatsApp address (E.164, 12 digits after the `+`).
pub fn guest(n: usize) -> String {
    format!("whatsapp:+3375{n:08}")
}

pub fn message_sid(tag: u8, i: usize) -> String {
    format!("SM{tag:02x}{i:030x}")
}

/// The parameters of a WhatsApp text message, in the order Twilio sends them.
pub fn text_webhook(sid: &str, from: &str, body: &str) -> Vec<(String, String)> {
    [
        ("SmsMessageSid", sid),
        ("NumMedia", "0"),
        ("ProfileName", "Camille Martin"),
        ("MessageType", "text"),
        ("SmsSid", sid),
        ("WaId", from.trim_start_matches("whatsapp:+")),
        ("SmsStatus", "received"),
        ("Body", body),
        ("To", DEMO_NUMBER),
        ("NumSegments", "1"),
        ("ReferralNumMedia", "0"),
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT_SID),
        ("From", from),
        ("ApiVersion", "2010-04-01"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// Twilio signs the public URL, which defaults to `http://localhost:{port}`.
pub fn sign(port: u16, params: &[(String, String)]) -> String {
    signature::compute(
        AUTH_TOKEN,
        &format!("http://localhost:{port}{PATH}"),
        params,
    )
}

pub fn signed(port: u16, sid: &str, from: &str, text: String) -> Signed {
    let params = text_webhook(sid, from, &text);
    Signed {
        body: serde_urlencoded::to_string(&params).expect("form encoding"),
        signature: sign(port, &params),
        text,
    }
}

/// Every webhook of a batch, signed.
pub fn generate(port: u16, batch: &Batch) -> Vec<Signed> {
    (0..batch.n)
        .map(|i| {
            let from = guest(batch.guest_offset + i % batch.guests);
            let text = format!(
                "Bonjour ! À quelle heure peut-on arriver demain, et y a-t-il un parking ? (#{}-{i})",
                batch.tag
            );
            signed(port, &message_sid(batch.tag, i), &from, text)
        })
        .collect()
}
