//! The AI concierge driven by the conversation actor, against fake Anthropic and Twilio servers.

use std::time::{Duration, Instant};

use protocol::conversations::{ConversationSummary, Message};
use protocol::{ConversationStatus, Sender};
use reqwest::StatusCode;
use serde_json::json;

use crate::fake_claude::{FakeClaude, Scripted, API_KEY};
use crate::fake_twilio::FakeTwilio;
use crate::helpers::TestApp;
use crate::support::*;

async fn ai_app(burst_ms: &str) -> (TestApp, FakeTwilio, FakeClaude) {
    ai_app_with(&[("AI_BURST_WINDOW_MS", burst_ms)]).await
}

/// The server with Twilio and Claude both faked, and `extra` variables.
pub(crate) async fn ai_app_with(extra: &[(&str, &str)]) -> (TestApp, FakeTwilio, FakeClaude) {
    let claude = FakeClaude::start().await;
    let mut vars = vec![
        ("ANTHROPIC_API_KEY", API_KEY),
        ("ANTHROPIC_API_BASE", claude.base_url.as_str()),
    ];
    vars.extend_from_slice(extra);
    let (app, twilio) = twilio_app_with(&vars).await;
    (app, twilio, claude)
}

pub(crate) async fn guest_says(app: &TestApp, sid: &str, from: &str, body: &str) {
    let form = text_webhook(sid, from, DEMO_NUMBER, body);
    assert_eq!(
        post_signed(app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
}

async fn only_conversation(app: &TestApp, token: &str) -> ConversationSummary {
    let list: Vec<ConversationSummary> = app
        .get("/api/conversations", Some(token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    list.into_iter().next().unwrap()
}

async fn thread(app: &TestApp, token: &str, id: protocol::ConversationId) -> Vec<Message> {
    app.get(&format!("/api/conversations/{id}/messages"), Some(token))
        .await
        .json()
        .await
        .unwrap()
}

#[actix_web::test]
async fn auto_mode_answers_from_the_faq_through_twilio() {
    let (app, twilio, claude) = ai_app("200").await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000001",
        "whatsapp:+33612345678",
        "À quelle heure est le check-in ?",
    )
    .await;

    let ai = wait_for(&mut socket, "AI reply", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "ai"
    })
    .await;
    assert_eq!(
        ai["message"]["body"], "Le check-in se fait à partir de 16h.",
        "only the text block, not the thinking block"
    );
    assert_eq!(ai["message"]["ai_engine"], "claude");
    assert_eq!(ai["message"]["usage"]["input_tokens"], 812);
    wait_for(&mut socket, "queued", |e| {
        e["type"] == "message.status" && e["status"] == "queued"
    })
    .await;

    let calls = claude.calls();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(call.api_key.as_deref(), Some(API_KEY));
    assert_eq!(call.version.as_deref(), Some("2023-06-01"));
    assert_eq!(call.body["model"], "claude-haiku-5-5");
    assert!(call.body["max_tokens"].as_u64().unwrap() <= 1024);
    let system = call.body["system"][0]["text"].as_str().unwrap();
    assert!(
        system.contains("À quelle heure est le check-in ?") && system.contains("16h"),
        "the FAQ is in the system prompt"
    );
    assert!(system.contains("Conciergerie Démo"));
    assert_eq!(call.body["system"][0]["cache_control"]["type"], "ephemeral");
    assert_eq!(
        call.body["messages"],
        json!([{"role": "user", "content": "À quelle heure est le check-in ?"}])
    );

    let sends = twilio.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(
        sends[0].field("Body"),
        Some("Le check-in se fait à partir de 16h.")
    );
    assert_eq!(sends[0].field("To"), Some("whatsapp:+33612345678"));
}

#[actix_web::test]
async fn suggest_mode_sends_nothing_and_proposes_the_reply() {
    let (app, twilio, claude) = ai_app("200").await;
    set_ai_mode(&app, "suggest").await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000002",
        "whatsapp:+33612345678",
        "Le check-in est à quelle heure ?",
    )
    .await;

    let suggestion = wait_for(&mut socket, "suggestion", |e| e["type"] == "ai.suggestion").await;
    assert_eq!(suggestion["body"], "Le check-in se fait à partir de 16h.");
    let conv = only_conversation(&app, &token).await;
    assert_eq!(
        conv.ai_suggestion.as_deref(),
        Some("Le check-in se fait à partir de 16h.")
    );
    assert_eq!(claude.calls().len(), 1);
    assert!(
        twilio.sends().is_empty(),
        "suggest mode never sends by itself"
    );

    // The operator accepts it: it goes out as the operator's message, and the proposal is gone.
    let sent = app
        .post_json(
            &format!("/api/conversations/{}/send", conv.id),
            Some(&token),
            &json!({"body": suggestion["body"]}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let conv = only_conversation(&app, &token).await;
    assert_eq!(conv.ai_suggestion, None);
    eventually("the accepted suggestion to reach Twilio", || async {
        twilio.sends().len() == 1
    })
    .await;
}

#[actix_web::test]
async fn suggest_mode_keeps_suggesting_after_a_suggestion_is_sent_as_is_or_edited() {
    let (app, twilio, claude) = ai_app("200").await;
    set_ai_mode(&app, "suggest").await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let guest = "whatsapp:+33612345678";
    let sends: [fn(&str) -> serde_json::Value; 2] = [
        // Sent as proposed (the body is the suggestion).
        |s: &str| json!({"body": s}),
        // Edited in the composer, flagged as coming from the suggestion.
        |s: &str| json!({"body": format!("{s} Bon séjour !"), "from_suggestion": true}),
    ];
    for (round, body_of) in sends.iter().enumerate() {
        guest_says(
            &app,
            &format!("SMB00000000000000000000000000001{round}"),
            guest,
            "Le check-in est à quelle heure ?",
        )
        .await;
        let suggestion =
            wait_for(&mut socket, "suggestion", |e| e["type"] == "ai.suggestion").await;
        let conv = only_conversation(&app, &token).await;
        let sent = app
            .post_json(
                &format!("/api/conversations/{}/send", conv.id),
                Some(&token),
                &body_of(suggestion["body"].as_str().unwrap()),
            )
            .await;
        assert_eq!(sent.status(), StatusCode::CREATED);
        let conv = only_conversation(&app, &token).await;
        assert!(!conv.ai_paused, "sending a suggestion is not a takeover");
    }
    // And the next question gets its suggestion too.
    guest_says(
        &app,
        "SMB0000000000000000000000000000019",
        guest,
        "Merci, et le wifi ?",
    )
    .await;
    wait_for(&mut socket, "third suggestion", |e| {
        e["type"] == "ai.suggestion"
    })
    .await;
    assert_eq!(claude.calls().len(), 3);
    eventually("both replies to reach Twilio", || async {
        twilio.sends().len() == 2
    })
    .await;
}

#[actix_web::test]
async fn an_operator_reply_during_a_slow_generation_discards_the_ai_reply() {
    let (app, twilio, claude) = ai_app("100").await;
    claude.set_latency(Duration::from_millis(1500));
    let token = app.login_demo().await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000003",
        "whatsapp:+33612345678",
        "Le check-in ?",
    )
    .await;
    eventually("the AI to be asked", || async {
        !claude.calls().is_empty()
    })
    .await;

    let conv = only_conversation(&app, &token).await;
    let sent = app
        .post_json(
            &format!("/api/conversations/{}/send", conv.id),
            Some(&token),
            &json!({"body": "Je m'en occupe : 16h."}),
        )
        .await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    tokio::time::sleep(Duration::from_millis(2500)).await;

    let sends = twilio.sends();
    assert_eq!(
        sends.len(),
        1,
        "only the operator's reply went out: {sends:?}"
    );
    assert_eq!(sends[0].field("Body"), Some("Je m'en occupe : 16h."));
    assert!(thread(&app, &token, conv.id)
        .await
        .iter()
        .all(|m| m.sender != Sender::Ai));
    let conv = only_conversation(&app, &token).await;
    assert!(conv.ai_paused, "the AI stays quiet after a human takeover");
}

#[actix_web::test]
async fn a_burst_of_three_messages_gets_one_reply() {
    let (app, twilio, claude) = ai_app("1500").await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    for (i, text) in [
        "Bonjour",
        "petite question",
        "le check-in c'est à quelle heure ?",
    ]
    .iter()
    .enumerate()
    {
        guest_says(
            &app,
            &format!("SMB00000000000000000000000000001{i}"),
            "whatsapp:+33612345678",
            text,
        )
        .await;
    }
    wait_for(&mut socket, "AI reply", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "ai"
    })
    .await;
    tokio::time::sleep(Duration::from_millis(1800)).await;
    let calls = claude.calls();
    assert_eq!(calls.len(), 1, "one Claude call for the burst");
    assert_eq!(
        calls[0].body["messages"],
        json!([{"role": "user", "content": "Bonjour\npetite question\nle check-in c'est à quelle heure ?"}])
    );
    assert_eq!(twilio.sends().len(), 1, "one reply for the burst");
}

#[actix_web::test]
async fn overloaded_twice_then_ok_gives_one_reply() {
    let (app, twilio, claude) = ai_app("100").await;
    claude.script(vec![
        Scripted::Error {
            status: 529,
            kind: "overloaded_error".into(),
            retry_after: Some(0),
        },
        Scripted::Error {
            status: 429,
            kind: "rate_limit_error".into(),
            retry_after: Some(1),
        },
    ]);
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000020",
        "whatsapp:+33612345678",
        "Check-in ?",
    )
    .await;
    wait_for(&mut socket, "AI reply", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "ai"
    })
    .await;
    assert_eq!(claude.calls().len(), 3);
    eventually("one send", || async { twilio.sends().len() == 1 }).await;
    let conv = only_conversation(&app, &token).await;
    assert_eq!(conv.status, ConversationStatus::Open);
}

