//! The concierge as an operator meets it (offline responder): a greeting and two questions in a
//! burst get one reply answering both; a FAQ answer translated in the FAQ tab reaches a Spanish
//! guest; suggestion mode keeps suggesting after a suggestion is sent.

use std::time::Duration;

use protocol::faqs::Faq;
use protocol::{GuestLanguage, Sender};

use crate::harness::Browser;
use crate::helpers::spawn_app_with;
use crate::server::{conversations, messages, simulate};
use crate::support::set_ai_mode;

#[actix_web::test]
async fn a_greeting_then_two_questions_in_a_burst_get_one_reply_and_no_handoff() {
    // A burst window long enough for the three messages to arrive together.
    let app = spawn_app_with(&[("AI_BURST_WINDOW_MS", "1500")]).await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;

    let from = "+33600000050";
    let id = simulate(&app, &token, from, "Bonjour !").await;
    simulate(&app, &token, from, "À quelle heure est le check-in ?").await;
    simulate(&app, &token, from, "Quel est le code wifi ?").await;
    let row = format!("#conv-{id}");
    browser.wait_text(&row, "Bonjour").await;
    browser.click(&row).await;

    let reply = browser.wait_text(".chat-log .msg-ai", "16h").await;
    let text = reply.text().await.unwrap();
    assert!(text.contains("wifi"), "both questions answered: {text}");
    assert!(text.contains("Bonjour"), "the greeting is returned: {text}");
    // The reply is stored: one AI message, no hand-off note, nothing waiting for a human.
    let stored = messages(&app, &token, id).await;
    let count = |sender| stored.iter().filter(|m| m.sender == sender).count();
    assert_eq!(count(Sender::Client), 3, "{stored:?}");
    assert_eq!(count(Sender::Ai), 1, "{stored:?}");
    assert_eq!(count(Sender::System), 0, "{stored:?}");
    assert_eq!(browser.texts(".chat-log .msg-ai").await.len(), 1);
    assert!(!browser.exists(".notice-handoff").await);
    assert!(!browser.exists(".alert-handoff").await);
    let summary = conversations(&app, &token)
        .await
        .into_iter()
        .find(|c| c.id == id)
        .unwrap();
    assert_eq!(summary.status, protocol::ConversationStatus::Open);
}

#[actix_web::test]
async fn a_spanish_guest_gets_the_spanish_answer_typed_in_the_faq_tab() {
    let app = spawn_app_with(&[("AI_BURST_WINDOW_MS", "200")]).await;
    let token = app.login_demo().await;
    let entries: Vec<Faq> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let check_in = entries
        .iter()
        .find(|f| f.property_id.is_none() && f.question.contains("check-in"))
        .expect("the demo's check-in entry")
        .id;
    // The demo entry comes with every language: start from the French answer alone, as a
    // conciergerie's own entry would.
    let cleared = app
        .patch_json(
            &format!("/api/faqs/{check_in}"),
            &token,
            &serde_json::json!({"translations": {}}),
        )
        .await;
    assert_eq!(cleared.status(), reqwest::StatusCode::OK);
    let browser = Browser::start().await;
    browser.login_demo(&app).await;

    browser.click("#nav-faq").await;
    let card = format!("[data-testid='faq-card'][data-faq-id='{check_in}']");
    browser
        .click(&format!("{card} [data-testid='faq-translations-toggle']"))
        .await;
    let spanish = "El check-in es a partir de las 16 h; el código de la caja llega por mensaje.";
    browser
        .type_into(&format!("#faq-{check_in}-es"), spanish)
        .await;
    browser
        .click(&format!("{card} [data-testid='faq-translations-save']"))
        .await;
    browser
        .wait_text(&format!("{card} [data-testid='faq-translations']"), "1/5")
        .await;
    let saved: Vec<Faq> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let saved = saved.iter().find(|f| f.id == check_in).unwrap();
    assert_eq!(saved.translations[&GuestLanguage::Spanish], spanish);

    browser.click("#nav-inbox").await;
    let id = simulate(&app, &token, "+34600000051", "¿A qué hora es el check-in?").await;
    let row = format!("#conv-{id}");
    browser.wait_text(&row, "check-in").await;
    browser.click(&row).await;
    let reply = browser.wait_text(".chat-log .msg-ai", "caja").await;
    let text = reply.text().await.unwrap();
    assert!(
        !text.contains("francés"),
        "no 'answer in French' note: {text}"
    );
    // Offline, the guest's language is shown with the note that translation needs Claude.
    browser
        .wait_text(
            ".chat-log .msg-guest [data-testid='msg-translation']",
            "Claude",
        )
        .await;
}

#[actix_web::test]
async fn a_suggestion_accepted_twice_in_a_row() {
    let app = spawn_app_with(&[("AI_BURST_WINDOW_MS", "200")]).await;
    set_ai_mode(&app, "suggest").await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;

    let from = "+33611113333";
    let id = simulate(&app, &token, from, "À quelle heure est le check-in ?").await;
    let row = format!("#conv-{id}");
    browser.wait_text(&row, "check-in").await;
    browser.click(&row).await;
    browser.wait_text("#suggestion", "16h").await;
    browser.click("#suggestion-send").await;
    browser.wait_gone("#suggestion").await;
    browser.wait_text(".chat-log .msg-out", "16h").await;

    // The next question gets a suggestion again: sending one was no takeover.
    simulate(&app, &token, from, "Quel est le code wifi ?").await;
    browser.wait_text("#suggestion", "wifi").await;
    browser.click("#suggestion-send").await;
    browser.wait_gone("#suggestion").await;
    browser.wait_text(".chat-log .msg-out", "wifi").await;

    // The bubble shows before the server confirms: wait for both replies to be stored.
    let replies = browser
        .wait_for("both replies stored", Duration::from_secs(10), || async {
            let replies: Vec<String> = messages(&app, &token, id)
                .await
                .into_iter()
                .filter(|m| m.sender == Sender::Concierge)
                .map(|m| m.body)
                .collect();
            (replies.len() == 2).then_some(replies)
        })
        .await;
    assert!(
        replies[0].contains("16h") && replies[1].contains("wifi"),
        "{replies:?}"
    );
    let summary = conversations(&app, &token)
        .await
        .into_iter()
        .find(|c| c.id == id)
        .unwrap();
    assert!(!summary.ai_paused, "the AI still suggests");
    assert_eq!(summary.ai_suggestion, None);
}
