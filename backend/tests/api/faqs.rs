use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_error, spawn_app};

#[actix_web::test]
async fn the_demo_conciergerie_starts_with_french_faqs() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let response = app.get("/api/faqs", Some(&token)).await;

    assert_eq!(response.status(), StatusCode::OK);
    let faqs: Vec<Value> = response.json().await.unwrap();
    assert!(faqs.len() >= 3, "only {} demo FAQs", faqs.len());
    assert!(faqs
        .iter()
        .any(|f| f["question"].as_str().unwrap().contains("check-in")));
    for faq in &faqs {
        assert!(faq["id"].is_i64());
        assert!(!faq["answer"].as_str().unwrap().is_empty());
        assert!(faq["created_at"].is_string() && faq["updated_at"].is_string());
    }
}

#[actix_web::test]
async fn faq_create_read_update_delete() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let before: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();

    // Create: trimmed, 201 with the stored FAQ.
    let response = app
        .post_json(
            "/api/faqs",
            Some(&token),
            &json!({"question": "  Y a-t-il une piscine ?  ", "answer": "Oui, chauffée de mai à septembre."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["question"], "Y a-t-il une piscine ?");
    assert_eq!(created["answer"], "Oui, chauffée de mai à septembre.");
    let id = created["id"].as_i64().unwrap();

    // Read: it is listed, after the existing ones.
    let after: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after.last().unwrap()["id"], id);

    // Update one field: the other is kept.
    let response = app
        .patch_json(
            &format!("/api/faqs/{id}"),
            &token,
            &json!({"answer": "Oui, chauffée toute l'année."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let updated: Value = response.json().await.unwrap();
    assert_eq!(updated["question"], "Y a-t-il une piscine ?");
    assert_eq!(updated["answer"], "Oui, chauffée toute l'année.");
    assert!(updated["updated_at"].as_str().unwrap() >= created["updated_at"].as_str().unwrap());

    let listed: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let stored = listed.iter().find(|f| f["id"] == id).unwrap();
    assert_eq!(stored["answer"], "Oui, chauffée toute l'année.");

    // Delete: 204, gone from the list, a second delete is a 404.
    let response = app.delete(&format!("/api/faqs/{id}"), &token).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let listed: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), before.len());
    assert!(listed.iter().all(|f| f["id"] != id));
    let response = app.delete(&format!("/api/faqs/{id}"), &token).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[actix_web::test]
async fn an_empty_question_is_a_422_naming_the_field() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let count = |faqs: Vec<Value>| faqs.len();
    let before = count(
        app.get("/api/faqs", Some(&token))
            .await
            .json()
            .await
            .unwrap(),
    );

    let response = app
        .post_json(
            "/api/faqs",
            Some(&token),
            &json!({"question": "   ", "answer": "Une réponse."}),
        )
        .await;
    let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(error["field"], "question");

    let response = app
        .post_json(
            "/api/faqs",
            Some(&token),
            &json!({"question": "Une question ?", "answer": ""}),
        )
        .await;
    let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(error["field"], "answer");

    let response = app
        .post_json(
            "/api/faqs",
            Some(&token),
            &json!({"question": "x".repeat(501), "answer": "Une réponse."}),
        )
        .await;
    let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(error["field"], "question");

    // Nothing was stored.
    let after = count(
        app.get("/api/faqs", Some(&token))
            .await
            .json()
            .await
            .unwrap(),
    );
    assert_eq!(before, after);
}

#[actix_web::test]
async fn a_patch_that_empties_a_field_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let faqs: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let first = &faqs[0];
    let id = first["id"].as_i64().unwrap();

    let response = app
        .patch_json(
            &format!("/api/faqs/{id}"),
            &token,
            &json!({"question": "", "answer": "Changée"}),
        )
        .await;
    let error = assert_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(error["field"], "question");

    let faqs: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(&faqs[0], first);
}

#[actix_web::test]
async fn a_missing_field_or_a_wrong_type_is_a_400() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let response = app
        .post_json("/api/faqs", Some(&token), &json!({"question": "Seule ?"}))
        .await;
    assert_error(response, StatusCode::BAD_REQUEST, "bad_request").await;

    let response = app
        .post_json(
            "/api/faqs",
            Some(&token),
            &json!({"question": 42, "answer": true}),
        )
        .await;
    assert_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
}

#[actix_web::test]
async fn faq_ids_that_do_not_exist_or_are_not_numbers_are_404() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let response = app
        .patch_json("/api/faqs/999999", &token, &json!({"answer": "x"}))
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app.delete("/api/faqs/not-a-number", &token).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[actix_web::test]
async fn faqs_need_a_session() {
    let app = spawn_app().await;
    let response = app.get("/api/faqs", None).await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let response = app
        .post_json(
            "/api/faqs",
            None,
            &json!({"question": "Q ?", "answer": "R."}),
        )
        .await;
    assert_error(response, StatusCode::UNAUTHORIZED, "unauthorized").await;
}
