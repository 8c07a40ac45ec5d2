//! The platform admin's API: activity overview, unrouted numbers, health, live board, deactivation.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::token_of;
use crate::support::*;

async fn admin_socket(app: &crate::helpers::TestApp, token: &str) -> Socket {
    let url = format!("ws://127.0.0.1:{}/ws?role=admin", app.port);
    let (_, mut socket) = awc::Client::new()
        .ws(url)
        .bearer_auth(token)
        .connect()
        .await
        .expect("admin WebSocket");
    let hello = next_event(&mut socket, Duration::from_secs(5))
        .await
        .expect("hello");
    assert_eq!(hello["type"], "hello");
    socket
}

#[actix_web::test]
async fn the_conciergerie_list_shows_activity() {
    let (app, _twilio) = twilio_app().await;
    let form = text_webhook(
        "SMD0000000000000000000000000000001",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Bonjour",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let admin = app.admin_login().await;
    let list: Vec<Value> = app
        .get("/api/admin/conciergeries", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let demo = &list[0];
    assert_eq!(demo["conciergerie"]["email"], "demo@example.com");
    assert_eq!(demo["conversations"], 1);
    assert_eq!(demo["messages_last_7_days"], 1);
    assert!(demo["last_activity_at"].is_string());
    // Operators cannot read it.
    let operator = app.login_demo().await;
    assert_eq!(
        app.get("/api/admin/conciergeries", Some(&operator))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[actix_web::test]
async fn assigning_an_unrouted_number_moves_its_messages_into_the_inbox() {
    let (app, _twilio) = twilio_app().await;
    let lost = "whatsapp:+33455555555";
    for (i, body) in ["Premier message", "Deuxième message"].iter().enumerate() {
        let form = text_webhook(
            &format!("SMD000000000000000000000000000001{i}"),
            "whatsapp:+33612345678",
            lost,
            body,
        );
        assert_eq!(
            post_signed(&app, "/webhook/whatsapp", &form).await.status(),
            StatusCode::OK
        );
    }
    let admin = app.admin_login().await;
    let created = app.create_conciergerie(&admin, &json!({"name": "Alpes Clés", "email": "ops@alpes.example", "password": "alpes-secret"})).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    let unrouted: Vec<Value> = app
        .get("/api/admin/unrouted", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unrouted.len(), 2);

    // A conciergerie that already has another number is refused.
    let refused = app
        .post_json(
            &format!("/api/admin/unrouted/{}/assign", unrouted[0]["id"]),
            Some(&admin),
            &json!({"conciergerie_id": 1}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);

    let assigned = app
        .post_json(
            &format!("/api/admin/unrouted/{}/assign", unrouted[0]["id"]),
            Some(&admin),
            &json!({"conciergerie_id": created["id"]}),
        )
        .await;
    assert_eq!(assigned.status(), StatusCode::OK);
    assert_eq!(json(assigned).await["moved"], 2);
    assert!(app
        .get("/api/admin/unrouted", Some(&admin))
        .await
        .json::<Vec<Value>>()
        .await
        .unwrap()
        .is_empty());

    let token = token_of(app.login("ops@alpes.example", "alpes-secret").await).await;
    let inbox: Vec<Value> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(inbox.len(), 1);
    let thread: Vec<Value> = app
        .get(
            &format!("/api/conversations/{}/messages", inbox[0]["id"]),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    let bodies: Vec<&str> = thread.iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["Premier message", "Deuxième message"]);

    // Later webhooks for that number now route directly.
    let form = text_webhook(
        "SMD0000000000000000000000000000020",
        "whatsapp:+33612345678",
        lost,
        "Troisième",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let thread: Vec<Value> = app
        .get(
            &format!("/api/conversations/{}/messages", inbox[0]["id"]),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(thread.len(), 3);
}

#[actix_web::test]
async fn a_deactivated_conciergerie_cannot_log_in_and_its_guests_messages_wait_as_unrouted() {
    let (app, _twilio) = twilio_app().await;
    let admin = app.admin_login().await;
    let operator = app.login_demo().await;
    let off = app
        .patch_json(
            "/api/admin/conciergeries/1",
            &admin,
            &json!({"active": false}),
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(
        app.get("/api/auth/me", Some(&operator)).await.status(),
        StatusCode::UNAUTHORIZED,
        "existing sessions end"
    );
    assert_eq!(
        app.login("demo@example.com", "demo123").await.status(),
        StatusCode::FORBIDDEN
    );

    let form = text_webhook(
        "SMD0000000000000000000000000000030",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Vous êtes là ?",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );

    // Nobody may open the deactivated inbox: the message waits as unrouted, visible to the admin.
    let unrouted: Vec<Value> = app
        .get("/api/admin/unrouted", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unrouted.len(), 1);
    assert_eq!(unrouted[0]["body"], "Vous êtes là ?");
    let on = app
        .patch_json(
            "/api/admin/conciergeries/1",
            &admin,
            &json!({"active": true}),
        )
        .await;
    assert_eq!(on.status(), StatusCode::OK);
    let operator = app.login_demo().await;
    let inbox: Vec<Value> = app
        .get("/api/conversations", Some(&operator))
        .await
        .json()
        .await
        .unwrap();
    assert!(inbox.is_empty(), "{inbox:?}");
}

#[actix_web::test]
async fn the_feature_board_is_live_for_admins_and_authors() {
    let (app, _twilio) = twilio_app().await;
    let admin = app.admin_login().await;
    let operator = app.login_demo().await;
    let mut admin_feed = admin_socket(&app, &admin).await;
    let mut operator_feed = connect_ws(&app, &operator).await;

    let filed = app.post_json("/api/feature-requests", Some(&operator), &json!({"title": "Export CSV des conversations", "description": "Pour la compta", "priority": "high"})).await;
    assert_eq!(filed.status(), StatusCode::CREATED);
    let filed: Value = filed.json().await.unwrap();
    let seen = wait_for(&mut admin_feed, "new request", |e| {
        e["type"] == "feature_request.updated"
    })
    .await;
    assert_eq!(
        seen["feature_request"]["title"],
        "Export CSV des conversations"
    );
    assert_eq!(seen["feature_request"]["author"], "Conciergerie Démo");

    let moved = app
        .patch_json(
            &format!("/api/admin/feature-requests/{}", filed["id"]),
            &admin,
            &json!({"status": "in_progress"}),
        )
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let update = wait_for(&mut operator_feed, "status change", |e| {
        e["type"] == "feature_request.updated" && e["feature_request"]["status"] == "in_progress"
    })
    .await;
    assert_eq!(update["feature_request"]["id"], filed["id"]);
}

#[actix_web::test]
async fn platform_health_counts_failures_and_handoffs() {
    let claude_less = [("AI_BURST_WINDOW_MS", "50")];
    let (app, twilio) = twilio_app_with(&claude_less).await;
    let operator = app.login_demo().await;
    let mut socket = connect_ws(&app, &operator).await;
    // The offline responder cannot answer this: a hand-off.
    let form = text_webhook(
        "SMD0000000000000000000000000000040",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Je voudrais changer les dates de ma réservation",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    wait_for(&mut socket, "hand-off", |e| e["type"] == "ai.handoff").await;
    let note = wait_for(&mut socket, "hold", |e| e["type"] == "message.status").await;
    assert_eq!(note["status"], "queued");
    // And one operator reply that Twilio refuses.
    twilio.set_behaviour(crate::fake_twilio::Behaviour::RejectInvalidNumber);
    let list: Vec<Value> = app
        .get("/api/conversations", Some(&operator))
        .await
        .json()
        .await
        .unwrap();
    app.post_json(
        &format!("/api/conversations/{}/send", list[0]["id"]),
        Some(&operator),
        &json!({"body": "Je regarde"}),
    )
    .await;
    wait_for(&mut socket, "failure", |e| {
        e["type"] == "message.status" && e["status"] == "failed"
    })
    .await;

    let admin = app.admin_login().await;
    let health: Value = app
        .get("/api/admin/health", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(health["handoffs"], 1);
    assert_eq!(health["ai_errors"], 0);
    assert_eq!(health["send_failures"], 1);
    assert_eq!(health["days"].as_array().unwrap().len(), 30);
    let demo = &health["per_conciergerie"][0];
    assert_eq!(demo["name"], "Conciergerie Démo");
    assert_eq!(demo["ai_messages"], 1);
    // Guest, holding message and operator reply; the hand-off note is not a message. The list's
    // "Messages (7 jours)" counts the same way (everything here is recent).
    assert_eq!(demo["messages"], 3);
    let days = health["days"].as_array().unwrap();
    let today = days.last().unwrap();
    assert_eq!(
        (&today["client"], &today["ai"], &today["concierge"]),
        (&json!(1), &json!(1), &json!(1))
    );
    let overview = admin_overview(&app, &admin).await;
    assert_eq!(overview[0].messages_last_7_days, 3);
    assert_eq!(overview[0].ai_share, 0.5);
    assert_eq!(
        app.get("/api/admin/health", Some(&operator)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[actix_web::test]
async fn a_number_changed_by_the_admin_routes_at_once_and_duplicates_name_their_field() {
    let (app, _twilio) = twilio_app().await;
    let admin = app.admin_login().await;
    let changed = app
        .patch_json(
            "/api/admin/conciergeries/1",
            &admin,
            &json!({"whatsapp_number": "whatsapp:+33170000000"}),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let form = text_webhook(
        "SMD0000000000000000000000000000050",
        "whatsapp:+33612345678",
        "whatsapp:+33170000000",
        "Nouveau numéro",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let operator = app.login_demo().await;
    let inbox: Vec<Value> = app
        .get("/api/conversations", Some(&operator))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(inbox.len(), 1, "routed by the new number without a restart");

    let other = app.create_conciergerie(&admin, &json!({"name": "Autre", "email": "autre@example.fr", "password": "autre-secret", "whatsapp_number": "whatsapp:+33170000000"})).await;
    assert_eq!(other.status(), StatusCode::CONFLICT);
    assert_eq!(json(other).await["error"]["field"], "whatsapp_number");
}
