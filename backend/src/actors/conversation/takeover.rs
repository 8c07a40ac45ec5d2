//! With several instances, a conversation whose instance died has nobody running it: its lease
//! (a PostgreSQL lock) went with the dead instance's connection. Every instance looks every few
//! seconds for conversations with work left — guest messages not applied, a guest the AI would
//! still answer, a reply stored but never confirmed — and takes over those whose lease is free,
//! exactly as a restarted single instance resumes its own.

use std::sync::Arc;
use std::time::Duration;

use super::{resume_pending_sends, resume_unanswered, Deps};
use crate::actors::registry::Registry;

pub fn spawn_takeover(
    deps: Arc<Deps>,
    registry: Registry,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    actix::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        ticks.tick().await;
        loop {
            ticks.tick().await;
            if let Err(e) = resume_unanswered(&deps, &registry).await {
                tracing::warn!(error = %e, "takeover sweep failed (unanswered guests)");
            }
            if let Err(e) = resume_pending_sends(&deps, &registry).await {
                tracing::warn!(error = %e, "takeover sweep failed (pending replies)");
            }
        }
    })
}
