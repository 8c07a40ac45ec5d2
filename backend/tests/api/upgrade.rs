//! A database written by release 0.1.0 opens with this release: the migrations run in place,
//! nothing is lost, and the new tables work.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::spawn_app_with;

#[actix_web::test]
async fn a_0_1_0_database_upgrades_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db-0.1.0.sqlite");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/db-0.1.0.sqlite"
        ),
        &path,
    )
    .unwrap();
    // The fixture is read-only in the repository; its copy must be writable.
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&path, permissions).unwrap();
    let url = format!("sqlite://{}?mode=rwc", path.display());

    let app = spawn_app_with(&[("DATABASE_URL", &url)]).await;
    let token = app.login_demo().await;

    // The old data is all there.
    let conversations: Vec<Value> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(conversations.len(), 3);
    let faqs: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(faqs.len(), 9, "the demo FAQs and the extra entry");
    assert!(faqs
        .iter()
        .all(|f| f["property_id"].is_null() && f["sensitive"] == false));
    let thread: Vec<Value> = app
        .get(
            &format!("/api/conversations/{}/messages", conversations[0]["id"]),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(!thread.is_empty());
    // Demo properties are for new databases only.
    let properties: Vec<Value> = app
        .get("/api/properties", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(properties.is_empty());

    // The new tables and columns work.
    let created: Value = app
        .post_json("/api/properties", Some(&token), &json!({"name": "Loft"}))
        .await
        .json()
        .await
        .unwrap();
    let property = created["id"].as_i64().unwrap();
    let entry = app
        .patch_json(
            &format!("/api/faqs/{}", faqs[0]["id"]),
            &token,
            &json!({"property_id": property, "sensitive": true}),
        )
        .await;
    assert_eq!(entry.status(), StatusCode::OK);
    let stay = app
        .post_json(
            "/api/stays",
            Some(&token),
            &json!({"property_id": property, "guest_name": "Ana", "arrival": "2026-12-01", "departure": "2026-12-04"}),
        )
        .await;
    assert_eq!(stay.status(), StatusCode::CREATED);
    let new_faq = app
        .post_json(
            "/api/faqs",
            Some(&token),
            &json!({"question": "Parking ?", "answer": "Place 12."}),
        )
        .await;
    assert_eq!(new_faq.status(), StatusCode::CREATED);

    // And it opens again (the migrations are not re-run destructively).
    let mut app = app;
    app.restart().await;
    let token = app.login_demo().await;
    let faqs: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(faqs.len(), 10);
}

/// The search index is built for the messages a 0.1.0 database already holds.
#[actix_web::test]
async fn messages_written_before_the_upgrade_are_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db-0.1.0.sqlite");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/db-0.1.0.sqlite"
        ),
        &path,
    )
    .unwrap();
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&path, permissions).unwrap();
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let app = spawn_app_with(&[("DATABASE_URL", &url)]).await;
    let token = app.login_demo().await;

    let hits: Vec<Value> = app
        .get("/api/search?q=A%20QUELLE%20heure%20check", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits.len(), 3, "{hits:?}");
    let one: Vec<Value> = app
        .get("/api/search?q=ancien%202", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one.len(), 1);
    assert!(one[0]["message"]["body"]
        .as_str()
        .unwrap()
        .contains("(ancien 2)"));
}
