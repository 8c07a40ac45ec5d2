//! Every decision about one conversation, as plain code: no actix, no database, time passed in.
//!
//! `Conversation` holds the conversation row as the actor last wrote it, plus what only lives in
//! memory (the AI generation, sends in flight, delivery statuses that arrived too early). Each
//! `on_…` method applies one event to that state and returns the `Effect`s the actor must carry
//! out, in order. The actor writes all of one event's database effects in one transaction, then
//! publishes, delivers and schedules.
//!
//! The AI rules, in one place:
//! - a guest message restarts the burst window; when it closes the AI is asked about every guest
//!   message newer than `ai_decided_message_id` (what the AI or an operator already dealt with);
//! - an answer is dropped when anything happened since it was asked (a newer generation);
//! - the AI stays quiet when the mode is off, the conciergerie is inactive, the conversation is
//!   closed, or an operator took over (an own reply, not a sent suggestion) and the quiet period
//!   holds. A hand-off (`needs_human`) does not silence it: later questions still get answers;
//! - a guest message nobody will answer (AI quiet) flags the conversation `needs_human` at once,
//!   so the operators see it under "À traiter". In suggest mode the suggestion is that signal;
//! - a second hand-off while already waiting for a human sends the guest no second holding
//!   message; marking a conversation treated (`open`/`closed`) counts its messages as dealt with;
//! - closing or snoozing silences nothing by itself beyond `closed` (the AI never speaks in a
//!   closed conversation); a guest message reopens a closed conversation and wakes a snoozed one,
//!   and a snooze also wakes when its time comes (`on_wake`, from the snooze sweep);
//! - labels, a snooze and a new contact name are bookkeeping: they leave a pending AI answer be;
//! - an urgent message (`AiAnswer::urgent`) is always handed off, even in auto mode (an answer
//!   becomes the holding message), and flags the conversation `urgent` until an operator replies
//!   or marks it treated.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::{conversation, message};
use protocol::conversations::{ConversationPatch, TokenUsage};
use protocol::events::ServerEvent;
use protocol::reasons::HandoffReason;
use protocol::{
    AiEngine, AiMode, ConversationId, ConversationStatus, LabelId, MemberId, MessageId,
    MessageStatus, Notice, Sender, StayId,
};

use crate::ai::AiDecision;
use crate::channel::twilio::errors;
use crate::channel::twilio::inbound::preview_line;
use crate::channel::{SendFailure, SendReceipt};
use crate::db::ingest::preview;
use crate::db::messages::NewOutgoing;
use entity::convert::StoredMedia;

/// WhatsApp's customer-service window: free-form messages only within 24 h of the guest's last one.
pub const WHATSAPP_WINDOW: chrono::Duration = chrono::Duration::hours(24);
/// How many recent guest message ids are remembered to ignore one handed over twice. With
/// several instances a message can be handed over again long after it was applied (the wake of
/// one committed by another instance can follow a flood of newer ones), so the memory is deep;
/// a few thousand ids cost a few tens of KB on a busy conversation's live actor.
const RECENT_GUEST_IDS: usize = 4096;

/// Timings from the configuration.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub burst_window: Duration,
    pub takeover_quiet: chrono::Duration,
    /// How long a status callback for a SID we have not stored yet is kept.
    pub park_for: chrono::Duration,
}

/// The conciergerie's side of the AI decision, read by the actor when the event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenantAi {
    pub mode: AiMode,
    pub active: bool,
}

impl TenantAi {
    /// A conciergerie we cannot find: the AI never speaks for it.
    pub const UNKNOWN: TenantAi = TenantAi {
        mode: AiMode::Off,
        active: false,
    };
}

fn outbound(sender: Sender, body: String) -> NewOutgoing {
    NewOutgoing {
        sender,
        body,
        status: MessageStatus::Pending,
        notice: None,
        client_ref: None,
        engine: None,
        usage: None,
        author: None,
        media: Vec::new(),
    }
}

/// The hand-off written into the thread, so operators see when and why (its body is the stored
/// reason code, rendered by each dashboard in its operator's language).
fn note(reason: &HandoffReason, notice: Notice) -> NewOutgoing {
    NewOutgoing {
        sender: Sender::System,
        body: reason.to_stored(),
        status: MessageStatus::Received,
        notice: Some(notice),
        client_ref: None,
        engine: None,
        usage: None,
        author: None,
        media: Vec::new(),
    }
}

