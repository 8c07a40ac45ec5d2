//! The API suite on PostgreSQL: the same test modules as `api` (shared through `#[path]`), each
//! test on a PostgreSQL database of its own, created on the machine's server and dropped
//! afterwards. A test here fails when PostgreSQL is not reachable.
//!
//! Left out: what does not depend on the database engine (static files, security headers), the
//! SQLite-only upgrade of a 0.1.0 file, the SQLite safe defaults, and `postgres` (already
//! PostgreSQL).

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

const SUITE_BACKEND: helpers::Backend = helpers::Backend::Postgres;

#[path = "../api/admin.rs"]
mod admin;
#[path = "../api/auth.rs"]
mod auth;
#[path = "../api/calendar.rs"]
mod calendar;
#[path = "../api/conversations.rs"]
mod conversations;
#[path = "../api/errors.rs"]
mod errors;
#[path = "../api/faqs.rs"]
mod faqs;
#[path = "../api/feature_requests.rs"]
mod feature_requests;
#[path = "../api/isolation.rs"]
mod isolation;
#[path = "../api/login_protection.rs"]
mod login_protection;
#[path = "../api/operations.rs"]
mod operations;
#[path = "../api/pagination.rs"]
mod pagination;
#[path = "../api/persistence.rs"]
mod persistence;
#[path = "../api/properties.rs"]
mod properties;
#[path = "../api/races.rs"]
mod races;
#[path = "../api/stays.rs"]
mod stays;
