//! The snooze sweep: every `SNOOZE_SWEEP_MS`, conversations whose `snoozed_until` has come are
//! handed to their actor (`Wake`), which clears the snooze and publishes `conversation.updated`,
//! so the conversation is back in the open inbox live. The time lives in the row, so a snooze
//! that fell due while the server was down wakes at the first sweep after the start.

use std::time::Duration;

use actix_web::web;
use chrono::{DateTime, Utc};

use crate::actors::conversation::Wake;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

/// Conversations woken per sweep at most; the rest wait for the next one.
const PER_SWEEP: u64 = 500;

/// Wakes what is due at `now`; returns how many conversations were woken.
pub async fn sweep_once(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let due = db::inbox::snoozes_due(&state.db, now, PER_SWEEP).await?;
    for id in &due {
        // The actor checks the time again: a snooze lifted or moved meanwhile stays as it is.
        // With several instances, a conversation another instance runs is woken by that
        // instance's own sweep.
        if let Err(e) = state.registry.resume(*id, Wake).await {
            tracing::warn!(conversation_id = %id, error = %e, "snoozed conversation not reached");
        }
    }
    Ok(due.len())
}

/// Runs `sweep_once` every `every`, on the wall clock.
pub fn spawn_sweep(state: web::Data<AppState>, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            ticks.tick().await;
            if let Err(e) = sweep_once(&state, Utc::now()).await {
                tracing::error!(error = %e, "snooze sweep failed");
            }
        }
    })
}
