//! Private notes from the dashboard: the "Note interne" toggle writes a note that shows as an
//! internal bubble and is stored as `sender: "note"`; the CSV export links; a new conciergerie's empty inbox shows the
//! first-run checklist with links to the tabs.

use protocol::Sender;

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::{messages, simulate};
use crate::support::set_ai_mode;

#[actix_web::test]
async fn the_note_toggle_writes_an_internal_note_not_a_reply() {
    let app = spawn_app().await;
    set_ai_mode(&app, "off").await;
    let token = app.login_demo().await;
    let id = simulate(
        &app,
        &token,
        "+33612345678",
        "Le chauffe-eau ne marche plus",
    )
    .await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.click(&format!("#conv-{id}")).await;
    browser
        .wait_text(".chat-log .msg-guest", "chauffe-eau")
        .await;

    // The CSV exports are offered as downloads of this thread and of the whole list.
    browser
        .find(&format!(
            "a#export-thread[download][href='/api/conversations/{id}/export.csv']"
        ))
        .await;
    browser
        .find("a#export-list[download][href='/api/conversations/export.csv']")
        .await;

    browser.click("#note-toggle").await;
    browser.find(".composer.composer-note").await;
    browser
        .type_and_enter("#composer-input", "Plombier prévenu pour demain")
        .await;
    browser
        .wait_text(".chat-log .msg-note", "Plombier prévenu pour demain")
        .await;
    // The label is shown in capitals (CSS), as the browser renders it.
    browser
        .wait_text(".chat-log .msg-note .note-label", "NOTE INTERNE")
        .await;
    assert_eq!(browser.value_of("#composer-input").await, "");

    let stored = messages(&app, &token, id).await;
    let note = stored
        .iter()
        .find(|m| m.body == "Plombier prévenu pour demain")
        .expect("the note is stored");
    assert_eq!(note.sender, Sender::Note);
    assert!(
        stored.iter().all(|m| m.sender != Sender::Concierge),
        "no reply was sent"
    );
}

#[actix_web::test]
async fn a_new_conciergerie_sees_what_to_set_up_in_its_empty_inbox() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let tenant = app
        .new_tenant(&admin, "nouvelle", "whatsapp:+33700000077")
        .await;
    let browser = Browser::start().await;
    browser
        .login(&app, &tenant.email, "nouvelle-password")
        .await;
    browser.wait_text("#first-run", "Pour bien démarrer").await;
    // The number was given at creation: that step is done, the two others are not.
    assert_eq!(
        browser.texts("#first-run .first-run-step.done").await.len(),
        1
    );
    browser.click("#first-run a[href='#/faq']").await;
    browser.find("#nav-faq[aria-current='page']").await;
}
