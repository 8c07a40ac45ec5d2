//! Properties and stays in the dashboard: a property with its own answer and a stay are created
//! through the Logements and Séjours tabs; the guest of that stay writes from the simulator, the
//! chat header shows the property and the dates, and the AI answers with the property's entry.

use chrono::{Days, Utc};
use protocol::properties::Property;
use serde_json::json;

use crate::harness::Browser;
use crate::helpers::spawn_app;
use crate::server::simulate;

const GUEST: &str = "+33655443322";
const WIFI: &str = "Réseau LoftCanal, mot de passe canal-loft-2026.";

/// Sets a form field the way a person's input would (date pickers and selects take no typing
/// that is the same in every locale).
async fn set_field(browser: &Browser, css: &str, value: &str, event: &str) {
    browser.find(css).await;
    let script = format!(
        "const el = document.querySelector({css}); el.value = {value}; \
         el.dispatchEvent(new Event({event}, {{ bubbles: true }})); return null;",
        css = json!(css),
        value = json!(value),
        event = json!(event),
    );
    browser.js(&script).await;
}

#[actix_web::test]
async fn a_property_and_a_stay_made_in_the_dashboard_reach_the_guests_conversation() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;

    // Logements: a new property with its own wifi answer.
    browser.click("#nav-properties").await;
    browser.click("#property-add").await;
    browser.type_into("#property-new-name", "Loft Canal").await;
    browser
        .type_into("#property-new-address", "12 quai de Jemmapes, Paris")
        .await;
    // A time zone the server does not know is refused on the field, in words.
    browser.type_into("#property-new-time-zone", "Paris").await;
    browser.click("#property-new-submit").await;
    browser
        .wait_text(".property-form .field-error", "Europe/Paris")
        .await;
    set_field(&browser, "#property-new-time-zone", "Europe/Paris", "input").await;
    browser.click("#property-new-submit").await;
    browser
        .wait_text("[data-testid='property-card'] h3", "Loft Canal")
        .await;
    let properties: Vec<Property> = app
        .get("/api/properties", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let loft = properties
        .iter()
        .find(|p| p.name == "Loft Canal")
        .expect("the property is saved");
    assert_eq!(loft.check_in_time, "16:00", "the default check-in time");
    assert_eq!(loft.time_zone, "Europe/Paris");
    let card = format!("[data-property-id='{}']", loft.id);
    browser
        .wait_text(
            &format!("{card} [data-testid='property-time-zone']"),
            "Europe/Paris",
        )
        .await;
    browser
        .click(&format!("{card} [data-testid='property-answers']"))
        .await;
    browser
        .click(&format!("{card} [data-testid='property-answer-add']"))
        .await;
    let form = format!("#answer-new-{}", loft.id);
    browser
        .type_into(&format!("{form}-question"), "Quel est le code wifi ?")
        .await;
    browser.type_into(&format!("{form}-answer"), WIFI).await;
    browser.click(&format!("{form}-submit")).await;
    browser
        .wait_text(&format!("{card} [data-testid='property-answer']"), WIFI)
        .await;

    // Séjours: the guest's stay, arriving today (in Paris, the property's zone).
    let today = majordome::domain::time_zone::TimeZone::DEFAULT.today(Utc::now());
    let departure = today + Days::new(3);
    browser.click("#nav-stays").await;
    browser.click("#stay-add").await;
    set_field(
        &browser,
        "#stay-new-property",
        &loft.id.to_string(),
        "change",
    )
    .await;
    browser.type_into("#stay-new-guest", "Nina Petit").await;
    browser
        .type_into("#stay-new-whatsapp", "06 55 44 33 22")
        .await;
    set_field(&browser, "#stay-new-arrival", &today.to_string(), "input").await;
    set_field(
        &browser,
        "#stay-new-departure",
        &departure.to_string(),
        "input",
    )
    .await;
    browser.click("#stay-new-submit").await;
    browser
        .wait_text("[data-testid='stay-card'] h3", "Nina Petit")
        .await;
    let stays: Vec<serde_json::Value> = app
        .get("/api/stays", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let stay = stays
        .iter()
        .find(|s| s["guest_name"] == "Nina Petit")
        .expect("the stay is saved");
    assert_eq!(stay["property_id"], json!(loft.id));
    assert_eq!(
        stay["whatsapp_number"], GUEST,
        "the French number, normalised"
    );

    // An automation plans a message for the day after arrival.
    let created = app
        .post_json(
            "/api/automations",
            Some(&token),
            &json!({"name": "Tout va bien ?", "anchor": "arrival", "offset_days": 1,
                    "send_time": "10:00", "body": "Tout se passe bien, {{guest_name}} ?"}),
        )
        .await;
    assert_eq!(created.status(), reqwest::StatusCode::CREATED);
    majordome::automations::run_once(app.state(), Utc::now())
        .await
        .unwrap();

    // The guest writes from the simulator: the conversation shows the stay.
    browser.click("#nav-inbox").await;
    let conversation = simulate(&app, &token, GUEST, "Bonjour, quel est le code wifi ?").await;
    browser.click(&format!("#conv-{conversation}")).await;
    let dates = format!("{} → {}", today.format("%d/%m"), departure.format("%d/%m"));
    let header = browser
        .wait_text("[data-testid='chat-stay']", "Loft Canal")
        .await;
    let text = header.text().await.unwrap();
    assert!(text.contains(&dates), "{text}");
    assert!(text.contains("En séjour"), "{text}");
    browser
        .wait_text(
            &format!("#conv-{conversation} [data-testid='conv-stay']"),
            "Loft Canal",
        )
        .await;

    // The AI (offline here) answers with the property's own entry.
    browser
        .wait_text(".chat-log .msg-ai", "canal-loft-2026")
        .await;
}

/// What makes the page scroll sideways (something wider than the screen), if anything: the
/// offending elements' classes and widths, for the failure message.
async fn overflows(browser: &Browser) -> Option<String> {
    let found = browser
        .js(
            "const wide = (el) => el && el.scrollWidth > el.clientWidth + 1; \
             const name = (el) => `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth})`; \
             const out = []; \
             if (wide(document.scrollingElement)) out.push('page ' + name(document.scrollingElement)); \
             for (const el of document.querySelectorAll('.nav-list, .nav, .content, .chat-header')) \
                 if (wide(el)) out.push(name(el)); \
             for (const el of document.querySelectorAll('.nav-item')) \
                 if (el.getBoundingClientRect().right > window.innerWidth + 1) out.push('off screen: ' + el.id); \
             return out.join('; ');",
        )
        .await;
    found.as_str().filter(|s| !s.is_empty()).map(str::to_owned)
}

#[actix_web::test]
async fn the_stay_screens_fit_a_phone() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser
        .client
        .set_window_size(390, 844)
        .await
        .expect("phone-sized window");
    browser.login_demo(&app).await;

    browser.click("#nav-stays").await;
    browser
        .wait_text("[data-testid='stay-card'] h3", "Camille Martin")
        .await;
    assert_eq!(
        overflows(&browser).await,
        None,
        "the stays list scrolls sideways"
    );
    let cut = browser
        .js(
            "return [...document.querySelectorAll('.nav-item .nav-label')] \
                 .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1) \
                 .map((el) => el.textContent).join(', ');",
        )
        .await;
    assert_eq!(cut.as_str(), Some(""), "tab labels cut short on a phone");
    browser.click("#stay-add").await;
    browser.find("#stay-new-departure").await;
    assert_eq!(
        overflows(&browser).await,
        None,
        "the stay form scrolls sideways"
    );

    browser.click("#nav-properties").await;
    browser.click("#property-add").await;
    browser.find("#property-new-ical").await;
    assert_eq!(
        overflows(&browser).await,
        None,
        "the property form scrolls sideways"
    );

    browser.click("#nav-settings").await;
    browser
        .wait_text("[data-testid='automation-card']", "Rappel de départ")
        .await;
    browser.click("#automation-add").await;
    browser.find("#automation-new-variables").await;
    assert_eq!(
        overflows(&browser).await,
        None,
        "the automations scroll sideways"
    );

    // A linked conversation: the stay fits the chat header.
    browser.click("#nav-inbox").await;
    let conversation = simulate(&app, &token, "+33612340001", "Bonjour !").await;
    browser.click(&format!("#conv-{conversation}")).await;
    browser
        .wait_text("[data-testid='chat-stay']", "Studio Vieux-Port")
        .await;
    assert_eq!(
        overflows(&browser).await,
        None,
        "the chat header scrolls sideways"
    );
}

