//! Issue 10, finding 9: guests cannot run up the Claude bill. A daily budget per conciergerie
//! (set by the admin), a ceiling on Claude calls per conversation per hour, and cost figures at
//! the configured model's prices with cache tokens at their own rates.

use protocol::admin::{ConciergerieOverview, PlatformHealth};
use protocol::ConversationStatus;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::ai::{ai_app_with, guest_says};
use crate::fake_claude::FakeClaude;
use crate::fake_twilio::FakeTwilio;
use crate::helpers::{assert_error, TestApp};
use crate::support::*;

/// The fake answers every call with 812 input, 640 cache-read and 41 output tokens: at $1,000
/// per million tokens of every kind, one call costs $1.493.
const PRICE_EVERYTHING_1000: &str = "1000,1000,1000,1000";
const COST_OF_ONE_CALL: f64 = 1.493;

async fn spending_app(extra: &[(&str, &str)]) -> (TestApp, FakeTwilio, FakeClaude) {
    let mut vars = vec![("AI_BURST_WINDOW_MS", "50")];
    vars.extend_from_slice(extra);
    ai_app_with(&vars).await
}

async fn ai_answer(socket: &mut Socket) {
    wait_for(socket, "the AI's answer", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "ai"
    })
    .await;
}

/// Waits until the fake Claude has been called `n` times.
async fn claude_called(claude: &FakeClaude, n: usize) {
    eventually(&format!("{n} Claude calls"), || async {
        claude.calls().len() == n
    })
    .await;
}

async fn demo_overview(app: &TestApp, admin: &str) -> ConciergerieOverview {
    admin_overview(app, admin)
        .await
        .into_iter()
        .find(|o| o.conciergerie.email == "demo@example.com")
        .expect("the demo conciergerie")
}

async fn set_budget(app: &TestApp, admin: &str, id: i64, budget: Value) -> reqwest::Response {
    app.patch_json(
        &format!("/api/admin/conciergeries/{id}"),
        admin,
        &json!({ "ai_daily_budget_usd": budget }),
    )
    .await
}

#[actix_web::test]
async fn past_the_daily_budget_claude_is_not_called_and_guests_are_handed_to_humans() {
    let (app, twilio, claude) =
        spending_app(&[("AI_PRICES_PER_MTOK", PRICE_EVERYTHING_1000)]).await;
    let admin = app.admin_login().await;
    let demo = demo_overview(&app, &admin).await;
    assert_eq!(
        demo.conciergerie.ai_daily_budget_usd, None,
        "no limit by default"
    );
    let id = demo.conciergerie.id.0;
    let response = set_budget(&app, &admin, id, json!(1.0)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["ai_daily_budget_usd"], 1.0);

    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000901",
        "whatsapp:+33611111111",
        "À quelle heure est le check-in ?",
    )
    .await;
    ai_answer(&mut socket).await;
    assert_eq!(claude.calls().len(), 1);

    // The admin reads the day's spend next to the budget.
    let demo = demo_overview(&app, &admin).await;
    assert_eq!(demo.conciergerie.ai_daily_budget_usd, Some(1.0));
    assert!(
        (demo.ai_spend_today_usd - COST_OF_ONE_CALL).abs() < 1e-6,
        "spend today: {}",
        demo.ai_spend_today_usd
    );

    // Over budget: another guest's question reaches a human, visibly, and Claude is not called.
    guest_says(
        &app,
        "SMB0000000000000000000000000000902",
        "whatsapp:+33622222222",
        "Où se garer ?",
    )
    .await;
    let note = wait_for(&mut socket, "the note in the thread", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "system"
    })
    .await;
    // Stored as a code with its figures; each dashboard writes it in its operator's language.
    let reason = &note["message"]["reason"];
    assert_eq!(reason["code"], "ai_daily_budget", "{note}");
    assert_eq!(reason["params"]["budget_usd"], 1.0);
    let handoff = wait_for(&mut socket, "the budget hand-off", |e| {
        e["type"] == "ai.handoff"
    })
    .await;
    assert_eq!(&handoff["reason"], reason);
    eventually("the holding message to the second guest", || async {
        twilio
            .sends()
            .iter()
            .any(|s| s.field("To") == Some("whatsapp:+33622222222"))
    })
    .await;
    assert_eq!(claude.calls().len(), 1, "no Claude call past the budget");
    let conversations: Vec<protocol::conversations::ConversationSummary> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let waiting = conversations
        .iter()
        .find(|c| c.phone_number.ends_with("+33622222222"))
        .unwrap();
    assert_eq!(waiting.status, ConversationStatus::NeedsHuman);

    // Lifting the limit (null) lets the AI answer again.
    assert_eq!(
        set_budget(&app, &admin, id, Value::Null).await.status(),
        StatusCode::OK
    );
    guest_says(
        &app,
        "SMB0000000000000000000000000000903",
        "whatsapp:+33633333333",
        "Le wifi ?",
    )
    .await;
    claude_called(&claude, 2).await;
}

