//! Scheduled messages: automations timed from stays (arrival instructions the day before at
//! 18:00, a check-out reminder…), planned into `scheduled_messages` rows — one per automation and
//! stay, so each is sent once — and sent when due.
//!
//! A run (`run_once`, given the time: tests inject it) plans the rows of the confirmed stays,
//! re-times pending rows whose stay moved, skips those whose stay was cancelled, and sends the
//! due ones: claimed first (`pending` → `sending`, one winner), then sent through the
//! conversation's actor with the row's id as the idempotency key, so a run that crashed after
//! claiming finishes the row without sending it twice. A message later than
//! `AUTOMATION_MAX_LATENESS_MINUTES` (downtime) is skipped, not sent out of context.
//!
//! Not built yet: sending outside WhatsApp's 24 h window as a Twilio Content API template
//! (`ContentSid`/`ContentVariables`); today such a message (and one to a guest who never wrote,
//! who has no conversation) is marked `failed` with the reason.

pub mod plan;
mod store;

use std::time::Duration;

use actix_web::web;
use chrono::{DateTime, Utc};
use entity::scheduled_message;
use protocol::{ConciergerieId, ConversationId, ScheduledStatus, StayId, StayStatus};

use crate::actors::conversation::OperatorSend;
use crate::ai::variables;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::stays;

pub use store::{cancel, create, for_stay, list};

/// What one run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunReport {
    pub planned: usize,
    pub sent: usize,
    pub skipped: usize,
    pub failed: usize,
}

/// Plans and sends what is due at `now`.
#[tracing::instrument(skip(state))]
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> Result<RunReport, AppError> {
    let lateness = chrono::Duration::from_std(state.config.automation_max_lateness)
        .unwrap_or(chrono::Duration::hours(6));
    let mut report = RunReport {
        planned: store::plan(&state.db, now - lateness).await?,
        ..Default::default()
    };
    for row in store::due(&state.db, now).await? {
        let stay = db::stays::find_owned(
            &state.db,
            ConciergerieId(row.conciergerie_id),
            StayId(row.stay_id),
        )
        .await;
        let cancelled = match &stay {
            Ok(stay) => stay.status == StayStatus::Cancelled,
            Err(AppError::NotFound(_)) => true,
            Err(_) => false,
        };
        if cancelled {
            store::finish(
                &state.db,
                &row,
                ScheduledStatus::Skipped,
                "the stay was cancelled",
            )
            .await?;
            report.skipped += 1;
            continue;
        }
        if row.status == ScheduledStatus::Pending && now - row.due_at > lateness {
            store::finish(
                &state.db,
                &row,
                ScheduledStatus::Skipped,
                "too late to send",
            )
            .await?;
            report.skipped += 1;
            continue;
        }
        // One winner per row, whatever runs at the same time.
        if row.status == ScheduledStatus::Pending && !store::claim(&state.db, &row).await? {
            continue;
        }
        match send(state, &row, stay?, now).await {
            Ok((conversation, message)) => {
                store::sent(&state.db, &row, conversation, message).await?;
                report.sent += 1;
            }
            Err(reason) => {
                tracing::warn!(scheduled = row.id, %reason, "scheduled message not sent");
                store::finish(&state.db, &row, ScheduledStatus::Failed, &reason).await?;
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

/// Sends one claimed row to the guest's conversation. `Err`: why it cannot go.
async fn send(
    state: &AppState,
    row: &scheduled_message::Model,
    stay: entity::stay::Model,
    now: DateTime<Utc>,
) -> Result<(ConversationId, i64), String> {
    let tenant = ConciergerieId(row.conciergerie_id);
    let automation = store::automation(&state.db, row.automation_id)
        .await
        .map_err(|e| e.to_string())?;
    let Some(number) = stay.whatsapp_number.as_deref() else {
        return Err("the stay has no WhatsApp number".into());
    };
    let conversation = db::conversations::find_by_guest(&state.db, tenant, number)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("the guest has not written yet: a WhatsApp template is needed (not built yet)")?;
    let context =
        stays::context::linked_context(&state.db, tenant, Some(StayId(stay.id)), now.date_naive())
            .await
            .map_err(|e| e.to_string())?;
    let body = variables::fill_for_operator(&automation.body, context.as_ref());
    let id = ConversationId(conversation.id);
    let sent = state
        .registry
        .send(
            id,
            OperatorSend {
                body,
                // The row's own key: a retry after a crash answers the first message.
                client_ref: Some(format!("scheduled-{}", row.id)),
                // Not an operator taking over: the AI keeps answering the guest.
                from_suggestion: true,
            },
        )
        .await
        .map_err(|e| format!("the conversation could not be reached: {e}"))?;
    match sent {
        Ok(message) => Ok((id, message.id)),
        Err(AppError::OutsideWhatsAppWindow) => Err(
            "outside WhatsApp's 24 h window: a WhatsApp template is needed (not built yet)".into(),
        ),
        Err(e) => Err(e.to_string()),
    }
}

/// Runs `run_once` every `every`, on the wall clock.
pub fn spawn_schedule(state: web::Data<AppState>, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            ticks.tick().await;
            if let Err(e) = run_once(&state, Utc::now()).await {
                tracing::error!(error = %e, "scheduled messages run failed");
            }
        }
    })
}
