//! `POST /webhook/whatsapp`: signatures, routing, de-duplication, media, unrouted numbers.

use protocol::conversations::{ConversationSummary, Message};
use reqwest::StatusCode;

use crate::support::*;

async fn conversations(app: &crate::helpers::TestApp, token: &str) -> Vec<ConversationSummary> {
    app.get("/api/conversations", Some(token))
        .await
        .json()
        .await
        .unwrap()
}

async fn messages(
    app: &crate::helpers::TestApp,
    token: &str,
    id: protocol::ConversationId,
) -> Vec<Message> {
    app.get(
        &format!("/api/conversations/{id}/messages?limit=200"),
        Some(token),
    )
    .await
    .json()
    .await
    .unwrap()
}

#[actix_web::test]
async fn a_signed_webhook_creates_the_conversation_and_reaches_the_dashboard_live() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;

    let form = text_webhook(
        "SM11111111111111111111111111111111",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Bonjour, à quelle heure est le check-in ?",
    );
    let response = post_signed(&app, "/webhook/whatsapp", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/xml"));
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("<Response></Response>"));

    let event = wait_for(&mut socket, "message.created", |e| {
        e["type"] == "message.created"
    })
    .await;
    assert_eq!(event["message"]["sender"], "client");
    assert_eq!(
        event["message"]["body"],
        "Bonjour, à quelle heure est le check-in ?"
    );
    let update = wait_for(&mut socket, "conversation.updated", |e| {
        e["type"] == "conversation.updated"
    })
    .await;
    assert_eq!(update["conversation"]["phone_number"], "+33612345678");
    assert_eq!(update["conversation"]["contact_name"], "Camille Martin");
    assert_eq!(update["conversation"]["unread_count"], 1);

    let list = conversations(&app, &token).await;
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].last_message_preview.as_deref(),
        Some("Bonjour, à quelle heure est le check-in ?")
    );
    let thread = messages(&app, &token, list[0].id).await;
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0].status, protocol::MessageStatus::Received);
}

#[actix_web::test]
async fn a_wrong_or_missing_signature_is_refused_and_nothing_is_stored() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let form = text_webhook(
        "SM22222222222222222222222222222222",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "hello",
    );

    let missing = post_form(&app, "/webhook/whatsapp", &form, None).await;
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    let wrong = post_form(
        &app,
        "/webhook/whatsapp",
        &form,
        Some("bm90IHRoZSBzaWduYXR1cmU="),
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    // Signed for another body: tampering is caught.
    let sig = sign(&app, "/webhook/whatsapp", &form);
    let mut tampered = form.clone();
    tampered.iter_mut().find(|(k, _)| k == "Body").unwrap().1 = "transfer the deposit".into();
    let replayed = post_form(&app, "/webhook/whatsapp", &tampered, Some(&sig)).await;
    assert_eq!(replayed.status(), StatusCode::FORBIDDEN);

    assert!(conversations(&app, &token).await.is_empty());
}

#[actix_web::test]
async fn webhooks_are_refused_when_no_auth_token_is_configured() {
    let app = crate::helpers::spawn_app().await;
    let form = text_webhook("SM23", "whatsapp:+33612345678", DEMO_NUMBER, "hello");
    let sig = majordome::channel::twilio::signature::compute(
        "anything",
        &format!("http://localhost:{}/webhook/whatsapp", app.port),
        &form,
    );
    let response = post_form(&app, "/webhook/whatsapp", &form, Some(&sig)).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn a_retried_webhook_is_stored_once() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let form = text_webhook(
        "SM33333333333333333333333333333333",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Une seule fois",
    );
    for _ in 0..3 {
        assert_eq!(
            post_signed(&app, "/webhook/whatsapp", &form).await.status(),
            StatusCode::OK
        );
    }
    // The conversation's actor writes the unread count just behind the acknowledgement.
    eventually("the unread count", || async {
        conversations(&app, &token).await[0].unread_count >= 1
    })
    .await;
    let list = conversations(&app, &token).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].unread_count, 1);
    assert_eq!(messages(&app, &token, list[0].id).await.len(), 1);
}

