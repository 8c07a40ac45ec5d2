//! Pure state: reducers the components dispatch to, with no browser APIs, so every rule about
//! ordering, dedupe and live updates is unit-tested on the host.

pub mod automations;
pub mod chips;
pub mod drafts;
pub mod features;
pub mod inbox;
pub mod narrowing;
pub mod notify;
pub mod simulator;
pub mod stays;
pub mod team;
pub mod templates;
pub mod triage;

pub use inbox::{InboxAction, InboxState, LocalId};
