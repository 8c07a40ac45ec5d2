//! The server restarts under an open dashboard: the page says it lost the connection, comes
//! back by itself, and shows the message that arrived while it was disconnected.

use std::time::Duration;

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::simulate;
use crate::support::set_ai_mode;

/// The seconds left before the page's next reconnection attempt, from its offline banner
/// (« Nouvelle tentative dans N s »).
fn retry_seconds(banner: &str) -> Option<u64> {
    let rest = banner.split("dans ").nth(1)?;
    rest.split_whitespace().next()?.parse().ok()
}

#[actix_web::test]
async fn the_dashboard_reconnects_after_a_restart_and_catches_up() {
    let mut app = spawn_app().await;
    set_ai_mode(&app, "off").await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.mark_page().await;

    let id = simulate(
        &app,
        &token,
        "+33622334455",
        "Bonjour, le Wi-Fi ne marche pas.",
    )
    .await;
    let row = format!("#conv-{id}");
    browser.click(&row).await;
    browser.wait_text(".chat-log .msg-guest", "Wi-Fi").await;
    assert!(!browser.exists("#link-offline").await);

    // The server goes down: the page notices and says so.
    app.stop().await;
    browser.find("#link-offline").await;

    // Wait until the page's next attempt is a few seconds away (its backoff grows), so that
    // the message below is stored while the page is still disconnected.
    browser
        .wait_for(
            "a reconnection attempt at least 3 s away",
            Duration::from_secs(15),
            || async {
                let text = browser.texts("#link-offline").await.join(" ");
                retry_seconds(&text).filter(|s| *s >= 3)
            },
        )
        .await;
    app.start_again().await;
    simulate(
        &app,
        &token,
        "+33622334455",
        "C'est reparti, merci ! Et le code de la porte ?",
    )
    .await;
    assert!(
        browser.exists("#link-offline").await,
        "the page reconnected before the message arrived: this test would prove nothing"
    );

    // The page reconnects on its own, resynchronises, and shows what it missed.
    browser
        .wait_text_within(
            ".chat-log .msg-guest",
            "le code de la porte",
            Duration::from_secs(10),
        )
        .await;
    browser.wait_gone("#link-offline").await;
    browser
        .wait_text(&format!("{row} .conv-preview"), "le code de la porte")
        .await;
    assert!(browser.page_not_reloaded().await, "the page was reloaded");

    // And it is live again.
    simulate(&app, &token, "+33622334455", "Trouvé, c'est bon.").await;
    browser.wait_text(".chat-log .msg-guest", "Trouvé").await;
    browser
        .type_and_enter("#composer-input", "Parfait, bon séjour !")
        .await;
    browser
        .wait_text(".chat-log .msg-team", "Parfait, bon séjour")
        .await;
}
