//! REST handlers, one file per resource. `configure` mounts them all.

use actix_web::web;

mod admin_conciergeries;
mod admin_health;
mod admin_unrouted;
mod analytics;
mod attachments;
mod auth;
mod automations;
mod conversations;
mod export;
mod faqs;
mod feature_requests;
mod health;
mod labels;
mod media;
mod members;
mod openapi;
mod ops;
mod properties;
mod search;
mod settings;
mod simulator;
mod stays;
mod templates;
mod translation;
mod webhooks;

/// actix tries resources in the order they are mounted, and every `/api/…/{id}` path it passes
/// costs a regex match; Twilio's webhooks are the hot path, so they are mounted first.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(webhooks::configure)
        .configure(health::configure)
        .configure(ops::configure)
        .configure(auth::configure)
        .configure(members::configure)
        .configure(export::configure)
        .configure(conversations::configure)
        .configure(faqs::configure)
        .configure(translation::configure)
        .configure(labels::configure)
        .configure(search::configure)
        .configure(properties::configure)
        .configure(stays::configure)
        .configure(automations::configure)
        .configure(settings::configure)
        .configure(feature_requests::configure)
        .configure(admin_conciergeries::configure)
        .configure(admin_unrouted::configure)
        .configure(media::configure)
        .configure(openapi::configure)
        .configure(attachments::configure)
        .configure(simulator::configure)
        .configure(templates::configure)
        .configure(analytics::configure)
        .configure(admin_health::configure);
}
