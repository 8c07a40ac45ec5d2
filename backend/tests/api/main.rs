//! Integration tests: the real server on a random port with a temporary SQLite file, driven over
//! HTTP like any client would (zero2prod's `spawn_app`). The `api_pg` suite runs most of these
//! modules again on PostgreSQL.

mod admin;
mod analytics;
mod auth;
mod automations;
mod calendar;
mod conversations;
mod errors;
mod export;
mod faqs;
mod feature_requests;
mod helpers;
mod isolation;
mod login_protection;
mod openapi;
mod operations;
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

/// These servers run on SQLite unless `MAJORDOME_TEST_BACKEND` says otherwise.
const SUITE_BACKEND: helpers::Backend = helpers::Backend::Sqlite;
