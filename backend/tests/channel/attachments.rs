//! Files an operator sends: uploaded, checked by their bytes, served publicly under an
//! unguessable URL, and handed to Twilio as `MediaUrl`.

use protocol::conversations::{Attachment, Message};
use protocol::ConversationId;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{assert_error, TestApp};
use crate::outbound::guest_wrote;
use crate::support::*;

/// A tiny but real PNG signature followed by filler: the server only reads the magic bytes.
pub(crate) fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0u8; 64]);
    bytes
}

async fn upload(
    app: &TestApp,
    token: &str,
    id: ConversationId,
    content_type: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    app.api
        .post(app.url(&protocol::paths::attachments(id)))
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(bytes)
        .send()
        .await
        .expect("upload")
}

pub(crate) async fn uploaded(
    app: &TestApp,
    token: &str,
    id: ConversationId,
    bytes: Vec<u8>,
) -> Attachment {
    let response = upload(app, token, id, "application/octet-stream", bytes).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("attachment")
}

async fn send(
    app: &TestApp,
    token: &str,
    id: ConversationId,
    body: &str,
    attachments: &[&str],
) -> reqwest::Response {
    app.post_json(
        &format!("/api/conversations/{id}/send"),
        Some(token),
        &json!({ "body": body, "attachment_ids": attachments }),
    )
    .await
}

