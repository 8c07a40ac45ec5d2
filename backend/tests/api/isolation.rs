//! Two conciergeries on one server: nothing one of them can call reaches the other's data, and
//! another tenant's id answers exactly like an id that does not exist.

use protocol::ConciergerieId;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app, TestApp};

async fn list(app: &TestApp, path: &str, token: &str) -> Vec<Value> {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.json().await.unwrap()
}

#[actix_web::test]
async fn another_tenants_ids_are_404_on_every_endpoint() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let demo = app.login_demo().await;
    let me: Value = app
        .get("/api/auth/me", Some(&demo))
        .await
        .json()
        .await
        .unwrap();
    let demo_id = ConciergerieId(me["conciergerie"]["id"].as_i64().unwrap());
    let intruder = app
        .new_tenant(&admin, "voisine", "whatsapp:+33600000005")
        .await;

    // The demo tenant's data.
    let conversation = app
        .insert_conversation(demo_id, "+33633333333", "Code de la porte ?")
        .await;
    let faq = list(&app, "/api/faqs", &demo).await[0].clone();
    let faq_id = faq["id"].as_i64().unwrap();
    let request: Value = app
        .post_json(
            "/api/feature-requests",
            Some(&demo),
            &json!({"title": "Statistiques par logement", "priority": "high"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let request_id = request["id"].as_i64().unwrap();

    // The intruder's lists hold none of it.
    assert!(list(&app, "/api/conversations", &intruder.token)
        .await
        .is_empty());
    assert!(list(&app, "/api/faqs", &intruder.token).await.is_empty());
    assert!(list(&app, "/api/feature-requests", &intruder.token)
        .await
        .is_empty());
    let stats: Value = app
        .get("/api/feature-requests/stats", Some(&intruder.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stats["total"], 0);

    // Each id of the demo tenant, tried by the intruder, is a plain 404.
    let t = &intruder.token;
    let attempts = [
        app.get(
            &format!("/api/conversations/{conversation}/messages"),
            Some(t),
        )
        .await,
        app.patch_json(
            &format!("/api/faqs/{faq_id}"),
            t,
            &json!({"answer": "Piraté"}),
        )
        .await,
        app.delete(&format!("/api/faqs/{faq_id}"), t).await,
        app.patch_json(
            &format!("/api/feature-requests/{request_id}"),
            t,
            &json!({"title": "Piraté"}),
        )
        .await,
        app.delete(&format!("/api/feature-requests/{request_id}"), t)
            .await,
    ];
    let mut bodies = Vec::new();
    for response in attempts {
        bodies.push(assert_error(response, StatusCode::NOT_FOUND, "not_found").await);
    }
    // Same answer as for an id that does not exist at all.
    let missing = app.delete("/api/faqs/987654", t).await;
    assert_eq!(
        assert_error(missing, StatusCode::NOT_FOUND, "not_found").await,
        bodies[2]
    );

    // And the demo tenant's data is untouched.
    let faqs = list(&app, "/api/faqs", &demo).await;
    assert_eq!(faqs[0], faq);
    let requests = list(&app, "/api/feature-requests", &demo).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["title"], "Statistiques par logement");
    let messages = list(
        &app,
        &format!("/api/conversations/{conversation}/messages"),
        &demo,
    )
    .await;
    assert_eq!(messages.len(), 1);
}

#[actix_web::test]
async fn settings_are_per_tenant() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let demo = app.login_demo().await;
    let other = app
        .new_tenant(&admin, "bretagne", "whatsapp:+33600000006")
        .await;

    let response = app
        .patch_json(
            "/api/settings",
            &other.token,
            &json!({"ai_mode": "suggest"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let settings: Value = response.json().await.unwrap();
    assert_eq!(settings["ai_mode"], "suggest");
    assert_eq!(settings["name"], "Conciergerie bretagne");

    let demo_settings: Value = app
        .get("/api/settings", Some(&demo))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(demo_settings["ai_mode"], "auto");
    assert_eq!(demo_settings["name"], "Conciergerie Démo");
    assert_eq!(demo_settings["whatsapp_number"], "whatsapp:+14155238886");

    let response = app
        .patch_json("/api/settings", &demo, &json!({"ai_mode": "sometimes"}))
        .await;
    assert_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
}
