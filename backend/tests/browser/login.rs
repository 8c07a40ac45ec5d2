//! Logging in through the form: a wrong password is said plainly, the session survives a reload
//! (cookie), logging out comes back to the form, and a deactivated account is told so.

use reqwest::StatusCode;
use serde_json::json;

use crate::harness::Browser;
use crate::helpers::{spawn_app, DEMO_EMAIL};

#[actix_web::test]
async fn login_errors_session_across_reload_and_logout() {
    let app = spawn_app().await;
    let browser = Browser::start().await;

    browser.login(&app, DEMO_EMAIL, "not-the-password").await;
    let error = browser.find("#login-error").await.text().await.unwrap();
    assert!(!error.trim().is_empty(), "empty login error");
    assert!(
        !browser.exists("#nav-inbox").await,
        "logged in with a wrong password"
    );
    assert_eq!(
        browser.value_of("#login-email").await,
        DEMO_EMAIL,
        "email lost"
    );

    browser.login_demo(&app).await;
    // Offline mode is signposted.
    browser.find(".banner-demo").await;

    // A reload keeps the session (HttpOnly cookie), and lands on the inbox again.
    browser.client.refresh().await.expect("reload");
    browser.find("#nav-inbox").await;
    assert!(!browser.exists("#login-email").await);

    browser.click(".nav-logout").await;
    browser.find("#login-email").await;
    browser.client.refresh().await.expect("reload");
    browser.find("#login-email").await;
    assert!(
        !browser.exists("#nav-inbox").await,
        "still logged in after logout"
    );
}

/// A conciergerie deactivated while its operator works: the next call takes them back to the
/// login page with the "session expired" notice; signing in again says the account is
/// deactivated, in French, and the notice (now stale) is gone.
#[actix_web::test]
async fn a_deactivated_account_is_told_so_in_the_operators_language() {
    let app = spawn_app().await;
    let admin = app.admin_login().await;
    let tenant = app
        .new_tenant(&admin, "sommeil", "whatsapp:+33600000001")
        .await;
    let browser = Browser::start().await;
    browser.login(&app, &tenant.email, "sommeil-password").await;
    browser.find("#nav-inbox").await;
    // The empty inbox's first-run checklist has loaded: no request of the first load is still
    // on its way to meet the deactivation below.
    browser.find("#first-run").await;

    let response = app
        .patch_json(
            &format!("/api/admin/conciergeries/{}", tenant.id),
            &admin,
            &json!({"active": false}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    browser.click("#nav-faq").await;
    browser.wait_text("#login-notice", "session a expiré").await;
    browser.type_into("#login-email", &tenant.email).await;
    browser
        .type_into("#login-password", "sommeil-password")
        .await;
    browser.click("#login-submit").await;
    browser
        .wait_text("#login-error", "Ce compte a été désactivé")
        .await;
    assert!(
        !browser.exists("#login-notice").await,
        "the stale 'session expired' notice is still shown"
    );
}