#[actix_web::test]
async fn a_csv_import_lists_the_refused_lines() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sejours.csv");
    std::fs::write(
        &file,
        "logement;voyageur;téléphone;arrivée;départ\n\
         Studio Vieux-Port;Hugo Lambert;06 11 22 33 44;12/01/2099;15/01/2099\n\
         Studio Vieux-Port;Inès Roy;06 11 22 33 45;20/01/2099;18/01/2099\n\
         Nulle part;Jules Faure;;01/02/2099;03/02/2099\n",
    )
    .unwrap();

    browser.click("#nav-stays").await;
    browser
        .find("#csv-file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .expect("choose the file");
    let report = browser.wait_text("#csv-report", "1 créé(s)").await;
    let text = report.text().await.unwrap();
    assert!(text.contains("2 ligne(s) refusée(s)"), "{text}");
    let errors = browser.texts("[data-testid='csv-error']").await;
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("Ligne 3"), "{errors:?}");
    assert!(errors[1].starts_with("Ligne 4"), "{errors:?}");
    // The stored line shows up in the list.
    browser
        .wait_text("[data-testid='stay-card'] h3", "Hugo Lambert")
        .await;
    let stays: Vec<serde_json::Value> = app
        .get("/api/stays", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(stays.iter().any(|s| s["guest_name"] == "Hugo Lambert"));
    assert!(!stays.iter().any(|s| s["guest_name"] == "Inès Roy"));
}

