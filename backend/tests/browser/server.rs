//! What the tests do on the server's side: guests writing in (signed webhooks or the simulator),
//! Twilio's delivery callbacks, and reading back through the REST API what the page did.

use protocol::conversations::{ConversationSummary, Message};
use protocol::simulator::SimulatorAccepted;
use protocol::ConversationId;
use reqwest::StatusCode;
use serde_json::json;

use crate::fake_twilio::ACCOUNT_SID;
use crate::helpers::TestApp;
use crate::support::{params, post_signed, text_webhook, DEMO_NUMBER};

pub const GUEST: &str = "whatsapp:+33612345678";

/// A guest's WhatsApp message, as Twilio posts it (signed).
pub async fn guest_writes(app: &TestApp, sid: &str, body: &str) {
    let form = text_webhook(sid, GUEST, DEMO_NUMBER, body);
    let response = post_signed(app, "/webhook/whatsapp", &form).await;
    assert_eq!(response.status(), StatusCode::OK, "webhook refused");
}

/// Twilio's delivery callback for an outbound message (signed).
pub async fn status_callback(app: &TestApp, sid: &str, status: &str) {
    let form = params(&[
        ("MessageSid", sid),
        ("SmsSid", sid),
        ("MessageStatus", status),
        ("AccountSid", ACCOUNT_SID),
        ("ChannelPrefix", "whatsapp"),
        ("To", GUEST),
        ("From", DEMO_NUMBER),
    ]);
    let response = post_signed(app, "/webhook/whatsapp/status", &form).await;
    assert_eq!(response.status(), StatusCode::OK, "status callback refused");
}

/// A guest's message through the offline simulator (the same path as a webhook).
pub async fn simulate(app: &TestApp, token: &str, from: &str, body: &str) -> ConversationId {
    let response = app
        .post_json(
            "/api/simulator/messages",
            Some(token),
            &json!({"from": from, "profile_name": "Léa Fontaine", "body": body}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::ACCEPTED, "simulator refused");
    let accepted: SimulatorAccepted = response.json().await.expect("simulator answer");
    accepted.conversation_id
}

pub async fn conversations(app: &TestApp, token: &str) -> Vec<ConversationSummary> {
    app.get("/api/conversations", Some(token))
        .await
        .json()
        .await
        .expect("conversation list")
}

pub async fn messages(app: &TestApp, token: &str, id: ConversationId) -> Vec<Message> {
    app.get(&format!("/api/conversations/{id}/messages"), Some(token))
        .await
        .json()
        .await
        .expect("messages")
}
