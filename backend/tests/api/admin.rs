use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app, token_of};

fn valid() -> Value {
    json!({
        "name": "Conciergerie du Lac",
        "email": "Contact@Lac-Annecy.fr",
        "password": "motdepasse-solide",
        "whatsapp_number": "whatsapp:+33450000000",
    })
}

#[actix_web::test]
async fn an_admin_creates_a_conciergerie_that_can_log_in() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;

    let response = app.create_conciergerie(&admin, &valid()).await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["name"], "Conciergerie du Lac");
    assert_eq!(created["email"], "contact@lac-annecy.fr");
    assert_eq!(created["whatsapp_number"], "whatsapp:+33450000000");
    assert_eq!(created["ai_mode"], "auto");
    assert_eq!(created["active"], true);
    assert!(created.get("password").is_none() && created.get("password_hash").is_none());

    let list: Vec<Value> = app
        .get("/api/admin/conciergeries", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let emails: Vec<&str> = list
        .iter()
        .map(|c| c["conciergerie"]["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["demo@example.com", "contact@lac-annecy.fr"]);

    let token = token_of(
        app.login("contact@lac-annecy.fr", "motdepasse-solide")
            .await,
    )
    .await;
    let faqs: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(faqs.is_empty(), "a new conciergerie starts without FAQs");
}

#[actix_web::test]
async fn invalid_conciergeries_are_422_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;

    let cases = [
        ("email", json!("pas-un-email")),
        ("email", json!("a@b")),
        ("password", json!("court")),
        ("whatsapp_number", json!("+33450000000")),
        ("whatsapp_number", json!("whatsapp:+33 4 50")),
        ("name", json!("   ")),
    ];
    for (field, value) in cases {
        let mut body = valid();
        body[field] = value.clone();
        let response = app.create_conciergerie(&admin, &body).await;
        let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(error["field"], field, "{field} = {value}");
    }
    let mut body = valid();
    body["messaging_service_sid"] = json!("MG-too-short");
    let response = app.create_conciergerie(&admin, &body).await;
    let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(error["field"], "messaging_service_sid");

    // None of them was created.
    let list: Vec<Value> = app
        .get("/api/admin/conciergeries", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
}

#[actix_web::test]
async fn a_duplicate_email_or_number_is_a_409() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let response = app.create_conciergerie(&admin, &valid()).await;
    assert_eq!(response.status(), StatusCode::CREATED);

    // Same email, other case.
    let mut body = valid();
    body["email"] = json!("CONTACT@lac-annecy.fr");
    body["whatsapp_number"] = json!("whatsapp:+33450000001");
    let response = app.create_conciergerie(&admin, &body).await;
    assert_error(response, StatusCode::CONFLICT, "conflict").await;

    // The demo conciergerie's email.
    let mut body = valid();
    body["email"] = json!("demo@example.com");
    body["whatsapp_number"] = json!("whatsapp:+33450000002");
    let response = app.create_conciergerie(&admin, &body).await;
    assert_error(response, StatusCode::CONFLICT, "conflict").await;

    // Same WhatsApp number: webhooks could not be routed.
    let mut body = valid();
    body["email"] = json!("autre@lac-annecy.fr");
    let response = app.create_conciergerie(&admin, &body).await;
    assert_error(response, StatusCode::CONFLICT, "conflict").await;

    let list: Vec<Value> = app
        .get("/api/admin/conciergeries", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 2);
}

#[actix_web::test]
async fn creating_a_conciergerie_needs_an_admin_session() {
    let app = spawn_app().await;
    let response = app
        .post_json("/api/admin/conciergeries", None, &valid())
        .await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[actix_web::test]
async fn an_unknown_conciergerie_is_a_404_for_the_admin() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let response = app
        .patch_json(
            "/api/admin/conciergeries/9999",
            &admin,
            &json!({"name": "Fantôme"}),
        )
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
}

/// The platform admin sees a conciergerie's whole team (active or not, with roles and latest
/// logins, never a password hash), and only that conciergerie's; operators cannot ask.
#[actix_web::test]
async fn an_admin_sees_one_conciergeries_team_and_nobody_elses() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let lac = app.new_tenant(&admin, "lac", "whatsapp:+33450000001").await;
    let invited = app
        .post_json(
            "/api/members",
            Some(&lac.token),
            &json!({"email": "marc@lac.fr", "name": "Marc", "role": "agent", "password": "bienvenue-2026"}),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);
    let marc: Value = invited.json().await.unwrap();
    let off = app
        .patch_json(
            &format!("/api/members/{}", marc["id"]),
            &lac.token,
            &json!({"active": false}),
        )
        .await;
    assert_eq!(off.status(), StatusCode::OK);

    let path = format!("/api/admin/conciergeries/{}/members", lac.id);
    let response = app.get(&path, Some(&admin)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let team: Vec<Value> = response.json().await.unwrap();
    let rows: Vec<(&str, &str, &str, bool)> = team
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap(),
                m["email"].as_str().unwrap(),
                m["role"].as_str().unwrap(),
                m["active"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Conciergerie lac", "lac@example.fr", "owner", true),
            ("Marc", "marc@lac.fr", "agent", false),
        ]
    );
    // The owner logged in (`new_tenant` does); Marc never did.
    assert!(team[0]["last_login_at"].is_string(), "{team:?}");
    assert!(team[1].get("last_login_at").is_none(), "{team:?}");
    assert!(team[0]["created_at"].is_string());
    for member in &team {
        assert!(member.get("password_hash").is_none() && member.get("password").is_none());
    }
    // The demo conciergerie's team is its own: Camille alone.
    let demo = app.tenant_of(&app.login_demo().await).await;
    let demo_team: Vec<Value> = app
        .get(
            &format!("/api/admin/conciergeries/{demo}/members"),
            Some(&admin),
        )
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = demo_team
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    assert_eq!(names, ["Camille"]);

    // An operator's session is no admin session, even the conciergerie's own owner's.
    let response = app.get(&path, Some(&lac.token)).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let response = app.get(&path, None).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let response = app
        .get("/api/admin/conciergeries/9999/members", Some(&admin))
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
}
