//! Operator replies through Twilio's REST API, delivery callbacks, failures and the 24 h window.

use chrono::{Duration, Utc};
use protocol::conversations::{ConversationSummary, Message};
use protocol::{ConversationId, ConversationStatus, MessageStatus};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;

use crate::fake_twilio::{Behaviour, ACCOUNT_SID, AUTH_TOKEN};
use crate::helpers::TestApp;
use crate::support::*;

/// A guest writes in (opening the 24 h window); returns the operator token and the conversation.
pub(crate) async fn guest_wrote(app: &TestApp) -> (String, ConversationId) {
    let token = app.login_demo().await;
    let form = text_webhook(
        "SM90000000000000000000000000000001",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Bonjour !",
    );
    assert_eq!(
        post_signed(app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    // The row's status is written by the conversation actor after ingest answered 200: wait
    // until it has applied the message (AI off, so the guest now waits for a human).
    let inbox = || async {
        let list: Vec<ConversationSummary> = app
            .get("/api/conversations", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        list
    };
    eventually("the actor to flag the conversation for a human", || async {
        inbox()
            .await
            .first()
            .is_some_and(|c| c.status == ConversationStatus::NeedsHuman)
    })
    .await;
    let id = inbox().await[0].id;
    (token, id)
}

async fn send(
    app: &TestApp,
    token: &str,
    id: ConversationId,
    body: serde_json::Value,
) -> reqwest::Response {
    app.post_json(&format!("/api/conversations/{id}/send"), Some(token), &body)
        .await
}

pub(crate) async fn thread(app: &TestApp, token: &str, id: ConversationId) -> Vec<Message> {
    app.get(&format!("/api/conversations/{id}/messages"), Some(token))
        .await
        .json()
        .await
        .unwrap()
}

async fn status_callback(
    app: &TestApp,
    sid: &str,
    status: &str,
    error: Option<&str>,
) -> StatusCode {
    let mut form = params(&[
        ("MessageSid", sid),
        ("SmsSid", sid),
        ("MessageStatus", status),
        ("AccountSid", ACCOUNT_SID),
        ("ChannelPrefix", "whatsapp"),
        ("To", "whatsapp:+33612345678"),
        ("From", DEMO_NUMBER),
    ]);
    if let Some(code) = error {
        form.extend(params(&[("ErrorCode", code)]));
    }
    post_signed(app, "/webhook/whatsapp/status", &form)
        .await
        .status()
}

#[actix_web::test]
async fn an_operator_reply_reaches_twilio_and_its_callbacks_move_it_to_read() {
    let (app, twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let mut socket = connect_ws(&app, &token).await;

    let response = send(
        &app,
        &token,
        id,
        json!({"body": "Bonjour Camille, le check-in est à 16h."}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Message = response.json().await.unwrap();
    assert_eq!(created.sender, protocol::Sender::Concierge);

    // Twilio got exactly one well-formed request.
    let queued = wait_for(&mut socket, "queued status", |e| {
        e["type"] == "message.status" && e["status"] == "queued"
    })
    .await;
    assert_eq!(queued["message_id"], created.id.0);
    let sends = twilio.sends();
    assert_eq!(sends.len(), 1);
    let sent = &sends[0];
    assert_eq!(sent.field("To"), Some("whatsapp:+33612345678"));
    assert_eq!(sent.field("From"), Some(DEMO_NUMBER));
    assert_eq!(
        sent.field("Body"),
        Some("Bonjour Camille, le check-in est à 16h.")
    );
    assert_eq!(
        sent.field("StatusCallback"),
        Some(format!("http://localhost:{}/webhook/whatsapp/status", app.port).as_str())
    );
    let expected_auth = format!(
        "Basic {}",
        base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{ACCOUNT_SID}:{AUTH_TOKEN}")
        )
    );
    assert_eq!(sent.authorization.as_deref(), Some(expected_auth.as_str()));

    let sid = "SM00000000000000000000000000000000";
    for status in ["sent", "delivered", "read"] {
        assert_eq!(
            status_callback(&app, sid, status, None).await,
            StatusCode::OK
        );
        wait_for(&mut socket, status, |e| {
            e["type"] == "message.status" && e["status"] == status
        })
        .await;
    }
    // A late "delivered" does not move it back.
    assert_eq!(
        status_callback(&app, sid, "delivered", None).await,
        StatusCode::OK
    );
    let messages = thread(&app, &token, id).await;
    let reply = messages.iter().find(|m| m.id == created.id).unwrap();
    assert_eq!(reply.status, MessageStatus::Read);
    assert_eq!(twilio.sends().len(), 1, "sent exactly once");
}

#[actix_web::test]
async fn a_twilio_error_is_shown_as_a_failure_with_its_code() {
    let (app, twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let mut socket = connect_ws(&app, &token).await;
    twilio.set_behaviour(Behaviour::RejectInvalidNumber);

    let created: Message = send(&app, &token, id, json!({"body": "Test"}))
        .await
        .json()
        .await
        .unwrap();
    let failed = wait_for(&mut socket, "failure", |e| {
        e["type"] == "message.status" && e["status"] == "failed"
    })
    .await;
    assert_eq!(failed["message_id"], created.id.0);
    assert_eq!(failed["error_code"], "21211");
    assert!(failed["error_message"]
        .as_str()
        .unwrap()
        .contains("not a valid number"));
    let flagged = wait_for(&mut socket, "send failure flag", |e| {
        e["type"] == "conversation.updated" && e["conversation"]["last_send_failed"] == true
    })
    .await;
    assert_eq!(flagged["conversation"]["id"], id.0);
    let stored = thread(&app, &token, id)
        .await
        .into_iter()
        .find(|m| m.id == created.id)
        .unwrap();
    assert_eq!(stored.status, MessageStatus::Failed);
    assert_eq!(stored.error_code.as_deref(), Some("21211"));
}

#[actix_web::test]
async fn an_undelivered_callback_surfaces_the_24h_window_error() {
    let (app, _twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let mut socket = connect_ws(&app, &token).await;
    send(&app, &token, id, json!({"body": "Hello"})).await;
    wait_for(&mut socket, "queued", |e| {
        e["type"] == "message.status" && e["status"] == "queued"
    })
    .await;
    assert_eq!(
        status_callback(
            &app,
            "SM00000000000000000000000000000000",
            "undelivered",
            Some("63016")
        )
        .await,
        StatusCode::OK
    );
    let event = wait_for(&mut socket, "undelivered", |e| {
        e["type"] == "message.status" && e["status"] == "undelivered"
    })
    .await;
    assert!(event["error_message"]
        .as_str()
        .unwrap()
        .contains("24-hour window"));
}

#[actix_web::test]
async fn a_retried_send_with_the_same_client_ref_goes_out_once() {
    let (app, twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let body = json!({"body": "Une fois", "client_ref": "3f1c6a52-retry"});
    let first: Message = send(&app, &token, id, body.clone())
        .await
        .json()
        .await
        .unwrap();
    let second = send(&app, &token, id, body).await;
    assert_eq!(second.status(), StatusCode::CREATED);
    let second: Message = second.json().await.unwrap();
    assert_eq!(first.id, second.id);
    eventually("the send", || async { !twilio.sends().is_empty() }).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(twilio.sends().len(), 1);
    let operator_messages = thread(&app, &token, id)
        .await
        .into_iter()
        .filter(|m| m.sender == protocol::Sender::Concierge)
        .count();
    assert_eq!(operator_messages, 1);
}

#[actix_web::test]
async fn a_reply_outside_the_24h_window_is_refused_with_an_explanation() {
    let (app, twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let tenant = protocol::ConciergerieId(1);
    let id = app
        .insert_conversation(tenant, "+33612345678", "Merci pour le séjour")
        .await;
    let conv = entity::conversation::Entity::find_by_id(id.0)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let mut active = conv.into_active_model();
    active.last_client_message_at = Set(Some(Utc::now() - Duration::hours(25)));
    active.update(app.db()).await.unwrap();

    let response = send(&app, &token, id, json!({"body": "Au revoir"})).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json(response).await;
    assert_eq!(body["error"]["code"], "outside_24h_window");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("24 hours"));
    assert!(twilio.sends().is_empty());
    assert_eq!(
        thread(&app, &token, id).await.len(),
        1,
        "nothing stored for a refused reply"
    );
}

#[actix_web::test]
async fn opening_a_conversation_clears_its_unread_count() {
    let (app, _twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let response = app
        .post_json(
            &format!("/api/conversations/{id}/read"),
            Some(&token),
            &json!({}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let list: Vec<ConversationSummary> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list[0].unread_count, 0);
}

#[actix_web::test]
async fn an_empty_reply_is_a_validation_error() {
    let (app, _twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let response = send(&app, &token, id, json!({"body": "   "})).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json(response).await["error"]["field"], "body");
}

#[actix_web::test]
async fn a_status_callback_that_overtakes_the_send_answer_still_lands_on_the_dashboard() {
    let (app, twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let mut socket = connect_ws(&app, &token).await;
    twilio.set_behaviour(Behaviour::CallbackFirst("delivered"));

    let response = send(
        &app,
        &token,
        id,
        json!({"body": "Le code du wifi est 1234."}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Message = response.json().await.unwrap();

    // Twilio said "queued" after its own "delivered" callback: the dashboard ends on "delivered".
    let delivered = wait_for(&mut socket, "delivered status", |e| {
        e["type"] == "message.status" && e["status"] == "delivered"
    })
    .await;
    assert_eq!(delivered["message_id"], created.id.0);
    assert_eq!(
        twilio.callback_answers(),
        [200],
        "the early callback was accepted"
    );
    let messages = thread(&app, &token, id).await;
    let reply = messages.iter().find(|m| m.id == created.id).unwrap();
    assert_eq!(reply.status, MessageStatus::Delivered);
    let stored = entity::message::Entity::find_by_id(created.id.0)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.external_id.as_deref(),
        Some("SM00000000000000000000000000000000")
    );
}

/// Issue 10, finding 10: a send Twilio accepted but never answered is looked up in Twilio's
/// message list, gets its SID and status, and its delivery callbacks apply; it is neither marked
/// failed nor sent again.
#[actix_web::test]
async fn a_timed_out_send_that_twilio_accepted_is_reconciled_from_its_message_list() {
    let (app, twilio) = twilio_app_with(&[("TWILIO_TIMEOUT_SECS", "1")]).await;
    quiet_ai(&app).await;
    let (token, id) = guest_wrote(&app).await;
    let mut socket = connect_ws(&app, &token).await;
    twilio.set_behaviour(Behaviour::StallAccepted);
    let response = send(
        &app,
        &token,
        id,
        json!({"body": "Le code du portail est 1234."}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Message = response.json().await.unwrap();

    // The list says "sent": the reply moves on, it is not "failed".
    wait_for(&mut socket, "the reconciled status", |e| {
        e["type"] == "message.status" && e["message_id"] == created.id.0
    })
    .await;
    let reply = thread(&app, &token, id)
        .await
        .into_iter()
        .find(|m| m.id == created.id)
        .unwrap();
    assert_eq!(reply.status, MessageStatus::Sent, "{reply:?}");
    assert!(twilio.list_reads() >= 1, "Twilio's list was read");
    assert_eq!(twilio.sends().len(), 1, "never sent a second time");

    // Its SID is known: Twilio's delivery callback applies instead of being dropped.
    let sid = twilio.accepted()[0].sid.clone();
    assert_eq!(
        status_callback(&app, &sid, "delivered", None).await,
        StatusCode::OK
    );
    wait_for(&mut socket, "delivered", |e| {
        e["type"] == "message.status" && e["status"] == "delivered"
    })
    .await;
}

/// A send that timed out and is not in Twilio's list is failed with a clear reason, and not
/// resent (Twilio may still process it late).
#[actix_web::test]
async fn a_timed_out_send_missing_from_twilios_list_is_failed_not_resent() {
    let (app, twilio) = twilio_app_with(&[("TWILIO_TIMEOUT_SECS", "1")]).await;
    quiet_ai(&app).await;
    let (token, id) = guest_wrote(&app).await;
    let mut socket = connect_ws(&app, &token).await;
    twilio.set_behaviour(Behaviour::StallLost);
    let response = send(&app, &token, id, json!({"body": "Bonne soirée"})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let failed = wait_for(&mut socket, "the failure", |e| {
        e["type"] == "message.status" && e["status"] == "failed"
    })
    .await;
    assert!(
        failed["error_message"]
            .as_str()
            .is_some_and(|m| m.contains("not in its list")),
        "{failed}"
    );
    assert!(twilio.list_reads() >= 1);
    assert_eq!(twilio.sends().len(), 1);
    assert!(twilio.accepted().is_empty());
}

/// Makes the database refuse to save a conversation row whose preview mentions `boom`, as a
/// failing disk or a lost connection would, halfway through the reply's transaction (the
/// message is inserted first, the row saved after it).
pub(crate) async fn refuse_conversation_updates_mentioning_boom(db: &sea_orm::DatabaseConnection) {
    use sea_orm::ConnectionTrait;
    let statements: &[&str] = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => &[
            "CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN \
               IF NEW.last_message_preview LIKE '%boom%' THEN RAISE EXCEPTION 'injected failure'; \
               END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse_boom BEFORE UPDATE ON conversations FOR EACH ROW \
               EXECUTE FUNCTION refuse_boom()",
        ],
        _ => &["CREATE TRIGGER refuse_boom BEFORE UPDATE ON conversations \
                  WHEN NEW.last_message_preview LIKE '%boom%' \
                  BEGIN SELECT RAISE(ABORT, 'injected failure'); END"],
    };
    for sql in statements {
        db.execute_unprepared(sql).await.expect("install the fault");
    }
}

/// Issue 10, finding 10: a reply and its conversation's update are one transaction. When the
/// update fails, the reply is not stored either (no orphan "pending" message the restart would
/// send), nothing reaches Twilio, and the conversation's next reply goes out normally.
#[actix_web::test]
async fn a_reply_whose_conversation_update_fails_is_not_stored_or_sent() {
    use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

    let (app, twilio) = twilio_app().await;
    quiet_ai(&app).await;
    let (token, id) = guest_wrote(&app).await;
    refuse_conversation_updates_mentioning_boom(app.db()).await;

    let response = send(&app, &token, id, json!({"body": "boom"})).await;
    assert!(response.status().is_server_error(), "{}", response.status());
    let stored = entity::message::Entity::find()
        .filter(entity::message::Column::Body.eq("boom"))
        .all(app.db())
        .await
        .unwrap();
    assert!(
        stored.is_empty(),
        "the reply outlived its failed update: {stored:?}"
    );
    let row = entity::conversation::Entity::find_by_id(id.0)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    assert_ne!(row.last_message_preview.as_deref(), Some("boom"));

    // The conversation goes on: its actor restarted from the database.
    let drop = match app.db().get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "DROP TRIGGER refuse_boom ON conversations",
        _ => "DROP TRIGGER refuse_boom",
    };
    app.db()
        .execute_unprepared(drop)
        .await
        .expect("remove the fault");
    let response = send(&app, &token, id, json!({"body": "Bienvenue !"})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    eventually("the next reply to reach Twilio", || async {
        twilio.sends().len() == 1
    })
    .await;
    assert_eq!(twilio.sends()[0].field("Body"), Some("Bienvenue !"));
}
