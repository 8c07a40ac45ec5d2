//! Scheduled messages (automations timed from stays), run with an injected clock: sent once at
//! their time, still sent after a restart within the lateness, skipped when too late or when the
//! stay is cancelled, and cancellable by an operator.

use chrono::{DateTime, Days, NaiveTime, Utc};
use majordome::automations::{run_once, RunReport};
use majordome::domain::time_zone::TimeZone;
use protocol::automations::ScheduledMessage;
use protocol::{ConversationId, ScheduledStatus};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::ai::simulate;
use crate::helpers::{spawn_app_with, TestApp};
use crate::support::*;

/// Demo guest arriving today (see `seed.rs`).
const CAMILLE: &str = "+33612340001";

/// `h:m` on the demo properties' wall clock (Paris), `days` after their today: the times an
/// automation's `send_time` means.
fn today_at(days: u64, h: u32, m: u32) -> DateTime<Utc> {
    let paris = TimeZone::DEFAULT;
    paris.instant(
        paris.today(Utc::now()) + Days::new(days),
        NaiveTime::from_hms_opt(h, m, 0).unwrap(),
    )
}

async fn stay_id(app: &TestApp, token: &str, guest: &str) -> i64 {
    let stays: Vec<Value> = app
        .get("/api/stays", Some(token))
        .await
        .json()
        .await
        .unwrap();
    stays
        .iter()
        .find(|s| s["whatsapp_number"] == guest)
        .expect("the guest's stay")["id"]
        .as_i64()
        .unwrap()
}

