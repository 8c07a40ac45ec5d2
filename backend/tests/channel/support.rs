use std::time::Duration;

use awc::ws::Frame;
use futures_util::{SinkExt, StreamExt};
use majordome::channel::twilio::signature;
use reqwest::{Response, StatusCode};
use serde_json::Value;

use crate::fake_twilio::{FakeTwilio, ACCOUNT_SID, AUTH_TOKEN};
use crate::helpers::{spawn_app_with, TestApp};

pub const DEMO_NUMBER: &str = "whatsapp:+14155238886";

/// The server with Twilio configured, pointed at a fake Twilio. The demo conciergerie's AI is
/// off, so only what a test does reaches the fake (the AI has tests of its own).
pub async fn twilio_app() -> (TestApp, FakeTwilio) {
    let (app, fake) = twilio_app_with(&[]).await;
    quiet_ai(&app).await;
    (app, fake)
}

pub async fn twilio_app_with(extra: &[(&str, &str)]) -> (TestApp, FakeTwilio) {
    let fake = FakeTwilio::start().await;
    let mut vars = vec![
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
        ("TWILIO_API_BASE", fake.base_url.as_str()),
    ];
    vars.extend_from_slice(extra);
    let app = spawn_app_with(&vars).await;
    (app, fake)
}

/// Sets the demo conciergerie's AI mode.
pub async fn set_ai_mode(app: &TestApp, mode: &str) {
    let token = app.login_demo().await;
    let response = app
        .patch_json(
            "/api/settings",
            &token,
            &serde_json::json!({"ai_mode": mode}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

pub async fn quiet_ai(app: &TestApp) {
    set_ai_mode(app, "off").await;
}

pub fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A WhatsApp text webhook as Twilio sends it.
pub fn text_webhook(sid: &str, from: &str, to: &str, body: &str) -> Vec<(String, String)> {
    params(&[
        ("SmsMessageSid", sid),
        ("NumMedia", "0"),
        ("ProfileName", "Camille Martin"),
        ("MessageType", "text"),
        ("SmsSid", sid),
        ("WaId", from.trim_start_matches("whatsapp:+")),
        ("SmsStatus", "received"),
        ("Body", body),
        ("To", to),
        ("NumSegments", "1"),
        ("ReferralNumMedia", "0"),
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT_SID),
        ("From", from),
        ("ApiVersion", "2010-04-01"),
    ])
}

/// Twilio signs the public URL (`PUBLIC_BASE_URL` defaults to http://localhost:{port}).
pub fn sign(app: &TestApp, path: &str, form: &[(String, String)]) -> String {
    signature::compute(
        AUTH_TOKEN,
        &format!("http://localhost:{}{path}", app.port),
        form,
    )
}

pub async fn post_form(
    app: &TestApp,
    path: &str,
    form: &[(String, String)],
    signature: Option<&str>,
) -> Response {
    let mut req = app
        .fresh_client()
        .post(app.url(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(form).unwrap());
    if let Some(sig) = signature {
        req = req.header("X-Twilio-Signature", sig);
    }
    req.send().await.expect("webhook request")
}

pub async fn post_signed(app: &TestApp, path: &str, form: &[(String, String)]) -> Response {
    let sig = sign(app, path, form);
    post_form(app, path, form, Some(&sig)).await
}

pub async fn json(response: Response) -> Value {
    response.json().await.expect("JSON body")
}

pub type Socket = actix_codec::Framed<awc::BoxedSocket, awc::ws::Codec>;

/// A dashboard's WebSocket, authenticated with a bearer token; waits for `hello`.
pub async fn connect_ws(app: &TestApp, token: &str) -> Socket {
    connect_ws_at(&format!("http://127.0.0.1:{}", app.port), token).await
}

/// The handshake's answer status, or the socket when it was accepted.
pub async fn try_connect(app: &TestApp, token: &str) -> Result<Socket, StatusCode> {
    let url = format!("ws://127.0.0.1:{}/ws", app.port);
    match awc::Client::new()
        .ws(url)
        .bearer_auth(token)
        .connect()
        .await
    {
        Ok((_, socket)) => Ok(socket),
        Err(awc::error::WsClientError::InvalidResponseStatus(status)) => {
            Err(StatusCode::from_u16(status.as_u16()).unwrap())
        }
        Err(e) => panic!("WebSocket handshake failed: {e}"),
    }
}

/// The same for a server given by its base URL (`http://host:port`).
pub async fn connect_ws_at(base: &str, token: &str) -> Socket {
    let url = format!("{}/ws", base.replace("http://", "ws://"));
    let (_, mut socket) = awc::Client::new()
        .ws(url)
        .bearer_auth(token)
        .connect()
        .await
        .expect("WebSocket handshake");
    let hello = next_event(&mut socket, Duration::from_secs(5))
        .await
        .expect("hello event");
    assert_eq!(hello["type"], "hello");
    socket
}

/// The next JSON event, or `None` after `wait`.
pub async fn next_event(socket: &mut Socket, wait: Duration) -> Option<Value> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let frame = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()??;
        match frame.expect("WebSocket frame") {
            Frame::Text(bytes) => return Some(serde_json::from_slice(&bytes).expect("event JSON")),
            Frame::Ping(p) => socket.send(awc::ws::Message::Pong(p)).await.expect("pong"),
            _ => {}
        }
    }
}

/// Reads events until one matches, failing after 30 s (generous: the whole suite shares two
/// loaded cores; a passing test never waits for the deadline).
pub async fn wait_for(socket: &mut Socket, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        match next_event(socket, left).await {
            Some(event) if pred(&event) => return event,
            Some(_) => continue,
            None => panic!("no {what} event arrived"),
        }
    }
}

/// Polls until `check` passes (for effects that land asynchronously), failing after 30 s.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..600 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

/// The admin's list of conciergeries with their activity.
pub async fn admin_overview(
    app: &TestApp,
    admin_token: &str,
) -> Vec<protocol::admin::ConciergerieOverview> {
    app.get("/api/admin/conciergeries", Some(admin_token))
        .await
        .json()
        .await
        .expect("the admin's conciergerie list")
}
