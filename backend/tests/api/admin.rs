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
