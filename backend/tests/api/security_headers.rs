//! Security headers on the apps and the API; HSTS only when the public URL is https.

use crate::helpers::{spawn_app, spawn_app_with};

pub(crate) fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[actix_web::test]
async fn the_apps_and_the_api_answer_with_a_csp_that_fits_wasm_and_forbids_framing() {
    let app = spawn_app().await;
    for path in ["/", "/admin/", "/healthz", "/api/conversations"] {
        let response = app.get(path, None).await;
        let csp = header(&response, "content-security-policy");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(
            !csp.contains("script-src 'self' 'unsafe-inline'"),
            "{path}: {csp}"
        );
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        assert_eq!(header(&response, "referrer-policy"), "no-referrer");
        assert_eq!(header(&response, "strict-transport-security"), "", "{path}");
    }
}

#[actix_web::test]
async fn hsts_is_sent_when_the_public_url_is_https() {
    let app = spawn_app_with(&[("PUBLIC_BASE_URL", "https://majordome.example")]).await;
    let response = app.get("/healthz", None).await;
    assert!(header(&response, "strict-transport-security").starts_with("max-age="));
}
