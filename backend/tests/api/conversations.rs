use protocol::{ConciergerieId, Sender};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{assert_error, spawn_app};

#[actix_web::test]
async fn conversations_are_listed_newest_activity_first() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let me: Value = app
        .get("/api/auth/me", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let demo = ConciergerieId(me["conciergerie"]["id"].as_i64().unwrap());

    let empty: Vec<Value> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(empty.is_empty());

    let older = app
        .insert_conversation(
            demo,
            "+33611111111",
            "Bonjour, à quelle heure le check-in ?",
        )
        .await;
    let newer = app
        .insert_conversation(demo, "+447700900123", "Hello, is there parking?")
        .await;

    let response = app.get("/api/conversations", Some(&token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let list: Vec<Value> = response.json().await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], newer.0);
    assert_eq!(list[1]["id"], older.0);
    let first = &list[0];
    assert_eq!(first["phone_number"], "+447700900123");
    assert_eq!(first["contact_name"], "Guest +447700900123");
    assert_eq!(first["last_message_preview"], "Hello, is there parking?");
    assert_eq!(first["unread_count"], 1);
    assert_eq!(first["status"], "open");
    // No override: the conciergerie's mode (auto) is in force.
    assert_eq!(first["ai_mode"], "auto");
    assert!(first["ai_mode_override"].is_null());
    assert!(first["last_message_at"].is_string());
}

#[actix_web::test]
async fn messages_are_listed_oldest_first() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let me: Value = app
        .get("/api/auth/me", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let demo = ConciergerieId(me["conciergerie"]["id"].as_i64().unwrap());
    let conversation = app
        .insert_conversation(demo, "+33622222222", "Le wifi ne marche pas")
        .await;
    app.insert_message(
        conversation,
        Sender::Ai,
        "Le code wifi est sur la carte de l'entrée.",
    )
    .await;
    app.insert_message(conversation, Sender::Concierge, "Je passe vérifier la box.")
        .await;

    let response = app
        .get(
            &format!("/api/conversations/{conversation}/messages"),
            Some(&token),
        )
        .await;

    assert_eq!(response.status(), StatusCode::OK);
    let messages: Vec<Value> = response.json().await.unwrap();
    let senders: Vec<&str> = messages
        .iter()
        .map(|m| m["sender"].as_str().unwrap())
        .collect();
    assert_eq!(senders, ["client", "ai", "concierge"]);
    assert_eq!(messages[0]["body"], "Le wifi ne marche pas");
    assert_eq!(messages[0]["status"], "received");
    assert_eq!(messages[2]["status"], "sent");
    for m in &messages {
        assert_eq!(m["conversation_id"], conversation.0);
        assert!(m["created_at"].is_string());
    }
}

#[actix_web::test]
async fn an_unknown_conversation_is_a_404() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let response = app
        .get("/api/conversations/424242/messages", Some(&token))
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[actix_web::test]
async fn conversations_need_a_session() {
    let app = spawn_app().await;
    let response = app.get("/api/conversations", None).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let response = app.get("/api/conversations/1/messages", None).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
}