/// New delivery state of an outbound message.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub message_id: MessageId,
    pub external_id: Option<String>,
    pub status: MessageStatus,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
}

// A handful of effects live for one event: boxing `Publish` (large because `ServerEvent` holds
// a whole `ConversationSummary`) would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Insert a message; after the commit, publish it, and hand it to the channel if `deliver`.
    Insert { message: NewOutgoing, deliver: bool },
    /// Write the in-memory row; after the commit, publish `conversation.updated`.
    SaveRow,
    /// Write an outbound message's delivery state; after the commit, publish it.
    SaveStatus(StatusChange),
    /// Record the AI's proposal, and what it cost, on the guest message it answers.
    RecordSuggestion {
        guest_message_id: i64,
        body: String,
        engine: AiEngine,
        usage: Option<TokenUsage>,
    },
    /// Tell the dashboards (after the commit).
    Publish(ServerEvent),
    /// Call `on_ai_due(generation)` after the wait.
    ScheduleAi { generation: u64, after: Duration },
    /// Ask the AI about the pending guest messages; answer with `on_ai_result(generation)`.
    AskAi { generation: u64 },
    /// A status callback whose message never showed up was dropped.
    StatusDropped { sid: String, status: MessageStatus },
    /// Replace the conversation's labels (before the row's write, in the same event).
    SaveLabels(Vec<LabelId>),
}

/// What the AI answered, or the hand-off the actor made of its failure.
#[derive(Debug, Clone, PartialEq)]
pub struct AiAnswer {
    pub decision: AiDecision,
    pub engine: AiEngine,
    pub usage: Option<TokenUsage>,
    /// The AI could not answer at all; the hand-off note says so.
    pub failed: bool,
    /// The guest reports an emergency: a human must see it first, whatever the AI decided.
    pub urgent: bool,
}

/// A delivery callback from the channel.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusReport {
    pub sid: String,
    pub status: MessageStatus,
    pub error_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendRefused {
    /// The guest's last message is more than 24 h old (or there is none).
    OutsideWindow,
}

/// An operator's reply as the actor hands it over.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorReply {
    pub body: String,
    pub client_ref: Option<String>,
    /// The operator sent (possibly edited) the AI's suggestion.
    pub from_suggestion: bool,
    /// Goes out as an approved template, which WhatsApp takes outside the 24 h window too.
    pub template: bool,
    /// The team member sending it (`None`: the server on its own, e.g. an automation).
    pub author: Option<MemberId>,
    /// Files sent with the reply (the body may then be empty).
    pub media: Vec<StoredMedia>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Asking {
    generation: u64,
    /// The newest guest message the AI was asked about.
    through: i64,
}

#[derive(Debug, Clone, PartialEq)]
struct Parked {
    status: MessageStatus,
    error_code: Option<String>,
    since: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Delivery {
    message_id: MessageId,
    status: MessageStatus,
}

pub struct Conversation {
    row: conversation::Model,
    rules: Rules,
    /// Bumped by every event that makes a pending AI answer stale.
    generation: u64,
    /// The generation whose burst window is running.
    due: Option<u64>,
    asking: Option<Asking>,
    sends_in_flight: usize,
    /// Outbound messages by SID, with their last known status.
    deliveries: HashMap<String, Delivery>,
    /// Status callbacks that arrived before their send's SID.
    parked: HashMap<String, Parked>,
    recent_guest_ids: VecDeque<i64>,
    /// Every guest message up to this id was read by the start-up replay.
    replayed_through: i64,
    /// The conversation's labels (their own table, loaded with the row).
    labels: Vec<LabelId>,
}

impl Conversation {
    pub fn new(row: conversation::Model, rules: Rules) -> Self {
        Conversation {
            row,
            rules,
            generation: 0,
            due: None,
            asking: None,
            sends_in_flight: 0,
            deliveries: HashMap::new(),
            parked: HashMap::new(),
            recent_guest_ids: VecDeque::new(),
            replayed_through: 0,
            labels: Vec::new(),
        }
    }

    /// The labels as stored (when the actor starts, or after its own write skipped a label
    /// deleted meanwhile).
    pub fn labels_loaded(&mut self, labels: Vec<LabelId>) {
        self.labels = labels;
    }

