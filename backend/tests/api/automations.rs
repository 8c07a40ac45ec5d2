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

/// Sophie (demo data) arrives in a week.
async fn sophies_rows(app: &crate::helpers::TestApp, token: &str, automation: i64) -> Vec<Value> {
    let stays: Vec<Value> = app
        .get("/api/stays", Some(token))
        .await
        .json()
        .await
        .unwrap();
    let sophie = stays
        .iter()
        .find(|s| s["guest_name"] == "Sophie Laurent")
        .expect("Sophie's stay")["id"]
        .clone();
    let rows: Vec<Value> = app
        .get(&format!("/api/stays/{sophie}/scheduled"), Some(token))
        .await
        .json()
        .await
        .unwrap();
    rows.into_iter()
        .filter(|r| r["automation_id"] == automation)
        .collect()
}

/// A planned time as the demo properties' clock (Paris) shows it.
fn paris_time(due_at: &Value) -> String {
    due_at
        .as_str()
        .unwrap()
        .parse::<chrono::DateTime<chrono::Utc>>()
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%H:%M")
        .to_string()
}

#[actix_web::test]
async fn an_automation_is_edited_disabled_enabled_and_deleted() {
    let app = spawn_app_with(&[("AUTOMATION_INTERVAL_SECS", "0")]).await;
    let token = app.login_demo().await;
    let created: Value = app
        .post_json(
            "/api/automations",
            Some(&token),
            &json!({"name": "Lendemain", "anchor": "arrival", "offset_days": 1,
                    "send_time": "10:00", "body": "Tout va bien ?"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().unwrap();
    let path = format!("/api/automations/{id}");
    let now = chrono::Utc::now();
    run_once(app.state(), now).await.unwrap();
    let planned = sophies_rows(&app, &token, id).await;
    assert_eq!(planned.len(), 1, "{planned:?}");
    assert_eq!(
        paris_time(&planned[0]["due_at"]),
        "10:00",
        "the property's wall clock"
    );

    // Edited: a new time re-plans the message, the rest of the rule is kept.
    let edited = app
        .patch_json(
            &path,
            &token,
            &json!({"send_time": "11h30", "body": "Bien installés ?"}),
        )
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(
        (
            &edited["send_time"],
            &edited["body"],
            &edited["name"],
            &edited["offset_days"]
        ),
        (
            &json!("11:30"),
            &json!("Bien installés ?"),
            &json!("Lendemain"),
            &json!(1)
        )
    );
    run_once(app.state(), now).await.unwrap();
    let replanned = sophies_rows(&app, &token, id).await;
    assert_eq!(replanned.len(), 1, "{replanned:?}");
    assert_eq!(paris_time(&replanned[0]["due_at"]), "11:30");

    // Disabled: its pending message is dropped and not planned again; enabled: back.
    let disabled = app
        .patch_json(&path, &token, &json!({"enabled": false}))
        .await;
    assert_eq!(disabled.json::<Value>().await.unwrap()["enabled"], false);
    run_once(app.state(), now).await.unwrap();
    assert!(sophies_rows(&app, &token, id).await.is_empty());
    app.patch_json(&path, &token, &json!({"enabled": true}))
        .await;
    run_once(app.state(), now).await.unwrap();
    assert_eq!(sophies_rows(&app, &token, id).await.len(), 1);

    // A template added then removed; bad values refused by field.
    let sid = format!("HX{}", "0123456789abcdef".repeat(2));
    let templated: Value = app
        .patch_json(
            &path,
            &token,
            &json!({"content_sid": sid, "content_variables": {"1": "{{guest_name}}"}}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(templated["content_sid"], sid);
    assert_eq!(
        templated["content_variables"],
        json!({"1": "{{guest_name}}"})
    );
    let error = assert_error(
        app.patch_json(&path, &token, &json!({"content_sid": null}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        error["field"], "content_variables",
        "variables need the template"
    );
    let cleared: Value = app
        .patch_json(
            &path,
            &token,
            &json!({"content_sid": null, "content_variables": {}}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cleared["content_sid"], Value::Null);
    let error = assert_error(
        app.patch_json(&path, &token, &json!({"offset_days": 99}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(error["field"], "offset_days");

    // Another conciergerie can neither edit nor delete it.
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "alpes", "whatsapp:+33700000002")
        .await;
    for response in [
        app.patch_json(&path, &other.token, &json!({"enabled": false}))
            .await,
        app.delete(&path, &other.token).await,
    ] {
        assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    }

    // Deleted, with its planned messages.
    let deleted = app.delete(&path, &token).await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let list: Vec<Value> = app
        .get("/api/automations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(list.iter().all(|a| a["id"] != id));
    assert!(sophies_rows(&app, &token, id).await.is_empty());
    assert_error(
        app.delete(&path, &token).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}
