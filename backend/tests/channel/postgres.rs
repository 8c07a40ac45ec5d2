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

/// Several instances store one guest's messages at once. The conversation's owner applies guest
/// messages in id order and remembers the newest it applied, so a message must never commit
/// after a newer one of the same conversation: ingest takes a per-conversation lock for that.
/// Here "another instance" holds that lock with its own insert in flight; the server's webhook
/// for the same guest waits for it, and its message gets the larger id.
#[actix_web::test]
async fn a_conversations_guest_messages_commit_in_id_order_across_instances() {
    use majordome::cluster::lock_spaces::{conversation_key, GUEST_INSERTS};
    use sqlx::{Connection, Row};

    let pg = crate::helpers::ThrowawayPostgres::create("majordome_order").await;
    let (app, _twilio) = twilio_app_with(&[("DATABASE_URL", pg.url.as_str())]).await;
    quiet_ai(&app).await;
    let guest = "whatsapp:+33612345001";
    let first = text_webhook(
        "SMORDER000000000000000000000000001",
        guest,
        DEMO_NUMBER,
        "Bonjour",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &first)
            .await
            .status(),
        StatusCode::OK
    );

    let mut other = sqlx::PgConnection::connect(&pg.url).await.unwrap();
    let watcher = sqlx::PgPool::connect(&pg.url).await.unwrap();
    let (first_id, conversation_id): (i64, i64) = sqlx::query_as(
        "SELECT id, conversation_id FROM messages WHERE external_id = 'SMORDER000000000000000000000000001'",
    )
    .fetch_one(&mut other)
    .await
    .unwrap();
    let key = conversation_key(conversation_id);
    sqlx::query("BEGIN").execute(&mut other).await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
        .bind(GUEST_INSERTS)
        .bind(key)
        .execute(&mut other)
        .await
        .unwrap();

    let second = text_webhook(
        "SMORDER000000000000000000000000002",
        guest,
        DEMO_NUMBER,
        "Le wifi ?",
    );
    let signature = sign(&app, "/webhook/whatsapp", &second);
    let request = app
        .fresh_client()
        .post(app.url("/webhook/whatsapp"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signature)
        .body(serde_urlencoded::to_string(&second).unwrap());
    let pending = tokio::spawn(async move { request.send().await.expect("webhook").status() });
    // The webhook's batch is waiting for the other instance's lock (not merely not run yet).
    eventually(
        "the webhook waiting for the conversation's insert lock",
        || {
            let watcher = watcher.clone();
            async move {
                let waiting: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted \
                 AND classid = $1::int8::oid AND objid = $2::int8::oid AND objsubid = 2",
                )
                .bind(i64::from(GUEST_INSERTS))
                .bind(i64::from(key))
                .fetch_one(&watcher)
                .await
                .unwrap();
                waiting == 1
            }
        },
    )
    .await;

    // The other instance's message: a copy of the first under a new MessageSid.
    let columns: Vec<String> = sqlx::query_scalar(
        "SELECT column_name::text FROM information_schema.columns \
         WHERE table_name = 'messages' AND column_name NOT IN ('id', 'external_id') \
         AND is_generated = 'NEVER' \
         ORDER BY ordinal_position",
    )
    .fetch_all(&mut other)
    .await
    .unwrap();
    let columns = columns.join(", ");
    let theirs: i64 = sqlx::query(&format!(
        "INSERT INTO messages (external_id, {columns}) \
         SELECT 'SMORDER000000000000000000000000003', {columns} FROM messages WHERE id = $1 \
         RETURNING id"
    ))
    .bind(first_id)
    .fetch_one(&mut other)
    .await
    .unwrap()
    .get(0);
    sqlx::query("COMMIT").execute(&mut other).await.unwrap();

    assert_eq!(pending.await.unwrap(), StatusCode::OK);
    let ours: i64 = sqlx::query_scalar(
        "SELECT id FROM messages WHERE external_id = 'SMORDER000000000000000000000000002'",
    )
    .fetch_one(&mut other)
    .await
    .unwrap();
    assert!(
        ours > theirs,
        "the message committed last has the larger id ({ours} after {theirs})"
    );
}
