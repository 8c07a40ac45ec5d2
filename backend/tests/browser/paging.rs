//! An inbox longer than one page: the dashboard shows the most recent conversations first and
//! the rest as the operator scrolls down; a long thread shows its latest messages and the older
//! ones as the operator scrolls up.

use std::collections::HashSet;
use std::time::Duration;

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::simulate;
use crate::support::set_ai_mode;

/// More than the server's default page (50).
const GUESTS: usize = 57;
/// More than a thread's default page (50).
const THREAD_LENGTH: usize = 54;

/// The conversation rows on screen, by id.
async fn rows(browser: &Browser) -> Vec<String> {
    let ids = browser
        .js("return [...document.querySelectorAll('.conv-list button[id^=conv-]')].map(b => b.id)")
        .await;
    ids.as_array()
        .expect("an array of ids")
        .iter()
        .map(|v| v.as_str().expect("an id").to_owned())
        .collect()
}

#[actix_web::test]
async fn scrolling_loads_older_conversations_and_older_messages() {
    let app = spawn_app().await;
    set_ai_mode(&app, "off").await;
    let token = app.login_demo().await;
    // The oldest conversation has a long thread.
    let mut long = None;
    for n in 0..THREAD_LENGTH {
        long = Some(simulate(&app, &token, "+33600000000", &format!("Message numéro {n}")).await);
    }
    let long = long.expect("a conversation");
    for g in 1..GUESTS {
        simulate(&app, &token, &format!("+336{g:08}"), "Bonjour !").await;
    }

    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.find(".conv-list .list-more").await;
    assert_eq!(rows(&browser).await.len(), 50, "the first page only");
    browser.wait_text(".pane-header", "50+ conversations").await;

    // Scrolling to the end of the list brings the rest, each once.
    browser
        .js("const l = document.querySelector('.conv-list'); l.scrollTop = l.scrollHeight;")
        .await;
    let all = browser
        .wait_for(
            "every conversation in the list",
            Duration::from_secs(10),
            || async {
                let rows = rows(&browser).await;
                (rows.len() >= GUESTS).then_some(rows)
            },
        )
        .await;
    assert_eq!(all.len(), GUESTS);
    assert_eq!(
        all.iter().collect::<HashSet<_>>().len(),
        GUESTS,
        "duplicates"
    );
    assert_eq!(all.last(), Some(&format!("conv-{long}")), "oldest last");
    browser.wait_gone(".conv-list .list-more").await;
    browser
        .wait_text(".pane-header", &format!("{GUESTS} conversations"))
        .await;

    // The long thread opens on its latest messages.
    browser.click(&format!("#conv-{long}")).await;
    browser
        .wait_text(
            ".chat-log .msg-guest",
            &format!("Message numéro {}", THREAD_LENGTH - 1),
        )
        .await;
    browser.find(".chat-log .log-older").await;
    let first_shown = browser.texts(".chat-log .msg-guest").await;
    assert!(
        !first_shown.iter().any(|t| t.contains("Message numéro 0")),
        "the first open loads the latest page only"
    );

    // Scrolling to the top brings the beginning of the conversation.
    browser
        .js("document.querySelector('.chat-log').scrollTop = 0;")
        .await;
    browser
        .wait_text(".chat-log .msg-guest", "Message numéro 0")
        .await;
    browser.wait_gone(".chat-log .log-older").await;
    let bubbles = browser.texts(".chat-log .msg-guest").await;
    assert_eq!(bubbles.len(), THREAD_LENGTH, "each message once");
}

#[actix_web::test]
async fn the_search_says_it_covers_the_loaded_conversations_and_can_load_them_all() {
    let app = spawn_app().await;
    set_ai_mode(&app, "off").await;
    let token = app.login_demo().await;
    simulate(&app, &token, "+33699999999", "Je cherche la clé du garage").await;
    for g in 1..=52 {
        simulate(&app, &token, &format!("+336{g:08}"), "Bonjour !").await;
    }

    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.type_into(".search input", "garage").await;
    // The match is on the second page: the page says the search is partial.
    browser.find(".search-partial").await;
    browser.click(".search-partial button").await;
    browser
        .wait_text(".conv-list .conv-preview", "garage")
        .await;
    browser.wait_gone(".search-partial").await;
}