#[actix_web::test]
async fn an_uploaded_image_reaches_twilio_as_a_media_url_anyone_with_the_link_can_fetch() {
    let (app, twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;

    let file = uploaded(&app, &token, id, png()).await;
    assert_eq!(file.content_type, "image/png");
    assert_eq!(file.id.len(), 32, "128 random bits in hex: {}", file.id);
    assert_eq!(file.url, format!("/media/out/{}", file.id));

    // A file alone, without text.
    let response = send(&app, &token, id, "", &[&file.id]).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let message: Message = response.json().await.unwrap();
    assert_eq!(message.media.len(), 1);
    assert_eq!(message.media[0].url, file.url);
    assert_eq!(message.media[0].content_type, "image/png");

    eventually("the reply to reach Twilio", || async {
        twilio.sends().len() == 1
    })
    .await;
    let sent = &twilio.sends()[0];
    let media_url = sent.field("MediaUrl").expect("MediaUrl").to_owned();
    assert_eq!(
        media_url,
        format!("http://localhost:{}/media/out/{}", app.port, file.id),
        "under PUBLIC_BASE_URL"
    );
    assert_eq!(sent.field("Body"), None, "no empty caption");

    // Twilio fetches it with no credentials at all.
    let fetched = reqwest::get(&media_url).await.unwrap();
    assert_eq!(fetched.status(), StatusCode::OK);
    assert_eq!(fetched.headers()["content-type"], "image/png");
    assert_eq!(fetched.headers()["x-content-type-options"], "nosniff");
    assert_eq!(fetched.bytes().await.unwrap().to_vec(), png());

    // The thread shows the file like a guest's.
    let thread = crate::outbound::thread(&app, &token, id).await;
    assert_eq!(thread.last().unwrap().media[0].url, file.url);
    let inbox: serde_json::Value = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(inbox[0]["last_message_preview"], "📎 1 pièce(s) jointe(s)");
}

#[actix_web::test]
async fn a_pdf_goes_with_its_caption_and_is_served_as_a_download() {
    let (app, twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let file = uploaded(&app, &token, id, b"%PDF-1.7\n%fake".to_vec()).await;
    assert_eq!(file.content_type, "application/pdf");

    let response = send(&app, &token, id, "Votre facture", &[&file.id]).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    eventually("the reply to reach Twilio", || async {
        twilio.sends().len() == 1
    })
    .await;
    assert_eq!(twilio.sends()[0].field("Body"), Some("Votre facture"));
    assert!(twilio.sends()[0].field("MediaUrl").is_some());

    let fetched = reqwest::get(app.url(&file.url)).await.unwrap();
    assert_eq!(fetched.headers()["content-type"], "application/pdf");
    let disposition = fetched.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment;") && disposition.contains(".pdf"),
        "{disposition}"
    );
}

#[actix_web::test]
async fn other_files_oversized_files_and_guessed_urls_are_refused() {
    let app = crate::helpers::spawn_app().await;
    let token = app.login_demo().await;
    let tenant = app.tenant_of(&token).await;
    let id = app
        .insert_conversation(tenant, "+33600000001", "Bonjour")
        .await;

    // An SVG (or a page) claiming to be a PNG: judged by its bytes.
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec();
    assert_error(
        upload(&app, &token, id, "image/png", svg).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    let mut big = png();
    big.resize(5 * 1024 * 1024 + 1, 0);
    assert_error(
        upload(&app, &token, id, "image/png", big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
    assert_error(
        upload(&app, &token, id, "image/png", Vec::new()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    // Uploading needs a session.
    let anonymous = app
        .fresh_client()
        .post(app.url(&protocol::paths::attachments(id)))
        .body(png())
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // Only the exact id serves a file: a neighbour or a malformed one finds nothing.
    let file = uploaded(&app, &token, id, png()).await;
    let mut neighbour = file.id.clone();
    let last = if neighbour.ends_with('0') { "1" } else { "0" };
    neighbour.replace_range(31.., last);
    for path in [
        format!("/media/out/{neighbour}"),
        format!("/media/out/{}", &file.id[..31]),
        "/media/out/..%2F..%2Fconcierge.db".to_owned(),
    ] {
        let response = reqwest::get(app.url(&path)).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[actix_web::test]
async fn an_upload_is_sent_only_by_its_conciergerie_in_its_conversation() {
    let (app, twilio) = twilio_app().await;
    let (token, id) = guest_wrote(&app).await;
    let file = uploaded(&app, &token, id, png()).await;

    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "rivale", "whatsapp:+33700000009")
        .await;
    let theirs = app
        .insert_conversation(other.id, "+33611111111", "Hello")
        .await;

    // Another conciergerie naming our upload in its own send: refused, nothing stored or sent.
    assert_error(
        send(&app, &other.token, theirs, "vol", &[&file.id]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    // Nor can it upload into our conversation.
    let response = upload(&app, &other.token, id, "image/png", png()).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Our own upload belongs to the conversation it was made for.
    let ours_elsewhere = app
        .insert_conversation(app.tenant_of(&token).await, "+33622222222", "Salut")
        .await;
    assert_error(
        send(&app, &token, ours_elsewhere, "", &[&file.id]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    // WhatsApp takes one file per message.
    let second = uploaded(&app, &token, id, png()).await;
    assert_error(
        send(&app, &token, id, "", &[&file.id, &second.id]).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;

    // A positive signal, then the proof nothing else went out.
    assert_eq!(
        send(&app, &token, id, "ok", &[]).await.status(),
        StatusCode::CREATED
    );
    eventually("the text reply to reach Twilio", || async {
        !twilio.sends().is_empty()
    })
    .await;
    let sends = twilio.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].field("MediaUrl"), None);
    let other_thread = crate::outbound::thread(&app, &other.token, theirs).await;
    assert_eq!(other_thread.len(), 1, "only the guest's message");
}

#[actix_web::test]
async fn offline_the_simulator_phone_receives_the_file() {
    let app = crate::helpers::spawn_app().await;
    let token = app.login_demo().await;
    let tenant = app.tenant_of(&token).await;
    let id = app
        .insert_conversation(tenant, "+33600000002", "Bonjour")
        .await;
    let mut socket = connect_ws(&app, &token).await;

    let file = uploaded(&app, &token, id, b"GIF89a-fake".to_vec()).await;
    assert_eq!(file.content_type, "image/gif");
    let response = send(&app, &token, id, "Le plan d'accès", &[&file.id]).await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let reply = wait_for(&mut socket, "the simulator's reply", |e| {
        e["type"] == "simulator.reply"
    })
    .await;
    assert_eq!(reply["body"], "Le plan d'accès");
    assert_eq!(reply["media"][0]["url"], file.url.as_str());
    assert_eq!(reply["media"][0]["content_type"], "image/gif");
}
