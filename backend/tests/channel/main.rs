//! The Twilio WhatsApp channel, the conversation actors and the live WebSocket feed, exercised
//! against the real server and a local fake of Twilio's REST API.

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

mod fake_claude;
mod fake_twilio;
mod support;

mod admin_platform;
mod ai;
mod bounded_input;
mod crash;
mod dashboard_api;
mod inbound;
mod live;
mod notes;
mod outbound;
mod postgres;
mod revocation;
mod simulator;
mod stays;
mod translation;
