//! Two members of one conciergerie, side by side in two browsers: the owner assigns a
//! conversation to a colleague and starts typing; the colleague sees the assignment ("Mes
//! conversations") and "Camille écrit…" live, without reloading, and the owner sees them viewing.
//! "Mes conversations" asks the server: a conversation of Marc's beyond the first page shows up,
//! and the filtered list follows live assignments in and out.

use std::time::Duration;

use protocol::members::Member;
use reqwest::StatusCode;
use serde_json::json;

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::simulate;
use crate::support::set_ai_mode;

#[actix_web::test]
async fn a_colleague_sees_the_assignment_and_the_typing_live() {
    let app = spawn_app().await;
    set_ai_mode(&app, "off").await;
    let owner = app.login_demo().await;
    let invited = app
        .post_json(
            "/api/members",
            Some(&owner),
            &json!({"email": "marc@demo.fr", "name": "Marc", "role": "agent", "password": "bienvenue-2026"}),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::CREATED);
    let marc: Member = invited.json().await.unwrap();
    // An older conversation of Marc's, pushed off the first page (50) by sixty newer ones.
    let old = simulate(&app, &owner, "+33698765432", "Le parking est-il payant ?").await;
    let assigned = app
        .patch_json(
            &format!("/api/conversations/{old}"),
            &owner,
            &json!({"assignee_id": marc.id}),
        )
        .await;
    assert_eq!(assigned.status(), StatusCode::OK);
    let tenant = app.tenant_of(&owner).await;
    let mut someone_elses = None;
    for i in 0..60 {
        someone_elses = Some(
            app.insert_conversation(tenant, &format!("+3369900{i:04}"), "Bonjour")
                .await,
        );
    }
    let someone_elses = someone_elses.expect("sixty conversations");
    let id = simulate(&app, &owner, "+33612345678", "La clé ne marche pas").await;

    let (camille, colleague) = Browser::start_pair().await;
    camille.login_demo(&app).await;
    colleague
        .login(&app, "marc@demo.fr", "bienvenue-2026")
        .await;
    colleague.find("#nav-inbox").await;
    colleague.wait_gone(".conv-list.skeleton").await;
    colleague.mark_page().await;
    colleague.find(&format!("#conv-{id}")).await;
    colleague.find(&format!("#conv-{someone_elses}")).await;
    assert!(
        !colleague.exists(&format!("#conv-{old}")).await,
        "Marc's older conversation is beyond the first page"
    );

    for browser in [&camille, &colleague] {
        browser.click(&format!("#conv-{id}")).await;
        browser.wait_text(".chat-log .msg-guest", "La clé").await;
    }
    // Each sees the other in the conversation (the dashboards say "viewing" on opening).
    camille
        .wait_text("[data-testid=presence]", "Marc consulte")
        .await;

    camille
        .find("[data-testid=assignee]")
        .await
        .select_by_value(&marc.id.to_string())
        .await
        .expect("choose Marc");
    let marc_id = marc.id.to_string();
    colleague
        .wait_for(
            "the assignment to reach Marc's header",
            Duration::from_secs(10),
            || async {
                (colleague.value_of("[data-testid=assignee]").await == marc_id).then_some(())
            },
        )
        .await;
    // Both lists say whose it is.
    for browser in [&camille, &colleague] {
        browser
            .wait_text(&format!("#conv-{id} [data-testid=conv-assignee]"), "Marc")
            .await;
    }

    camille
        .type_into("#composer-input", "Je m'en occupe, Marc")
        .await;
    colleague
        .wait_text("[data-testid=presence]", "Camille écrit")
        .await;

    // « Mes conversations » asks the server: the older one comes too, the others go.
    colleague.click("[data-testid=filter-mine]").await;
    colleague.find(&format!("#conv-{old}")).await;
    colleague.find(&format!("#conv-{id}")).await;
    colleague.wait_gone(&format!("#conv-{someone_elses}")).await;
    // Camille takes it back: it leaves Marc's filtered list at once.
    camille
        .find("[data-testid=assignee]")
        .await
        .select_by_value("")
        .await
        .expect("unassign");
    colleague.wait_gone(&format!("#conv-{id}")).await;
    colleague.find(&format!("#conv-{old}")).await;
    // And assigned to him again, it comes back.
    camille
        .find("[data-testid=assignee]")
        .await
        .select_by_value(&marc.id.to_string())
        .await
        .expect("choose Marc again");
    colleague.find(&format!("#conv-{id}")).await;
    assert!(
        colleague.page_not_reloaded().await,
        "everything arrived live, without a reload"
    );
}
