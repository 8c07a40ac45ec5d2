//! The two Yew apps are embedded in the binary and served from the same port as the API.

use reqwest::{header, StatusCode};

use crate::helpers::spawn_app;

fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[actix_web::test]
async fn the_dashboard_is_served_at_the_root() {
    let app = spawn_app().await;

    let response = app.get("/", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(content_type(&response).starts_with("text/html"));
    let html = response.text().await.unwrap();
    assert!(html.contains("app_bg.wasm"), "{html}");

    // Client-side routes fall back to the app.
    let response = app.get("/conversations/12", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(content_type(&response).starts_with("text/html"));

    let response = app.get("/app_bg.wasm", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(content_type(&response), "application/wasm");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..4], b"\0asm");

    let response = app.get("/app.js", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(content_type(&response).starts_with("text/javascript"));
}

#[actix_web::test]
async fn the_admin_app_is_served_under_admin() {
    let app = spawn_app().await;

    let response = app.get("/admin", None).await;
    assert!(response.status().is_redirection());
    assert_eq!(response.headers()[header::LOCATION], "/admin/");

    let response = app.get("/admin/", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(content_type(&response).starts_with("text/html"));
    let admin_html = response.text().await.unwrap();
    assert!(admin_html.contains("app_bg.wasm"));

    let response = app.get("/admin/app_bg.wasm", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(content_type(&response), "application/wasm");
    let admin_wasm = response.bytes().await.unwrap();
    assert_eq!(&admin_wasm[..4], b"\0asm");

    // It is a different app from the dashboard.
    let dashboard_wasm = app.get("/app_bg.wasm", None).await.bytes().await.unwrap();
    assert_ne!(admin_wasm, dashboard_wasm);

    let response = app.get("/admin/missing.png", None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
