//! Integration tests: the real server on a random port with a temporary SQLite file, driven over
//! HTTP like any client would (zero2prod's `spawn_app`).

mod admin;
mod analytics;
mod auth;
mod calendar;
mod conversations;
mod errors;
mod export;
mod faqs;
mod feature_requests;
mod helpers;
mod isolation;
mod login_protection;
mod pagination;
mod persistence;
mod postgres;
mod properties;
mod races;
mod safe_defaults;
mod security_headers;
mod static_files;
mod stays;
mod upgrade;
