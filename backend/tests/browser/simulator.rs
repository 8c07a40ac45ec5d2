//! Offline mode's guest simulator: the operator plays a guest in the phone panel, the message
//! shows up in the inbox live, the reply from the composer shows up on the phone.

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::conversations;
use crate::support::set_ai_mode;

#[actix_web::test]
async fn the_simulator_round_trip() {
    let app = spawn_app().await;
    // The AI stays quiet: this is about the operator and the guest.
    set_ai_mode(&app, "off").await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.mark_page().await;

    // The phone panel is open next to the inbox on a wide screen; open it otherwise.
    if !browser.exists("#sim-input").await {
        browser.click("#nav-sim").await;
    }
    browser
        .type_and_enter("#sim-input", "Bonjour ! Y a-t-il une place de parking ?")
        .await;
    // On the phone, the guest's message is marked sent once the server took it.
    browser
        .wait_text(".phone-log .pmsg-out", "place de parking")
        .await;
    browser
        .wait_attr(".phone-log .pmsg-out .status", "aria-label", "Envoyé")
        .await;

    // The inbox shows it live.
    let row = browser.wait_text(".conv-item", "place de parking").await;
    let list = conversations(&app, &token).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].phone_number, "+33612345678");
    assert_eq!(
        row.attr("id").await.unwrap().as_deref(),
        Some(format!("conv-{}", list[0].id).as_str())
    );
    row.click().await.expect("open the conversation");
    browser
        .wait_text(".chat-log .msg-guest", "place de parking")
        .await;

    // The operator answers; the guest's phone gets it.
    browser
        .type_and_enter(
            "#composer-input",
            "Oui, la place n° 12 au sous-sol vous est réservée.",
        )
        .await;
    browser
        .wait_text(".chat-log .msg-team", "place n° 12")
        .await;
    browser
        .wait_text(".phone-log .pmsg-in", "place n° 12 au sous-sol")
        .await;
    assert!(browser.page_not_reloaded().await, "the page was reloaded");
}
