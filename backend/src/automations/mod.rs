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
//! Outside WhatsApp's 24 h window a message goes as the automation's approved template (Twilio
//! Content API `ContentSid`/`ContentVariables`). A guest who never wrote has no conversation yet:
//! one is opened, linked to the stay, for the first message — always a template, since no window
//! is open; without a template the row is skipped with the reason.

pub mod plan;
mod store;

use std::time::Duration;

use actix_web::web;
use chrono::{DateTime, Utc};
use entity::scheduled_message;
use protocol::{ConciergerieId, ConversationId, ScheduledStatus, StayId, StayStatus};

use crate::actors::conversation::OperatorSend;
use crate::ai::variables;
use crate::channel::ContentTemplate;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::stays;

pub use store::{cancel, create, delete, for_stay, list, update};

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
            Err(NotSent::Skip(reason)) => {
                tracing::info!(scheduled = row.id, %reason, "scheduled message skipped");
                store::finish(&state.db, &row, ScheduledStatus::Skipped, &reason).await?;
                report.skipped += 1;
            }
            Err(NotSent::Fail(reason)) => {
                tracing::warn!(scheduled = row.id, %reason, "scheduled message not sent");
                store::finish(&state.db, &row, ScheduledStatus::Failed, &reason).await?;
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

/// Why a claimed row was not sent.
#[derive(Debug)]
enum NotSent {
    /// It could never go as things are (no number, no template for a guest who never wrote, the
    /// automation was disabled): recorded as `skipped`, with the reason the operator sees.
    Skip(String),
    /// It was tried and refused, or something broke: `failed`.
    Fail(String),
}

impl<E: std::fmt::Display> From<E> for NotSent {
    fn from(e: E) -> Self {
        NotSent::Fail(e.to_string())
    }
}

/// Told to the operator (in the conversation's scheduled list) when a guest who never wrote
/// cannot be reached: WhatsApp refuses free text to them, only an approved template goes.
pub const NEEDS_TEMPLATE: &str = "the guest has never written on WhatsApp: only an approved template (Content SID) can reach them, and this automation has none";

/// Sends one claimed row to the guest's conversation — opened for the occasion when the guest
/// has never written.
async fn send(
    state: &AppState,
    row: &scheduled_message::Model,
    stay: entity::stay::Model,
    now: DateTime<Utc>,
) -> Result<(ConversationId, i64), NotSent> {
    let tenant = ConciergerieId(row.conciergerie_id);
    let automation = store::automation(&state.db, row.automation_id).await?;
    if !automation.enabled {
        return Err(NotSent::Skip("the automation is disabled".into()));
    }
    let Some(number) = stay.whatsapp_number.as_deref() else {
        return Err(NotSent::Skip("the stay has no WhatsApp number".into()));
    };
    let conversation = match db::conversations::find_by_guest(&state.db, tenant, number).await? {
        Some(conversation) => conversation,
        // Outside any 24 h window by definition: a template or nothing. Checked before opening
        // the conversation, so that nothing shows up in the inbox for a message that cannot go.
        None if automation.content_sid.is_none() => {
            return Err(NotSent::Skip(NEEDS_TEMPLATE.into()))
        }
        None => {
            db::conversations::open_for_guest(
                &state.db,
                tenant,
                number,
                Some(stay.guest_name.clone()),
                StayId(stay.id),
                now,
            )
            .await?
        }
    };
    let context =
        stays::context::linked_context(&state.db, tenant, Some(StayId(stay.id)), now).await?;
    let fill = |text: &str| variables::fill_for_operator(text, context.as_ref());
    let id = ConversationId(conversation.id);
    let send = |template: Option<ContentTemplate>| {
        state.registry.request(
            id,
            OperatorSend {
                body: fill(&automation.body),
                // The row's own key: a retry after a crash answers the first message.
                client_ref: Some(format!("scheduled-{}", row.id)),
                // Not an operator taking over: the AI keeps answering the guest.
                from_suggestion: true,
                template,
                author: None,
                media: Vec::new(),
            },
        )
    };
    let unreachable = |e: AppError| format!("the conversation could not be reached: {e}");
    let sent = match send(None).await.map_err(unreachable)? {
        // WhatsApp only takes an approved template now.
        Err(AppError::OutsideWhatsAppWindow) => match &automation.content_sid {
            Some(sid) => {
                let template = ContentTemplate {
                    sid: sid.clone(),
                    variables: filled_variables(automation.content_variables.as_deref(), fill),
                };
                send(Some(template)).await.map_err(unreachable)?
            }
            None => {
                return Err(NotSent::Fail(
                    "outside WhatsApp's 24 h window and the automation has no template".into(),
                ))
            }
        },
        other => other,
    };
    Ok(sent.map(|message| (id, message.id))?)
}

/// The template's placeholders with their `{{variables}}` filled, as Twilio's JSON.
fn filled_variables(stored: Option<&str>, fill: impl Fn(&str) -> String) -> String {
    let placeholders: std::collections::BTreeMap<String, String> = stored
        .and_then(|v| serde_json::from_str(v).ok())
        .unwrap_or_default();
    let filled: std::collections::BTreeMap<String, String> = placeholders
        .into_iter()
        .map(|(key, value)| (key, fill(&value)))
        .collect();
    serde_json::to_string(&filled).unwrap_or_else(|_| "{}".into())
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
