//! A session revoked on the server (here: the operator logs out through the API from the same
//! browser, behind the app's back) closes the dashboard's live connection with code 4001; the
//! dashboard goes to the login page and says why, instead of reconnecting.

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::simulate;
use crate::support::set_ai_mode;

#[actix_web::test]
async fn a_revoked_session_brings_the_dashboard_back_to_login_with_a_notice() {
    let app = spawn_app().await;
    set_ai_mode(&app, "off").await;
    // Another session of the same operator (the test's), which stays valid.
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.mark_page().await;
    // The live connection is up once a live event shows.
    let id = simulate(&app, &token, "+33611223344", "Bonjour !").await;
    browser.wait_text(&format!("#conv-{id}"), "Bonjour").await;

    // A plain fetch: the app itself is not told; only the socket can tell it.
    browser
        .js("fetch('/api/auth/logout', {method: 'POST', credentials: 'same-origin'}); return null;")
        .await;

    browser
        .wait_text("#login-notice", "Votre session a été fermée")
        .await;
    browser.find("#login-email").await;
    assert!(browser.page_not_reloaded().await, "the page was reloaded");
}
