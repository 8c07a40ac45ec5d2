//! The operator's text is never lost: a draft survives a switch to another tab (which keeps the
//! conversation open) and a reload; a reply the server refuses stays in the composer, with the
//! reason in the operator's language. And a guest writing in Arabic is shown right-to-left.

use std::time::Duration;

use fantoccini::key::Key;

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::{messages, simulate};
use crate::support::set_ai_mode;

const DRAFT: &str = "Je vérifie avec le propriétaire et je reviens vers vous";

#[actix_web::test]
async fn a_draft_survives_a_tab_switch_a_reload_and_a_refused_send() {
    let app = spawn_app().await;
    // The AI stays quiet: only the operator writes in this conversation.
    set_ai_mode(&app, "off").await;
    let token = app.login_demo().await;
    let id = simulate(&app, &token, "+33612345678", "Peut-on arriver plus tôt ?").await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.click(&format!("#conv-{id}")).await;
    browser.wait_text(".chat-log .msg-guest", "plus tôt").await;

    // A draft, then another tab and back: the conversation is still open, the draft still there.
    browser.type_into("#composer-input", DRAFT).await;
    browser.click("#nav-faq").await;
    browser.wait_gone("#composer-input").await;
    browser.click("#nav-inbox").await;
    browser.wait_text(".chat-log .msg-guest", "plus tôt").await;
    assert_eq!(browser.value_of("#composer-input").await, DRAFT);

    // A reload (the route keeps the conversation): the draft comes back from the browser.
    browser.mark_page().await;
    browser.client.refresh().await.expect("reload");
    browser.wait_text(".chat-log .msg-guest", "plus tôt").await;
    assert!(
        !browser.page_not_reloaded().await,
        "the page was not reloaded"
    );
    assert_eq!(browser.value_of("#composer-input").await, DRAFT);

    // A reply longer than the server takes (4 096 characters): refused, the text stays, the
    // reason is said in French. The counter warned before sending.
    let long = format!("{DRAFT} {}", "a".repeat(5_000));
    browser
        .js(&format!(
            "const box = document.querySelector('#composer-input');
             box.value = {long:?};
             box.dispatchEvent(new InputEvent('input', {{ bubbles: true }}));"
        ))
        .await;
    browser
        .wait_text(
            "#composer-count.over",
            "Trop long pour un seul message WhatsApp",
        )
        .await;
    browser
        .find("#composer-input")
        .await
        .send_keys(&Key::Enter)
        .await
        .expect("press Enter");
    browser
        .wait_text_within(
            ".chat-error",
            "Message trop long pour WhatsApp",
            Duration::from_secs(20),
        )
        .await;
    assert_eq!(browser.value_of("#composer-input").await, long);
    assert!(
        messages(&app, &token, id)
            .await
            .iter()
            .all(|m| !m.body.contains(DRAFT)),
        "a refused reply was stored"
    );
}

#[actix_web::test]
async fn arabic_is_shown_right_to_left() {
    let app = spawn_app().await;
    set_ai_mode(&app, "off").await;
    let token = app.login_demo().await;
    let id = simulate(&app, &token, "+971501234567", "مرحبا، متى يمكنني الوصول؟").await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;

    let preview = format!("#conv-{id} .conv-preview");
    browser.wait_text(&preview, "مرحبا").await;
    browser.click(&format!("#conv-{id}")).await;
    browser.wait_text(".chat-log .msg-guest", "مرحبا").await;
    let directions = browser
        .js(&format!(
            "return [
                getComputedStyle(document.querySelector('.chat-log .msg-guest .msg-text')).direction,
                getComputedStyle(document.querySelector('{preview}')).direction,
            ];"
        ))
        .await;
    assert_eq!(directions, serde_json::json!(["rtl", "rtl"]));
}