#[actix_web::test]
async fn a_permanent_failure_hands_off_with_a_holding_message() {
    let (app, twilio, claude) = ai_app("100").await;
    claude.set_fallback(Scripted::Error {
        status: 400,
        kind: "invalid_request_error".into(),
        retry_after: None,
    });
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000030",
        "whatsapp:+447700900123",
        "Hello, what time is check-in?",
    )
    .await;

    let handoff = wait_for(&mut socket, "hand-off", |e| e["type"] == "ai.handoff").await;
    assert_eq!(handoff["reason"]["code"], "ai_unavailable", "{handoff}");
    assert!(
        handoff["reason"]["params"]["error"].is_string(),
        "{handoff}"
    );
    assert_eq!(claude.calls().len(), 1, "a 400 is not retried");
    let conv = only_conversation(&app, &token).await;
    assert_eq!(conv.status, ConversationStatus::NeedsHuman);
    assert!(conv.handoff_reason.is_some());
    eventually("the holding message", || async {
        twilio.sends().len() == 1
    })
    .await;
    let holding = twilio.sends()[0].field("Body").unwrap().to_owned();
    assert!(
        holding.contains("team"),
        "holding message in the guest's language: {holding}"
    );
    // A hand-off does not silence the AI: the next message is tried again. It fails again, and
    // the guest, who already read that someone is coming, is not told twice.
    guest_says(
        &app,
        "SMB0000000000000000000000000000031",
        "whatsapp:+447700900123",
        "Hello?",
    )
    .await;
    wait_for(&mut socket, "second hand-off", |e| {
        e["type"] == "ai.handoff"
    })
    .await;
    assert_eq!(claude.calls().len(), 2);
    // The note and a holding message would be one transaction: the thread is final.
    let messages = thread(&app, &token, conv.id).await;
    let count = |sender| messages.iter().filter(|m| m.sender == sender).count();
    assert_eq!(count(Sender::Client), 2);
    assert_eq!(count(Sender::System), 2, "each hand-off is noted");
    assert_eq!(count(Sender::Ai), 1, "one holding message");
    assert_eq!(twilio.sends().len(), 1);
}

