//! The WebSocket feed: authentication, origin checks and tenant isolation.

use std::time::Duration;

use reqwest::StatusCode;

use crate::support::*;

#[actix_web::test]
async fn a_conciergerie_never_receives_another_conciergeries_events() {
    let (app, _twilio) = twilio_app().await;
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "lyon", "whatsapp:+33478000000")
        .await;
    let demo = app.login_demo().await;
    let mut demo_socket = connect_ws(&app, &demo).await;
    let mut other_socket = connect_ws(&app, &other.token).await;

    let form = text_webhook(
        "SMA0000000000000000000000000000001",
        "whatsapp:+33612345678",
        "whatsapp:+33478000000",
        "Pour Lyon seulement",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let event = wait_for(&mut other_socket, "message.created", |e| {
        e["type"] == "message.created"
    })
    .await;
    assert_eq!(event["message"]["body"], "Pour Lyon seulement");

    let form = text_webhook(
        "SMA0000000000000000000000000000002",
        "whatsapp:+33698765432",
        DEMO_NUMBER,
        "Pour la démo",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let event = wait_for(&mut demo_socket, "message.created", |e| {
        e["type"] == "message.created"
    })
    .await;
    assert_eq!(event["message"]["body"], "Pour la démo");

    // Whatever each socket still has queued belongs to its own tenant only.
    while let Some(event) = next_event(&mut demo_socket, Duration::from_millis(500)).await {
        assert!(!event.to_string().contains("Lyon"), "demo saw {event}");
    }
    while let Some(event) = next_event(&mut other_socket, Duration::from_millis(500)).await {
        assert!(!event.to_string().contains("démo"), "lyon saw {event}");
    }
}

#[actix_web::test]
async fn the_websocket_requires_a_session_and_checks_the_origin_of_cookie_sessions() {
    let (app, _twilio) = twilio_app().await;
    let url = format!("ws://127.0.0.1:{}/ws", app.port);
    let anonymous = awc::Client::new().ws(url.as_str()).connect().await;
    assert!(anonymous.is_err(), "no session, no socket");

    let token = app.login_demo().await;
    let cookie = format!("{}={token}", protocol::paths::SESSION_COOKIE);
    let cross_site = awc::Client::new()
        .ws(url.as_str())
        .origin("https://evil.example")
        .header("Cookie", cookie.clone())
        .connect()
        .await;
    assert!(
        cross_site.is_err(),
        "a foreign origin cannot ride the cookie"
    );

    let same_origin = awc::Client::new()
        .ws(url.as_str())
        .origin(format!("http://127.0.0.1:{}", app.port))
        .header("Cookie", cookie)
        .connect()
        .await;
    assert!(
        same_origin.is_ok(),
        "our own page may connect with its cookie"
    );

    // An admin token is not an operator session.
    let admin = app.admin_login().await;
    assert!(awc::Client::new()
        .ws(url.as_str())
        .bearer_auth(&admin)
        .connect()
        .await
        .is_err());
    let admin_feed = awc::Client::new()
        .ws(format!("{url}?role=admin"))
        .bearer_auth(&admin)
        .connect()
        .await;
    assert!(admin_feed.is_ok());
}
