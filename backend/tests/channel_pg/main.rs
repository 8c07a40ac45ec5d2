//! The channel suite on PostgreSQL: the same test modules as `channel` (shared through
//! `#[path]`), each server on a PostgreSQL database of its own, created on the machine's server
//! and dropped afterwards. A test here fails when PostgreSQL is not reachable.
//!
//! Left out: the SIGKILL tests (`crash`, `crash_outbound`: they start the real binary on a SQLite
//! file), `ws_limits` (socket limits and stalled readers do not touch the database; its 30 s
//! stall test only adds time), and `postgres` and `cluster`, which run on PostgreSQL in
//! `channel` already.

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

const SUITE_BACKEND: helpers::Backend = helpers::Backend::Postgres;

#[path = "../channel/fake_claude.rs"]
#[allow(dead_code)]
mod fake_claude;
#[path = "../channel/fake_twilio.rs"]
#[allow(dead_code)]
mod fake_twilio;
#[path = "../channel/support.rs"]
#[allow(dead_code)]
mod support;

#[path = "../channel/admin_platform.rs"]
mod admin_platform;
#[path = "../channel/ai.rs"]
mod ai;
#[path = "../channel/ai_spending.rs"]
mod ai_spending;
#[path = "../channel/attachments.rs"]
mod attachments;
#[path = "../channel/automations.rs"]
mod automations;
#[path = "../channel/bounded_input.rs"]
mod bounded_input;
#[path = "../channel/dashboard_api.rs"]
mod dashboard_api;
#[path = "../channel/inbound.rs"]
mod inbound;
#[path = "../channel/inbox.rs"]
mod inbox;
#[path = "../channel/live.rs"]
mod live;
#[path = "../channel/metrics.rs"]
mod metrics;
#[path = "../channel/notes.rs"]
mod notes;
#[path = "../channel/outbound.rs"]
mod outbound;
#[path = "../channel/request_limits.rs"]
mod request_limits;
#[path = "../channel/revocation.rs"]
mod revocation;
#[path = "../channel/simulator.rs"]
mod simulator;
#[path = "../channel/stays.rs"]
mod stays;
#[path = "../channel/team.rs"]
mod team;
#[path = "../channel/translation.rs"]
mod translation;
