//! Offline mode: the built-in guest simulator takes the webhook's path and gets the replies.

use protocol::conversations::Message;
use protocol::simulator::SimulatorAccepted;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::spawn_app;
use crate::support::*;

#[actix_web::test]
async fn a_simulated_guest_and_an_operator_talk_without_twilio() {
    let app = spawn_app().await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let me: serde_json::Value = app
        .get("/api/auth/me", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["runtime"]["channel"], "simulator");
    let mut socket = connect_ws(&app, &token).await;

    let response = app
        .post_json("/api/simulator/messages", Some(&token), &json!({"from": "+33600000001", "profile_name": "Léa", "body": "Bonjour, le wifi ne marche pas"}))
        .await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let accepted: SimulatorAccepted = response.json().await.unwrap();
    let created = wait_for(&mut socket, "guest message", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "client"
    })
    .await;
    assert_eq!(created["message"]["body"], "Bonjour, le wifi ne marche pas");

    let reply = app
        .post_json(
            &format!("/api/conversations/{}/send", accepted.conversation_id),
            Some(&token),
            &json!({"body": "Je regarde tout de suite."}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    let to_guest = wait_for(&mut socket, "simulator reply", |e| {
        e["type"] == "simulator.reply"
    })
    .await;
    assert_eq!(to_guest["to"], "+33600000001");
    assert_eq!(to_guest["body"], "Je regarde tout de suite.");

    let thread: Vec<Message> = app
        .get(
            &format!("/api/conversations/{}/messages", accepted.conversation_id),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    let sent = thread
        .iter()
        .find(|m| m.sender == protocol::Sender::Concierge)
        .unwrap();
    assert_eq!(sent.status, protocol::MessageStatus::Delivered);
    assert_eq!(thread[0].body, "Bonjour, le wifi ne marche pas");
}

#[actix_web::test]
async fn the_simulator_validates_its_input_and_is_off_when_twilio_is_configured() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let empty = app
        .post_json(
            "/api/simulator/messages",
            Some(&token),
            &json!({"from": "+33600000001", "body": ""}),
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let anonymous = app
        .post_json(
            "/api/simulator/messages",
            None,
            &json!({"from": "+33600000001", "body": "hi"}),
        )
        .await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let (online, _twilio) = twilio_app().await;
    let token = online.login_demo().await;
    let refused = online
        .post_json(
            "/api/simulator/messages",
            Some(&token),
            &json!({"from": "+33600000001", "body": "hi"}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
}
