//! Findings 3 and 4: nobody can lock anybody out, guessing is still slowed, and an unknown email
//! costs the same work as a known one. The server sits behind a trusted proxy (`TRUSTED_PROXY`),
//! so each test can play several client addresses through `X-Forwarded-For`.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{spawn_app_with, TestApp, DEMO_EMAIL, DEMO_PASSWORD};

async fn login_from(app: &TestApp, addr: &str, email: &str, password: &str) -> reqwest::Response {
    app.fresh_client()
        .post(app.url("/api/auth/login"))
        .header("X-Forwarded-For", addr)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("login request")
}

async fn behind_proxy() -> TestApp {
    spawn_app_with(&[("TRUSTED_PROXY", "127.0.0.1")]).await
}

#[actix_web::test]
async fn failures_from_one_address_never_refuse_the_right_password_from_another() {
    let app = behind_proxy().await;
    // An attacker keeps failing on the demo account, past any delay.
    let mut throttled = false;
    for i in 0..12 {
        let status = login_from(&app, "203.0.113.66", DEMO_EMAIL, &format!("guess-{i}"))
            .await
            .status();
        assert!(
            status == StatusCode::UNAUTHORIZED || status == StatusCode::TOO_MANY_REQUESTS,
            "{status}"
        );
        throttled |= status == StatusCode::TOO_MANY_REQUESTS;
    }
    assert!(throttled, "the guesser was never slowed down");

    // The real operator, from the office, gets in at once.
    let response = login_from(&app, "198.51.100.7", DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[actix_web::test]
async fn a_throttled_owner_waits_seconds_not_a_lock_out() {
    let app = behind_proxy().await;
    let addr = "203.0.113.10";
    // Typos until the server asks to slow down.
    let mut retry_after = None;
    for i in 0..10 {
        let response = login_from(&app, addr, DEMO_EMAIL, &format!("typo-{i}")).await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            let secs: u64 = response.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            retry_after = Some(secs);
            break;
        }
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let retry_after = retry_after.expect("typos were never slowed down");
    // A short delay that grows, not the old 15-minute lock renewable forever.
    assert!((1..=8).contains(&retry_after), "Retry-After {retry_after}");

    // Retried as a client honouring Retry-After would, the right password gets in.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let response = login_from(&app, addr, DEMO_EMAIL, DEMO_PASSWORD).await;
        if response.status() == StatusCode::OK {
            break;
        }
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(Instant::now() < deadline, "still throttled after 30 s");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The delays grow: each failure past the free ones doubles the wait. The first delay is set to
/// 5 s here so that the doubling shows through the time a password check takes in a debug build
/// (the wait counts from the failed attempt's start).
#[actix_web::test]
async fn each_further_failure_doubles_the_wait() {
    let app = spawn_app_with(&[
        ("TRUSTED_PROXY", "127.0.0.1"),
        ("LOGIN_FIRST_DELAY_SECS", "5"),
    ])
    .await;
    let addr = "203.0.113.11";
    let retry_after = |response: &reqwest::Response| -> u64 {
        response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let mut first = None;
    for i in 0..10 {
        let response = login_from(&app, addr, DEMO_EMAIL, &format!("typo-{i}")).await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            first = Some(retry_after(&response));
            break;
        }
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let first = first.expect("typos were never slowed down");
    assert!((1..=5).contains(&first), "Retry-After {first}");

    // Once the wait is over, one more typo: the next wait is about twice as long.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let response = login_from(&app, addr, DEMO_EMAIL, "one-more-typo").await;
        if response.status() == StatusCode::UNAUTHORIZED {
            break;
        }
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(Instant::now() < deadline, "still throttled after 30 s");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let response = login_from(&app, addr, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let second = retry_after(&response);
    assert!(
        second > first && second <= 10,
        "Retry-After {first}, then {second}"
    );
}

#[actix_web::test]
async fn spraying_from_a_shared_address_cannot_lock_out_its_known_accounts() {
    let app = behind_proxy().await;
    let office = "198.51.100.20";
    // The operator logged in from the office before.
    let response = login_from(&app, office, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);

    // Someone behind the same address sprays one guess on many accounts.
    for i in 0..30 {
        let response = login_from(
            &app,
            office,
            &format!("victim{i}@example.com"),
            "Summer2026",
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let response = login_from(&app, office, "victim99@example.com", "Summer2026").await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);

    // The known account still gets in from there.
    let response = login_from(&app, office, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[actix_web::test]
async fn a_forwarded_header_from_an_untrusted_peer_does_not_dodge_the_limiter() {
    // No TRUSTED_PROXY: X-Forwarded-For is the client's own claim and is ignored, so a sprayer
    // forging a new address per attempt still spends one address budget.
    let app = spawn_app_with(&[]).await;
    for i in 0..30 {
        let response = login_from(
            &app,
            &format!("203.0.113.{i}"),
            &format!("victim{i}@example.com"),
            "wrong",
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let response = login_from(&app, "203.0.113.200", "victim99@example.com", "wrong").await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn unknown_emails_never_pay_for_the_dummy_hash() {
    let app = behind_proxy().await;
    // Spread over several blocking threads, as spaced-out requests are.
    let logins = (0..6).map(|i| {
        let app = &app;
        async move {
            login_from(
                app,
                &format!("192.0.2.{i}"),
                &format!("nobody{i}@example.com"),
                "x",
            )
            .await
        }
    });
    // Computed when the server was built, before any unknown email asked for it.
    assert_eq!(majordome::auth::password::dummy_hashes_computed(), 1);
    for response in futures_util::future::join_all(logins).await {
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // And never again, whichever blocking thread verified each login.
    assert_eq!(majordome::auth::password::dummy_hashes_computed(), 1);
}
