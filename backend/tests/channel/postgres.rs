//! The same server on PostgreSQL (the scale-out database): migrations, ingest, operator reply,
//! AI reply and tenant queries. Creates its own database and drops it afterwards.

use protocol::conversations::ConversationSummary;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

#[actix_web::test]
async fn the_whole_message_path_works_on_postgresql() {
    let pg = crate::helpers::ThrowawayPostgres::create("majordome_test").await;

    let url = pg.url.clone();
    let (app, twilio) =
        twilio_app_with(&[("DATABASE_URL", url.as_str()), ("AI_BURST_WINDOW_MS", "50")]).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;

    for sid in [
        "SME0000000000000000000000000000001",
        "SME0000000000000000000000000000001",
    ] {
        let form = text_webhook(
            sid,
            "whatsapp:+33612345678",
            DEMO_NUMBER,
            "À quelle heure est le check-in ?",
        );
        assert_eq!(
            post_signed(&app, "/webhook/whatsapp", &form).await.status(),
            StatusCode::OK
        );
    }
    // The offline responder answers from the seeded FAQ, through the fake Twilio.
    let ai = wait_for(&mut socket, "AI reply", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "ai"
    })
    .await;
    assert!(ai["message"]["body"].as_str().unwrap().contains("16h"));
    let list: Vec<ConversationSummary> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    // A private note (`sender = 'note'`) is stored on PostgreSQL too, and never sent.
    let note = app
        .post_json(
            &format!("/api/conversations/{}/notes", list[0].id),
            Some(&token),
            &json!({"body": "Client fidèle"}),
        )
        .await;
    assert_eq!(note.status(), StatusCode::CREATED);
    let reply = app
        .post_json(
            &format!("/api/conversations/{}/send", list[0].id),
            Some(&token),
            &json!({"body": "Bon séjour !"}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    eventually("two sends", || async { twilio.sends().len() == 2 }).await;
    let thread: Vec<serde_json::Value> = app
        .get(
            &format!("/api/conversations/{}/messages", list[0].id),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        thread.len(),
        4,
        "guest message stored once, AI reply, note, operator reply"
    );
    assert_eq!(thread[2]["sender"], "note");
    // The reply after the note was the second send: the note never went out.
    assert_eq!(twilio.sends().len(), 2);
    assert_eq!(twilio.sends()[1].field("Body"), Some("Bon séjour !"));
    // The admin aggregates (GROUP BY, day buckets, sums cast to bigint) in PostgreSQL's dialect;
    // the note is internal, not a message of the conversation.
    let admin = app.admin_login().await;
    let overview = admin_overview(&app, &admin).await;
    assert_eq!(overview[0].messages_last_7_days, 3);
    assert_eq!(overview[0].conversations, 1);
    assert!(overview[0].last_activity_at.is_some());
    let health: serde_json::Value = app
        .get("/api/admin/health", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(health["per_conciergerie"][0]["messages"], 3);
    let today = health["days"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (today["client"].as_u64(), today["ai"].as_u64()),
        (Some(1), Some(1))
    );

    drop(app);
    drop(pg);
}