    pub fn labels(&self) -> &[LabelId] {
        &self.labels
    }

    /// The start-up replay is done: the ingest hand-overs of messages it read are duplicates
    /// (ingest commits one batch at a time, so ids up to the newest replayed are all in).
    pub fn replayed(&mut self) {
        self.replayed_through = self.row.last_guest_message_id.unwrap_or(0);
    }

    pub fn row(&self) -> &conversation::Model {
        &self.row
    }

    pub fn id(&self) -> ConversationId {
        ConversationId(self.row.id)
    }

    /// Nothing left to wait for: no send in flight, no parked status.
    pub fn is_settled(&self) -> bool {
        self.sends_in_flight == 0
            && self.parked.is_empty()
            && self.due.is_none()
            && self.asking.is_none()
    }

    /// Whether a status for this SID can be applied without looking the message up.
    pub fn knows_sid(&self, sid: &str) -> bool {
        self.deliveries.contains_key(sid)
    }

    /// An outbound message found in the database (sent before this actor started).
    pub fn remember_delivery(&mut self, sid: String, message_id: MessageId, status: MessageStatus) {
        self.deliveries.insert(sid, Delivery { message_id, status });
    }

    /// The mode the AI would act in now, or `None` when it must stay quiet.
    pub fn ai_mode(&self, tenant: TenantAi, now: DateTime<Utc>) -> Option<AiMode> {
        ai_mode_of(&self.row, tenant, now)
    }

    /// Guest messages the AI or an operator has not dealt with yet.
    fn undecided(&self) -> bool {
        self.row.last_guest_message_id > self.row.ai_decided_message_id
    }

    fn cancel_ai(&mut self) {
        self.generation += 1;
        self.due = None;
        self.asking = None;
    }

    fn schedule_ai(&mut self) -> Effect {
        self.cancel_ai();
        self.due = Some(self.generation);
        Effect::ScheduleAi {
            generation: self.generation,
            after: self.rules.burst_window,
        }
    }

    /// Marks everything the guest wrote so far as dealt with.
    fn decided(&mut self) {
        self.row.ai_decided_message_id = self.row.last_guest_message_id;
    }

    /// A guest message stored by ingest (or found by the start-up repair). Applying the same
    /// message twice changes nothing.
    pub fn on_guest_message(
        &mut self,
        message: &message::Model,
        contact_name: Option<String>,
        tenant: TenantAi,
        now: DateTime<Utc>,
    ) -> Vec<Effect> {
        if message.id <= self.replayed_through
            || self.recent_guest_ids.contains(&message.id)
            || self.row.last_guest_message_id == Some(message.id)
        {
            // The replay read the message but not the profile name that came with the webhook.
            return match contact_name {
                Some(name) if self.row.contact_name.as_ref() != Some(&name) => {
                    self.row.contact_name = Some(name);
                    vec![Effect::SaveRow]
                }
                _ => Vec::new(),
            };
        }
        self.recent_guest_ids.push_back(message.id);
        if self.recent_guest_ids.len() > RECENT_GUEST_IDS {
            self.recent_guest_ids.pop_front();
        }
        let row = &mut self.row;
        row.unread_count += 1;
        // Handed over out of order: it counts as unread, but the newest message stays the preview.
        if row
            .last_guest_message_id
            .is_none_or(|last| message.id > last)
        {
            row.last_guest_message_id = Some(message.id);
            row.last_message_at = Some(message.created_at);
            row.last_client_message_at = Some(message.created_at);
            row.last_message_preview = Some(preview(&guest_preview(message)));
        }
        if let Some(name) = contact_name {
            row.contact_name = Some(name);
        }
        if row.status == ConversationStatus::Closed {
            row.status = ConversationStatus::Open;
        }
        // The guest is back: a snoozed conversation returns to the inbox now.
        row.snoozed_until = None;
        let mut effects = vec![
            Effect::Publish(ServerEvent::MessageCreated {
                message: message.clone().into(),
            }),
            Effect::SaveRow,
        ];
        if self.ai_mode(tenant, now).is_some() {
            // A burst gets one reply: each message restarts the wait.
            effects.push(self.schedule_ai());
        } else {
            // Nobody will answer on their own: an operator must see it.
            self.cancel_ai();
            if self.row.status != ConversationStatus::NeedsHuman {
                self.row.status = ConversationStatus::NeedsHuman;
            }
        }
        effects
    }