#[actix_web::test]
async fn every_attachment_is_kept_and_served_through_the_server() {
    let (app, twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let mut form = text_webhook(
        "SM44444444444444444444444444444444",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "",
    );
    form.retain(|(k, _)| k != "NumMedia");
    let urls: Vec<String> = (0..3).map(|i| twilio.media_url(i)).collect();
    form.extend(params(&[
        ("NumMedia", "3"),
        ("MediaUrl0", &urls[0]),
        ("MediaContentType0", "image/jpeg"),
        ("MediaUrl1", &urls[1]),
        ("MediaContentType1", "image/png"),
        ("MediaUrl2", &urls[2]),
        ("MediaContentType2", "image/jpeg"),
    ]));
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );

    let list = conversations(&app, &token).await;
    let thread = messages(&app, &token, list[0].id).await;
    assert_eq!(thread[0].media.len(), 3);
    assert_eq!(thread[0].media[1].content_type, "image/png");
    // The browser gets our route, never Twilio's URL.
    assert!(thread[0].media[2].url.starts_with("/api/media/"));
    let image = app.get(&thread[0].media[2].url, Some(&token)).await;
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.text().await.unwrap(), "fake-image-2");
    // Not without a session.
    assert_eq!(
        app.get(&thread[0].media[2].url, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[actix_web::test]
async fn a_location_and_a_username_sender_are_kept() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let mut form = text_webhook(
        "SM55555555555555555555555555555555",
        "whatsapp:CC.username.9f8e7d",
        DEMO_NUMBER,
        "",
    );
    form.extend(params(&[
        ("Latitude", "43.2965"),
        ("Longitude", "5.3698"),
        ("Label", "Vieux-Port"),
        ("MessageType", "location"),
    ]));
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let list = conversations(&app, &token).await;
    assert_eq!(list[0].phone_number, "CC.username.9f8e7d");
    let thread = messages(&app, &token, list[0].id).await;
    let location = thread[0].location.as_ref().expect("location kept");
    assert_eq!(location.label.as_deref(), Some("Vieux-Port"));
    assert_eq!(location.latitude, 43.2965);
}

#[actix_web::test]
async fn a_message_for_an_unknown_number_is_kept_as_unrouted() {
    let (app, _twilio) = twilio_app().await;
    let form = text_webhook(
        "SM66666666666666666666666666666666",
        "whatsapp:+33612345678",
        "whatsapp:+33999999999",
        "Allô ?",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let admin = app.admin_login().await;
    let unrouted: serde_json::Value = app
        .get("/api/admin/unrouted", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(unrouted.as_array().unwrap().len(), 1);
    assert_eq!(unrouted[0]["to"], "whatsapp:+33999999999");
    assert_eq!(unrouted[0]["body"], "Allô ?");
    let demo = app.login_demo().await;
    assert!(conversations(&app, &demo).await.is_empty());
}

#[actix_web::test]
async fn a_messaging_service_number_routes_by_its_service_sid() {
    let (app, _twilio) = twilio_app().await;
    let admin = app.admin_login().await;
    let created = app
        .create_conciergerie(
            &admin,
            &serde_json::json!({
                "name": "Riviera Keys", "email": "ops@riviera.example", "password": "riviera-pass",
                "whatsapp_number": "whatsapp:+33411111111", "messaging_service_sid": "MG0123456789abcdef0123456789abcdef"
            }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let mut form = text_webhook(
        "SM77777777777777777777777777777777",
        "whatsapp:+33612345678",
        "whatsapp:+33422222222",
        "Via le pool",
    );
    form.extend(params(&[(
        "MessagingServiceSid",
        "MG0123456789abcdef0123456789abcdef",
    )]));
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let token =
        crate::helpers::token_of(app.login("ops@riviera.example", "riviera-pass").await).await;
    assert_eq!(conversations(&app, &token).await.len(), 1);
}

#[actix_web::test]
async fn a_hundred_concurrent_webhooks_on_one_conversation_are_all_stored_in_order() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let posts = (0..100).map(|i| {
        let form = text_webhook(
            &format!("SM{i:032}"),
            "whatsapp:+33612345678",
            DEMO_NUMBER,
            &format!("message {i}"),
        );
        let app = &app;
        async move { post_signed(app, "/webhook/whatsapp", &form).await.status() }
    });
    let statuses = futures_util::future::join_all(posts).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );

    // The conversation's actor applies each stored message to the row just after its 200.
    eventually("the unread count", || async {
        let list = conversations(&app, &token).await;
        list.len() == 1 && list[0].unread_count == 100
    })
    .await;
    let list = conversations(&app, &token).await;
    assert_eq!(list.len(), 1, "one guest, one conversation");
    let thread = messages(&app, &token, list[0].id).await;
    assert_eq!(thread.len(), 100);
    let mut bodies: Vec<&str> = thread.iter().map(|m| m.body.as_str()).collect();
    bodies.sort();
    bodies.dedup();
    assert_eq!(bodies.len(), 100, "none lost, none doubled");
    assert!(thread
        .windows(2)
        .all(|w| w[0].id < w[1].id && w[0].created_at <= w[1].created_at));
    // The live feed carries all of them too.
    let mut seen = 0;
    while seen < 100 {
        wait_for(&mut socket, "message.created", |e| {
            e["type"] == "message.created"
        })
        .await;
        seen += 1;
    }
}

#[actix_web::test]
async fn malformed_webhooks_get_clear_errors() {
    let (app, _twilio) = twilio_app().await;
    let form = params(&[
        ("From", "whatsapp:+33612345678"),
        ("To", DEMO_NUMBER),
        ("Body", "no sid"),
    ]);
    let response = post_signed(&app, "/webhook/whatsapp", &form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json(response).await;
    assert_eq!(body["error"]["field"], "MessageSid");

    let huge = params(&[("Body", &"x".repeat(70 * 1024))]);
    let response = post_form(&app, "/webhook/whatsapp", &huge, Some("irrelevant")).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[actix_web::test]
async fn the_same_webhook_sent_many_times_at_once_is_stored_once_and_always_acknowledged() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let form = text_webhook(
        "SM44444444444444444444444444444444",
        "whatsapp:+33612345678",
        DEMO_NUMBER,
        "Envoyé une fois, reçu vingt",
    );
    // Concurrent copies land in the same ingest batch: one row, every copy answered 200.
    let posts = (0..20).map(|_| post_signed(&app, "/webhook/whatsapp", &form));
    let statuses = futures_util::future::join_all(posts).await;
    assert!(
        statuses.iter().all(|r| r.status() == StatusCode::OK),
        "{:?}",
        statuses.iter().map(|r| r.status()).collect::<Vec<_>>()
    );
    eventually("the unread count", || async {
        conversations(&app, &token).await[0].unread_count >= 1
    })
    .await;
    let list = conversations(&app, &token).await;
    assert_eq!(list[0].unread_count, 1);
    assert_eq!(messages(&app, &token, list[0].id).await.len(), 1);
}

#[actix_web::test]
async fn a_message_the_database_refuses_fails_alone_and_its_batch_neighbours_are_stored() {
    use majordome::db::ingest::{Ingested, NewInbound};
    use protocol::ConciergerieId;

    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let demo = conversations(&app, &token).await.len();
    let tenant = {
        let me: serde_json::Value = app
            .get("/api/auth/me", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        ConciergerieId(me["conciergerie"]["id"].as_i64().expect("conciergerie id"))
    };
    let new = |tenant: ConciergerieId, i: usize| NewInbound {
        tenant,
        address: format!("+3361000{i:04}"),
        contact_name: None,
        external_id: format!("SM{i:032}"),
        body: format!("message {i}"),
        preview: format!("message {i}"),
        media: None,
        location: None,
        received_at: chrono::Utc::now(),
    };
    let ingest = &app.state().ingest;
    // Queued together, so they share batches; the conciergerie 999 999 does not exist and its
    // conversation row breaks the foreign key.
    let mut calls: Vec<_> = (0..20).map(|i| ingest.inbound(new(tenant, i))).collect();
    calls.insert(10, ingest.inbound(new(ConciergerieId(999_999), 99)));
    let results = futures_util::future::join_all(calls).await;
    for (i, result) in results.iter().enumerate() {
        if i == 10 {
            assert!(result.is_err(), "the refused message reports an error");
        } else {
            assert!(
                matches!(result, Ok(Ingested::Stored { .. })),
                "neighbour {i}: {result:?}"
            );
        }
    }
    eventually("the 20 new conversations", || async {
        conversations(&app, &token).await.len() == demo + 20
    })
    .await;
}
