//! Security headers on every answer. `DefaultHeaders` only adds what a handler did not set, so a
//! route with stricter needs (the media proxy) keeps its own.

use actix_web::middleware::DefaultHeaders;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The apps' policy: their own scripts (plus the inline bootstrap of each `index.html`, allowed by
/// hash), WebAssembly compilation, same-origin fetch and WebSocket, never framed. Yew sets a few
/// `style` attributes, hence inline styles.
pub fn content_security_policy(index_pages: &[&[u8]]) -> String {
    let hashes: String = index_pages
        .iter()
        .flat_map(|page| inline_scripts(page))
        .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script))))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The bodies of the `<script>` elements that have no `src`.
fn inline_scripts(page: &[u8]) -> Vec<&[u8]> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(open) = find(rest, b"<script") {
        let after_open = &rest[open..];
        let Some(tag_end) = find(after_open, b">") else {
            break;
        };
        let tag = &after_open[..tag_end];
        let body = &after_open[tag_end + 1..];
        let Some(close) = find(body, b"</script>") else {
            break;
        };
        if find(tag, b" src=").is_none() {
            found.push(&body[..close]);
        }
        rest = &body[close..];
    }
    found
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn middleware(csp: &str, https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", csp.to_owned()))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"));
    if https {
        // Only over https: over plain http the header is ignored, and a mistaken one would pin
        // a development host to https.
        headers.add(("Strict-Transport-Security", "max-age=31536000"))
    } else {
        headers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_bootstrap_scripts_are_allowed_by_hash_and_nothing_else_inline() {
        let page = br#"<html><script type="module">
    import init from "./app.js";
    init("./app_bg.wasm");
  </script><script src="x.js"></script></html>"#;
        let csp = content_security_policy(&[page]);
        let script = b"\n    import init from \"./app.js\";\n    init(\"./app_bg.wasm\");\n  ";
        let hash = STANDARD.encode(Sha256::digest(script));
        assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"));
    }
}
