//! Conversation ↔ stay: each guest is answered for their own rental, door codes only during their
//! stay, and the operator can link or unlink by hand. Runs the offline responder on the demo data
//! (two properties with their own wifi, a sensitive key-box code, stays around today).

use chrono::{Days, NaiveDate, Utc};
use entity::message;
use majordome::db;
use majordome::domain::time_zone::TimeZone;
use protocol::conversations::ConversationSummary;
use protocol::stays::StayPhase;
use protocol::{MessageStatus, Sender, StayId};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use serde_json::{json, Value};

use crate::ai::{simulate, simulator_reply};
use crate::helpers::{spawn_app_with, TestApp};
use crate::support::*;

/// Demo guests (see `seed.rs`): Camille arrives today at Studio Vieux-Port, Lucas is staying at
/// Maison des Vignes.
const CAMILLE: &str = "+33612340001";
const LUCAS: &str = "+33612340002";
const STRANGER: &str = "+33699999999";
const STUDIO_WIFI: &str = "calanques2026";
const VIGNES_WIFI: &str = "luberon-84";
const SHARED_WIFI: &str = "carte posée sur la table";
const KEY_BOX_CODE: &str = "4721";

/// Today where the demo's properties are (Paris): the date their stays are seeded around.
fn demo_today() -> NaiveDate {
    TimeZone::DEFAULT.today(Utc::now())
}

async fn app() -> (TestApp, String, Socket) {
    let app = spawn_app_with(&[("AI_BURST_WINDOW_MS", "100")]).await;
    let token = app.login_demo().await;
    let socket = connect_ws(&app, &token).await;
    (app, token, socket)
}

/// The guest's question and the reply the simulator showed them (the AI's answer, or the holding
/// message of a hand-off), with whether it was a hand-off.
async fn ask(
    app: &TestApp,
    token: &str,
    socket: &mut Socket,
    guest: &str,
    body: &str,
) -> (String, bool) {
    simulate(app, token, guest, body).await;
    let (reply, handoffs) = simulator_reply(socket, guest).await;
    (reply["body"].as_str().unwrap().to_owned(), handoffs > 0)
}

async fn conversation_of(app: &TestApp, token: &str, guest: &str) -> ConversationSummary {
    let list: Vec<ConversationSummary> = app
        .get("/api/conversations", Some(token))
        .await
        .json()
        .await
        .unwrap();
    list.into_iter()
        .find(|c| c.phone_number == guest)
        .expect("the guest's conversation")
}

async fn stay_of(app: &TestApp, token: &str, guest: &str) -> Value {
    let stays: Vec<Value> = app
        .get("/api/stays", Some(token))
        .await
        .json()
        .await
        .unwrap();
    stays
        .into_iter()
        .find(|s| s["whatsapp_number"] == guest)
        .expect("the guest's stay")
}