async fn scheduled(app: &TestApp, token: &str, stay: i64) -> Vec<ScheduledMessage> {
    let response = app
        .get(&format!("/api/stays/{stay}/scheduled"), Some(token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn automation(app: &TestApp, token: &str, body: Value) -> i64 {
    let response = app.post_json("/api/automations", Some(token), &body).await;
    assert_eq!(response.status(), StatusCode::CREATED, "{body}");
    response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn thread(app: &TestApp, token: &str, conversation: ConversationId) -> Vec<Value> {
    app.get(
        &format!("/api/conversations/{conversation}/messages"),
        Some(token),
    )
    .await
    .json()
    .await
    .unwrap()
}

async fn run(app: &TestApp, at: DateTime<Utc>) -> RunReport {
    run_once(app.state(), at).await.expect("a scheduled run")
}

#[actix_web::test]
async fn a_scheduled_message_is_sent_once_at_its_time_even_after_a_restart() {
    sent_once_at_its_time(&[]).await;
}

#[actix_web::test]
async fn scheduled_messages_work_on_postgresql() {
    let pg = crate::helpers::ThrowawayPostgres::create("majordome_auto").await;
    sent_once_at_its_time(&[("DATABASE_URL", pg.url.as_str())]).await;
}

async fn sent_once_at_its_time(vars: &[(&str, &str)]) {
    // The background runs are off: the test's clock decides.
    let mut vars = vars.to_vec();
    vars.push(("AUTOMATION_INTERVAL_SECS", "0"));
    let mut app = spawn_app_with(&vars).await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    simulate(&app, &token, CAMILLE, "Bonjour").await;
    wait_for(&mut socket, "Camille's message", |e| {
        e["type"] == "message.created" && e["message"]["body"] == "Bonjour"
    })
    .await;
    let welcome = automation(
        &app,
        &token,
        json!({"name": "Bienvenue", "anchor": "arrival", "offset_days": 0, "send_time": "18:00",
               "body": "Bonjour {{guest_name}}, {{property.name}} vous attend dès {{property.check_in_time}}."}),
    )
    .await;
    let camille = stay_id(&app, &token, CAMILLE).await;

    // Before its time: planned, not sent.
    let early = run(&app, today_at(0, 17, 59)).await;
    assert!(early.planned >= 1, "{early:?}");
    assert_eq!(early.sent, 0);
    let planned = scheduled(&app, &token, camille).await;
    let row = planned
        .iter()
        .find(|s| s.automation_id.0 == welcome)
        .expect("planned for Camille's stay");
    assert_eq!(row.status, ScheduledStatus::Pending);
    assert_eq!(row.due_at, today_at(0, 18, 0));

    // The server was down at 18:00; back at 18:30, within the lateness: sent then.
    app.restart().await;
    let mut socket = connect_ws(&app, &token).await;
    let late = run(&app, today_at(0, 18, 30)).await;
    assert_eq!(late.sent, 1, "{late:?}");
    let expected = "Bonjour Camille Martin, Studio Vieux-Port vous attend dès 16:00.";
    let received = wait_for(&mut socket, "the scheduled message at the simulator", |e| {
        e["type"] == "simulator.reply" && e["to"] == CAMILLE
    })
    .await;
    assert_eq!(received["body"], expected);
    let row = scheduled(&app, &token, camille)
        .await
        .into_iter()
        .find(|s| s.automation_id.0 == welcome)
        .unwrap();
    assert_eq!(row.status, ScheduledStatus::Sent);
    let conversation = row.conversation_id.expect("the conversation it went to");

    // Runs after that send nothing more.
    assert_eq!(run(&app, today_at(0, 18, 31)).await.sent, 0);
    assert_eq!(run(&app, today_at(0, 23, 0)).await.sent, 0);
    let thread = thread(&app, &token, conversation).await;
    assert_eq!(
        thread.iter().filter(|m| m["body"] == expected).count(),
        1,
        "sent exactly once"
    );
}

#[actix_web::test]
async fn too_late_cancelled_stays_and_operator_cancels_are_not_sent() {
    let app = spawn_app_with(&[
        ("AUTOMATION_INTERVAL_SECS", "0"),
        ("AUTOMATION_MAX_LATENESS_MINUTES", "60"),
    ])
    .await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    simulate(&app, &token, CAMILLE, "Bonjour").await;
    let checkout = automation(
        &app,
        &token,
        json!({"name": "Départ", "anchor": "departure", "offset_days": 0, "send_time": "08:00",
               "body": "Départ avant {{property.check_out_time}}, merci !"}),
    )
    .await;
    let review = automation(
        &app,
        &token,
        json!({"name": "Avis", "anchor": "departure", "offset_days": 1, "send_time": "10:00",
               "body": "Merci pour votre séjour !"}),
    )
    .await;
    run(&app, today_at(0, 9, 0)).await;
    let camille = stay_id(&app, &token, CAMILLE).await;
    let rows = scheduled(&app, &token, camille).await;
    let of = |automation: i64| {
        rows.iter()
            .find(|s| s.automation_id.0 == automation)
            .unwrap()
            .clone()
    };
    let (checkout_row, review_row) = (of(checkout), of(review));

    // The operator cancels the review request; a second cancel is refused clearly.
    let cancelled = app
        .post_json(
            &format!("/api/scheduled/{}/cancel", review_row.id),
            Some(&token),
            &json!({}),
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let again = app
        .post_json(
            &format!("/api/scheduled/{}/cancel", review_row.id),
            Some(&token),
            &json!({}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    // The server was down on departure morning until 09:30: more than an hour late, skipped.
    let departure_day = TimeZone::DEFAULT.today(checkout_row.due_at);
    let at =
        |h, m| TimeZone::DEFAULT.instant(departure_day, NaiveTime::from_hms_opt(h, m, 0).unwrap());
    let report = run(&app, at(9, 30)).await;
    // (Lucas leaves the same day: his is skipped too.)
    assert_eq!(report.sent, 0, "{report:?}");
    assert!(report.skipped >= 1, "{report:?}");
    // The day after: the cancelled review request stays cancelled.
    let report = run(&app, at(10, 0) + chrono::Duration::days(1)).await;
    assert_eq!(report.sent, 0, "{report:?}");
    let rows = scheduled(&app, &token, camille).await;
    let status = |id| rows.iter().find(|s| s.id == id).unwrap().status;
    assert_eq!(status(checkout_row.id), ScheduledStatus::Skipped);
    assert_eq!(status(review_row.id), ScheduledStatus::Cancelled);

    // A cancelled stay: its pending messages are skipped, not sent.
    let sophie = stay_id(&app, &token, "+33612340003").await;
    let pending = scheduled(&app, &token, sophie).await;
    assert!(!pending.is_empty(), "Sophie's stay has messages planned");
    let patched = app
        .patch_json(
            &format!("/api/stays/{sophie}"),
            &token,
            &json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(patched.status(), StatusCode::OK);
    let due = pending.iter().map(|s| s.due_at).max().unwrap();
    let report = run(&app, due).await;
    assert_eq!(report.sent, 0, "{report:?}");
    for row in scheduled(&app, &token, sophie).await {
        assert_eq!(row.status, ScheduledStatus::Skipped);
        assert_eq!(row.reason.as_deref(), Some("the stay was cancelled"));
    }
}

#[actix_web::test]
async fn outside_the_24_hour_window_it_goes_as_an_approved_template() {
    let (app, twilio) = twilio_app_with(&[("AUTOMATION_INTERVAL_SECS", "0")]).await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let tenant = app.tenant_of(&token).await;
    // Camille last wrote two days ago: WhatsApp takes no free-form message now.
    let conversation = app.insert_conversation(tenant, CAMILLE, "Bonjour").await;
    {
        use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
        let row = entity::conversation::Entity::find_by_id(conversation.0)
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        let mut row = row.into_active_model();
        row.last_client_message_at = Set(Some(Utc::now() - chrono::Duration::days(2)));
        row.update(app.db()).await.unwrap();
    }
    let sid = format!("HX{}", "0123456789abcdef".repeat(2));
    automation(
        &app,
        &token,
        json!({"name": "Veille", "anchor": "arrival", "offset_days": 0, "send_time": "18:00",
               "body": "Bonjour {{guest_name}}, arrivée dès {{property.check_in_time}}.",
               "content_sid": sid,
               "content_variables": {"1": "{{guest_name}}", "2": "{{property.check_in_time}}"}}),
    )
    .await;

    run(&app, today_at(0, 17, 0)).await;
    let report = run(&app, today_at(0, 18, 1)).await;
    assert_eq!(report.sent, 1, "{report:?}");
    eventually("the template reaches Twilio", || async {
        !twilio.sends().is_empty()
    })
    .await;
    let sends = twilio.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(sends[0].field("ContentSid"), Some(sid.as_str()));
    let variables: Value =
        serde_json::from_str(sends[0].field("ContentVariables").unwrap()).unwrap();
    assert_eq!(variables, json!({"1": "Camille Martin", "2": "16:00"}));
    assert_eq!(sends[0].field("Body"), None, "a template, not free text");
    // The thread shows what the guest reads.
    let thread = thread(&app, &token, conversation).await;
    assert!(thread
        .iter()
        .any(|m| m["body"] == "Bonjour Camille Martin, arrivée dès 16:00."));

    // Without a template it cannot go, and says why.
    automation(
        &app,
        &token,
        json!({"name": "Sans modèle", "anchor": "arrival", "offset_days": 0, "send_time": "19:00",
               "body": "Bonne soirée !"}),
    )
    .await;
    run(&app, today_at(0, 18, 30)).await;
    let report = run(&app, today_at(0, 19, 1)).await;
    assert_eq!((report.sent, report.failed), (0, 1), "{report:?}");
    let rows = scheduled(&app, &token, stay_id(&app, &token, CAMILLE).await).await;
    let failed = rows
        .iter()
        .find(|r| r.status == ScheduledStatus::Failed)
        .expect("the message without a template failed");
    assert!(
        failed.reason.as_deref().unwrap().contains("24 h window"),
        "{failed:?}"
    );
    assert_eq!(twilio.sends().len(), 1, "nothing more was sent");
}

/// Demo guests who never wrote (see `seed.rs`): Sophie arrives in a week, Lucas is staying.
const SOPHIE: &str = "+33612340003";
const LUCAS: &str = "+33612340002";

#[actix_web::test]
async fn a_guest_who_never_wrote_gets_the_template_in_a_new_conversation_linked_to_the_stay() {
    let (app, twilio) = twilio_app_with(&[("AUTOMATION_INTERVAL_SECS", "0")]).await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let sid = format!("HX{}", "fedcba9876543210".repeat(2));
    // A week before Sophie's arrival, today at 18:00.
    automation(
        &app,
        &token,
        json!({"name": "Une semaine avant", "anchor": "arrival", "offset_days": -7, "send_time": "18:00",
               "body": "Bonjour {{guest_name}}, à dans une semaine à {{property.name}} !",
               "content_sid": sid, "content_variables": {"1": "{{guest_name}}"}}),
    )
    .await;
    // Three days before departure (Camille's and Lucas's, today at 19:00), without a template.
    let untemplated = automation(
        &app,
        &token,
        json!({"name": "Sans modèle", "anchor": "departure", "offset_days": -3, "send_time": "19:00",
               "body": "Votre départ approche."}),
    )
    .await;
    run(&app, today_at(0, 17, 0)).await;

    let report = run(&app, today_at(0, 18, 1)).await;
    assert_eq!(report.sent, 1, "{report:?}");
    eventually("the template reaches Twilio", || async {
        !twilio.sends().is_empty()
    })
    .await;
    let sends = twilio.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(
        sends[0].field("To"),
        Some(format!("whatsapp:{SOPHIE}").as_str())
    );
    assert_eq!(sends[0].field("ContentSid"), Some(sid.as_str()));
    assert_eq!(sends[0].field("Body"), None, "a template, not free text");
    let variables: Value =
        serde_json::from_str(sends[0].field("ContentVariables").unwrap()).unwrap();
    assert_eq!(variables, json!({"1": "Sophie Laurent"}));

    // Her conversation is in the inbox, live and listed, linked to her stay.
    let sophie = stay_id(&app, &token, SOPHIE).await;
    let live = wait_for(&mut socket, "Sophie's new conversation", |e| {
        e["type"] == "conversation.updated" && e["conversation"]["phone_number"] == SOPHIE
    })
    .await;
    assert_eq!(live["conversation"]["stay"]["id"], sophie, "{live}");
    let list: Vec<Value> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let listed = list
        .iter()
        .find(|c| c["phone_number"] == SOPHIE)
        .expect("Sophie's conversation in the inbox");
    assert_eq!(listed["stay"]["id"], sophie);
    assert_eq!(listed["contact_name"], "Sophie Laurent");
    let conversation = ConversationId(listed["id"].as_i64().unwrap());
    let thread = thread(&app, &token, conversation).await;
    assert_eq!(thread.len(), 1, "{thread:?}");
    assert_eq!(
        thread[0]["body"],
        "Bonjour Sophie Laurent, à dans une semaine à Studio Vieux-Port !"
    );
    let row = scheduled(&app, &token, sophie)
        .await
        .into_iter()
        .find(|s| s.status == ScheduledStatus::Sent)
        .expect("Sophie's message is marked sent");
    assert_eq!(row.conversation_id, Some(conversation));

    // Without a template nothing can reach a guest who never wrote: skipped, said why, and no
    // empty conversation opened for them.
    let report = run(&app, today_at(0, 19, 1)).await;
    assert_eq!((report.sent, report.skipped), (0, 2), "{report:?}");
    let lucas = stay_id(&app, &token, LUCAS).await;
    let skipped: Vec<ScheduledMessage> = scheduled(&app, &token, lucas)
        .await
        .into_iter()
        .filter(|s| s.automation_id.0 == untemplated)
        .collect();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].status, ScheduledStatus::Skipped);
    assert!(
        skipped[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("never written"),
        "{skipped:?}"
    );
    let list: Vec<Value> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(list.iter().all(|c| c["phone_number"] != LUCAS));
    assert_eq!(twilio.sends().len(), 1, "nothing more was sent");
}

/// Offline, the template's message to a guest who never wrote goes to the simulator (its body:
/// the simulator plays WhatsApp, which would show the template's text), in a conversation opened
/// for them.
#[actix_web::test]
async fn offline_a_guest_who_never_wrote_gets_it_in_the_simulator() {
    let app = spawn_app_with(&[("AUTOMATION_INTERVAL_SECS", "0")]).await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    automation(
        &app,
        &token,
        json!({"name": "Une semaine avant", "anchor": "arrival", "offset_days": -7, "send_time": "18:00",
               "body": "Bonjour {{guest_name}}, à dans une semaine !",
               "content_sid": format!("HX{}", "fedcba9876543210".repeat(2))}),
    )
    .await;
    run(&app, today_at(0, 17, 0)).await;
    let report = run(&app, today_at(0, 18, 1)).await;
    assert_eq!(report.sent, 1, "{report:?}");
    let received = wait_for(&mut socket, "the message at the simulator", |e| {
        e["type"] == "simulator.reply" && e["to"] == SOPHIE
    })
    .await;
    assert_eq!(
        received["body"],
        "Bonjour Sophie Laurent, à dans une semaine !"
    );
}

/// "The day before at 18:00" is 18:00 on the property's wall clock, whatever the season: 17:00
/// UTC in a Paris winter (UTC+1), 16:00 UTC in a Paris summer (UTC+2).
#[actix_web::test]
async fn an_automation_fires_at_the_propertys_local_time_in_winter_and_in_summer() {
    let app = spawn_app_with(&[("AUTOMATION_INTERVAL_SECS", "0")]).await;
    quiet_ai(&app).await;
    let token = app.login_demo().await;
    let chalet = app
        .create_property(
            &token,
            &json!({"name": "Chalet", "time_zone": "Europe/Paris"}),
        )
        .await["id"]
        .clone();
    let sid = format!("HX{}", "0123456789abcdef".repeat(2));
    let eve = automation(
        &app,
        &token,
        json!({"property_id": chalet, "name": "La veille", "anchor": "arrival", "offset_days": -1,
               "send_time": "18:00", "body": "À demain {{guest_name}} !", "content_sid": sid}),
    )
    .await;
    for (guest, number, arrival, departure, fires) in [
        (
            "Hiver",
            "+33633330001",
            "2027-01-15",
            "2027-01-18",
            "2027-01-14T17:00:00Z",
        ),
        (
            "Été",
            "+33633330002",
            "2027-07-15",
            "2027-07-18",
            "2027-07-14T16:00:00Z",
        ),
    ] {
        let created = app
            .post_json(
                "/api/stays",
                Some(&token),
                &json!({"property_id": chalet, "guest_name": guest, "whatsapp_number": number,
                        "arrival": arrival, "departure": departure}),
            )
            .await;
        assert_eq!(created.status(), StatusCode::CREATED);
        let stay = created.json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap();
        let fires: DateTime<Utc> = fires.parse().unwrap();
        let row = |rows: Vec<ScheduledMessage>| {
            rows.into_iter()
                .find(|s| s.automation_id.0 == eve)
                .expect("planned for the stay")
        };

        let early = run(&app, fires - chrono::Duration::minutes(1)).await;
        assert_eq!(early.sent, 0, "{guest}: {early:?}");
        let planned = row(scheduled(&app, &token, stay).await);
        assert_eq!(
            (planned.due_at, planned.status),
            (fires, ScheduledStatus::Pending),
            "{guest}"
        );

        let on_time = run(&app, fires).await;
        assert_eq!(on_time.sent, 1, "{guest}: {on_time:?}");
        let sent = row(scheduled(&app, &token, stay).await);
        assert_eq!(sent.status, ScheduledStatus::Sent, "{guest}");
    }
}
