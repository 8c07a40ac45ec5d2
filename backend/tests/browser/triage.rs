//! The history search: a message from the start of a long thread is found by the server's
//! full-text search whatever its accents and case, and opening the hit shows the conversation at
//! that message (older pages loaded until it is there, scrolled to and highlighted).

use std::time::Duration;

use serde_json::Value;

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::simulate;
use crate::support::set_ai_mode;

/// More than a thread's default page (50): the hit is not in the first page loaded.
const LATER_MESSAGES: usize = 55;

#[actix_web::test]
async fn a_search_hit_opens_its_conversation_at_the_message() {
    let app = spawn_app().await;
    set_ai_mode(&app, "off").await;
    let token = app.login_demo().await;
    let long = simulate(
        &app,
        &token,
        "+33600000077",
        "Le chauffe-eau fuit dans la salle de bain",
    )
    .await;
    for n in 0..LATER_MESSAGES {
        simulate(&app, &token, "+33600000077", &format!("Suite numéro {n}")).await;
    }
    simulate(&app, &token, "+33600000078", "Bonjour, une autre question").await;
    let hits: Vec<Value> = app
        .get("/api/search?q=chauffe-eau", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    let message = hits[0]["message"]["id"].as_i64().unwrap();

    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.find(&format!("#conv-{long}")).await;
    browser.type_into(".search input", "CHAUFFE éau").await;
    let hit = format!(".search-hit[data-message-id=\"{message}\"]");
    browser.wait_text(&hit, "chauffe-eau fuit").await;
    browser.click(&hit).await;

    // The thread loads back to the message and shows it, highlighted, inside the log's view.
    let bubble = format!(".chat-log .msg[data-id=\"{message}\"]");
    browser.wait_text(&bubble, "Le chauffe-eau fuit").await;
    browser
        .wait_for(
            "the hit scrolled into view and highlighted",
            Duration::from_secs(10),
            || async {
                let shown = browser
                    .js(&format!(
                        "const m = document.querySelector('{}'); \
                         const log = document.querySelector('.chat-log').getBoundingClientRect(); \
                         if (!m) return false; const r = m.getBoundingClientRect(); \
                         return m.classList.contains('msg-focus') && r.top >= log.top - 1 && r.bottom <= log.bottom + 1;",
                        bubble.replace('\'', "\\'")
                    ))
                    .await;
                shown.as_bool().unwrap_or(false).then_some(())
            },
        )
        .await;
    assert!(browser.exists(".chat-header .contact-name").await);
}