    /// The burst window closed.
    pub fn on_ai_due(
        &mut self,
        generation: u64,
        tenant: TenantAi,
        now: DateTime<Utc>,
    ) -> Vec<Effect> {
        if generation != self.generation {
            return Vec::new();
        }
        self.due = None;
        if self.ai_mode(tenant, now).is_none() || !self.undecided() {
            return Vec::new();
        }
        let through = self.row.last_guest_message_id.unwrap_or_default();
        self.asking = Some(Asking {
            generation,
            through,
        });
        vec![Effect::AskAi { generation }]
    }

    /// The AI answered (or failed). Returns nothing when the answer is stale.
    pub fn on_ai_result(
        &mut self,
        generation: u64,
        answer: AiAnswer,
        tenant: TenantAi,
        now: DateTime<Utc>,
    ) -> Vec<Effect> {
        let Some(asking) = self.asking.filter(|a| a.generation == generation) else {
            return Vec::new();
        };
        self.asking = None;
        if generation != self.generation {
            return Vec::new();
        }
        let Some(mode) = self.ai_mode(tenant, now) else {
            return Vec::new();
        };
        self.row.ai_decided_message_id = Some(asking.through);
        let id = self.id();
        let send = mode == AiMode::Auto;
        let mut effects = Vec::new();
        // Told to the dashboards once the row is written.
        let mut events = Vec::new();
        if answer.urgent {
            self.row.urgent = true;
        }
        let decision = match answer.decision {
            // An emergency reaches a human even when the AI had an answer: it still goes out,
            // as first advice while someone comes.
            AiDecision::Reply(text) if answer.urgent => AiDecision::Handoff {
                reason: HandoffReason::Urgent {
                    kind: None,
                    excerpt: None,
                },
                holding: text,
            },
            decision => decision,
        };
        // What the guest is to read, and whether it is a holding message (counted apart from
        // answers in the analytics).
        let to_guest = match decision {
            AiDecision::Reply(text) => Some((text, false)),
            AiDecision::Handoff {
                reason, holding, ..
            } => {
                let already_waiting = self.row.status == ConversationStatus::NeedsHuman;
                let notice = if answer.failed {
                    Notice::AiFailure
                } else {
                    Notice::Handoff
                };
                effects.push(Effect::Insert {
                    message: note(&reason, notice),
                    deliver: false,
                });
                self.row.status = ConversationStatus::NeedsHuman;
                self.row.handoff_reason = Some(reason.to_stored());
                events.push(Effect::Publish(ServerEvent::AiHandoff {
                    conversation_id: id,
                    reason,
                }));
                // The guest already read that someone is coming.
                (!already_waiting).then_some((holding, true))
            }
        };
        if let Some((body, holding)) = to_guest {
            if send {
                self.row.last_message_at = Some(now);
                self.row.last_message_preview = Some(preview(&body));
                self.row.ai_paused = false;
                self.row.ai_paused_until = None;
                self.sends_in_flight += 1;
                let mut reply = outbound(Sender::Ai, body);
                reply.engine = Some(answer.engine);
                reply.usage = answer.usage;
                reply.notice = holding.then_some(Notice::Holding);
                effects.push(Effect::Insert {
                    message: reply,
                    deliver: true,
                });
            } else {
                self.row.ai_suggestion = Some(body.clone());
                if let Some(guest_message_id) = self.row.last_guest_message_id {
                    effects.push(Effect::RecordSuggestion {
                        guest_message_id,
                        body: body.clone(),
                        engine: answer.engine,
                        usage: answer.usage,
                    });
                }
                events.push(Effect::Publish(ServerEvent::AiSuggestion {
                    conversation_id: id,
                    body,
                }));
            }
        }
        effects.push(Effect::SaveRow);
        effects.extend(events);
        effects
    }

