//! The admin app end to end: an admin creates a conciergerie, the new conciergerie logs in to the
//! dashboard and receives a signed webhook on its number, files a feature request that appears
//! live in the admin app, and the admin changes its status there.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::harness::Browser;
use crate::helpers::{token_of, ADMIN_EMAIL, ADMIN_PASSWORD};
use crate::support::{admin_overview, post_signed, text_webhook, twilio_app};

const NAME: &str = "Opale Conciergerie";
const EMAIL: &str = "equipe@opale.example";
const PASSWORD: &str = "opale-secret-2026";
const NUMBER: &str = "whatsapp:+33321000000";

async fn admin_logs_in(browser: &Browser, app: &crate::helpers::TestApp) {
    browser.goto(&app.url("/admin/")).await;
    browser.type_into("input[name=email]", ADMIN_EMAIL).await;
    browser
        .type_into("input[name=password]", ADMIN_PASSWORD)
        .await;
    browser.click("button[type=submit]").await;
}

#[actix_web::test]
async fn an_admin_onboards_a_conciergerie_and_triages_its_request_live() {
    let (app, _twilio) = twilio_app().await;
    let browser = Browser::start().await;

    // Admin login and creation of the conciergerie through the form.
    admin_logs_in(&browser, &app).await;
    browser.click("#new-conciergerie-button").await;
    browser.type_into("#new-conciergerie-name", NAME).await;
    browser.type_into("#new-conciergerie-email", EMAIL).await;
    browser
        .type_into("#new-conciergerie-password", PASSWORD)
        .await;
    browser
        .type_into("#new-conciergerie-whatsapp-number", NUMBER)
        .await;
    browser.click("form.editor button[type=submit]").await;
    browser.wait_text("#main", NAME).await;

    // The new conciergerie logs in to the operator dashboard and gets a webhook on its number.
    browser.login(&app, EMAIL, PASSWORD).await;
    browser.find("#nav-inbox").await;
    let form = text_webhook(
        "SMF0000000000000000000000000000001",
        "whatsapp:+33612345678",
        NUMBER,
        "Bonjour Opale, nous arrivons ce soir",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    browser.wait_text(".conv-list", "Bonjour Opale").await;

    // Back in the admin app, on the board: an operator's request appears without a reload.
    browser.goto(&app.url("/admin/#/features")).await;
    browser.wait_text("#main", "Aucune demande").await;
    browser.mark_page().await;
    let token = token_of(app.login(EMAIL, PASSWORD).await).await;
    let filed = app
        .post_json("/api/feature-requests", Some(&token), &json!({"title": "Export des conversations en PDF", "description": "Pour les propriétaires", "priority": "medium"}))
        .await;
    assert_eq!(filed.status(), StatusCode::CREATED);
    let filed: Value = filed.json().await.unwrap();
    browser
        .wait_text_within(
            "#main",
            "Export des conversations en PDF",
            Duration::from_secs(5),
        )
        .await;
    assert!(
        browser.page_not_reloaded().await,
        "the board reloaded instead of updating live"
    );

    // The admin moves it to "in progress"; the operator sees the new status.
    let select = format!("#fr-{}-status", filed["id"]);
    browser
        .find(&select)
        .await
        .select_by_value("in_progress")
        .await
        .expect("choose a status");
    let mut status = Value::Null;
    for _ in 0..50 {
        let mine: Vec<Value> = app
            .get("/api/feature-requests", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        status = mine[0]["status"].clone();
        if status == "in_progress" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, "in_progress");
}

/// Issue 10, finding 9: the admin sets a conciergerie's daily AI budget in the editor and reads
/// the day's AI spend against it in the list.
#[actix_web::test]
async fn an_admin_sets_a_daily_ai_budget_and_reads_the_spend_against_it() {
    let (app, _twilio) = twilio_app().await;
    let browser = Browser::start().await;
    admin_logs_in(&browser, &app).await;
    browser.wait_text("#row-1", "sans limite").await;

    browser.click("#row-1 .c-actions button").await;
    browser
        .type_into("#edit-1-ai-daily-budget-usd", "abc")
        .await;
    browser.click("form.editor button[type=submit]").await;
    browser.wait_text("form.editor", "Montant invalide").await;
    browser
        .find("#edit-1-ai-daily-budget-usd")
        .await
        .clear()
        .await
        .unwrap();
    browser
        .type_into("#edit-1-ai-daily-budget-usd", "7,5")
        .await;
    browser.click("form.editor button[type=submit]").await;
    browser.wait_text("#row-1", "7,50").await;
    let spend = browser.find("#row-1 .ai-spend").await.text().await.unwrap();
    assert!(spend.contains("0,00") && spend.contains("7,50"), "{spend}");

    let admin = token_of(app.admin_login_as(ADMIN_EMAIL, ADMIN_PASSWORD).await).await;
    let list = admin_overview(&app, &admin).await;
    assert_eq!(list[0].conciergerie.ai_daily_budget_usd, Some(7.5));
}

/// Issue 14: the platform admin opens a conciergerie's team from its row and sees every member,
/// with role, status and latest sign-in; in English too.
#[actix_web::test]
async fn an_admin_opens_a_conciergeries_team() {
    let (app, _twilio) = twilio_app().await;
    let owner = token_of(
        app.login(crate::helpers::DEMO_EMAIL, crate::helpers::DEMO_PASSWORD)
            .await,
    )
    .await;
    for (email, name, role) in [
        ("marc@demo.fr", "Marc", "agent"),
        ("lea@demo.fr", "Léa", "manager"),
    ] {
        let invited = app
            .post_json(
                "/api/members",
                Some(&owner),
                &json!({"email": email, "name": name, "role": role, "password": "bienvenue-2026"}),
            )
            .await;
        assert_eq!(invited.status(), StatusCode::CREATED);
    }
    // Marc signs in once; Léa never does.
    token_of(app.login("marc@demo.fr", "bienvenue-2026").await).await;

    let browser = Browser::start().await;
    admin_logs_in(&browser, &app).await;
    browser.wait_text("#row-1", "3 membres").await;
    browser.click("#team-button-1").await;
    let team = "#team-1";
    browser.wait_text(team, "Marc").await;
    let rows = browser.texts(&format!("{team} .member-row")).await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[0].contains("Camille") && rows[0].contains("Propriétaire"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("Léa") && rows[1].contains("Responsable"),
        "{rows:?}"
    );
    assert!(rows[1].contains("Jamais"), "Léa never signed in: {rows:?}");
    assert!(
        rows[2].contains("Marc") && rows[2].contains("Agent"),
        "{rows:?}"
    );
    assert!(
        rows[2].contains("à l'instant"),
        "Marc just signed in: {rows:?}"
    );
    browser.wait_text(team, "3 actifs").await;

    // Closed again from the same button; in English the panel speaks English.
    browser.click("#team-button-1").await;
    browser.wait_gone(team).await;
    browser.click(".nav-lang").await;
    browser.click("#team-button-1").await;
    browser.wait_text(team, "Last sign-in").await;
    browser.wait_text(team, "Never").await;
    browser.wait_text(team, "Manager").await;
}