/// Réglages › the conciergerie's time zone: an unknown name is refused on the field, a known one
/// is saved and given to the next property created without one.
#[actix_web::test]
async fn the_default_time_zone_is_set_in_the_settings() {
    use protocol::settings::Settings;

    let app = spawn_app().await;
    let token = app.login_demo().await;
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.click("#nav-settings").await;
    browser
        .wait_text("#time-zone-title", "Fuseau horaire")
        .await;
    set_field(&browser, "#settings-time-zone", "Martinique", "input").await;
    browser.click("#settings-time-zone-submit").await;
    browser
        .wait_text(
            "[aria-labelledby='time-zone-title'] .field-error",
            "Martinique",
        )
        .await;
    set_field(
        &browser,
        "#settings-time-zone",
        "America/Martinique",
        "input",
    )
    .await;
    browser.click("#settings-time-zone-submit").await;
    crate::support::eventually("the zone saved", || async {
        let settings: Settings = app
            .get("/api/settings", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        settings.time_zone == "America/Martinique"
    })
    .await;
    let created: Property = app
        .post_json(
            "/api/properties",
            Some(&token),
            &json!({"name": "Case créole"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(created.time_zone, "America/Martinique");
}

/// Réglages › Messages automatiques: the demo's automations are listed as sentences; one is
/// created with a WhatsApp template, switched off, edited and deleted, each step saved.
#[actix_web::test]
async fn automations_are_managed_from_the_settings() {
    use protocol::automations::Automation;
    use protocol::AutomationAnchor;

    let app = spawn_app().await;
    let token = app.login_demo().await;
    let automations = || async {
        app.get("/api/automations", Some(&token))
            .await
            .json::<Vec<Automation>>()
            .await
            .unwrap()
    };
    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.click("#nav-settings").await;
    browser
        .wait_text(
            "[data-testid='automation-card']",
            "La veille de l'arrivée à 18:00",
        )
        .await;

    browser.click("#automation-add").await;
    browser.type_into("#automation-new-name", "Avis").await;
    set_field(&browser, "#automation-new-anchor", "departure", "change").await;
    set_field(&browser, "#automation-new-offset", "1", "input").await;
    set_field(&browser, "#automation-new-time", "10:00", "input").await;
    browser
        .type_into("#automation-new-body", "Merci {{guest_name}} !")
        .await;
    let sid = format!("HX{}", "0123456789abcdef".repeat(2));
    browser.type_into("#automation-new-sid", &sid).await;
    browser
        .type_into("#automation-new-variables", "1 = {{guest_name}}")
        .await;
    browser.click("#automation-new-submit").await;
    browser
        .wait_text(
            "[data-testid='automation-card']",
            "Le lendemain du départ à 10:00",
        )
        .await;
    let avis = automations()
        .await
        .into_iter()
        .find(|a| a.name == "Avis")
        .expect("the automation is saved");
    assert_eq!(
        (avis.anchor, avis.offset_days),
        (AutomationAnchor::Departure, 1)
    );
    assert_eq!(avis.content_sid.as_deref(), Some(sid.as_str()));
    assert_eq!(avis.content_variables["1"], "{{guest_name}}");
    assert!(avis.enabled);

    // Switched off.
    let card = format!("[data-automation-id='{}']", avis.id);
    browser
        .click(&format!("{card} [data-testid='automation-toggle']"))
        .await;
    browser
        .wait_attr(
            &format!("{card} [data-testid='automation-toggle']"),
            "aria-checked",
            "false",
        )
        .await;
    let off = automations().await;
    assert!(!off.iter().find(|a| a.id == avis.id).unwrap().enabled);

    // Edited: an hour later.
    browser
        .click(&format!("{card} [data-testid='automation-edit']"))
        .await;
    set_field(
        &browser,
        &format!("#automation-{}-time", avis.id),
        "11:00",
        "input",
    )
    .await;
    browser
        .click(&format!("#automation-{}-submit", avis.id))
        .await;
    browser
        .wait_text(&card, "Le lendemain du départ à 11:00")
        .await;

    // Deleted.
    browser
        .click(&format!("{card} [data-testid='automation-delete']"))
        .await;
    browser
        .click(&format!("{card} [data-testid='automation-delete-confirm']"))
        .await;
    browser.wait_gone(&card).await;
    assert!(automations().await.iter().all(|a| a.id != avis.id));

    // A stay card shows, on demand, what the automations planned for its guest.
    majordome::automations::run_once(app.state(), Utc::now())
        .await
        .unwrap();
    let stays: Vec<serde_json::Value> = app
        .get("/api/stays", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let camille = stays
        .iter()
        .find(|s| s["guest_name"] == "Camille Martin")
        .unwrap()["id"]
        .clone();
    browser.click("#nav-stays").await;
    let stay_card = format!("[data-stay-id='{camille}']");
    browser
        .click(&format!("{stay_card} [data-testid='stay-scheduled']"))
        .await;
    browser
        .wait_text(
            &format!("{stay_card} [data-testid='scheduled']"),
            "Rappel de départ",
        )
        .await;
}

/// The inbox's phase filter asks the server: a guest arriving today whose conversation is beyond
/// the first page (not loaded yet) shows up as soon as "Arrivées aujourd'hui" is chosen.
#[actix_web::test]
async fn the_phase_filter_finds_conversations_not_loaded_yet() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let tenant = app.tenant_of(&token).await;
    // No AI reply that would make Camille's conversation the newest again.
    crate::support::quiet_ai(&app).await;
    // Camille (arriving today) writes first; sixty newer conversations push her off the first
    // page (50); Lucas (in stay) writes last, so the stay filters show.
    let camille = simulate(&app, &token, "+33612340001", "Bonjour, j'arrive ce soir").await;
    for i in 0..60 {
        app.insert_conversation(tenant, &format!("+3369900{i:04}"), "Bonjour")
            .await;
    }
    let lucas = simulate(&app, &token, "+33612340002", "Tout va bien").await;
    crate::support::eventually("Lucas's conversation linked to his stay", || async {
        crate::server::conversations(&app, &token)
            .await
            .iter()
            .any(|c| c.id == lucas && c.stay.is_some())
    })
    .await;

    let browser = Browser::start().await;
    browser.login_demo(&app).await;
    browser.find(&format!("#conv-{lucas}")).await;
    browser.find("#inbox-phase").await;
    assert!(
        !browser.exists(&format!("#conv-{camille}")).await,
        "Camille's conversation is beyond the first page"
    );
    set_field(&browser, "#inbox-phase", "arriving_today", "change").await;
    browser.find(&format!("#conv-{camille}")).await;
    assert!(
        !browser.exists(&format!("#conv-{lucas}")).await,
        "Lucas is not arriving today"
    );
}
