//! Findings 5, 6 and 8: a hostile but signed webhook, a hostile attachment, a body that never
//! arrives. Each is bounded and answered, and the server keeps serving.

use std::time::{Duration, Instant};

use protocol::conversations::{ConversationSummary, Message};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::*;

async fn first_thread(app: &crate::helpers::TestApp, token: &str) -> Vec<Message> {
    let list: Vec<ConversationSummary> =
        json_of(app.get("/api/conversations", Some(token)).await).await;
    let path = format!("/api/conversations/{}/messages", list[0].id);
    json_of(app.get(&path, Some(token)).await).await
}

async fn json_of<T: serde::de::DeserializeOwned>(response: reqwest::Response) -> T {
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("JSON")
}

/// One media webhook from the guest, with the given `(url, declared type)` attachments.
async fn send_media(app: &crate::helpers::TestApp, sid: &str, media: &[(String, &str)]) {
    let mut form = text_webhook(sid, "whatsapp:+33612345678", DEMO_NUMBER, "");
    form.retain(|(k, _)| k != "NumMedia");
    form.push(("NumMedia".into(), media.len().to_string()));
    for (i, (url, content_type)) in media.iter().enumerate() {
        form.push((format!("MediaUrl{i}"), url.clone()));
        form.push((format!("MediaContentType{i}"), (*content_type).to_owned()));
    }
    let response = post_signed(app, "/webhook/whatsapp", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[actix_web::test]
async fn a_huge_num_media_is_refused_at_once_and_the_server_keeps_answering() {
    let (app, _twilio) = twilio_app().await;
    let mut form = text_webhook(
        "SM66666666666666666666666666666666",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "hello",
    );
    form.retain(|(k, _)| k != "NumMedia");
    form.push(("NumMedia".into(), "999999999999".into()));
    // Two of them used to spin two workers at 100 % forever.
    for _ in 0..2 {
        let response = tokio::time::timeout(
            Duration::from_secs(10),
            post_signed(&app, "/webhook/whatsapp", &form),
        )
        .await
        .expect("the webhook is answered");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at most 10"));
    }
    assert_eq!(app.get("/healthz", None).await.status(), StatusCode::OK);
}

#[actix_web::test]
async fn a_body_that_never_arrives_is_answered_408_and_closed() {
    let app = crate::helpers::spawn_app().await;
    let mut socket = tokio::net::TcpStream::connect(("127.0.0.1", app.port))
        .await
        .unwrap();
    socket
        .write_all(
            b"POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    // Read until the server closes the connection; a generous bound keeps a regression from
    // hanging the suite.
    tokio::time::timeout(Duration::from_secs(30), socket.read_to_end(&mut answer))
        .await
        .expect("the server answered and closed within 30 s")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[actix_web::test]
async fn a_guest_html_attachment_is_a_sandboxed_download_not_a_page() {
    let (app, twilio) = twilio_app().await;
    let token = app.login_demo().await;
    send_media(
        &app,
        "SM77777777777777777777777777777777",
        &[
            (twilio.html_media_url(), "image/jpeg"),
            (twilio.media_url(1), "image/png"),
        ],
    )
    .await;
    let thread = first_thread(&app, &token).await;

    let page = app.get(&thread[0].media[0].url, Some(&token)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let header = |name: &str| {
        page.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "application/octet-stream");
    assert!(header("content-disposition").starts_with("attachment"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(
        header("content-security-policy"),
        "default-src 'none'; sandbox"
    );

    // A real image still shows inline.
    let image = app.get(&thread[0].media[1].url, Some(&token)).await;
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.headers()["content-disposition"], "inline");
    assert_eq!(image.text().await.unwrap(), "fake-image-1");
}

#[actix_web::test]
async fn attachments_on_another_port_or_scheme_are_never_fetched_with_credentials() {
    let (app, twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let elsewhere = crate::fake_twilio::FakeTwilio::start().await;
    let https_same_host = twilio.media_url(0).replacen("http://", "https://", 1);
    send_media(
        &app,
        "SM88888888888888888888888888888888",
        &[
            (elsewhere.media_url(0), "image/png"),
            (https_same_host, "image/png"),
        ],
    )
    .await;
    let thread = first_thread(&app, &token).await;
    for item in &thread[0].media {
        let response = app.get(&item.url, Some(&token)).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{}", item.url);
        let text = response.text().await.unwrap();
        assert!(!text.contains(crate::fake_twilio::ACCOUNT_SID), "{text}");
    }
    // Not even asked: the credentials never left.
    assert_eq!(elsewhere.media_fetches(), 0);
    assert_eq!(twilio.media_fetches(), 0);
}

/// A Twilio media URL as a real webhook gives it: it names the account and the message.
fn twilio_media_url(base: &str) -> String {
    format!(
        "{base}/2010-04-01/Accounts/{}/Messages/MM0123456789abcdef0123456789abcdef/Media/\
         ME0123456789abcdef0123456789abcdef",
        crate::fake_twilio::ACCOUNT_SID
    )
}

/// What the dashboard reads when Twilio refuses a file or cannot be reached: a plain error,
/// without the URL's account and media SIDs or the credentials.
async fn assert_upstream_error_says_nothing_secret(response: reqwest::Response) {
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let text = response.text().await.unwrap();
    for secret in [
        crate::fake_twilio::ACCOUNT_SID,
        crate::fake_twilio::AUTH_TOKEN,
        "MM0123456789abcdef",
        "ME0123456789abcdef",
        "/2010-04-01/",
    ] {
        assert!(!text.contains(secret), "`{secret}` in {text}");
    }
    let body: serde_json::Value = serde_json::from_str(&text).expect("the JSON error body");
    assert_eq!(body["error"]["code"], "unavailable", "{body}");
}

#[actix_web::test]
async fn upstream_media_errors_reach_the_dashboard_without_sids_or_credentials() {
    // Twilio answers 404 (the file expired).
    let (app, twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let url = twilio_media_url(&twilio.base_url);
    send_media(
        &app,
        "SM99999999999999999999999999999991",
        &[(url, "image/png")],
    )
    .await;
    let thread = first_thread(&app, &token).await;
    assert_upstream_error_says_nothing_secret(app.get(&thread[0].media[0].url, Some(&token)).await)
        .await;

    // Twilio cannot be reached at all (the error names the URL it failed on).
    let (app, _twilio) = twilio_app_with(&[("TWILIO_API_BASE", "http://127.0.0.1:9")]).await;
    let token = app.login_demo().await;
    let url = twilio_media_url("http://127.0.0.1:9");
    send_media(
        &app,
        "SM99999999999999999999999999999992",
        &[(url, "image/png")],
    )
    .await;
    let thread = first_thread(&app, &token).await;
    assert_upstream_error_says_nothing_secret(app.get(&thread[0].media[0].url, Some(&token)).await)
        .await;
}
