use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app, TestApp};

async fn file(app: &TestApp, token: &str, title: &str, priority: &str) -> Value {
    let response = app
        .post_json(
            "/api/feature-requests",
            Some(token),
            &json!({"title": title, "description": format!("Détails : {title}"), "priority": priority}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn list(app: &TestApp, path: &str, token: &str) -> Vec<Value> {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.json().await.unwrap()
}

#[actix_web::test]
async fn an_operator_files_edits_and_deletes_its_request() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let created = file(&app, &token, "Export CSV des conversations", "high").await;
    assert_eq!(created["status"], "pending");
    assert_eq!(created["priority"], "high");
    assert_eq!(created["author"], "Conciergerie Démo");
    assert_eq!(
        created["description"],
        "Détails : Export CSV des conversations"
    );
    let id = created["id"].as_i64().unwrap();

    let listed = list(&app, "/api/feature-requests", &token).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id);

    let response = app
        .patch_json(
            &format!("/api/feature-requests/{id}"),
            &token,
            &json!({"title": "Export CSV", "priority": "low"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let updated: Value = response.json().await.unwrap();
    assert_eq!(updated["title"], "Export CSV");
    assert_eq!(updated["priority"], "low");
    assert_eq!(updated["status"], "pending");
    assert_eq!(
        updated["description"],
        "Détails : Export CSV des conversations"
    );

    let response = app
        .delete(&format!("/api/feature-requests/{id}"), &token)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(list(&app, "/api/feature-requests", &token).await.is_empty());
}

#[actix_web::test]
async fn priority_defaults_to_medium_and_must_be_known() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let response = app
        .post_json(
            "/api/feature-requests",
            Some(&token),
            &json!({"title": "Mode sombre"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["priority"], "medium");
    assert_eq!(created["description"], "");

    let response = app
        .post_json(
            "/api/feature-requests",
            Some(&token),
            &json!({"title": "Urgent", "priority": "critical"}),
        )
        .await;
    assert_error(response, StatusCode::BAD_REQUEST, "bad_request").await;

    let response = app
        .post_json(
            "/api/feature-requests",
            Some(&token),
            &json!({"title": "  ", "priority": "low"}),
        )
        .await;
    let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(error["field"], "title");
    assert_eq!(list(&app, "/api/feature-requests", &token).await.len(), 1);
}

#[actix_web::test]
async fn an_operator_cannot_change_the_status() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let created = file(&app, &token, "Réponses rapides", "medium").await;
    let id = created["id"].as_i64().unwrap();

    let response = app
        .patch_json(
            &format!("/api/feature-requests/{id}"),
            &token,
            &json!({"status": "completed"}),
        )
        .await;

    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    let listed = list(&app, "/api/feature-requests", &token).await;
    assert_eq!(listed[0]["status"], "pending");
}

#[actix_web::test]
async fn operators_see_only_their_own_requests() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let demo = app.login_demo().await;
    let other = app
        .new_tenant(&admin, "riviera", "whatsapp:+33600000003")
        .await;

    let mine = file(&app, &demo, "Traduction automatique", "high").await;
    let theirs = file(&app, &other.token, "Calendrier des réservations", "low").await;

    let demo_list = list(&app, "/api/feature-requests", &demo).await;
    assert_eq!(demo_list.len(), 1);
    assert_eq!(demo_list[0]["id"], mine["id"]);
    let other_list = list(&app, "/api/feature-requests", &other.token).await;
    assert_eq!(other_list.len(), 1);
    assert_eq!(other_list[0]["id"], theirs["id"]);

    let stats: Value = app
        .get("/api/feature-requests/stats", Some(&demo))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stats["total"], 1);
}

#[actix_web::test]
async fn admins_see_all_requests_with_their_author_and_manage_them() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let demo = app.login_demo().await;
    let other = app
        .new_tenant(&admin, "alpes", "whatsapp:+33600000004")
        .await;
    let a = file(&app, &demo, "Tableau de bord mobile", "high").await;
    let b = file(&app, &other.token, "Intégration Airbnb", "medium").await;
    let c = file(&app, &other.token, "Signature électronique", "low").await;

    for path in ["/api/admin/feature-requests", "/api/feature-requests"] {
        let all = list(&app, path, &admin).await;
        assert_eq!(all.len(), 3, "{path}");
        // Newest first.
        assert_eq!(all[0]["id"], c["id"]);
        assert_eq!(all[2]["id"], a["id"]);
        assert_eq!(all[0]["author"], "Conciergerie alpes");
        assert_eq!(all[2]["author"], "Conciergerie Démo");
        assert_eq!(all[2]["conciergerie_id"], a["conciergerie_id"]);
    }

    // The admin moves requests along the workflow.
    for (request, status) in [(&a, "in_progress"), (&b, "completed")] {
        let response = app
            .patch_json(
                &format!("/api/admin/feature-requests/{}", request["id"]),
                &admin,
                &json!({"status": status}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let updated: Value = response.json().await.unwrap();
        assert_eq!(updated["status"], status);
    }
    // The operator sees the new status of its own request.
    let demo_list = list(&app, "/api/feature-requests", &demo).await;
    assert_eq!(demo_list[0]["status"], "in_progress");

    // Filters.
    let in_progress = list(
        &app,
        "/api/admin/feature-requests?status=in_progress",
        &admin,
    )
    .await;
    assert_eq!(in_progress.len(), 1);
    assert_eq!(in_progress[0]["id"], a["id"]);
    let pending = list(&app, "/api/admin/feature-requests?status=pending", &admin).await;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0]["id"], c["id"]);
    let low = list(&app, "/api/admin/feature-requests?priority=low", &admin).await;
    assert_eq!(low.len(), 1);
    assert_eq!(low[0]["id"], c["id"]);
    let response = app
        .get("/api/admin/feature-requests?status=bogus", Some(&admin))
        .await;
    assert_error(response, StatusCode::BAD_REQUEST, "bad_request").await;

    // Stats.
    let stats: Value = app
        .get("/api/admin/feature-requests/stats", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        stats,
        json!({"total": 3, "pending": 1, "in_progress": 1, "completed": 1, "rejected": 0})
    );

    // The admin may delete anyone's request.
    let response = app
        .delete(&format!("/api/admin/feature-requests/{}", b["id"]), &admin)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(list(&app, "/api/feature-requests", &other.token)
        .await
        .iter()
        .all(|r| r["id"] != b["id"]));
}

#[actix_web::test]
async fn a_request_filed_by_an_admin_is_signed_majordome() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;

    let response = app
        .post_json(
            "/api/admin/feature-requests",
            Some(&admin),
            &json!({"title": "Feuille de route T3", "priority": "medium"}),
        )
        .await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["author"], "Majordome");
    assert!(created["conciergerie_id"].is_null());
    // Operators do not see it.
    let demo = app.login_demo().await;
    assert!(list(&app, "/api/feature-requests", &demo).await.is_empty());
}
