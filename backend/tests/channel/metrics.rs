//! `/metrics` after real traffic: webhooks (accepted and refused), the AI call and Twilio sends
//! show up in the Prometheus counters. Counters are process-wide and tests run in parallel, so
//! each check is "at least what this test did".

use reqwest::StatusCode;
use serde_json::json;

use crate::support::*;

const TOKEN: &str = "scraper-token";

/// The value of one sample line (`name{labels}`), 0 when absent.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |v| v.trim().parse().expect("sample value"))
}

async fn scrape(app: &crate::helpers::TestApp) -> String {
    let response = app.get("/metrics", Some(TOKEN)).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.unwrap()
}

#[actix_web::test]
async fn webhooks_ai_calls_and_twilio_sends_are_counted() {
    let (app, twilio) =
        twilio_app_with(&[("METRICS_TOKEN", TOKEN), ("AI_BURST_WINDOW_MS", "50")]).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;

    let form = text_webhook(
        "SM00000000000000000000000000000m01",
        "whatsapp:+33700000001",
        DEMO_NUMBER,
        "À quelle heure est le check-in ?",
    );
    assert_eq!(
        post_signed(&app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        post_form(&app, "/webhook/whatsapp", &form, Some("forged"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // The offline responder answers through the fake Twilio.
    wait_for(&mut socket, "AI reply", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "ai"
    })
    .await;
    eventually("the AI reply sent", || async { twilio.sends().len() == 1 }).await;
    let conversations: Vec<serde_json::Value> = app
        .get("/api/conversations", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(conversations.len(), 1, "{conversations:?}");
    let id = &conversations[0]["id"];
    let reply = app
        .post_json(
            &format!("/api/conversations/{id}/send"),
            Some(&token),
            &json!({"body": "Bon séjour !"}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    eventually("two sends", || async { twilio.sends().len() == 2 }).await;

    let text = scrape(&app).await;
    for (series, at_least) in [
        (
            r#"majordome_webhooks_total{kind="message",outcome="ok"}"#,
            1.0,
        ),
        (
            r#"majordome_webhooks_total{kind="message",outcome="rejected"}"#,
            1.0,
        ),
        (r#"majordome_webhook_seconds_count{kind="message"}"#, 2.0),
        (
            r#"majordome_ai_calls_total{engine="offline_faq",outcome="ok"}"#,
            1.0,
        ),
        (r#"majordome_twilio_sends_total{outcome="accepted"}"#, 2.0),
        ("majordome_websocket_sessions", 1.0),
    ] {
        assert!(
            sample(&text, series) >= at_least,
            "{series} below {at_least} in:\n{text}"
        );
    }
}
