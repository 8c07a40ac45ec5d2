use reqwest::StatusCode;
use serde_json::{json, Value};

use protocol::{ConciergerieId, Sender};

use crate::helpers::{spawn_app, token_of};

#[actix_web::test]
async fn data_and_sessions_survive_a_restart() {
    let mut app = spawn_app().await;
    let admin = app.admin_login().await;
    let token = app.login_demo().await;
    let seeded: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let faq: Value = app
        .post_json(
            "/api/faqs",
            Some(&token),
            &json!({"question": "Le ménage est-il inclus ?", "answer": "Oui, en fin de séjour."}),
        )
        .await
        .json()
        .await
        .unwrap();
    let request: Value = app
        .post_json(
            "/api/feature-requests",
            Some(&token),
            &json!({"title": "Rappels SMS", "priority": "low"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let created = app
        .create_conciergerie(
            &admin,
            &json!({"name": "Conciergerie Persistante", "email": "persiste@example.fr",
                    "password": "toujours-la", "whatsapp_number": "whatsapp:+33600000007"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let old_address = app.address.clone();

    app.restart().await;

    // The first server is gone (unless the OS happened to hand its port to the new one).
    if app.address != old_address {
        let old = app
            .fresh_client()
            .get(format!("{old_address}/healthz"))
            .send()
            .await;
        assert!(old.is_err(), "the first server still answers");
    }
    // The session is in the database, so the token still works.
    let faqs: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(faqs.len(), seeded.len() + 1, "seed ran twice or data lost");
    assert_eq!(faqs.last().unwrap(), &faq);
    let requests: Vec<Value> = app
        .get("/api/feature-requests", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["id"], request["id"]);
    token_of(app.login("persiste@example.fr", "toujours-la").await).await;
    let conciergeries: Vec<Value> = app
        .get("/api/admin/conciergeries", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(conciergeries.len(), 2, "no second demo conciergerie");
    let admin_again = app.admin_login().await;
    assert!(!admin_again.is_empty());
}

#[actix_web::test]
async fn a_guest_message_stored_just_before_a_crash_is_applied_to_its_conversation_after_a_restart()
{
    let mut app = spawn_app().await;
    let token = app.login_demo().await;
    let off = app
        .patch_json("/api/settings", &token, &json!({"ai_mode": "off"}))
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    let id = app
        .insert_conversation(ConciergerieId(1), "+33655555555", "Bonjour")
        .await;
    app.stop().await;
    // Ingest committed this message, then the server died before the conversation's actor
    // applied it to the row.
    let db = app.connect_db().await;
    crate::helpers::insert_message_in(&db, id, Sender::Client, "Quel est le code du portail ?")
        .await;
    app.start_again().await;

    let token = app.login_demo().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let conversation = loop {
        let list: Vec<Value> = app
            .get("/api/conversations", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        let conversation = list
            .into_iter()
            .find(|c| c["id"] == id.0)
            .expect("the conversation");
        if conversation["unread_count"] == 2 {
            break conversation;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the row was not repaired: {conversation}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(
        conversation["last_message_preview"],
        "Quel est le code du portail ?"
    );
    // With the AI off, nobody answers on their own: the operators see it under "À traiter".
    assert_eq!(conversation["status"], "needs_human");
}
