//! Bad input gets a clear JSON error with the right status, never a 500 or an HTML page.

use reqwest::{header, StatusCode};
use serde_json::Value;

use crate::helpers::{assert_error, spawn_app};

#[actix_web::test]
async fn malformed_json_is_a_400_json_error() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let response = app
        .fresh_client()
        .post(app.url("/api/faqs"))
        .bearer_auth(&token)
        .header(header::CONTENT_TYPE, "application/json")
        .body(r#"{"question": "oops", "answer": "#)
        .send()
        .await
        .unwrap();

    assert_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
}

#[actix_web::test]
async fn malformed_login_json_is_a_400() {
    let app = spawn_app().await;
    let response = app
        .fresh_client()
        .post(app.url("/api/auth/login"))
        .header(header::CONTENT_TYPE, "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
}

#[actix_web::test]
async fn a_wrong_content_type_is_a_415() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let response = app
        .fresh_client()
        .post(app.url("/api/faqs"))
        .bearer_auth(&token)
        .header(header::CONTENT_TYPE, "text/plain")
        .body(r#"{"question": "Q ?", "answer": "R."}"#)
        .send()
        .await
        .unwrap();

    assert_error(
        response,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
}

#[actix_web::test]
async fn an_oversized_body_is_a_413() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    let body = serde_json::json!({"question": "Q ?", "answer": "x".repeat(70 * 1024)});

    let response = app.post_json("/api/faqs", Some(&token), &body).await;

    assert_error(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    let faqs: Vec<Value> = app
        .get("/api/faqs", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert!(faqs.iter().all(|f| f["question"] != "Q ?"));
}

#[actix_web::test]
async fn an_oversized_chunked_body_is_a_413_too() {
    let app = spawn_app().await;
    let token = app.login_demo().await;
    // No Content-Length: the limit must hold while streaming.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        std::iter::once(Ok(br#"{"question": "Q ?", "answer": ""#.to_vec()))
            .chain((0..80).map(|_| Ok(vec![b'x'; 1024])))
            .chain(std::iter::once(Ok(br#""}"#.to_vec())))
            .collect();

    let response = app
        .fresh_client()
        .post(app.url("/api/faqs"))
        .bearer_auth(&token)
        .header(header::CONTENT_TYPE, "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();

    assert_error(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}

#[actix_web::test]
async fn unknown_api_routes_are_json_404s() {
    let app = spawn_app().await;
    let token = app.login_demo().await;

    let response = app.get("/api/does-not-exist", Some(&token)).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app.get("/api/does-not-exist", None).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app
        .post_json("/api/nothing/here", Some(&token), &serde_json::json!({}))
        .await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = app.delete("/api/unknown/1", &token).await;
    assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    // The bare prefixes are API paths too, not dashboard routes.
    for path in ["/api", "/webhook", "/ws/extra"] {
        let response = app.get(path, None).await;
        assert_error(response, StatusCode::NOT_FOUND, "not_found").await;
    }
}

#[actix_web::test]
async fn healthz_reports_ok() {
    let app = spawn_app().await;
    let response = app.get("/healthz", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert!(body["version"].is_string());
}
