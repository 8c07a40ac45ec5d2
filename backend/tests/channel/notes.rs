//! Private notes: stored in the thread, shown live to the team, never sent to the guest.

use protocol::conversations::{ConversationSummary, Message};
use protocol::{ConversationId, ConversationStatus, Sender};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;
use crate::outbound::{guest_wrote, thread};
use crate::support::*;

/// The inbox as the operator sees it.
async fn inbox(app: &TestApp, token: &str) -> Vec<ConversationSummary> {
    json_of(app.get("/api/conversations", Some(token)).await).await
}

async fn json_of<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    response.json().await.expect("JSON body")
}

async fn add_note(app: &TestApp, token: &str, id: ConversationId, body: &str) -> reqwest::Response {
    app.post_json(
        &format!("/api/conversations/{id}/notes"),
        Some(token),
        &json!({ "body": body }),
    )
    .await
}

#[actix_web::test]
async fn a_note_is_published_to_the_team_and_never_reaches_twilio() {
    let (app, twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let mut socket = connect_ws(&app, &token).await;

    let response = add_note(&app, &token, id, "Plombier prévenu, passe demain 9h").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let note: Message = json_of(response).await;
    assert_eq!(note.sender, Sender::Note);
    assert_eq!(note.body, "Plombier prévenu, passe demain 9h");

    let live = wait_for(&mut socket, "note created", |e| {
        e["type"] == "message.created" && e["message"]["id"] == note.id.0
    })
    .await;
    assert_eq!(live["message"]["sender"], "note");

    // A real reply afterwards reaches Twilio alone: the note was never handed to the channel.
    let reply = app
        .post_json(
            &format!("/api/conversations/{id}/send"),
            Some(&token),
            &json!({"body": "Un plombier passe demain à 9h."}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    wait_for(&mut socket, "reply queued", |e| {
        e["type"] == "message.status" && e["status"] == "queued"
    })
    .await;
    let sends = twilio.sends();
    assert_eq!(sends.len(), 1, "only the reply went out");
    assert_eq!(
        sends[0].field("Body"),
        Some("Un plombier passe demain à 9h.")
    );

    // The note stays in the thread, between the guest's message and the reply.
    let thread = thread(&app, &token, id).await;
    let senders: Vec<Sender> = thread.iter().map(|m| m.sender).collect();
    assert_eq!(senders, [Sender::Client, Sender::Note, Sender::Concierge]);
}

#[actix_web::test]
async fn a_note_is_not_a_reply_the_conversation_still_waits_for_a_human() {
    let (app, _twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let before = inbox(&app, &token).await;
    assert_eq!(before[0].status, ConversationStatus::NeedsHuman);

    let response = add_note(&app, &token, id, "Je m'en occupe").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let after = inbox(&app, &token).await;
    assert_eq!(after[0].status, ConversationStatus::NeedsHuman);
    assert!(!after[0].ai_paused, "a note is not a takeover");
    assert_eq!(after[0].unread_count, before[0].unread_count);
}

#[actix_web::test]
async fn an_empty_or_foreign_note_is_refused_and_nothing_is_stored() {
    let (app, _twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;

    let empty = add_note(&app, &token, id, "   ").await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "voisine", "whatsapp:+33700000099")
        .await;
    let foreign = add_note(&app, &other.token, id, "coucou").await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);

    let thread = thread(&app, &token, id).await;
    assert!(thread.iter().all(|m| m.sender != Sender::Note));
}