#[actix_web::test]
async fn each_guest_gets_their_own_rentals_wifi_and_a_guest_without_a_stay_the_shared_one() {
    let (app, token, mut socket) = app().await;
    let (camille, _) = ask(
        &app,
        &token,
        &mut socket,
        CAMILLE,
        "Quel est le code wifi ?",
    )
    .await;
    assert!(camille.contains(STUDIO_WIFI), "{camille}");
    let (lucas, _) = ask(&app, &token, &mut socket, LUCAS, "Quel est le code wifi ?").await;
    assert!(lucas.contains(VIGNES_WIFI), "{lucas}");
    let (stranger, _) = ask(
        &app,
        &token,
        &mut socket,
        STRANGER,
        "Quel est le code wifi ?",
    )
    .await;
    assert!(stranger.contains(SHARED_WIFI), "{stranger}");
    assert!(!stranger.contains(STUDIO_WIFI) && !stranger.contains(VIGNES_WIFI));

    // The inbox shows which rental and dates each conversation is about.
    let camille = conversation_of(&app, &token, CAMILLE).await.stay.unwrap();
    assert_eq!(camille.property_name, "Studio Vieux-Port");
    assert_eq!(camille.arrival, demo_today());
    assert_eq!(camille.local_date, demo_today());
    assert_eq!(camille.phase, StayPhase::InStay);
    assert_eq!(conversation_of(&app, &token, STRANGER).await.stay, None);

    // Filters: Camille arrives today at the studio; Lucas has been at the house for two days.
    let phones = |path: String| {
        let (app, token) = (&app, &token);
        async move {
            let list: Vec<ConversationSummary> =
                app.get(&path, Some(token)).await.json().await.unwrap();
            let mut phones: Vec<String> = list.into_iter().map(|c| c.phone_number).collect();
            phones.sort();
            phones
        }
    };
    let arriving = phones("/api/conversations?phase=arriving_today".into()).await;
    assert_eq!(arriving, vec![CAMILLE.to_owned()]);
    let staying = phones("/api/conversations?phase=in_stay".into()).await;
    assert_eq!(staying, vec![CAMILLE.to_owned(), LUCAS.to_owned()]);
    let studio = camille.property_id;
    let at_studio = phones(format!("/api/conversations?property_id={studio}")).await;
    assert_eq!(at_studio, vec![CAMILLE.to_owned()]);
    let bad = app
        .get("/api/conversations?phase=someday", Some(&token))
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn the_key_box_code_is_given_during_the_stay_only() {
    let (app, token, mut socket) = app().await;
    let question = "Quel est le code de la boîte à clés ?";
    let (during, handed_off) = ask(&app, &token, &mut socket, CAMILLE, question).await;
    assert!(during.contains(KEY_BOX_CODE), "{during}");
    assert!(!handed_off);

    // A guest of the same rental, ten days before arrival.
    let studio = stay_of(&app, &token, CAMILLE).await["property_id"].clone();
    let arrival = demo_today() + Days::new(10);
    let early = "+33600000910";
    let created = app
        .post_json(
            "/api/stays",
            Some(&token),
            &json!({
                "property_id": studio,
                "guest_name": "Early Bird",
                "whatsapp_number": early,
                "arrival": arrival.to_string(),
                "departure": (arrival + Days::new(3)).to_string(),
            }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let (before, handed_off) = ask(&app, &token, &mut socket, early, question).await;
    assert!(!before.contains(KEY_BOX_CODE), "{before}");
    assert!(handed_off, "{before}");

    let (unknown, handed_off) = ask(&app, &token, &mut socket, STRANGER, question).await;
    assert!(!unknown.contains(KEY_BOX_CODE), "{unknown}");
    assert!(handed_off, "{unknown}");
}

#[actix_web::test]
async fn an_operator_links_and_unlinks_a_stay_by_hand() {
    let (app, token, mut socket) = app().await;
    let (first, _) = ask(
        &app,
        &token,
        &mut socket,
        STRANGER,
        "Quel est le code wifi ?",
    )
    .await;
    assert!(first.contains(SHARED_WIFI), "{first}");
    let conversation = conversation_of(&app, &token, STRANGER).await;
    let path = format!("/api/conversations/{}", conversation.id);

    // Not one of this conciergerie's stays.
    let refused = app
        .patch_json(&path, &token, &json!({"stay_id": 999_999}))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let lucas_stay = stay_of(&app, &token, LUCAS).await["id"].clone();
    let linked = app
        .patch_json(&path, &token, &json!({"stay_id": lucas_stay}))
        .await;
    assert_eq!(linked.status(), StatusCode::OK);
    let summary: ConversationSummary = linked.json().await.unwrap();
    let stay = summary.stay.expect("the PATCH reply carries the stay");
    assert_eq!(stay.property_name, "Maison des Vignes");
    assert_eq!(stay.guest_name, "Lucas Bernard");
    assert_eq!(stay.phase, StayPhase::InStay);
    let (after, _) = ask(
        &app,
        &token,
        &mut socket,
        STRANGER,
        "Quel est le code wifi ?",
    )
    .await;
    assert!(after.contains(VIGNES_WIFI), "{after}");

    // Unlinked by hand: the automatic link does not come back, even for a guest with a stay.
    let camille = {
        ask(
            &app,
            &token,
            &mut socket,
            CAMILLE,
            "Quel est le code wifi ?",
        )
        .await;
        conversation_of(&app, &token, CAMILLE).await
    };
    let unlinked = app
        .patch_json(
            &format!("/api/conversations/{}", camille.id),
            &token,
            &json!({"stay_id": null}),
        )
        .await;
    assert_eq!(unlinked.status(), StatusCode::OK);
    let (again, _) = ask(
        &app,
        &token,
        &mut socket,
        CAMILLE,
        "Quel est le code wifi ?",
    )
    .await;
    assert!(again.contains(SHARED_WIFI), "{again}");
}

/// The stay lookup on the ingest path is answered from memory; a stay booked after the guest's
/// first message must still be found for the next one.
#[actix_web::test]
async fn a_stay_booked_after_the_first_message_links_the_next_one() {
    let (app, token, mut socket) = app().await;
    let (before, _) = ask(
        &app,
        &token,
        &mut socket,
        STRANGER,
        "Quel est le code wifi ?",
    )
    .await;
    assert!(before.contains(SHARED_WIFI), "{before}");
    assert_eq!(conversation_of(&app, &token, STRANGER).await.stay, None);

    let studio = stay_of(&app, &token, CAMILLE).await["property_id"].clone();
    let today = demo_today();
    let booked = app
        .post_json(
            "/api/stays",
            Some(&token),
            &json!({"property_id": studio, "guest_name": "Nouvel Hôte", "whatsapp_number": STRANGER,
                    "arrival": today.to_string(),
                    "departure": today.checked_add_days(Days::new(3)).unwrap().to_string()}),
        )
        .await;
    assert_eq!(booked.status(), StatusCode::CREATED);

    let (after, _) = ask(
        &app,
        &token,
        &mut socket,
        STRANGER,
        "Quel est le code wifi ?",
    )
    .await;
    assert!(after.contains(STUDIO_WIFI), "{after}");
    let stay = conversation_of(&app, &token, STRANGER).await.stay;
    assert_eq!(stay.expect("linked").property_name, "Studio Vieux-Port");
}

/// With the AI off nothing but the guest message itself writes the conversation row: the stay
/// found for it must still be saved (the inbox lists what the database holds).
#[actix_web::test]
async fn the_stay_is_saved_with_the_guest_message_when_the_ai_is_off() {
    let (app, token, mut socket) = app().await;
    set_ai_mode(&app, "off").await;
    simulate(&app, &token, CAMILLE, "Bonjour, nous arrivons vers 18 h").await;
    wait_for(&mut socket, "the guest message", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "client"
    })
    .await;
    eventually("the inbox to show Camille's stay", || async {
        let list: Vec<ConversationSummary> = app
            .get("/api/conversations", Some(&token))
            .await
            .json()
            .await
            .unwrap();
        list.iter()
            .find(|c| c.phone_number == CAMILLE)
            .and_then(|c| c.stay.as_ref())
            .is_some_and(|s| s.property_name == "Studio Vieux-Port")
    })
    .await;
}

/// The operator's reply, as the simulated guest received it.
async fn operator_reply(
    app: &TestApp,
    token: &str,
    socket: &mut Socket,
    guest: &str,
    body: &str,
) -> String {
    let conversation = conversation_of(app, token, guest).await;
    let sent = app
        .post_json(
            &format!("/api/conversations/{}/send", conversation.id),
            Some(token),
            &json!({ "body": body }),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let sent: Value = sent.json().await.unwrap();
    let received = wait_for(socket, "the operator's reply at the simulator", |e| {
        e["type"] == "simulator.reply" && e["to"] == guest && e["body"] == sent["body"]
    })
    .await;
    received["body"].as_str().unwrap().to_owned()
}

#[actix_web::test]
async fn a_saved_reply_is_filled_from_the_guests_stay_and_keeps_what_it_cannot_fill() {
    let (app, token, mut socket) = app().await;
    // The AI stays quiet: the link must be saved by the guest message alone.
    quiet_ai(&app).await;
    let template = "Bonjour {{guest_name}}, arrivée à {{ property.name }} dès \
                    {{property.check_in_time}}. Code : {{door_code}}";
    for guest in [CAMILLE, STRANGER] {
        simulate(&app, &token, guest, "Bonjour").await;
        wait_for(&mut socket, "the guest's message", |e| {
            e["type"] == "message.created" && e["message"]["body"] == "Bonjour"
        })
        .await;
    }
    // The link is saved with the conversation's row (the ingest writer's batched row save left
    // `stay_id` out until this test caught it).
    eventually("Camille's conversation linked to her stay", || async {
        let c = conversation_of(&app, &token, CAMILLE).await;
        c.stay.is_some()
    })
    .await;

    let camille = operator_reply(&app, &token, &mut socket, CAMILLE, template).await;
    assert_eq!(
        camille,
        "Bonjour Camille Martin, arrivée à Studio Vieux-Port dès 16:00. Code : {{door_code}}",
        "known variables filled, the unknown one left visible"
    );
    // No stay: nothing is silently dropped, the operator sees what could not be filled.
    let stranger = operator_reply(&app, &token, &mut socket, STRANGER, template).await;
    assert_eq!(stranger, template);
    // The thread keeps what the guest actually received.
    let thread: Vec<Value> = app
        .get(
            &format!(
                "/api/conversations/{}/messages",
                conversation_of(&app, &token, CAMILLE).await.id
            ),
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(thread.iter().any(|m| m["body"] == camille));
}

/// Live `conversation.updated` events carry the stay as it is now: linked automatically, linked
/// by hand, and after the stay itself was edited — no reload needed.
#[actix_web::test]
async fn live_updates_carry_the_linked_stay_as_it_is_now() {
    let (app, token, mut socket) = app().await;
    set_ai_mode(&app, "off").await;
    let update_of = |guest: &'static str| {
        move |e: &Value| {
            e["type"] == "conversation.updated" && e["conversation"]["phone_number"] == guest
        }
    };

    // Linked by the guest's own number.
    simulate(&app, &token, CAMILLE, "Bonjour").await;
    let live = wait_for(&mut socket, "Camille's update with her stay", |e| {
        update_of(CAMILLE)(e) && !e["conversation"]["stay"].is_null()
    })
    .await;
    assert_eq!(
        live["conversation"]["stay"]["property_name"],
        "Studio Vieux-Port"
    );

    // A stranger, linked by hand: the live update after the PATCH says so.
    simulate(&app, &token, STRANGER, "Bonjour").await;
    wait_for(&mut socket, "the stranger's update", update_of(STRANGER)).await;
    let conversation = conversation_of(&app, &token, STRANGER).await;
    let lucas = stay_of(&app, &token, LUCAS).await;
    let linked = app
        .patch_json(
            &format!("/api/conversations/{}", conversation.id),
            &token,
            &json!({"stay_id": lucas["id"]}),
        )
        .await;
    assert_eq!(linked.status(), StatusCode::OK);
    let live = wait_for(
        &mut socket,
        "the stranger's update with Lucas's stay",
        |e| update_of(STRANGER)(e) && !e["conversation"]["stay"].is_null(),
    )
    .await;
    assert_eq!(live["conversation"]["stay"]["id"], lucas["id"]);
    assert_eq!(live["conversation"]["stay"]["guest_name"], "Lucas Bernard");

    // The stay is edited: the next live update shows the new name.
    let edited = app
        .patch_json(
            &format!("/api/stays/{}", lucas["id"]),
            &token,
            &json!({"guest_name": "Lucas et Inès Bernard"}),
        )
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    simulate(&app, &token, STRANGER, "Merci !").await;
    wait_for(&mut socket, "the update with the edited stay", |e| {
        update_of(STRANGER)(e) && e["conversation"]["stay"]["guest_name"] == "Lucas et Inès Bernard"
    })
    .await;
}

/// A guest message stored by ingest just before the server went down, never applied by its
/// conversation: after the restart the actor replays it, and the answer is the guest's own
/// rental's, because the replay looks the stay up as a live message does.
#[actix_web::test]
async fn a_question_replayed_after_a_restart_gets_the_guests_own_rental_answer() {
    let mut app = spawn_app_with(&[("AI_BURST_WINDOW_MS", "100")]).await;
    let token = app.login_demo().await;
    let tenant = app.tenant_of(&token).await;
    let camille_stay = StayId(stay_of(&app, &token, CAMILLE).await["id"].as_i64().unwrap());
    // What ingest leaves behind: the conversation row (not linked yet: nothing applied the
    // message) and the question after everything the row reflects.
    let now = Utc::now();
    let row = db::conversations::open_for_guest(app.db(), tenant, CAMILLE, None, camille_stay, now)
        .await
        .unwrap();
    let mut unlinked = row.clone().into_active_model();
    unlinked.stay_id = Set(None);
    unlinked.update(app.db()).await.unwrap();
    message::ActiveModel {
        conversation_id: Set(row.id),
        sender: Set(Sender::Client),
        body: Set("Quel est le code wifi ?".into()),
        external_id: Set(Some("SMreplayedafterarestart0000000001".into())),
        status: Set(MessageStatus::Received),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();

    app.restart().await;
    let token = app.login_demo().await;
    let path = format!("/api/conversations/{}/messages", row.id);
    let thread = || async {
        let thread: Vec<Value> = app.get(&path, Some(&token)).await.json().await.unwrap();
        thread
    };
    // An answer or a hand-off: anything after the question.
    eventually("the replayed question is dealt with", || async {
        thread().await.iter().any(|m| m["sender"] != "client")
    })
    .await;
    let thread = thread().await;
    let answer = thread
        .iter()
        .find(|m| m["sender"] == "ai")
        .and_then(|m| m["body"].as_str())
        .unwrap_or_else(|| panic!("no AI answer: {thread:?}"));
    assert!(answer.contains(STUDIO_WIFI), "{answer}");
    assert!(!answer.contains(SHARED_WIFI), "{answer}");
    let linked = conversation_of(&app, &token, CAMILLE)
        .await
        .stay
        .expect("linked at the replay");
    assert_eq!(linked.id, camille_stay);
}