#[actix_web::test]
async fn the_budget_is_validated_and_only_the_platform_admin_sets_it() {
    let (app, _twilio, _claude) = spending_app(&[]).await;
    let admin = app.admin_login().await;
    let id = demo_overview(&app, &admin).await.conciergerie.id.0;
    for bad in [json!(-1.0), json!("ten"), json!(1e9)] {
        let response = set_budget(&app, &admin, id, bad.clone()).await;
        let status = response.status();
        assert!(
            matches!(
                status,
                StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY
            ),
            "{bad} must be refused, got {status}"
        );
    }
    assert_error(
        set_budget(&app, &admin, 999_999, json!(5.0)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // An operator cannot raise their own budget.
    let operator = app.login_demo().await;
    let response = set_budget(&app, &operator, id, json!(1000.0)).await;
    assert!(
        matches!(
            response.status(),
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
        ),
        "{}",
        response.status()
    );
    assert_eq!(
        demo_overview(&app, &admin)
            .await
            .conciergerie
            .ai_daily_budget_usd,
        None
    );
}

#[actix_web::test]
async fn one_conversation_gets_so_many_claude_calls_per_hour() {
    let (app, _twilio, claude) = spending_app(&[("AI_MAX_CALLS_PER_HOUR", "2")]).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    let guest = "whatsapp:+33644444444";
    for (n, sid) in [
        "SMB0000000000000000000000000000904",
        "SMB0000000000000000000000000000905",
    ]
    .into_iter()
    .enumerate()
    {
        guest_says(&app, sid, guest, "Une question ?").await;
        claude_called(&claude, n + 1).await;
        ai_answer(&mut socket).await;
    }
    guest_says(
        &app,
        "SMB0000000000000000000000000000906",
        guest,
        "Encore une ?",
    )
    .await;
    let handoff = wait_for(&mut socket, "the ceiling hand-off", |e| {
        e["type"] == "ai.handoff"
    })
    .await;
    assert_eq!(
        handoff["reason"],
        json!({"code": "ai_hourly_ceiling", "params": {"calls": 2}}),
        "{handoff}"
    );
    assert_eq!(claude.calls().len(), 2);
    // Another conversation of the same conciergerie is not affected.
    guest_says(
        &app,
        "SMB0000000000000000000000000000907",
        "whatsapp:+33655555555",
        "Bonjour ?",
    )
    .await;
    claude_called(&claude, 3).await;
}

#[actix_web::test]
async fn cost_figures_use_the_configured_models_prices_with_cheap_cache_reads() {
    // Sonnet 4.x: $3 input, $0.30 cache read, $15 output per million tokens.
    let (app, _twilio, claude) = spending_app(&[("ANTHROPIC_MODEL", "claude-sonnet-4-6")]).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    guest_says(
        &app,
        "SMB0000000000000000000000000000908",
        "whatsapp:+33666666666",
        "Le check-in ?",
    )
    .await;
    ai_answer(&mut socket).await;
    assert_eq!(claude.calls()[0].body["model"], "claude-sonnet-4-6");
    let expected = (812.0 * 3.0 + 640.0 * 0.30 + 41.0 * 15.0) / 1_000_000.0;

    let admin = app.admin_login().await;
    let demo = demo_overview(&app, &admin).await;
    assert!(
        (demo.ai_spend_today_usd - expected).abs() < 1e-9,
        "{}",
        demo.ai_spend_today_usd
    );
    let health: PlatformHealth = app
        .get("/api/admin/health", Some(&admin))
        .await
        .json()
        .await
        .unwrap();
    let usage = health
        .per_conciergerie
        .iter()
        .find(|u| u.conciergerie_id == demo.conciergerie.id)
        .unwrap();
    assert!(
        (usage.estimated_cost_usd - expected).abs() < 1e-9,
        "cache reads at a tenth of the input price: {}",
        usage.estimated_cost_usd
    );
    // The conciergerie's own analytics price it the same way.
    let analytics: protocol::analytics::Analytics = app
        .get("/api/analytics", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        (analytics.estimated_cost_usd - expected).abs() < 1e-9,
        "analytics: {}",
        analytics.estimated_cost_usd
    );

    // After a restart, today's spend is read back from the stored token counts.
    let mut app = app;
    app.restart().await;
    let admin = app.admin_login().await;
    let demo = demo_overview(&app, &admin).await;
    assert!(
        (demo.ai_spend_today_usd - expected).abs() < 1e-9,
        "{}",
        demo.ai_spend_today_usd
    );
}

/// Claude translations made for operators (here a FAQ entry's missing languages) cost the same
/// tokens: they are counted in the day's spend and refused once the budget is spent.
#[actix_web::test]
async fn operator_translations_count_against_the_daily_budget() {
    let (app, _twilio, claude) =
        spending_app(&[("AI_PRICES_PER_MTOK", PRICE_EVERYTHING_1000)]).await;
    let admin = app.admin_login().await;
    let id = demo_overview(&app, &admin).await.conciergerie.id.0;
    assert_eq!(
        set_budget(&app, &admin, id, json!(1.0)).await.status(),
        StatusCode::OK
    );
    let token = app.login_demo().await;
    // The demo's entries carry every language already: an entry of its own has none.
    let entry: Value = app
        .post_json(
            "/api/faqs",
            Some(&token),
            &json!({"question": "Y a-t-il un sèche-cheveux ?", "answer": "Oui, dans la salle de bain."}),
        )
        .await
        .json()
        .await
        .unwrap();
    let draft = format!("/api/faqs/{}/translations/draft", entry["id"]);
    claude.set_fallback(crate::fake_claude::Scripted::Reply(
        "{\"en\": \"Check-in from 4 pm.\"}".into(),
    ));

    let first = app.post_json(&draft, Some(&token), &json!({})).await;
    assert_eq!(first.status(), StatusCode::OK);
    let spent = demo_overview(&app, &admin).await.ai_spend_today_usd;
    assert!(
        (spent - COST_OF_ONE_CALL).abs() < 1e-6,
        "the translation is counted: {spent}"
    );

    // $1.493 spent of $1: the next translation is refused without calling Claude.
    let refused = app.post_json(&draft, Some(&token), &json!({})).await;
    assert_error(refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_eq!(claude.calls().len(), 1, "no Claude call past the budget");
}

/// A guest's own words are the one part of a call's input a guest controls: a flood of long
/// messages reaches Claude cut to the prompt's bounds (each message, the whole conversation),
/// whatever a webhook may carry (64 KiB).
#[actix_web::test]
async fn a_guests_long_messages_reach_claude_within_bounds() {
    use majordome::ai::prompt::{MAX_CONVERSATION_CHARS, MAX_MESSAGE_CHARS};

    let (app, _twilio, claude) = spending_app(&[("AI_BURST_WINDOW_MS", "1000")]).await;
    let guest = "whatsapp:+33677777777";
    let long = format!("Bonjour, {}", "pourriez-vous me dire ".repeat(2_000));
    assert!(long.chars().count() > 40_000);
    for sid in [
        "SMB0000000000000000000000000000910",
        "SMB0000000000000000000000000000911",
        "SMB0000000000000000000000000000912",
    ] {
        guest_says(&app, sid, guest, &long).await;
    }
    eventually("a Claude call", || async { !claude.calls().is_empty() }).await;
    for call in claude.calls() {
        let messages = call.body["messages"].as_array().unwrap().clone();
        let texts: Vec<&str> = messages
            .iter()
            .map(|m| m["content"].as_str().unwrap())
            .collect();
        let total: usize = texts.iter().map(|t| t.chars().count()).sum();
        assert!(
            total <= MAX_CONVERSATION_CHARS + messages.len() * 8,
            "{total} characters of conversation sent to Claude"
        );
        for text in texts {
            for message in text.split('\n') {
                assert!(
                    message.chars().count() <= MAX_MESSAGE_CHARS + 4,
                    "one message of {} characters",
                    message.chars().count()
                );
            }
        }
    }
}