#[actix_web::test]
async fn the_model_can_hand_off_itself() {
    let (app, twilio, claude) = ai_app("100").await;
    claude.script(vec![Scripted::Handoff {
        reason: "guest reports a water leak".into(),
        message: "Nous prévenons l'équipe immédiatement.".into(),
    }]);
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000040",
        "whatsapp:+33612345678",
        "Il y a une fuite d'eau !",
    )
    .await;
    let handoff = wait_for(&mut socket, "hand-off", |e| e["type"] == "ai.handoff").await;
    assert_eq!(
        handoff["reason"],
        serde_json::json!({"code": "ai_requested", "params": {"detail": "guest reports a water leak"}})
    );
    eventually("the holding message", || async {
        twilio.sends().len() == 1
    })
    .await;
    assert_eq!(
        twilio.sends()[0].field("Body"),
        Some("Nous prévenons l'équipe immédiatement.")
    );
    assert_eq!(
        only_conversation(&app, &token).await.status,
        ConversationStatus::NeedsHuman
    );
}

/// The model's own sentence is in whatever language it chose; its reason code is stored so each
/// dashboard writes the reason in its operator's language, with the guest's words quoted.
#[actix_web::test]
async fn the_models_hand_off_carries_a_reason_code_the_dashboard_translates() {
    let (app, twilio, claude) = ai_app("100").await;
    claude.script(vec![
        Scripted::CodedHandoff {
            code: "urgent".into(),
            urgency: Some("safety".into()),
            reason: "Jemand versucht einzubrechen".into(),
            message: "Nous prévenons l'équipe immédiatement.".into(),
        },
        Scripted::CodedHandoff {
            code: "faq_not_covered".into(),
            urgency: None,
            reason: "Gym not in the FAQ".into(),
            message: "Un membre de l'équipe vous répond.".into(),
        },
    ]);
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000041",
        "whatsapp:+33612345601",
        "Quelqu'un essaie d'ouvrir notre porte",
    )
    .await;
    let handoff = wait_for(&mut socket, "urgent hand-off", |e| {
        e["type"] == "ai.handoff" && e["reason"]["code"] == "urgent"
    })
    .await;
    assert_eq!(
        handoff["reason"],
        json!({"code": "urgent", "params": {"kind": "safety", "excerpt": "Quelqu'un essaie d'ouvrir notre porte"}})
    );
    eventually("the conversation flagged urgent", || async {
        only_conversation(&app, &token).await.urgent
    })
    .await;

    guest_says(
        &app,
        "SMB0000000000000000000000000000042",
        "whatsapp:+33612345602",
        "Est-ce qu'il y a une salle de sport ?",
    )
    .await;
    let handoff = wait_for(&mut socket, "FAQ hand-off", |e| {
        e["type"] == "ai.handoff" && e["reason"]["code"] == "faq_not_covered"
    })
    .await;
    assert_eq!(
        handoff["reason"]["params"]["questions"],
        json!(["Est-ce qu'il y a une salle de sport ?"])
    );
    eventually("both holding messages", || async {
        twilio.sends().len() == 2
    })
    .await;
}

