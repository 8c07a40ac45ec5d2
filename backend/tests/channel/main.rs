//! The Twilio WhatsApp channel, the conversation actors and the live WebSocket feed, exercised
//! against the real server and a local fake of Twilio's REST API.

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

/// These servers run on SQLite unless `MAJORDOME_TEST_BACKEND` says otherwise.
const SUITE_BACKEND: helpers::Backend = helpers::Backend::Sqlite;

mod fake_claude;
mod fake_twilio;
mod support;

mod admin_platform;
mod ai;
mod ai_spending;
mod attachments;
mod automations;
mod bounded_input;
mod cluster;
mod cluster_owner;
mod crash;
mod crash_outbound;
mod dashboard_api;
mod inbound;
mod inbox;
mod live;
mod metrics;
mod notes;
mod outbound;
mod postgres;
mod request_limits;
mod revocation;
mod simulator;
mod stays;
mod team;
mod translation;
mod ws_limits;
