//! Concurrent requests must not slip past checks that sequential ones respect.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{spawn_app, DEMO_EMAIL};

#[actix_web::test]
async fn concurrent_duplicate_conciergeries_give_one_201_and_409s() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;

    let bodies: Vec<_> = (0..6)
        .map(|i| {
            json!({"name": format!("Doublon {i}"), "email": "doublon@example.fr",
                   "password": "longenough", "whatsapp_number": format!("whatsapp:+3361000000{i}")})
        })
        .collect();
    let attempts = bodies
        .iter()
        .map(|body| app.create_conciergerie(&admin, body));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(attempts)
        .await
        .iter()
        .map(|r| r.status())
        .collect();

    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
}

#[actix_web::test]
async fn a_burst_of_concurrent_guesses_is_still_limited() {
    let app = spawn_app().await;

    let passwords: Vec<String> = (0..20).map(|i| format!("guess-{i}")).collect();
    let guesses = passwords.iter().map(|p| app.login(DEMO_EMAIL, p));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(guesses)
        .await
        .iter()
        .map(|r| r.status())
        .collect();

    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert!(checked <= 5, "{checked} passwords checked: {statuses:?}");
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::UNAUTHORIZED || *s == StatusCode::TOO_MANY_REQUESTS));
}