#[actix_web::test]
async fn the_offline_responder_answers_faq_questions_and_hands_off_the_rest() {
    let app = crate::helpers::spawn_app_with(&[("AI_BURST_WINDOW_MS", "100")]).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let ask = |from: &'static str, body: &'static str| simulate(&app, &token, from, body);
    ask("+33600000010", "à quelle heure est le check-in ?").await;
    let reply = wait_for(&mut socket, "offline reply", |e| {
        e["type"] == "simulator.reply" && e["to"] == "+33600000010"
    })
    .await;
    assert!(reply["body"].as_str().unwrap().contains("16h"), "{reply}");

    // The demo FAQ carries English: the English guest is answered in English.
    ask("+33600000011", "What time is check-out?").await;
    let reply = wait_for(&mut socket, "offline reply", |e| {
        e["type"] == "simulator.reply" && e["to"] == "+33600000011"
    })
    .await;
    assert!(reply["body"].as_str().unwrap().contains("11 am"), "{reply}");

    ask(
        "+33600000012",
        "Pouvez-vous me réserver une table au restaurant ce soir ?",
    )
    .await;
    let handoff = wait_for(&mut socket, "hand-off", |e| e["type"] == "ai.handoff").await;
    assert_eq!(handoff["reason"]["code"], "faq_not_covered", "{handoff}");
    let list: Vec<ConversationSummary> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let flagged = list
        .iter()
        .find(|c| c.phone_number == "+33600000012")
        .unwrap();
    assert_eq!(flagged.status, ConversationStatus::NeedsHuman);
    let answered = list
        .iter()
        .find(|c| c.phone_number == "+33600000010")
        .unwrap();
    let messages = thread(&app, &token, answered.id).await;
    assert_eq!(
        messages.last().unwrap().ai_engine,
        Some(protocol::AiEngine::OfflineFaq)
    );
}

#[actix_web::test]
async fn many_conversations_waiting_on_a_slow_claude_are_answered_concurrently() {
    let (app, twilio, claude) = ai_app("100").await;
    claude.set_latency(Duration::from_millis(500));
    let started = Instant::now();
    let posts = (0..200).map(|i| {
        let app = &app;
        async move {
            let form = text_webhook(
                &format!("SMC{i:031}"),
                &format!("whatsapp:+336{i:08}"),
                DEMO_NUMBER,
                "Check-in ?",
            );
            let response = post_signed(app, "/webhook/whatsapp", &form).await;
            let status = response.status();
            assert_eq!(status, StatusCode::OK, "{}", response.text().await.unwrap());
        }
    });
    futures_util::future::join_all(posts).await;
    eventually("200 replies", || async { twilio.sends().len() == 200 }).await;
    let elapsed = started.elapsed();
    assert_eq!(claude.calls().len(), 200);
    // One at a time would take 200 × 500 ms = 100 s.
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
}

