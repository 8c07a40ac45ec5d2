//! The live inbox in Twilio mode: a guest's signed webhook shows up in the list and in the open
//! conversation without a reload; the operator's reply goes out through (fake) Twilio and its
//! ticks follow Twilio's delivery callbacks.

use std::time::{Duration, Instant};

use protocol::Sender;

use crate::harness::Browser;
use crate::server::{conversations, guest_writes, messages, status_callback};
use crate::support::{eventually, twilio_app};

/// A guest message must reach an open dashboard within this (the "within a second").
const LIVE: Duration = Duration::from_secs(1);

#[actix_web::test]
async fn a_webhook_shows_up_live_and_the_reply_ticks_follow_twilio_callbacks() {
    let (app, twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.find(".list-empty").await;
    browser.mark_page().await;

    // A guest writes: the conversation appears in the list, live.
    guest_writes(
        &app,
        "SM10000000000000000000000000000001",
        "Bonjour, nous arrivons demain vers 18h.",
    )
    .await;
    let posted = Instant::now();
    let id = conversations(&app, &token).await[0].id;
    let row = format!("#conv-{id}");
    browser
        .wait_text_within(&row, "Bonjour, nous arrivons demain", LIVE)
        .await;
    let first_latency = posted.elapsed();
    browser.wait_text(&row, "Camille Martin").await;
    browser
        .wait_attr(
            &format!("{row} .unread-badge"),
            "aria-label",
            "1 message non lu",
        )
        .await;

    // The operator opens it.
    browser.click(&row).await;
    browser
        .wait_text(".chat-log .msg-guest", "nous arrivons demain vers 18h")
        .await;
    browser.wait_text(".chat-header h2", "Camille Martin").await;
    browser.wait_gone(&format!("{row} .unread-badge")).await;

    // A second message lands in the open window and in the list's preview, still without reload.
    guest_writes(
        &app,
        "SM10000000000000000000000000000002",
        "Le code du portail, c'est lequel ?",
    )
    .await;
    let posted = Instant::now();
    browser
        .wait_text_within(".chat-log .msg-guest", "Le code du portail", LIVE)
        .await;
    let second_latency = posted.elapsed();
    browser
        .wait_text(&format!("{row} .conv-preview"), "Le code du portail")
        .await;
    assert_eq!(browser.texts(".chat-log .msg-guest").await.len(), 2);
    assert!(browser.page_not_reloaded().await, "the page was reloaded");
    eprintln!("webhook → dashboard: {first_latency:?} (list), {second_latency:?} (open chat)");

    // The operator answers with Enter; the reply goes to Twilio once.
    let reply = "Bonjour Camille, le code est 4821. À demain !";
    browser.type_and_enter("#composer-input", reply).await;
    browser
        .wait_text(".chat-log .msg-team", "le code est 4821")
        .await;
    assert_eq!(
        browser.value_of("#composer-input").await,
        "",
        "composer not cleared"
    );
    eventually("the send to Twilio", || async {
        !twilio.sends().is_empty()
    })
    .await;
    let sends = twilio.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].field("Body"), Some(reply));
    assert_eq!(sends[0].field("To"), Some("whatsapp:+33612345678"));
    let sent = messages(&app, &token, id)
        .await
        .into_iter()
        .find(|m| m.sender == Sender::Concierge)
        .expect("the reply is stored");
    let tick = format!(".chat-log .msg[data-id='{}'] .status", sent.id);
    browser
        .wait_attr(&tick, "aria-label", "En file d'attente")
        .await;

    // Twilio reports progress: the tick follows, live.
    // The fake Twilio numbers its messages: the first one is SM000…0.
    let sid = "SM00000000000000000000000000000000";
    for (status, label, class) in [
        ("sent", "Envoyé", "st-sent"),
        ("delivered", "Distribué", "st-delivered"),
        ("read", "Lu", "st-read"),
    ] {
        status_callback(&app, sid, status).await;
        browser.wait_attr(&tick, "aria-label", label).await;
        let classes = browser.find(&tick).await.attr("class").await.unwrap();
        assert!(
            classes.unwrap_or_default().contains(class),
            "{status}: tick without {class}"
        );
    }
    assert!(browser.page_not_reloaded().await, "the page was reloaded");
    assert_eq!(twilio.sends().len(), 1, "sent exactly once");
}
