//! Logging in through the form: a wrong password is said plainly, the session survives a reload
//! (cookie), and logging out comes back to the form.

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
