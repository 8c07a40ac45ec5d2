//! An urgent guest message (offline responder): the conversation is handed off, flagged
//! "Urgent" and stays first in the inbox, above a newer ordinary conversation.

use std::time::Duration;

use protocol::Sender;

use crate::harness::Browser;
use crate::helpers::spawn_app_with;
use crate::server::{conversations, messages, simulate};

#[actix_web::test]
async fn an_urgent_message_shows_the_urgent_chip_first_in_the_inbox() {
    let app = spawn_app_with(&[("AI_BURST_WINDOW_MS", "100")]).await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.find(".list-empty").await;

    let urgent = simulate(&app, &token, "+33600000040", "Mi scaldabagno non funziona").await;
    let urgent_row = format!("#conv-{urgent}");
    browser
        .wait_text(&format!("{urgent_row} .chip-urgent"), "Urgent")
        .await;

    // A newer, ordinary question, answered by the AI, does not push it down.
    let calm = simulate(
        &app,
        &token,
        "+33600000041",
        "À quelle heure est le check-in ?",
    )
    .await;
    let calm_row = format!("#conv-{calm}");
    browser.wait_text(&calm_row, "16h").await;
    let ai_answered = messages(&app, &token, calm)
        .await
        .iter()
        .any(|m| m.sender == Sender::Ai);
    assert!(ai_answered, "the calm guest got the AI's answer");

    let first = browser
        .wait_for("the inbox order", Duration::from_secs(10), || async {
            let order = browser
                .js("return Array.from(document.querySelectorAll('.conv-item')).map(e => e.id)")
                .await;
            let ids: Vec<String> = serde_json::from_value(order).ok()?;
            (ids.len() == 2).then_some(ids)
        })
        .await;
    assert_eq!(
        first,
        vec![format!("conv-{urgent}"), format!("conv-{calm}")]
    );
    assert!(!browser.exists(&format!("{calm_row} .chip-urgent")).await);
    // The chat header says it too.
    browser.click(&urgent_row).await;
    browser
        .wait_text(".chat-header .chip-urgent", "Urgent")
        .await;
    // The server lists it first as well.
    let list = conversations(&app, &token).await;
    assert_eq!(list[0].id, urgent);
    assert!(list[0].urgent);
}
