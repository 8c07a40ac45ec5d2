//! FAQ answers in several languages: saved and returned by the REST API, drafted by Claude for
//! the operator to review, used by the offline responder for a guest writing another language,
//! and handed to Claude in its prompt with the guest's language.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::fake_claude::{FakeClaude, Scripted, API_KEY};
use crate::helpers::{assert_error, spawn_app, TestApp};
use crate::support::*;

async fn claude_app() -> (TestApp, FakeClaude) {
    let claude = FakeClaude::start().await;
    let (app, _twilio) = twilio_app_with(&[
        ("ANTHROPIC_API_KEY", API_KEY),
        ("ANTHROPIC_API_BASE", claude.base_url.as_str()),
        ("AI_BURST_WINDOW_MS", "50"),
    ])
    .await;
    (app, claude)
}

/// Removes the demo's shared entries, so only the test's own entry can answer.
async fn only_entry(app: &TestApp, token: &str, body: &Value) -> Value {
    let existing: Vec<Value> = faqs(app, token).await;
    for entry in existing {
        let path = format!("/api/faqs/{}", entry["id"]);
        assert_eq!(
            app.delete(&path, token).await.status(),
            StatusCode::NO_CONTENT
        );
    }
    let created = app.post_json("/api/faqs", Some(token), body).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    created.json().await.unwrap()
}

async fn faqs(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/api/faqs", Some(token))
        .await
        .json()
        .await
        .unwrap()
}

/// Asks Claude for the entry's missing languages.
async fn draft(app: &TestApp, token: &str, id: i64) -> reqwest::Response {
    let path = format!("/api/faqs/{id}/translations/draft");
    app.post_json(&path, Some(token), &json!({})).await
}

fn check_in_entry(translations: Value) -> Value {
    json!({
        "question": "À quelle heure est le check-in ?",
        "answer": "Le check-in se fait à partir de 16h.",
        "translations": translations,
    })
}

#[actix_web::test]
async fn faq_translations_are_saved_and_claude_drafts_the_missing_ones_without_saving_them() {
    let (app, claude) = claude_app().await;
    let token = app.login_demo().await;
    let entry = only_entry(
        &app,
        &token,
        &check_in_entry(json!({"en": " Check-in is from 4 pm. ", "es": "  "})),
    )
    .await;
    // Trimmed; an empty translation is no translation.
    assert_eq!(
        entry["translations"],
        json!({"en": "Check-in is from 4 pm."})
    );
    let id = entry["id"].as_i64().unwrap();
    let listed: Vec<Value> = faqs(&app, &token).await;
    assert_eq!(listed[0]["translations"], entry["translations"]);

    claude.script(vec![Scripted::Reply(
        "```json\n{\"es\": \"El check-in es a partir de las 16 h.\", \"de\": \"Check-in ab 16 Uhr.\", \
         \"it\": \"Il check-in è dalle 16.\", \"pt\": \"O check-in é a partir das 16h.\", \
         \"en\": \"not asked\"}\n```"
            .into(),
    )]);
    let drafted = draft(&app, &token, id).await;
    assert_eq!(drafted.status(), StatusCode::OK);
    let drafted: Value = drafted.json().await.unwrap();
    assert_eq!(
        drafted["translations"],
        json!({
            "es": "El check-in es a partir de las 16 h.",
            "de": "Check-in ab 16 Uhr.",
            "it": "Il check-in è dalle 16.",
            "pt": "O check-in é a partir das 16h.",
        })
    );
    // Claude was asked for the languages the entry lacks, not French (it is written in it).
    let call = claude.calls().pop().unwrap();
    let asked = call.body["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(asked.starts_with("Languages: es, de, it, pt\n"), "{asked}");
    assert!(
        asked.contains("Le check-in se fait à partir de 16h."),
        "{asked}"
    );
    // Nothing saved until the operator saves.
    let unchanged = faqs(&app, &token).await;
    assert_eq!(
        unchanged[0]["translations"],
        json!({"en": "Check-in is from 4 pm."})
    );

    // Claude failing is said, and nothing changes.
    claude.script(vec![Scripted::Error {
        status: 400,
        kind: "invalid_request_error".into(),
        retry_after: None,
    }]);
    let failed = draft(&app, &token, id).await;
    assert_error(failed, StatusCode::SERVICE_UNAVAILABLE, "unavailable").await;

    let mut reviewed = drafted["translations"].clone();
    reviewed["en"] = json!("Check-in is from 4 pm.");
    let saved = app
        .patch_json(
            &format!("/api/faqs/{id}"),
            &token,
            &json!({"translations": reviewed}),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Value = saved.json().await.unwrap();
    assert_eq!(saved["translations"], reviewed);

    // Bad input: a translation too long, an unknown language.
    let too_long = app
        .patch_json(
            &format!("/api/faqs/{id}"),
            &token,
            &json!({"translations": {"en": "x".repeat(4_001)}}),
        )
        .await;
    assert_error(too_long, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let unknown = app
        .patch_json(
            &format!("/api/faqs/{id}"),
            &token,
            &json!({"translations": {"xx": "?"}}),
        )
        .await;
    assert!(unknown.status().is_client_error(), "{}", unknown.status());

    // Every language present: nothing to ask Claude.
    let calls = claude.calls().len();
    let nothing = draft(&app, &token, id).await;
    assert_eq!(nothing.status(), StatusCode::OK);
    assert_eq!(
        nothing.json::<Value>().await.unwrap()["translations"],
        json!({})
    );
    assert_eq!(claude.calls().len(), calls);

    // Another conciergerie can neither draft nor change this entry.
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "autre", "whatsapp:+33198765499")
        .await;
    let calls = claude.calls().len();
    let foreign = draft(&app, &other.token, id).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let foreign = app
        .patch_json(
            &format!("/api/faqs/{id}"),
            &other.token,
            &json!({"translations": {}}),
        )
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        claude.calls().len(),
        calls,
        "no translation for another tenant's entry"
    );
}

#[actix_web::test]
async fn offline_the_draft_says_claude_is_needed() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let entry = only_entry(&app, &token, &check_in_entry(json!({}))).await;
    assert_eq!(entry["translations"], json!({}));
    let refused = app
        .post_json(
            &format!("/api/faqs/{}/translations/draft", entry["id"]),
            Some(&token),
            &json!({}),
        )
        .await;
    let body = assert_error(refused, StatusCode::CONFLICT, "conflict").await;
    assert!(body.to_string().contains("Claude"), "{body}");
}

