//! The two Yew apps, embedded in the binary by `build.rs` and served from memory.
//! `/` serves the operator dashboard, `/admin/` the admin app. Unknown paths below either app fall
//! back to its `index.html`, so client-side routes survive a reload.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::AppError;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

fn serve(files: &'static [(&'static str, &'static [u8])], path: &str) -> Option<HttpResponse> {
    let path = if path.is_empty() { "index.html" } else { path };
    let (name, bytes) = files.iter().find(|(name, _)| *name == path).or_else(|| {
        // A path without an extension is a client-side route: hand it to the app.
        (!path.rsplit('/').next().unwrap_or("").contains('.'))
            .then(|| files.iter().find(|(n, _)| *n == "index.html"))
            .flatten()
    })?;
    let cache = if name.ends_with(".html") {
        "no-cache"
    } else {
        "public, max-age=300"
    };
    Some(
        HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, content_type(name)))
            .insert_header((header::CACHE_CONTROL, cache))
            .insert_header(("X-Content-Type-Options", "nosniff"))
            .body(*bytes),
    )
}

/// The two apps' `index.html`, whose inline bootstrap scripts the CSP allows by hash.
pub fn index_pages() -> Vec<&'static [u8]> {
    [generated::WEB, generated::ADMIN_WEB]
        .iter()
        .filter_map(|files| files.iter().find(|(name, _)| *name == "index.html"))
        .map(|(_, bytes)| *bytes)
        .collect()
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/admin",
        web::get().to(|| async {
            HttpResponse::PermanentRedirect()
                .insert_header((header::LOCATION, "/admin/"))
                .finish()
        }),
    )
    .route("/admin/{path:.*}", web::get().to(admin))
    .route("/{path:.*}", web::get().to(dashboard));
}

async fn admin(path: web::Path<String>) -> Result<HttpResponse, AppError> {
    serve(generated::ADMIN_WEB, &path).ok_or(AppError::NotFound("file"))
}

async fn dashboard(req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    // API-looking paths never fall back to the app: clients expect JSON errors there.
    let p = req.path();
    let reserved = |prefix: &str| {
        p.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    if reserved("/api") || reserved("/webhook") || reserved("/ws") {
        return Err(AppError::NotFound("route"));
    }
    serve(generated::WEB, &path).ok_or(AppError::NotFound("file"))
}
