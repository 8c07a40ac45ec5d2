//! The team inbox's bookkeeping: labels, closing and reopening, snoozing (woken by time or by
//! the guest), renaming the contact, and full-text search over the message history. Runs on
//! SQLite here and on PostgreSQL in `channel_pg`.

use chrono::{Duration, Utc};
use protocol::simulator::SimulatorAccepted;
use protocol::{ConversationId, MessageStatus, Sender};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app, spawn_app_with, TestApp};
use crate::support::{connect_ws, eventually, json, quiet_ai, wait_for};

/// A guest writes through the simulator; answers the conversation's id.
async fn guest_writes(app: &TestApp, token: &str, from: &str, body: &str) -> ConversationId {
    let response = app
        .post_json(
            "/api/simulator/messages",
            Some(token),
            &json!({"from": from, "profile_name": "Léa", "body": body}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let accepted: SimulatorAccepted = response.json().await.unwrap();
    accepted.conversation_id
}

async fn ids(app: &TestApp, token: &str, path: &str) -> Vec<i64> {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let list: Vec<Value> = response.json().await.unwrap();
    list.iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

async fn summary(app: &TestApp, token: &str, id: ConversationId) -> Value {
    let list: Vec<Value> = app
        .get("/api/conversations", Some(token))
        .await
        .json()
        .await
        .unwrap();
    list.into_iter()
        .find(|c| c["id"] == id.0)
        .expect("the conversation is listed")
}

async fn patch(app: &TestApp, token: &str, id: ConversationId, body: Value) -> Value {
    let response = app
        .patch_json(&format!("/api/conversations/{id}"), token, &body)
        .await;
    assert_eq!(response.status(), StatusCode::OK, "PATCH {body}");
    json(response).await
}

#[actix_web::test]
async fn labels_are_managed_put_on_conversations_filtered_and_kept_per_tenant() {
    let app = spawn_app().await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let first = guest_writes(&app, &token, "+33600000101", "Bonjour").await;
    let second = guest_writes(&app, &token, "+33600000102", "Hello").await;

    let created = app
        .post_json(
            "/api/labels",
            Some(&token),
            &json!({"name": "Ménage", "colour": "teal"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let menage = json(created).await;
    assert_eq!(menage["colour"], "teal");
    let vip = json(
        app.post_json(
            "/api/labels",
            Some(&token),
            &json!({"name": "VIP", "colour": "purple"}),
        )
        .await,
    )
    .await;
    assert_error(
        app.post_json(
            "/api/labels",
            Some(&token),
            &json!({"name": " VIP ", "colour": "red"}),
        )
        .await,
        StatusCode::CONFLICT,
        "conflict",
    )
    .await;
    let off_palette = app
        .post_json(
            "/api/labels",
            Some(&token),
            &json!({"name": "Fuchsia", "colour": "fuchsia"}),
        )
        .await;
    assert!(off_palette.status().is_client_error());

    // Put on a conversation by its actor: the reply and the live event carry them.
    let mut socket = connect_ws(&app, &token).await;
    let patched = patch(
        &app,
        &token,
        first,
        json!({"labels": [vip["id"], menage["id"], vip["id"]]}),
    )
    .await;
    // Stored once each, listed by id.
    assert_eq!(patched["labels"], json!([menage["id"], vip["id"]]));
    let live = wait_for(&mut socket, "labelled conversation", |e| {
        e["type"] == "conversation.updated"
            && e["conversation"]["id"] == first.0
            && e["conversation"]["labels"]
                .as_array()
                .is_some_and(|l| l.len() == 2)
    })
    .await;
    assert_eq!(live["conversation"]["labels"].as_array().unwrap().len(), 2);
    assert_eq!(
        summary(&app, &token, first).await["labels"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let vip_path = format!("/api/conversations?label={}", vip["id"]);
    assert_eq!(ids(&app, &token, &vip_path).await, vec![first.0]);
    assert!(ids(&app, &token, "/api/conversations")
        .await
        .contains(&second.0));

    // Renamed and recoloured; the filter still finds the same conversation.
    let renamed = app
        .patch_json(
            &format!("/api/labels/{}", vip["id"]),
            &token,
            &json!({"name": "Client fidèle", "colour": "yellow"}),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(json(renamed).await["colour"], "yellow");

    // Another conciergerie sees none of it and cannot use it.
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "autre", "whatsapp:+33999000111")
        .await;
    let theirs: Vec<Value> = app
        .get("/api/labels", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs.is_empty());
    assert_error(
        app.patch_json(
            &format!("/api/labels/{}", vip["id"]),
            &other.token,
            &json!({"name": "Piraté"}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.delete(&format!("/api/labels/{}", vip["id"]), &other.token)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&vip_path, Some(&other.token)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let own = app
        .insert_conversation(other.id, "+33600000199", "Salut")
        .await;
    assert_error(
        app.patch_json(
            &format!("/api/conversations/{own}"),
            &other.token,
            &json!({"labels": [vip["id"]]}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;

    // Deleting a label takes it off its conversations.
    let deleted = app
        .delete(&format!("/api/labels/{}", vip["id"]), &token)
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        summary(&app, &token, first).await["labels"],
        json!([menage["id"]])
    );
    let left: Vec<Value> = app
        .get("/api/labels", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
}

#[actix_web::test]
async fn a_closed_conversation_leaves_the_open_inbox_until_the_guest_writes_again() {
    let app = spawn_app().await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let id = guest_writes(&app, &token, "+33600000201", "Merci pour tout").await;
    assert_eq!(
        ids(&app, &token, "/api/conversations?view=open").await,
        vec![id.0]
    );

    let closed = patch(&app, &token, id, json!({"status": "closed"})).await;
    assert_eq!(closed["status"], "closed");
    assert!(ids(&app, &token, "/api/conversations?view=open")
        .await
        .is_empty());
    assert_eq!(
        ids(&app, &token, "/api/conversations?view=closed").await,
        vec![id.0]
    );
    // Without a view every conversation is listed, as before.
    assert_eq!(ids(&app, &token, "/api/conversations").await, vec![id.0]);

    let reopened = patch(&app, &token, id, json!({"status": "open"})).await;
    assert_eq!(reopened["status"], "open");
    assert_eq!(
        ids(&app, &token, "/api/conversations?view=open").await,
        vec![id.0]
    );

    patch(&app, &token, id, json!({"status": "closed"})).await;
    let mut socket = connect_ws(&app, &token).await;
    guest_writes(&app, &token, "+33600000201", "Au fait, une question").await;
    wait_for(&mut socket, "reopened conversation", |e| {
        e["type"] == "conversation.updated"
            && e["conversation"]["id"] == id.0
            && e["conversation"]["status"] != "closed"
    })
    .await;
    assert_eq!(
        ids(&app, &token, "/api/conversations?view=open").await,
        vec![id.0]
    );
    assert!(ids(&app, &token, "/api/conversations?view=closed")
        .await
        .is_empty());
}

#[actix_web::test]
async fn a_snooze_wakes_at_its_time_live_or_when_the_guest_writes() {
    let app = spawn_app_with(&[("SNOOZE_SWEEP_MS", "100")]).await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let id = guest_writes(&app, &token, "+33600000301", "Je reviens vers vous").await;

    assert_error(
        app.patch_json(
            &format!("/api/conversations/{id}"),
            &token,
            &json!({"snoozed_until": (Utc::now() - Duration::minutes(1)).to_rfc3339()}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;

    // Snoozed for a day: out of the open inbox, in the snoozed one; the guest's message wakes it.
    let tomorrow = Utc::now() + Duration::days(1);
    let snoozed = patch(
        &app,
        &token,
        id,
        json!({"snoozed_until": tomorrow.to_rfc3339()}),
    )
    .await;
    assert!(snoozed["snoozed_until"].is_string());
    assert!(ids(&app, &token, "/api/conversations?view=open")
        .await
        .is_empty());
    assert_eq!(
        ids(&app, &token, "/api/conversations?view=snoozed").await,
        vec![id.0]
    );
    guest_writes(&app, &token, "+33600000301", "Finalement j'ai une question").await;
    eventually("the guest's message wakes the conversation", || async {
        summary(&app, &token, id).await["snoozed_until"].is_null()
    })
    .await;
    assert_eq!(
        ids(&app, &token, "/api/conversations?view=open").await,
        vec![id.0]
    );

    // Snoozed for a moment: the sweep brings it back by itself, live.
    let mut socket = connect_ws(&app, &token).await;
    let soon = Utc::now() + Duration::milliseconds(1500);
    patch(
        &app,
        &token,
        id,
        json!({"snoozed_until": soon.to_rfc3339()}),
    )
    .await;
    assert!(ids(&app, &token, "/api/conversations?view=open")
        .await
        .is_empty());
    let woken = wait_for(&mut socket, "woken conversation", |e| {
        e["type"] == "conversation.updated"
            && e["conversation"]["id"] == id.0
            && e["conversation"]["snoozed_until"].is_null()
    })
    .await;
    assert!(Utc::now() >= soon, "woken early: {woken}");
    assert_eq!(
        ids(&app, &token, "/api/conversations?view=open").await,
        vec![id.0]
    );
    assert!(ids(&app, &token, "/api/conversations?view=snoozed")
        .await
        .is_empty());
}

#[actix_web::test]
async fn the_contact_is_renamed_by_the_operator() {
    let app = spawn_app().await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let id = guest_writes(&app, &token, "+33600000401", "Bonjour").await;
    let mut socket = connect_ws(&app, &token).await;
    let renamed = patch(
        &app,
        &token,
        id,
        json!({"contact_name": "  Léa Martin (chambre 2) "}),
    )
    .await;
    assert_eq!(renamed["contact_name"], "Léa Martin (chambre 2)");
    wait_for(&mut socket, "renamed conversation", |e| {
        e["type"] == "conversation.updated"
            && e["conversation"]["contact_name"] == "Léa Martin (chambre 2)"
    })
    .await;
    assert_eq!(
        summary(&app, &token, id).await["contact_name"],
        "Léa Martin (chambre 2)"
    );
    let too_long = "x".repeat(121);
    assert_error(
        app.patch_json(
            &format!("/api/conversations/{id}"),
            &token,
            &json!({"contact_name": too_long}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
}

/// A message stored `age` ago, as ingest would have written it.
async fn old_message(
    app: &TestApp,
    conversation: ConversationId,
    body: &str,
    age: Duration,
) -> i64 {
    entity::message::ActiveModel {
        conversation_id: Set(conversation.0),
        sender: Set(Sender::Client),
        body: Set(body.to_owned()),
        status: Set(MessageStatus::Received),
        created_at: Set(Utc::now() - age),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .expect("insert message")
    .id
}

async fn search(app: &TestApp, token: &str, q: &str) -> Vec<Value> {
    let response = app
        .get(
            &format!(
                "/api/search?q={}",
                url::form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
            ),
            Some(token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK, "search {q}");
    json(response).await.as_array().unwrap().clone()
}

#[actix_web::test]
async fn search_finds_an_old_message_whatever_its_accents_and_case_and_only_the_tenants_own() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let demo = app.tenant_of(&token).await;
    let conversation = app
        .insert_conversation(demo, "+33600000501", "Bonjour")
        .await;
    let leak = old_message(
        &app,
        conversation,
        "Le chauffe-eau fuit depuis ce matin",
        Duration::days(3),
    )
    .await;
    let newer = old_message(
        &app,
        conversation,
        "Le chauffe-eau est réparé, merci",
        Duration::hours(1),
    )
    .await;
    old_message(&app, conversation, "Le chauffage marche", Duration::days(2)).await;

    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "voisine", "whatsapp:+33999000222")
        .await;
    let theirs = app
        .insert_conversation(other.id, "+33600000502", "Bonjour")
        .await;
    old_message(&app, theirs, "Notre chauffe-eau aussi", Duration::days(1)).await;

    for q in ["CHAUFFE eau", "chauffe-éau", "Chauffe-Eau", "chauff EAU"] {
        let hits = search(&app, &token, q).await;
        let found: Vec<i64> = hits
            .iter()
            .map(|h| h["message"]["id"].as_i64().unwrap())
            .collect();
        assert_eq!(found, vec![newer, leak], "query {q:?}");
        assert_eq!(hits[1]["conversation"]["id"], conversation.0);
        assert_eq!(
            hits[1]["conversation"]["contact_name"],
            "Guest +33600000501"
        );
    }
    // Accents in the stored text are folded too.
    assert_eq!(search(&app, &token, "REPARE").await.len(), 1);
    let theirs_found = search(&app, &other.token, "chauffe eau").await;
    assert_eq!(theirs_found.len(), 1);
    assert_eq!(theirs_found[0]["conversation"]["id"], theirs.0);
    assert!(search(&app, &token, "piscine").await.is_empty());

    assert_error(
        app.get("/api/search?q=%20--%20", Some(&token)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        app.get("/api/search?q=eau", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

/// The highest message id in SQLite's full-text index (`None` on PostgreSQL, whose index is a
/// generated column written with the row).
async fn indexed_up_to(app: &TestApp) -> Option<i64> {
    app.state()
        .search_index
        .indexed_up_to()
        .await
        .expect("read the search index's progress")
}

#[actix_web::test]
async fn a_message_enters_the_search_index_in_the_background_off_the_ingest_path() {
    let app = spawn_app_with(&[("SEARCH_INDEX_MS", "50")]).await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let conversation = guest_writes(&app, &token, "+33600000504", "Le portail reste bloqué").await;
    let stored = ids(
        &app,
        &token,
        &format!("/api/conversations/{}/messages", conversation.0),
    )
    .await
    .into_iter()
    .max()
    .expect("the guest's message");
    if indexed_up_to(&app).await.is_some() {
        // No search asks for it: the background run indexes the message.
        eventually("the message is indexed", || async {
            indexed_up_to(&app).await.unwrap() >= stored
        })
        .await;
    }
    let hits = search(&app, &token, "portail bloque").await;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["message"]["id"], stored);
}

#[actix_web::test]
async fn a_search_finds_a_message_stored_a_moment_before_it() {
    // No background indexing: only the search itself can index the message.
    let app = spawn_app_with(&[("SEARCH_INDEX_MS", "0")]).await;
    let token = app.login_demo().await;
    let demo = app.tenant_of(&token).await;
    let conversation = app
        .insert_conversation(demo, "+33600000505", "Bonjour")
        .await;
    let before = indexed_up_to(&app).await;
    let stored = old_message(&app, conversation, "Le portillon grince", Duration::zero()).await;
    if let Some(before) = before {
        assert!(before < stored, "not indexed before the search");
        assert_eq!(indexed_up_to(&app).await, Some(before));
    }
    // A system record (hand-off note) with the same word is not what people look for.
    let record = entity::message::ActiveModel {
        conversation_id: Set(conversation.0),
        sender: Set(Sender::System),
        body: Set("portillon: handoff".to_owned()),
        status: Set(MessageStatus::Received),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .expect("insert a system record")
    .id;
    let hits = search(&app, &token, "PORTILLON").await;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["message"]["id"], stored);
    if indexed_up_to(&app).await.is_some() {
        assert_eq!(indexed_up_to(&app).await, Some(record));
        // Searched again: nothing is indexed twice.
        assert_eq!(search(&app, &token, "portillon").await.len(), 1);
    }
}

#[actix_web::test]
async fn the_search_index_survives_a_restart_and_is_rebuilt_for_an_older_copy_of_the_database() {
    let mut app = spawn_app().await;
    let token = app.login_demo().await;
    let demo = app.tenant_of(&token).await;
    let conversation = app
        .insert_conversation(demo, "+33600000506", "Bonjour")
        .await;
    let kept = old_message(
        &app,
        conversation,
        "La piscine est chauffée",
        Duration::hours(2),
    )
    .await;
    let dropped = old_message(
        &app,
        conversation,
        "La piscine est fermée",
        Duration::hours(1),
    )
    .await;
    assert_eq!(search(&app, &token, "piscine").await.len(), 2);

    app.restart().await;
    let token = app.login_demo().await;
    assert_eq!(search(&app, &token, "piscine").await.len(), 2);
    let Some(up_to) = indexed_up_to(&app).await else {
        return; // PostgreSQL: the index is a column of the row, nothing more to check.
    };
    assert_eq!(up_to, dropped, "the index file is kept across a restart");

    // As if an older backup were restored: the newest message is gone, and the next one stored
    // takes its id — it must not be found by the old message's words.
    app.stop().await;
    for sql in [
        format!("DELETE FROM messages WHERE id = {dropped}"),
        format!("UPDATE sqlite_sequence SET seq = {kept} WHERE name = 'messages'"),
    ] {
        use sea_orm::ConnectionTrait;
        app.db().execute_unprepared(&sql).await.expect(&sql);
    }
    app.start_again().await;
    let token = app.login_demo().await;
    let newer = old_message(
        &app,
        conversation,
        "Le jacuzzi est prêt",
        Duration::minutes(1),
    )
    .await;
    assert_eq!(newer, dropped, "the older copy gives the id again");
    let hits: Vec<i64> = search(&app, &token, "piscine")
        .await
        .iter()
        .map(|h| h["message"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(hits, vec![kept]);
    assert_eq!(search(&app, &token, "fermee").await.len(), 0);
    let jacuzzi = search(&app, &token, "jacuzzi").await;
    assert_eq!(jacuzzi.len(), 1);
    assert_eq!(jacuzzi[0]["message"]["id"], newer);
}