#[actix_web::test]
async fn offline_a_greeting_gets_a_welcome_then_the_question_its_answer_and_no_handoff() {
    let app = crate::helpers::spawn_app_with(&[("AI_BURST_WINDOW_MS", "100")]).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let guest = "+33600000020";
    simulate(&app, &token, guest, "Bonjour !").await;
    let (welcome, mut handoffs) = simulator_reply(&mut socket, guest).await;
    let welcome = welcome["body"].as_str().unwrap().to_owned();
    assert!(welcome.starts_with("Bonjour et bienvenue"), "{welcome}");

    simulate(&app, &token, guest, "À quelle heure est le check-in ?").await;
    let (answer, handed_off) = simulator_reply(&mut socket, guest).await;
    handoffs += handed_off;
    assert!(answer["body"].as_str().unwrap().contains("16h"), "{answer}");

    // Both replies are in: the conversation was never handed to a human.
    assert_eq!(handoffs, 0);
    let conversation = only_conversation(&app, &token).await;
    assert_eq!(conversation.status, ConversationStatus::Open);
    assert_eq!(conversation.handoff_reason, None);
    let messages = thread(&app, &token, conversation.id).await;
    assert!(
        messages.iter().all(|m| m.sender != Sender::System),
        "{messages:?}"
    );
    assert_eq!(
        messages.iter().filter(|m| m.sender == Sender::Ai).count(),
        2,
        "{messages:?}"
    );
}

/// The first-minute walk-through on the demo data: a welcome, the check-in answer, the
/// parking answer in English (the demo FAQ carries English), and the Italian broken water heater
/// handed off as urgent.
#[actix_web::test]
async fn offline_the_demo_welcomes_answers_in_the_guests_language_and_hands_off_an_emergency() {
    let app = crate::helpers::spawn_app_with(&[("AI_BURST_WINDOW_MS", "100")]).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let guest = "+33600000021";
    let mut replies = Vec::new();
    let mut handoffs = 0;
    for message in [
        "Bonjour !",
        "À quelle heure est le check-in ?",
        "Is there parking?",
        "Mi scaldabagno non funziona",
    ] {
        simulate(&app, &token, guest, message).await;
        let (reply, handed_off) = simulator_reply(&mut socket, guest).await;
        replies.push(reply["body"].as_str().unwrap().to_owned());
        handoffs += handed_off;
    }
    assert!(
        replies[0].starts_with("Bonjour et bienvenue"),
        "{replies:?}"
    );
    assert!(replies[1].contains("16h"), "{replies:?}");
    assert!(
        replies[2].contains("parking space") && !replies[2].contains("in French"),
        "{replies:?}"
    );
    assert_eq!(handoffs, 1, "only the emergency is handed off: {replies:?}");
    let conversation = only_conversation(&app, &token).await;
    assert!(conversation.urgent);
    assert_eq!(conversation.status, ConversationStatus::NeedsHuman);
}

