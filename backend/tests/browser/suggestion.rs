//! Suggestion mode with the offline FAQ responder: the AI's proposed reply shows as a card in
//! the open conversation, and one click sends it.

use protocol::Sender;

use crate::harness::Browser;
use crate::helpers::spawn_app_with;
use crate::server::{conversations, messages, simulate};
use crate::support::set_ai_mode;

#[actix_web::test]
async fn a_suggestion_is_accepted_with_one_click() {
    // The AI waits for a burst of guest messages to end (2.5 s by default): keep that short.
    let app = spawn_app_with(&[("AI_BURST_WINDOW_MS", "200")]).await;
    set_ai_mode(&app, "suggest").await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;

    let id = simulate(
        &app,
        &token,
        "+33611112222",
        "À quelle heure est le check-in ?",
    )
    .await;
    let row = format!("#conv-{id}");
    browser.wait_text(&row, "check-in").await;
    browser.click(&row).await;
    browser
        .wait_text(".chat-log .msg-guest", "À quelle heure est le check-in ?")
        .await;

    // The offline responder's answer, from the demo FAQ, waits for the operator.
    let card = browser.wait_text("#suggestion", "16h").await;
    let proposed = browser
        .find("#suggestion .suggestion-body")
        .await
        .text()
        .await
        .unwrap();
    assert!(proposed.contains("check-in"), "{proposed}");
    assert!(card.is_displayed().await.unwrap());
    // Nothing went out yet.
    assert!(messages(&app, &token, id)
        .await
        .iter()
        .all(|m| m.sender == Sender::Client));

    browser.click("#suggestion-send").await;
    browser.wait_gone("#suggestion").await;
    // The optimistic bubble is replaced by the stored one: wait for the text, not one element.
    browser.wait_text(".chat-log .msg-out", &proposed).await;

    // Stored once, as the operator's reply, and the suggestion is consumed.
    let stored = messages(&app, &token, id).await;
    let replies: Vec<_> = stored
        .iter()
        .filter(|m| m.sender != Sender::Client && m.sender != Sender::System)
        .collect();
    assert_eq!(replies.len(), 1, "{stored:?}");
    assert_eq!(replies[0].body, proposed);
    assert_eq!(replies[0].sender, Sender::Concierge);
    let summary = conversations(&app, &token)
        .await
        .into_iter()
        .find(|c| c.id == id)
        .unwrap();
    assert_eq!(summary.ai_suggestion, None);
}
