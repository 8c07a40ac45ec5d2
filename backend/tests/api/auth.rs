use chrono::{Duration, Utc};
use reqwest::{header, StatusCode};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{json, Value};

use crate::helpers::{
    assert_error, spawn_app, token_of, ADMIN_EMAIL, ADMIN_PASSWORD, DEMO_EMAIL, DEMO_PASSWORD,
};

#[actix_web::test]
async fn login_returns_a_token_and_the_conciergerie() {
    let app = spawn_app().await;

    let response = app.login(DEMO_EMAIL, DEMO_PASSWORD).await;

    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .expect("session cookie")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("majordome_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    let body: Value = response.json().await.unwrap();
    let token = body["token"].as_str().unwrap();
    assert!(token.len() >= 43, "token too short for 256 bits: {token}");
    assert_eq!(body["conciergerie"]["email"], DEMO_EMAIL);
    assert_eq!(body["conciergerie"]["name"], "Conciergerie Démo");
    assert_eq!(body["conciergerie"]["ai_mode"], "auto");
    assert!(body["conciergerie"]["id"].is_i64());
    assert!(
        body["conciergerie"].get("password_hash").is_none(),
        "password hash leaked: {body}"
    );
}

#[actix_web::test]
async fn the_session_token_is_stored_hashed() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let sessions = entity::session::Entity::find().all(app.db()).await.unwrap();

    assert_eq!(sessions.len(), 1);
    assert_ne!(sessions[0].token_hash, token);
    assert!(!sessions[0].token_hash.contains(&token));
    assert!(sessions[0].expires_at > Utc::now() + Duration::hours(1));
}

#[actix_web::test]
async fn login_is_case_insensitive_on_the_email() {
    let app = spawn_app().await;
    let response = app.login("  Demo@Example.COM ", DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[actix_web::test]
async fn me_accepts_the_bearer_token() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let response = app.get("/api/auth/me", Some(&token)).await;

    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["conciergerie"]["email"], DEMO_EMAIL);
    // No Twilio credentials nor Anthropic key in tests: both offline engines are reported.
    assert_eq!(body["runtime"]["channel"], "simulator");
    assert_eq!(body["runtime"]["ai"], "offline_faq");
}

