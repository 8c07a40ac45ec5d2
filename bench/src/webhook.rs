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

/// The public URL a server on `port` signs over when `PUBLIC_BASE_URL` is not set.
pub fn default_base_url(port: u16) -> String {
    format!("http://localhost:{port}")
}

/// Twilio signs the URL it called: the server's `PUBLIC_BASE_URL` (behind a load balancer, the
/// balancer's URL, the same for every instance) + the webhook's path.
pub fn sign(base_url: &str, params: &[(String, String)]) -> String {
    signature::compute(AUTH_TOKEN, &format!("{base_url}{PATH}"), params)
}

pub fn signed(port: u16, sid: &str, from: &str, text: String) -> Signed {
    signed_for(&default_base_url(port), sid, from, text)
}

fn signed_for(base_url: &str, sid: &str, from: &str, text: String) -> Signed {
    let params = text_webhook(sid, from, &text);
    Signed {
        body: serde_urlencoded::to_string(&params).expect("form encoding"),
        signature: sign(base_url, &params),
        text,
    }
}

/// Every webhook of a batch, signed over `base_url` (the servers' `PUBLIC_BASE_URL`).
pub fn generate_for(base_url: &str, batch: &Batch) -> Vec<Signed> {
    (0..batch.n)
        .map(|i| {
            let from = guest(batch.guest_offset + i % batch.guests);
            let text = format!(
                "Bonjour ! À quelle heure peut-on arriver demain, et y a-t-il un parking ? (#{}-{i})",
                batch.tag
            );
            signed_for(base_url, &message_sid(batch.tag, i), &from, text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the server checks: the signature over its `PUBLIC_BASE_URL` + the path, with the
    /// parameters it parses from the body.
    fn accepted_by(public_base_url: &str, webhook: &Signed) -> bool {
        let params: Vec<(String, String)> =
            serde_urlencoded::from_str(&webhook.body).expect("form body");
        signature::is_valid(
            AUTH_TOKEN,
            &format!("{public_base_url}{PATH}"),
            &params,
            &webhook.signature,
        )
    }

    #[test]
    fn a_cluster_batch_is_signed_over_the_shared_public_url_not_a_port() {
        let batch = Batch::new(5, 2, 0, 7);
        let webhooks = generate_for("http://majordome-cluster.localhost", &batch);
        assert_eq!(webhooks.len(), 5);
        for webhook in &webhooks {
            assert!(accepted_by("http://majordome-cluster.localhost", webhook));
            assert!(!accepted_by(&default_base_url(4000), webhook));
        }
    }

    #[test]
    fn a_single_server_batch_is_signed_over_its_default_url() {
        let webhooks = generate_for(&default_base_url(4000), &Batch::new(3, 3, 0, 1));
        assert!(webhooks
            .iter()
            .all(|w| accepted_by("http://localhost:4000", w)));
    }
}
