//! Issue 10, bounded work: the guest simulator and the login endpoints have request-rate limits
//! (`governor` token buckets), answered `429` with `Retry-After`.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{assert_error, spawn_app_with};

#[actix_web::test]
async fn the_simulator_is_rate_limited_per_conciergerie() {
    let app = spawn_app_with(&[
        ("SIMULATOR_RATE_PER_MIN", "6"),
        ("SIMULATOR_BURST", "3"),
        ("AI_BURST_WINDOW_MS", "60000"),
    ])
    .await;
    let token = app.login_demo().await;
    let simulate = |n: usize| {
        let (app, token) = (&app, token.clone());
        async move {
            app.post_json(
                "/api/simulator/messages",
                Some(&token),
                &json!({"from": "+33611111111", "body": format!("message {n}")}),
            )
            .await
        }
    };
    for n in 0..3 {
        assert_eq!(
            simulate(n).await.status(),
            StatusCode::ACCEPTED,
            "message {n}"
        );
    }
    assert_rate_limited(simulate(3).await, 1..=10).await;

    // Another conciergerie simulates on its own allowance.
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "voisine", "whatsapp:+33499999999")
        .await;
    let response = app
        .post_json(
            "/api/simulator/messages",
            Some(&other.token),
            &json!({"from": "+33622222222", "body": "bonjour"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
}

#[actix_web::test]
async fn login_requests_are_rate_limited_per_address_whatever_their_outcome() {
    let app = spawn_app_with(&[("LOGIN_RATE_PER_MIN", "60"), ("LOGIN_BURST", "4")]).await;
    for _ in 0..4 {
        assert_eq!(
            app.login("demo@example.com", "demo123").await.status(),
            StatusCode::OK
        );
    }
    let refused = app.login("demo@example.com", "demo123").await;
    assert!(refused.headers().contains_key("retry-after"));
    assert_error(refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // The admin login shares the per-address budget: it costs the same argon2 hash.
    let admin = app.admin_login_as("admin@example.com", "admin123").await;
    assert_eq!(admin.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// The public attachment files are the one unauthenticated endpoint, besides login, that reads
/// the database and answers with data: limited per client address, like the login, without
/// touching anyone else's fetches (Twilio's).
#[actix_web::test]
async fn public_files_are_rate_limited_per_address() {
    let (app, _twilio) = crate::support::twilio_app_with(&[
        ("MEDIA_RATE_PER_MIN", "60"),
        ("MEDIA_BURST", "3"),
        ("TRUSTED_PROXY", "127.0.0.1"),
    ])
    .await;
    crate::support::quiet_ai(&app).await;
    let (token, id) = crate::outbound::guest_wrote(&app).await;
    let file = crate::attachments::uploaded(&app, &token, id, crate::attachments::png()).await;
    let fetch = |from: &'static str| {
        let (app, url) = (&app, file.url.clone());
        async move {
            app.fresh_client()
                .get(app.url(&url))
                .header("X-Forwarded-For", from)
                .send()
                .await
                .expect("fetch")
        }
    };
    for n in 0..3 {
        assert_eq!(fetch("203.0.113.9").await.status(), StatusCode::OK, "{n}");
    }
    assert_rate_limited(fetch("203.0.113.9").await, 1..=2).await;
    // Guessed ids spend the same allowance: the limit comes before the database.
    let guessed = app
        .fresh_client()
        .get(app.url(&format!("/media/out/{}", "0".repeat(32))))
        .header("X-Forwarded-For", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_eq!(guessed.status(), StatusCode::TOO_MANY_REQUESTS);

    // Twilio, fetching from its own addresses, is not affected.
    let twilio = fetch("198.51.100.44").await;
    assert_eq!(twilio.status(), StatusCode::OK);
    assert_eq!(
        twilio.bytes().await.unwrap().to_vec(),
        crate::attachments::png()
    );
}

/// A 429 `rate_limited` whose `Retry-After` (in seconds) lies in `expected`.
async fn assert_rate_limited(refused: reqwest::Response, expected: std::ops::RangeInclusive<u64>) {
    let retry_after: u64 = refused
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!(expected.contains(&retry_after), "{retry_after}");
    assert_error(refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}
