//! End-to-end tests of the operator dashboard and the admin app in a real headless Chromium, driven through
//! chromedriver, against the real server (which serves the real dashboard, built to wasm and
//! embedded) and, in Twilio mode, a local fake of Twilio's REST API.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (`bash scripts/test.sh` installs them).
//! The tests take turns: one browser at a time.

#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

/// These servers run on SQLite unless `MAJORDOME_TEST_BACKEND` says otherwise.
const SUITE_BACKEND: helpers::Backend = helpers::Backend::Sqlite;

#[path = "../channel/fake_twilio.rs"]
#[allow(dead_code)]
mod fake_twilio;
#[path = "../channel/support.rs"]
#[allow(dead_code)]
mod support;

mod harness;
mod server;

mod admin;
mod attachments;
mod composer;
mod concierge;
mod faq;
mod inbox;
mod login;
mod notes;
mod paging;
mod reconnect;
mod revoked;
mod simulator;
mod stays;
mod suggestion;
mod team;
mod triage;
mod urgency;