/// The Spanish check-in entry is the only one; a Spanish guest asks `text`; answers the AI's
/// reply body.
async fn spanish_guest_asks(app: &TestApp, sid: &str, text: &str) -> String {
    let token = app.login_demo().await;
    only_entry(
        app,
        &token,
        &check_in_entry(json!({"es": "El check-in es a partir de las 16 h."})),
    )
    .await;
    let mut socket = connect_ws(app, &token).await;
    let form = text_webhook(sid, "whatsapp:+34600000001", DEMO_NUMBER, text);
    assert_eq!(
        post_signed(app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let reply = wait_for(&mut socket, "the AI's answer", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "ai"
    })
    .await;
    reply["message"]["body"].as_str().unwrap().to_owned()
}

#[actix_web::test]
async fn the_offline_responder_answers_a_spanish_guest_with_the_spanish_answer() {
    let (app, _twilio) = twilio_app_with(&[("AI_BURST_WINDOW_MS", "50")]).await;
    let body = spanish_guest_asks(
        &app,
        "SMB0000000000000000000000000000701",
        "¿A qué hora es el check-in?",
    )
    .await;
    assert!(
        body.contains("El check-in es a partir de las 16 h."),
        "{body}"
    );
    assert!(!body.contains("francés"), "{body}");
}

#[actix_web::test]
async fn claude_is_told_the_guests_language_and_given_the_translated_answers() {
    let (app, claude) = claude_app().await;
    claude.set_fallback(Scripted::Reply(
        "El check-in es a partir de las 16 h.".into(),
    ));
    spanish_guest_asks(
        &app,
        "SMB0000000000000000000000000000702",
        "Hola, ¿a qué hora podemos hacer el check-in?",
    )
    .await;
    let call = claude.calls().pop().unwrap();
    let system = call.body["system"][0]["text"].as_str().unwrap();
    assert!(system.contains("Reply in the guest's language"), "{system}");
    assert!(system.contains("it looks like Spanish"), "{system}");
    assert!(
        system.contains("R1 (es): El check-in es a partir de las 16 h."),
        "{system}"
    );
}

/// The conversation a Spanish guest opened (AI off, so only the guest's message is in it), and
/// that message's id.
async fn spanish_conversation(app: &TestApp, token: &str) -> (i64, i64) {
    set_ai_mode(app, "off").await;
    let mut socket = connect_ws(app, token).await;
    let form = text_webhook(
        "SMB0000000000000000000000000000801",
        "whatsapp:+34600000003",
        DEMO_NUMBER,
        "Hola, la calefacción hace un ruido extraño por la noche, ¿es normal?",
    );
    assert_eq!(
        post_signed(app, "/webhook/whatsapp", &form).await.status(),
        StatusCode::OK
    );
    let created = wait_for(&mut socket, "the guest's message", |e| {
        e["type"] == "message.created" && e["message"]["sender"] == "client"
    })
    .await;
    (
        created["message"]["conversation_id"].as_i64().unwrap(),
        created["message"]["id"].as_i64().unwrap(),
    )
}

async fn messages(app: &TestApp, token: &str, conversation: i64) -> Vec<Value> {
    let path = format!("/api/conversations/{conversation}/messages");
    app.get(&path, Some(token)).await.json().await.unwrap()
}

#[actix_web::test]
async fn with_claude_a_guest_message_is_translated_once_and_an_operator_draft_goes_the_other_way() {
    let (app, claude) = claude_app().await;
    let token = app.login_demo().await;
    let (conversation, message) = spanish_conversation(&app, &token).await;
    let path = format!("/api/conversations/{conversation}/messages/{message}/translation");

    claude.script(vec![Scripted::Reply(
        "{\"fr\": \"Bonjour, le chauffage fait un bruit étrange la nuit, est-ce normal ?\"}".into(),
    )]);
    let calls = claude.calls().len();
    let first = app.post_json(&path, Some(&token), &json!({})).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first: Value = first.json().await.unwrap();
    let expected = json!({
        "language": "es",
        "text": "Bonjour, le chauffage fait un bruit étrange la nuit, est-ce normal ?",
    });
    assert_eq!(first, expected);
    // Stored: asked again, Claude is not called; the thread carries it.
    let again: Value = app
        .post_json(&path, Some(&token), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again, expected);
    assert_eq!(claude.calls().len(), calls + 1, "translated once");
    let thread = messages(&app, &token, conversation).await;
    let guest = thread.iter().find(|m| m["id"] == message).unwrap();
    assert_eq!(guest["translation"], expected);

    // The operator writes French; the draft comes back in Spanish, nothing is sent.
    claude.script(vec![Scripted::Reply(
        "{\"es\": \"Sí, es normal: el radiador se calienta.\"}".into(),
    )]);
    let draft = app
        .post_json(
            &format!("/api/conversations/{conversation}/translate"),
            Some(&token),
            &json!({"text": "Oui, c'est normal : le radiateur chauffe."}),
        )
        .await;
    assert_eq!(draft.status(), StatusCode::OK);
    let draft: Value = draft.json().await.unwrap();
    assert_eq!(
        draft,
        json!({"language": "es", "text": "Sí, es normal: el radiador se calienta."})
    );
    let asked = claude.calls().pop().unwrap().body["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(asked.starts_with("Languages: es\n"), "{asked}");
    assert_eq!(messages(&app, &token, conversation).await.len(), 1);

    // Bad input and other tenants.
    let empty = app
        .post_json(
            &format!("/api/conversations/{conversation}/translate"),
            Some(&token),
            &json!({"text": "  "}),
        )
        .await;
    assert_error(empty, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "ailleurs", "whatsapp:+33198765498")
        .await;
    let foreign = app.post_json(&path, Some(&other.token), &json!({})).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let foreign = app
        .post_json(
            &format!("/api/conversations/{conversation}/translate"),
            Some(&other.token),
            &json!({"text": "Bonjour"}),
        )
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn offline_the_guest_language_is_detected_and_translation_says_claude_is_needed() {
    let (app, _twilio) = twilio_app().await;
    let token = app.login_demo().await;
    let (conversation, message) = spanish_conversation(&app, &token).await;
    let path = format!("/api/conversations/{conversation}/messages/{message}/translation");
    let detected: Value = app
        .post_json(&path, Some(&token), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detected, json!({"language": "es", "text": null}));
    let thread = messages(&app, &token, conversation).await;
    assert_eq!(thread[0]["translation"], detected);
    let refused = app
        .post_json(
            &format!("/api/conversations/{conversation}/translate"),
            Some(&token),
            &json!({"text": "Oui, c'est normal."}),
        )
        .await;
    let body = assert_error(refused, StatusCode::CONFLICT, "conflict").await;
    assert!(body.to_string().contains("Claude"), "{body}");
}
