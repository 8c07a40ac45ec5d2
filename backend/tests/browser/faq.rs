//! The FAQ tab: add (with validation), edit and delete, each reaching the server.

use protocol::faqs::Faq;

use crate::harness::Browser;
use crate::helpers::{spawn_app, TestApp};

async fn faqs(app: &TestApp, token: &str) -> Vec<Faq> {
    app.get("/api/faqs", Some(token))
        .await
        .json()
        .await
        .expect("FAQ list")
}

/// The card of the FAQ with this id.
fn card(id: impl std::fmt::Display) -> String {
    format!("[data-testid='faq-card'][data-faq-id='{id}']")
}

#[actix_web::test]
async fn faq_add_edit_and_delete() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let seeded = faqs(&app, &token).await;
    assert!(!seeded.is_empty(), "the demo has sample FAQs");
    let browser = Browser::start().await;
    browser.login_demo(&app).await;

    browser.click("#nav-faq").await;
    browser
        .wait_text("[data-testid='faq-card'] h3", &seeded[0].question)
        .await;

    // Add: an empty form is refused on the spot, a filled one is saved.
    browser.click("#faq-add").await;
    browser.click("#faq-new-submit").await;
    browser.find("#faq-new-first-error").await;
    browser.find("#faq-new-second-error").await;
    browser
        .type_into(
            "#faq-new-first",
            "Peut-on faire un barbecue sur la terrasse ?",
        )
        .await;
    browser
        .type_into(
            "#faq-new-second",
            "Oui, le barbecue au charbon est autorisé jusqu'à 22 h.",
        )
        .await;
    browser.click("#faq-new-submit").await;
    browser.wait_gone("#faq-new-first").await;
    browser
        .wait_text(
            "[data-testid='faq-card'] h3",
            "Peut-on faire un barbecue sur la terrasse ?",
        )
        .await;
    let added = faqs(&app, &token)
        .await
        .into_iter()
        .find(|f| f.question == "Peut-on faire un barbecue sur la terrasse ?")
        .expect("the new FAQ is saved");
    assert_eq!(
        added.answer,
        "Oui, le barbecue au charbon est autorisé jusqu'à 22 h."
    );
    assert_eq!(faqs(&app, &token).await.len(), seeded.len() + 1);

    // Edit it.
    let card = card(added.id);
    browser
        .click(&format!("{card} [data-testid='faq-edit']"))
        .await;
    let question = format!("#faq-{}-first", added.id);
    let answer = format!("#faq-{}-second", added.id);
    assert_eq!(
        browser.value_of(&question).await,
        "Peut-on faire un barbecue sur la terrasse ?"
    );
    browser.find(&answer).await.clear().await.expect("clear");
    browser
        .type_into(
            &answer,
            "Oui, avec le barbecue électrique fourni ; le charbon est interdit.",
        )
        .await;
    browser.click(&format!("#faq-{}-submit", added.id)).await;
    browser
        .wait_text(&format!("{card} .faq-answer"), "barbecue électrique fourni")
        .await;
    let edited = faqs(&app, &token)
        .await
        .into_iter()
        .find(|f| f.id == added.id)
        .expect("still there");
    assert_eq!(
        edited.answer,
        "Oui, avec le barbecue électrique fourni ; le charbon est interdit."
    );
    assert_eq!(
        edited.question,
        "Peut-on faire un barbecue sur la terrasse ?"
    );

    // Delete it (after confirming).
    browser
        .click(&format!("{card} [data-testid='faq-delete']"))
        .await;
    browser
        .click(&format!("{card} [data-testid='faq-delete-confirm']"))
        .await;
    browser.wait_gone(&card).await;
    let left = faqs(&app, &token).await;
    assert_eq!(left.len(), seeded.len());
    assert!(left.iter().all(|f| f.id != added.id), "not deleted");
    // The seeded ones are untouched.
    browser
        .wait_text("[data-testid='faq-card'] h3", &seeded[0].question)
        .await;
}
