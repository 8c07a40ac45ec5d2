//! Automations: clear errors for bad rules, and nothing of one conciergerie's automations and
//! scheduled messages visible to another.

use majordome::automations::run_once;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app_with};

#[actix_web::test]
async fn bad_automations_are_refused_by_field() {
    let app = spawn_app_with(&[("AUTOMATION_INTERVAL_SECS", "0")]).await;
    let token = app.login_demo().await;
    let post = |body: Value| {
        let (app, token) = (&app, &token);
        async move { app.post_json("/api/automations", Some(token), &body).await }
    };
    let valid = json!({"name": "Veille", "anchor": "arrival", "offset_days": -1,
                       "send_time": "18h", "body": "À demain {{guest_name}} !"});
    let created = post(valid.clone()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["send_time"], "18:00", "French times are read");
    assert_eq!(created["enabled"], true);

    for (field, patch) in [
        ("send_time", json!({"send_time": "6pm"})),
        ("offset_days", json!({"offset_days": 400})),
        ("body", json!({"body": "  "})),
        ("name", json!({"name": ""})),
        ("content_sid", json!({"content_sid": "HX12"})),
        (
            "content_variables",
            json!({"content_variables": {"1": "{{guest_name}}"}}),
        ),
    ] {
        let mut body = valid.clone();
        body.as_object_mut()
            .unwrap()
            .extend(patch.as_object().unwrap().clone());
        let error = assert_error(
            post(body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(error["field"], field, "{error}");
    }
    let mut unknown_anchor = valid.clone();
    unknown_anchor["anchor"] = json!("checkout");
    assert!(post(unknown_anchor).await.status().is_client_error());
}

#[actix_web::test]
async fn another_tenants_automations_and_scheduled_messages_are_invisible() {
    let app = spawn_app_with(&[("AUTOMATION_INTERVAL_SECS", "0")]).await;
    let demo = app.login_demo().await;
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "alpes", "whatsapp:+33700000002")
        .await;
    let chalet = app.new_property(&other.token, "Chalet").await;
    let zoe: Value = app
        .post_json(
            "/api/stays",
            Some(&other.token),
            &json!({"property_id": chalet, "guest_name": "Zoé", "arrival": "2099-12-20", "departure": "2099-12-27"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let created = app
        .post_json(
            "/api/automations",
            Some(&other.token),
            &json!({"name": "Veille", "anchor": "arrival", "offset_days": -1, "send_time": "18:00", "body": "À demain"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    run_once(app.state(), chrono::Utc::now()).await.unwrap();
    let theirs: Vec<Value> = app
        .get(
            &format!("/api/stays/{}/scheduled", zoe["id"]),
            Some(&other.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs.len(), 1, "planned for their stay");

    let ours: Vec<Value> = app
        .get("/api/automations", Some(&demo))
        .await
        .json()
        .await
        .unwrap();
    assert!(ours.iter().all(|a| a["name"] != "Veille"));
    assert_error(
        app.get(&format!("/api/stays/{}/scheduled", zoe["id"]), Some(&demo))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.post_json(
            &format!("/api/scheduled/{}/cancel", theirs[0]["id"]),
            Some(&demo),
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Nor can an automation of ours name their property.
    let borrowed = app
        .post_json(
            "/api/automations",
            Some(&demo),
            &json!({"property_id": chalet, "name": "X", "anchor": "arrival", "offset_days": 0, "send_time": "18:00", "body": "x"}),
        )
        .await;
    assert_error(borrowed, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
}