    /// An operator's reply. The message and the row change are one transaction.
    pub fn on_operator_send(
        &mut self,
        reply: OperatorReply,
        now: DateTime<Utc>,
    ) -> Result<Vec<Effect>, SendRefused> {
        let open = self
            .row
            .last_client_message_at
            .is_some_and(|t| now - t < WHATSAPP_WINDOW);
        if !open && !reply.template {
            return Err(SendRefused::OutsideWindow);
        }
        // The operator speaks now: whatever the AI was preparing must not be sent.
        self.cancel_ai();
        let suggested =
            reply.from_suggestion || self.row.ai_suggestion.as_deref() == Some(reply.body.as_str());
        let row = &mut self.row;
        row.last_message_at = Some(now);
        row.last_message_preview = Some(preview(&preview_line(
            &reply.body,
            false,
            reply.media.len(),
        )));
        row.ai_suggestion = None;
        row.unread_count = 0;
        if row.status == ConversationStatus::NeedsHuman {
            row.status = ConversationStatus::Open;
            row.handoff_reason = None;
        }
        // Someone answered the guest: the emergency is in human hands.
        row.urgent = false;
        if !suggested {
            // A takeover: the AI stays quiet for a while. Sending the AI's own proposal is not one.
            row.ai_paused = true;
            row.ai_paused_until = Some(now + self.rules.takeover_quiet);
        }
        self.decided();
        self.sends_in_flight += 1;
        let mut message = outbound(Sender::Concierge, reply.body);
        message.client_ref = reply.client_ref;
        message.author = reply.author;
        message.media = reply.media;
        Ok(vec![
            Effect::Insert {
                message,
                deliver: true,
            },
            Effect::SaveRow,
        ])
    }

    /// A reply stored before a restart is being sent (or looked up) again; its answer comes back
    /// through `on_send_result` like any other.
    pub fn send_resumed(&mut self) {
        self.sends_in_flight += 1;
    }

    /// An operator's private note. It is stored and shown to colleagues only: nothing is
    /// delivered, and it is neither a reply nor a takeover, so the AI, the unread count and the
    /// hand-off state are left as they were.
    pub fn on_note(&mut self, body: String, author: Option<MemberId>) -> Vec<Effect> {
        vec![Effect::Insert {
            message: NewOutgoing {
                sender: Sender::Note,
                body,
                status: MessageStatus::Received,
                notice: None,
                client_ref: None,
                engine: None,
                usage: None,
                author,
                media: Vec::new(),
            },
            deliver: false,
        }]
    }

    /// The channel's answer for an outbound message.
    pub fn on_send_result(
        &mut self,
        message_id: MessageId,
        result: Result<SendReceipt, SendFailure>,
    ) -> Vec<Effect> {
        self.sends_in_flight = self.sends_in_flight.saturating_sub(1);
        let change = match result {
            Ok(receipt) => {
                let mut change = StatusChange {
                    message_id,
                    external_id: Some(receipt.external_id.clone()),
                    status: receipt.status,
                    error_code: None,
                    error_message: None,
                };
                // A callback that beat the send's answer is applied now.
                if let Some(parked) = self.parked.remove(&receipt.external_id) {
                    if moves_forward(change.status, parked.status) {
                        change.status = parked.status;
                        if parked.status.is_failure() {
                            change.error_message =
                                Some(errors::reason(parked.error_code.as_deref(), None));
                            change.error_code = parked.error_code;
                        }
                    }
                }
                self.deliveries.insert(
                    receipt.external_id,
                    Delivery {
                        message_id,
                        status: change.status,
                    },
                );
                change
            }
            Err(failure) => StatusChange {
                message_id,
                external_id: None,
                status: MessageStatus::Failed,
                error_code: failure.code,
                error_message: Some(failure.message),
            },
        };
        self.status_changed(change)
    }

    /// A delivery callback. Unknown SIDs are parked until their send's answer arrives.
    pub fn on_status(&mut self, report: StatusReport, now: DateTime<Utc>) -> Vec<Effect> {
        let Some(delivery) = self.deliveries.get_mut(&report.sid) else {
            self.park(report, now);
            return Vec::new();
        };
        // Callbacks arrive out of order: a status never moves backwards, and a failure is final.
        if !moves_forward(delivery.status, report.status) {
            return Vec::new();
        }
        delivery.status = report.status;
        let message_id = delivery.message_id;
        let error_message = report
            .status
            .is_failure()
            .then(|| errors::reason(report.error_code.as_deref(), None));
        self.status_changed(StatusChange {
            message_id,
            external_id: None,
            status: report.status,
            error_code: report.error_code.filter(|_| report.status.is_failure()),
            error_message,
        })
    }