/// A guest message played through the dashboard's simulator (offline mode).
pub(crate) async fn simulate(app: &TestApp, token: &str, from: &str, body: &str) {
    let r = app
        .post_json(
            "/api/simulator/messages",
            Some(token),
            &json!({"from": from, "body": body}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
}

/// The next simulator reply to `guest`, and how many hand-offs were announced before it.
pub(crate) async fn simulator_reply(
    socket: &mut Socket,
    guest: &str,
) -> (serde_json::Value, usize) {
    let mut handoffs = 0;
    loop {
        let event = next_event(socket, Duration::from_secs(20))
            .await
            .expect("the offline responder replies");
        if event["type"] == "ai.handoff" {
            handoffs += 1;
        }
        if event["type"] == "simulator.reply" && event["to"] == guest {
            return (event, handoffs);
        }
    }
}

#[actix_web::test]
async fn marking_a_hand_off_treated_does_not_make_the_ai_hand_off_or_hold_again() {
    let (app, twilio, claude) = ai_app("100").await;
    claude.script(vec![
        Scripted::Handoff {
            reason: "Demande de remboursement".into(),
            message: "Un membre de l'équipe vous répond.".into(),
        },
        Scripted::Reply("Le check-in se fait à partir de 16h.".into()),
    ]);
    // Suggest mode: nothing goes to the guest, so only the decision record tells what was handled.
    set_ai_mode(&app, "suggest").await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let guest = "whatsapp:+33612345678";
    guest_says(
        &app,
        "SMB0000000000000000000000000000040",
        guest,
        "Je veux être remboursé",
    )
    .await;
    wait_for(&mut socket, "hand-off", |e| e["type"] == "ai.handoff").await;
    let conv = only_conversation(&app, &token).await;

    // "Marquer comme traitée".
    let treated = app
        .patch_json(
            &format!("/api/conversations/{}", conv.id),
            &token,
            &json!({"status": "open"}),
        )
        .await;
    assert_eq!(treated.status(), StatusCode::OK);
    // The next question is answered; the refund request is not looked at again.
    guest_says(
        &app,
        "SMB0000000000000000000000000000041",
        guest,
        "Le check-in ?",
    )
    .await;
    wait_for(&mut socket, "the answer", |e| {
        e["type"] == "ai.suggestion" && e["body"] == "Le check-in se fait à partir de 16h."
    })
    .await;
    assert_eq!(claude.calls().len(), 2, "asked once per guest message");
    let messages = thread(&app, &token, conv.id).await;
    let notes = messages
        .iter()
        .filter(|m| m.sender == Sender::System)
        .count();
    assert_eq!(notes, 1, "handed off once");
    assert!(twilio.sends().is_empty(), "suggest mode sends nothing");
    assert_eq!(
        only_conversation(&app, &token).await.status,
        ConversationStatus::Open
    );
}

#[actix_web::test]
async fn offline_an_urgent_message_is_handed_off_and_listed_first_until_treated() {
    let app = crate::helpers::spawn_app_with(&[("AI_BURST_WINDOW_MS", "100")]).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let (urgent_guest, calm_guest) = ("+33600000030", "+33600000031");
    simulate(&app, &token, urgent_guest, "Mi scaldabagno non funziona").await;
    let (_, handoffs) = simulator_reply(&mut socket, urgent_guest).await;
    assert_eq!(handoffs, 1, "the urgent message is handed to a human");
    // A newer, ordinary conversation does not push the urgent one down.
    simulate(&app, &token, calm_guest, "À quelle heure est le check-in ?").await;
    simulator_reply(&mut socket, calm_guest).await;

    let list = conversations(&app, &token).await;
    let numbers: Vec<&str> = list.iter().map(|c| c.phone_number.as_str()).collect();
    assert_eq!(numbers, vec![urgent_guest, calm_guest]);
    assert!(list[0].urgent);
    assert_eq!(list[0].status, ConversationStatus::NeedsHuman);
    assert!(!list[1].urgent);

    // "Marquer comme traitée": the emergency is in human hands, the list is by activity again.
    let r = app
        .patch_json(
            &format!("/api/conversations/{}", list[0].id),
            &token,
            &json!({"status": "open"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let list = conversations(&app, &token).await;
    let numbers: Vec<&str> = list.iter().map(|c| c.phone_number.as_str()).collect();
    assert_eq!(numbers, vec![calm_guest, urgent_guest], "{list:#?}");
    assert!(list.iter().all(|c| !c.urgent));
}

#[actix_web::test]
async fn claude_answering_an_urgent_message_still_hands_it_off() {
    let (app, twilio, claude) = ai_app("100").await;
    claude.script(vec![Scripted::Reply(
        "Coupez l'arrivée d'eau, un technicien arrive.".into(),
    )]);
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000091",
        "whatsapp:+33612345691",
        "Il y a une fuite d'eau dans la salle de bain !",
    )
    .await;
    wait_for(&mut socket, "hand-off", |e| e["type"] == "ai.handoff").await;
    // The model's advice still reaches the guest, as the holding message.
    eventually("the advice is sent", || async { twilio.sends().len() == 1 }).await;
    let conversation = only_conversation(&app, &token).await;
    assert!(conversation.urgent);
    assert_eq!(conversation.status, ConversationStatus::NeedsHuman);
}

async fn conversations(app: &TestApp, token: &str) -> Vec<ConversationSummary> {
    app.get("/api/conversations", Some(token))
        .await
        .json()
        .await
        .unwrap()
}
