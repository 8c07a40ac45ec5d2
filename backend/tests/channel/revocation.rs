//! Finding 2: an open WebSocket must not outlive its session. Logout, password reset,
//! deactivation and expiry close it with code 4001; a deactivated conciergerie's number routes
//! nothing, and its guests' messages are kept as unrouted for the admin.

use std::time::Duration;

use awc::ws::Frame;
use futures_util::{SinkExt, StreamExt};
use majordome::auth::session;
use protocol::events::WS_CLOSE_SESSION_ENDED;
use protocol::ConciergerieId;
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::DEMO_EMAIL;
use crate::support::*;

/// The promise: a revoked session's sockets are closed within a second.
const WITHIN: Duration = Duration::from_secs(1);

/// Reads frames until the server closes the socket, which must happen within `WITHIN` from now;
/// its close code and reason.
async fn closed_with(socket: &mut Socket) -> (u16, String) {
    closed_by(socket, tokio::time::Instant::now() + WITHIN).await
}

/// Reads frames until the server closes the socket, before `deadline`.
async fn closed_by(socket: &mut Socket, deadline: tokio::time::Instant) -> (u16, String) {
    loop {
        let frame = tokio::time::timeout_at(deadline, socket.next())
            .await
            .expect("the socket was not closed in time")
            .expect("the socket ended without a close frame")
            .expect("WebSocket frame");
        match frame {
            Frame::Close(Some(reason)) => {
                return (reason.code.into(), reason.description.unwrap_or_default())
            }
            Frame::Close(None) => panic!("closed without a code"),
            Frame::Ping(p) => socket.send(awc::ws::Message::Pong(p)).await.expect("pong"),
            _ => {}
        }
    }
}

async fn demo_id(app: &crate::helpers::TestApp, admin: &str) -> i64 {
    let list: serde_json::Value = app
        .get("/api/admin/conciergeries", Some(admin))
        .await
        .json()
        .await
        .unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c["conciergerie"]["email"] == DEMO_EMAIL || c["email"] == DEMO_EMAIL)
        .and_then(|c| c["conciergerie"]["id"].as_i64().or(c["id"].as_i64()))
        .expect("demo conciergerie listed")
}

#[actix_web::test]
async fn logout_closes_the_sessions_open_socket_and_only_it() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let other = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let mut other_socket = connect_ws(&app, &other).await;

    let response = app
        .post_json("/api/auth/logout", Some(&token), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let (code, reason) = closed_with(&mut socket).await;
    assert_eq!(code, WS_CLOSE_SESSION_ENDED);
    assert_eq!(reason, "session revoked");
    // The operator's other session (another browser) keeps its feed.
    let form = text_webhook(
        "SM12121212121212121212121212121212",
        "whatsapp:+33611111111",
        DEMO_NUMBER,
        "Bonjour",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    wait_for(&mut other_socket, "message.created", |e| {
        e["type"] == "message.created"
    })
    .await;
}

#[actix_web::test]
async fn a_password_reset_closes_every_socket_of_the_conciergerie() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let admin = app.admin_login().await;
    let mut socket = connect_ws(&app, &token).await;
    let id = demo_id(&app, &admin).await;

    let response = app
        .post_json(
            &format!("/api/admin/conciergeries/{id}/password"),
            Some(&admin),
            &json!({"password": "a brand new password"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(closed_with(&mut socket).await.0, WS_CLOSE_SESSION_ENDED);
}

#[actix_web::test]
async fn deactivation_closes_sockets_and_its_number_becomes_unrouted() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let admin = app.admin_login().await;
    let mut socket = connect_ws(&app, &token).await;
    let id = demo_id(&app, &admin).await;

    let response = app
        .patch_json(
            &format!("/api/admin/conciergeries/{id}"),
            &admin,
            &json!({"active": false}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(closed_with(&mut socket).await.0, WS_CLOSE_SESSION_ENDED);

    // A guest writes to the deactivated conciergerie's number: kept, visible to the admin.
    let form = text_webhook(
        "SM34343434343434343434343434343434",
        "whatsapp:+33622222222",
        DEMO_NUMBER,
        "Il y a quelqu'un ?",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let unrouted: serde_json::Value = app
        .get("/api/admin/unrouted", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unrouted.as_array().unwrap().len(), 1, "{unrouted}");
    assert_eq!(unrouted[0]["body"], "Il y a quelqu'un ?");
    let conversations = entity::conversation::Entity::find()
        .all(app.db())
        .await
        .unwrap();
    assert!(
        conversations.is_empty(),
        "routed to a deactivated conciergerie"
    );
}

#[actix_web::test]
async fn an_expiring_session_closes_its_socket_when_it_expires() {
    let (app, _twilio) = twilio_app().await;
    let admin = app.admin_login().await;
    let id = demo_id(&app, &admin).await;
    let owner = majordome::db::members::first_owner(app.db(), ConciergerieId(id))
        .await
        .unwrap()
        .expect("the demo conciergerie has an owner");
    let lifetime = Duration::from_secs(2);
    let created = tokio::time::Instant::now();
    let token = session::create(
        app.db(),
        session::SessionFor::Operator {
            conciergerie: ConciergerieId(id),
            member: protocol::MemberId(owner.id),
        },
        lifetime,
    )
    .await
    .unwrap();
    let mut socket = connect_ws(&app, &token).await;
    let (code, reason) = closed_by(&mut socket, created + lifetime + WITHIN).await;
    assert_eq!(code, WS_CLOSE_SESSION_ENDED);
    assert_eq!(reason, "session expired");
}
