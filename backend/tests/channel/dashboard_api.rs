//! The dashboard's own resources: saved replies and analytics.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::spawn_app_with;
use crate::support::*;

#[actix_web::test]
async fn templates_are_managed_per_conciergerie_with_unique_shortcuts() {
    let app = spawn_app_with(&[]).await;
    let token = app.login_demo().await;
    let created = app.post_json("/api/templates", Some(&token), &json!({"shortcut": "/Arrivee", "body": "Bienvenue ! Le code de la boîte à clés vous sera envoyé le jour J."})).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["shortcut"], "arrivee");
    let duplicate = app
        .post_json(
            "/api/templates",
            Some(&token),
            &json!({"shortcut": "arrivee", "body": "x"}),
        )
        .await;
    assert_eq!(duplicate.status(), StatusCode::CONFLICT);
    let bad = app
        .post_json(
            "/api/templates",
            Some(&token),
            &json!({"shortcut": "deux mots", "body": "x"}),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let id = created["id"].as_i64().unwrap();
    let patched = app
        .patch_json(
            &format!("/api/templates/{id}"),
            &token,
            &json!({"body": "Bienvenue chez nous !"}),
        )
        .await;
    assert_eq!(patched.status(), StatusCode::OK);
    let list: Vec<Value> = app
        .get("/api/templates", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    // Next to the demo's own saved replies.
    let mine: Vec<&Value> = list.iter().filter(|t| t["id"] == id).collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["body"], "Bienvenue chez nous !");
    let shortcuts: Vec<&str> = list.iter().filter_map(|t| t["shortcut"].as_str()).collect();
    for seeded in ["bienvenue", "wifi", "depart", "merci"] {
        assert!(
            shortcuts.contains(&seeded),
            "demo reply /{seeded} missing: {shortcuts:?}"
        );
    }

    // Another conciergerie neither sees nor touches it.
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "nice", "whatsapp:+33493000000")
        .await;
    let theirs: Vec<Value> = app
        .get("/api/templates", Some(&other.token))
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs.is_empty());
    assert_eq!(
        app.delete(&format!("/api/templates/{id}"), &other.token)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.delete(&format!("/api/templates/{id}"), &token)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
}

#[actix_web::test]
async fn analytics_count_messages_ai_share_and_handoffs() {
    let app = spawn_app_with(&[("AI_BURST_WINDOW_MS", "50")]).await;
    let token = app.login_demo().await;
    let mut socket = connect_ws(&app, &token).await;
    for (from, body) in [
        ("+33600000020", "à quelle heure est le check-in ?"),
        ("+33600000021", "Puis-je annuler ma réservation ?"),
    ] {
        let r = app
            .post_json(
                "/api/simulator/messages",
                Some(&token),
                &json!({"from": from, "body": body}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::ACCEPTED);
        wait_for(&mut socket, "AI message", |e| {
            e["type"] == "message.created" && e["message"]["sender"] == "ai"
        })
        .await;
    }
    let stats: Value = app
        .get("/api/analytics?days=7", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stats["days"].as_array().unwrap().len(), 7);
    let today = stats["days"].as_array().unwrap().last().unwrap();
    assert_eq!(today["client"], 2);
    // One answer; the cancellation request got a holding message, which is no answer.
    assert_eq!(today["ai"], 1);
    assert_eq!(stats["ai_answers"], 1);
    assert_eq!(stats["ai_holding"], 1);
    assert_eq!(stats["handoffs"], 1);
    assert_eq!(stats["conversations"], 2);
    assert_eq!(stats["ai_share"], 1.0);
    assert_eq!(stats["handoff_rate"], 0.5);
    assert!(stats["median_first_response_secs"].as_f64().unwrap() >= 0.0);
}