    /// Our send has not answered yet: the furthest status is kept until it does.
    fn park(&mut self, report: StatusReport, now: DateTime<Utc>) {
        let since = match self.parked.get(&report.sid) {
            Some(parked) if !moves_forward(parked.status, report.status) => return,
            Some(parked) => parked.since,
            None => now,
        };
        self.parked.insert(
            report.sid,
            Parked {
                status: report.status,
                error_code: report.error_code,
                since,
            },
        );
    }

    fn status_changed(&mut self, change: StatusChange) -> Vec<Effect> {
        // The inbox's "échec d'envoi" flag follows the latest outbound message's fate.
        let failed = change.status.is_failure();
        let mut effects = vec![Effect::SaveStatus(change)];
        if self.row.last_send_failed != failed {
            self.row.last_send_failed = failed;
            effects.push(Effect::SaveRow);
        }
        effects
    }

    /// Periodic housekeeping: parked statuses whose send never answered are dropped.
    pub fn on_tick(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let park_for = self.rules.park_for;
        let expired: Vec<String> = self
            .parked
            .iter()
            .filter(|(_, p)| now - p.since >= park_for)
            .map(|(sid, _)| sid.clone())
            .collect();
        expired
            .into_iter()
            .filter_map(|sid| {
                let parked = self.parked.remove(&sid)?;
                Some(Effect::StatusDropped {
                    sid,
                    status: parked.status,
                })
            })
            .collect()
    }

    /// The guest's current or next stay, as the inbound lookup found it. An operator's manual
    /// link (or unlink) wins; a guest with no stay ahead keeps the last one (its phase reads
    /// "departed"). Returns whether the row changed.
    pub fn on_stay_found(&mut self, stay: Option<StayId>) -> bool {
        let Some(stay) = stay else {
            return false;
        };
        if self.row.stay_link_manual || self.row.stay_id == Some(stay.0) {
            return false;
        }
        self.row.stay_id = Some(stay.0);
        true
    }

    /// Operator controls. `contact_name` is already validated ("" clears it); `stay_id` already
    /// checked to be one of the tenant's stays, `labels` to be the tenant's, `snoozed_until` to
    /// be in the future.
    pub fn on_patch(
        &mut self,
        mut patch: ConversationPatch,
        tenant: TenantAi,
        now: DateTime<Utc>,
    ) -> Vec<Effect> {
        let mut effects = self.on_inbox_patch(&mut patch);
        let controls = patch.ai_mode_override.is_some()
            || patch.status.is_some()
            || patch.ai_paused.is_some()
            || patch.stay_id.is_some();
        if !controls {
            // Bookkeeping only (labels, snooze, name): a pending AI answer is still wanted.
            if let Some(name) = patch.contact_name {
                self.row.contact_name = (!name.is_empty()).then_some(name);
            }
            effects.push(Effect::SaveRow);
            return effects;
        }
        effects.extend(self.on_controls(patch, tenant, now));
        effects
    }

    /// The inbox's part of a patch — labels and snooze — taken out of it. Closing or reopening
    /// ends a snooze unless the same patch sets one; snoozing a closed conversation reopens it
    /// (it is to come back).
    fn on_inbox_patch(&mut self, patch: &mut ConversationPatch) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Some(mut labels) = patch.labels.take() {
            labels.sort();
            labels.dedup();
            if labels != self.labels {
                self.labels = labels.clone();
                effects.push(Effect::SaveLabels(labels));
            }
        }
        match patch.snoozed_until.take() {
            Some(until) => {
                self.row.snoozed_until = until;
                if until.is_some() && self.row.status == ConversationStatus::Closed {
                    patch.status.get_or_insert(ConversationStatus::Open);
                }
            }
            None if matches!(
                patch.status,
                Some(ConversationStatus::Open | ConversationStatus::Closed)
            ) =>
            {
                self.row.snoozed_until = None;
            }
            None => {}
        }
        effects
    }

    /// A snooze's time came (the sweep found it due). Nothing when it was lifted or moved later.
    pub fn on_wake(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        match self.row.snoozed_until {
            Some(until) if until <= now => {
                self.row.snoozed_until = None;
                vec![Effect::SaveRow]
            }
            _ => Vec::new(),
        }
    }

