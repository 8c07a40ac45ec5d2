//! One log line per request, without taxing ingest: an acknowledged Twilio webhook is routine
//! (thousands a second under load) and is logged at `debug`, so with the default `info` filter
//! it costs a level check and nothing else. Everything else, and any webhook that failed, is
//! logged at `info` (or `warn` for a 5xx). Nothing is copied from the request: the line is
//! written from the response, which still holds it.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::Error;

pub async fn log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let res = next.call(req).await?;
    let status = res.status();
    let request = res.request();
    let routine = status.is_success() && request.path().starts_with("/webhook/");
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if routine {
        tracing::debug!(
            "{} {} {} {ms:.1}ms",
            request.method(),
            request.path(),
            status.as_u16()
        );
    } else if status.is_server_error() {
        tracing::warn!(
            "{} {} {} {ms:.1}ms",
            request.method(),
            request.path(),
            status.as_u16()
        );
    } else {
        tracing::info!(
            "{} {} {} {ms:.1}ms",
            request.method(),
            request.path(),
            status.as_u16()
        );
    }
    Ok(res)
}
