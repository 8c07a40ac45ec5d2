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
        assert!(csp.contains("object-src 'none'"), "{path}: {csp}");
        assert!(csp.contains("base-uri 'none'"), "{path}: {csp}");
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        assert_eq!(header(&response, "x-frame-options"), "DENY");
        assert_eq!(header(&response, "referrer-policy"), "no-referrer");
        assert_eq!(header(&response, "strict-transport-security"), "", "{path}");
    }

    // Each app's inline bootstrap script is allowed by its hash, and nothing else inline is.
    for path in ["/", "/admin/"] {
        let response = app.get(path, None).await;
        let csp = header(&response, "content-security-policy");
        let page = response.text().await.unwrap();
        for script in inline_scripts(&page) {
            use base64::Engine;
            use sha2::Digest;
            let hash =
                base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script));
            assert!(
                csp.contains(&format!("'sha256-{hash}'")),
                "{path}: the inline script is not allowed by {csp}"
            );
        }
    }
}

/// The bodies of a page's `<script>` elements without `src`.
fn inline_scripts(page: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(open) = rest.find("<script") {
        let after = &rest[open..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !after[..tag_end].contains(" src=") {
            found.push(&body[..close]);
        }
        rest = &body[close..];
    }
    found
}

#[actix_web::test]
async fn hsts_is_sent_when_the_public_url_is_https() {
    let app = spawn_app_with(&[("PUBLIC_BASE_URL", "https://majordome.example")]).await;
    let response = app.get("/healthz", None).await;
    assert!(header(&response, "strict-transport-security").starts_with("max-age="));
}