    /// The controls that change what the AI may do: any pending answer is stale.
    fn on_controls(
        &mut self,
        patch: ConversationPatch,
        tenant: TenantAi,
        now: DateTime<Utc>,
    ) -> Vec<Effect> {
        self.cancel_ai();
        let row = &mut self.row;
        if let Some(mode) = patch.ai_mode_override {
            row.ai_mode_override = mode;
        }
        if let Some(status) = patch.status {
            row.status = status;
            if status != ConversationStatus::NeedsHuman {
                row.handoff_reason = None;
                row.urgent = false;
                // "Marquer comme traitée": what the guest wrote so far is handled.
                self.decided();
            }
        }
        let row = &mut self.row;
        if let Some(paused) = patch.ai_paused {
            row.ai_paused = paused;
            row.ai_paused_until = None;
        }
        if let Some(name) = patch.contact_name {
            row.contact_name = (!name.is_empty()).then_some(name);
        }
        if let Some(stay) = patch.stay_id {
            row.stay_id = stay.map(|s| s.0);
            row.stay_link_manual = true;
        }
        let mut effects = vec![Effect::SaveRow];
        // Handed back to the AI (or switched to a mode with AI) with a guest still waiting.
        if self.undecided() && self.ai_mode(tenant, now).is_some() {
            effects.push(self.schedule_ai());
        }
        effects
    }

    /// Assigns the conversation to a team member (already checked to be the tenant's) or to
    /// nobody. Only the row changes: unlike the other operator controls it says nothing about
    /// the guest or the AI, so a pending AI answer goes on.
    pub fn on_assign(&mut self, assignee: Option<MemberId>) -> Vec<Effect> {
        self.row.assignee_id = assignee.map(|m| m.0);
        vec![Effect::SaveRow]
    }

    /// After a restart: a guest still waiting gets an answer.
    pub fn on_resume(&mut self, tenant: TenantAi, now: DateTime<Utc>) -> Vec<Effect> {
        if self.undecided() && self.ai_mode(tenant, now).is_some() {
            vec![self.schedule_ai()]
        } else {
            Vec::new()
        }
    }

    /// The operator opened the conversation.
    pub fn on_read(&mut self) -> Vec<Effect> {
        if self.row.unread_count == 0 {
            return Vec::new();
        }
        self.row.unread_count = 0;
        vec![Effect::SaveRow]
    }

    /// The operator dismissed the AI's proposal.
    pub fn on_discard_suggestion(&mut self) -> Vec<Effect> {
        if self.row.ai_suggestion.is_none() {
            return Vec::new();
        }
        self.row.ai_suggestion = None;
        vec![Effect::SaveRow]
    }
}

/// The mode the AI would act in on this row now, or `None` when it must stay quiet.
fn ai_mode_of(row: &conversation::Model, tenant: TenantAi, now: DateTime<Utc>) -> Option<AiMode> {
    let mode = row.ai_mode_override.unwrap_or(tenant.mode);
    let taken_over = row.ai_paused && row.ai_paused_until.is_none_or(|t| t > now);
    let quiet = !tenant.active
        || mode == AiMode::Off
        || taken_over
        || row.status == ConversationStatus::Closed;
    (!quiet).then_some(mode)
}

/// Whether a conversation nobody runs has work left (after a restart, or its instance died):
/// a guest message its row does not reflect, or a guest the AI would still answer.
pub fn left_waiting(
    row: &conversation::Model,
    newest_guest_message: i64,
    tenant: TenantAi,
    now: DateTime<Utc>,
) -> bool {
    let unapplied = row
        .last_guest_message_id
        .is_none_or(|applied| newest_guest_message > applied);
    let unanswered = row
        .ai_decided_message_id
        .is_none_or(|decided| newest_guest_message > decided);
    unapplied || (unanswered && ai_mode_of(row, tenant, now).is_some())
}

/// Whether `next` may replace `current`: statuses only move forward, and a failure is final.
fn moves_forward(current: MessageStatus, next: MessageStatus) -> bool {
    !current.is_failure() && next.rank() > current.rank()
}

fn guest_preview(message: &message::Model) -> String {
    let media = message
        .media
        .as_ref()
        .and_then(|m| m.as_array())
        .map_or(0, Vec::len);
    preview_line(&message.body, message.location.is_some(), media)
}

#[cfg(test)]
mod tests;
