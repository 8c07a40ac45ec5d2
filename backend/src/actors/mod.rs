//! The actors: one `ConversationActor` per live conversation (created on demand by the
//! `Registry`), and the `SessionHub` that fans events out to dashboard WebSockets.

pub mod conversation;
pub mod hub;
pub mod registry;