#[actix_web::test]
async fn me_accepts_the_session_cookie_and_logout_clears_it() {
    let app = spawn_app().await;
    // `app.api` keeps cookies like a browser, and never sends a bearer header here.
    let login = app
        .api
        .post(app.url("/api/auth/login"))
        .json(&json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);

    let me = app.api.get(app.url("/api/auth/me")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    let body: Value = me.json().await.unwrap();
    assert_eq!(body["conciergerie"]["email"], DEMO_EMAIL);
    let faqs = app.api.get(app.url("/api/faqs")).send().await.unwrap();
    assert_eq!(faqs.status(), StatusCode::OK);

    let logout = app
        .api
        .post(app.url("/api/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let removal = logout
        .headers()
        .get(header::SET_COOKIE)
        .expect("removal cookie")
        .to_str()
        .unwrap();
    assert!(removal.starts_with("majordome_session=;"), "{removal}");

    let me = app.api.get(app.url("/api/auth/me")).send().await.unwrap();
    assert_error(me, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[actix_web::test]
async fn me_without_credentials_is_401() {
    let app = spawn_app().await;
    let response = app.get("/api/auth/me", None).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;

    let response = app.get("/api/auth/me", Some("not-a-real-token")).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[actix_web::test]
async fn wrong_password_and_unknown_email_get_the_same_401() {
    let app = spawn_app().await;

    let wrong_password = app.login(DEMO_EMAIL, "not-the-password").await;
    let wrong_password_status = wrong_password.status();
    let wrong_password_body = wrong_password.text().await.unwrap();
    let unknown_email = app.login("nobody@example.com", "whatever123").await;
    let unknown_email_status = unknown_email.status();
    let unknown_email_body = unknown_email.text().await.unwrap();

    assert_eq!(wrong_password_status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_email_status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_password_body, unknown_email_body);
    let body: Value = serde_json::from_str(&wrong_password_body).unwrap();
    assert_eq!(body["error"]["code"], "invalid_credentials");
}

#[actix_web::test]
async fn failed_login_sets_no_cookie() {
    let app = spawn_app().await;
    let response = app.login(DEMO_EMAIL, "wrong-password").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
}

#[actix_web::test]
async fn repeated_failures_are_rate_limited_even_with_the_right_password() {
    let app = spawn_app().await;

    // Three free failures; then this (email, address) pair must wait a growing delay.
    for attempt in 1..=3 {
        let response = app.login(DEMO_EMAIL, &format!("guess-{attempt}")).await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
    }
    let response = app.login(DEMO_EMAIL, DEMO_PASSWORD).await;

    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = response
        .headers()
        .get(header::RETRY_AFTER)
        .expect("Retry-After header")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=15 * 60).contains(&retry_after),
        "Retry-After {retry_after}"
    );
    assert!(response.headers().get(header::SET_COOKIE).is_none());
    assert_error(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;

    // The lock is per account: the admin can still log in from the same address.
    let admin = app.admin_login_as(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(admin.status(), StatusCode::OK);
}

#[actix_web::test]
async fn an_address_spraying_many_emails_is_rate_limited() {
    let app = spawn_app().await;

    for i in 0..30 {
        let response = app
            .login(&format!("inconnu{i}@example.com"), "password123")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let response = app.login(DEMO_EMAIL, DEMO_PASSWORD).await;

    assert_error(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

#[actix_web::test]
async fn successful_logins_do_not_use_up_the_address_budget() {
    let app = spawn_app().await;
    // A busy office behind one address: many good logins in a row stay welcome.
    for _ in 0..35 {
        app.login_demo().await;
    }
}

#[actix_web::test]
async fn an_expired_session_is_refused() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    assert_eq!(
        app.get("/api/auth/me", Some(&token)).await.status(),
        StatusCode::OK
    );

    let session = entity::session::Entity::find()
        .one(app.db())
        .await
        .unwrap()
        .expect("the login's session row");
    let mut session = session.into_active_model();
    session.expires_at = Set(Utc::now() - Duration::seconds(1));
    session.update(&app.state().db).await.unwrap();

    let response = app.get("/api/auth/me", Some(&token)).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let response = app.get("/api/faqs", Some(&token)).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[actix_web::test]
async fn logout_revokes_the_bearer_token() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let other = app.login_demo().await;

    let response = app
        .post_json("/api/auth/logout", Some(&token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let response = app.get("/api/auth/me", Some(&token)).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    // Only that session ended: another device stays logged in.
    let response = app.get("/api/auth/me", Some(&other)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        entity::session::Entity::find()
            .all(app.db())
            .await
            .unwrap()
            .len(),
        1
    );
}

#[actix_web::test]
async fn logout_without_a_session_is_harmless() {
    let app = spawn_app().await;
    let response = app.post_json("/api/auth/logout", None, &json!({})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[actix_web::test]
async fn admin_login_me_and_logout() {
    let app = spawn_app().await;

    let response = app.admin_login_as(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .expect("admin cookie")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("majordome_admin_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["admin"]["email"], ADMIN_EMAIL);
    assert!(body.get("conciergerie").is_none());
    let token = body["token"].as_str().unwrap().to_owned();

    let me = app.get("/api/admin/auth/me", Some(&token)).await;
    assert_eq!(me.status(), StatusCode::OK);
    let me: Value = me.json().await.unwrap();
    assert_eq!(me["admin"]["email"], ADMIN_EMAIL);

    let logout = app
        .post_json("/api/admin/auth/logout", Some(&token), &json!({}))
        .await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let response = app.get("/api/admin/conciergeries", Some(&token)).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[actix_web::test]
async fn admin_login_with_a_wrong_password_is_401() {
    let app = spawn_app().await;
    let response = app.admin_login_as(ADMIN_EMAIL, "nope-nope").await;
    assert_error(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    // Operator credentials are not admin credentials.
    let response = app.admin_login_as(DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
}

#[actix_web::test]
async fn an_operator_token_is_refused_on_admin_endpoints() {
    let app = spawn_app().await;
    let operator = app.login_demo().await;

    for path in [
        "/api/admin/auth/me",
        "/api/admin/conciergeries",
        "/api/admin/feature-requests",
        "/api/admin/feature-requests/stats",
    ] {
        let response = app.get(path, Some(&operator)).await;
        assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    }
    let response = app
        .create_conciergerie(
            &operator,
            &json!({"name": "Intrus", "email": "intrus@example.fr",
                    "password": "longenough", "whatsapp_number": "whatsapp:+33600000009"}),
        )
        .await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[actix_web::test]
async fn an_admin_token_is_refused_on_operator_endpoints() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;

    for path in [
        "/api/auth/me",
        "/api/faqs",
        "/api/conversations",
        "/api/settings",
    ] {
        let response = app.get(path, Some(&admin)).await;
        assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    }
    let response = app
        .post_json(
            "/api/faqs",
            Some(&admin),
            &json!({"question": "Q ?", "answer": "R."}),
        )
        .await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[actix_web::test]
async fn a_deactivated_conciergerie_loses_its_sessions_and_cannot_log_in() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let tenant = app
        .new_tenant(&admin, "sommeil", "whatsapp:+33600000001")
        .await;

    let response = app
        .patch_json(
            &format!("/api/admin/conciergeries/{}", tenant.id),
            &admin,
            &json!({"active": false}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["active"], false);

    let response = app.get("/api/auth/me", Some(&tenant.token)).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let response = app.login(&tenant.email, "sommeil-password").await;
    assert_error(response, StatusCode::FORBIDDEN, "forbidden").await;
}

#[actix_web::test]
async fn a_password_reset_logs_the_old_sessions_out() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let tenant = app
        .new_tenant(&admin, "oubli", "whatsapp:+33600000002")
        .await;

    let response = app
        .post_json(
            &format!("/api/admin/conciergeries/{}/password", tenant.id),
            Some(&admin),
            &json!({"password": "brand-new-password"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let response = app.get("/api/auth/me", Some(&tenant.token)).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let response = app.login(&tenant.email, "oubli-password").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    token_of(app.login(&tenant.email, "brand-new-password").await).await;
}
