//! One actor per live conversation. Everything that touches a conversation — a stored guest
//! message, an operator reply, a delivery status, a mode change, an AI result — is a message to
//! it, so they are applied one at a time, in arrival order.
//!
//! The actor is a thin runner: `state::Conversation` decides and returns effects; `effects.rs`
//! carries them out (one transaction per event, then publish, deliver, schedule). It is the only
//! writer of its conversation row, which it keeps in memory and writes without re-reading. When it
//! starts, it replays the guest messages its row does not reflect yet (stored by ingest just
//! before a crash), so derived fields are never lost.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix::prelude::*;
use chrono::Utc;
use entity::convert::StoredMedia;
use entity::message;
use protocol::conversations::{ConversationPatch, ConversationSummary, Message};
use protocol::events::ServerEvent;
use protocol::members::MemberBrief;
use protocol::{ChannelMode, ConciergerieId, ConversationId, MemberId, MessageId, StayId};
use sea_orm::DatabaseConnection;

mod ai;
mod delivery;
mod effects;
pub mod state;
mod stay_brief;
mod takeover;

pub use self::ai::resume_unanswered;
pub use self::delivery::resume_pending_sends;
pub use self::state::WHATSAPP_WINDOW;
pub use self::takeover::spawn_takeover;

use self::state::{
    Conversation, Effect, OperatorReply, Rules, SendRefused, StatusReport, TenantAi,
};
use super::hub::Audience;
use super::registry::Registry;
use crate::ai::spending::Spending;
use crate::ai::Responder;
use crate::channel::{Channel, ContentTemplate, SendFailure, SendReceipt};
use crate::cluster::Fanout;
use crate::db;
use crate::db::ingest::IngestWriter;
use crate::error::AppError;
use crate::tenants::Tenants;

/// The handles a conversation actor uses, and nothing else.
pub struct Deps {
    pub db: DatabaseConnection,
    /// The single writer that also carries the actor's row-only writes (see `effects::write`).
    pub ingest: IngestWriter,
    /// Live events to the dashboards of every instance.
    pub fanout: Fanout,
    pub channel: Channel,
    pub responder: Responder,
    pub tenants: Arc<Tenants>,
    /// The daily budgets and the hourly ceiling on Claude calls.
    pub spending: Arc<Spending>,
    pub rules: Rules,
    pub idle_timeout: Duration,
    /// See `Config::sensitive_lead`.
    pub sensitive_lead: chrono::Duration,
    /// Sends from this number when the conciergerie has none of its own.
    pub default_sender: String,
    /// Where the channel reports delivery statuses.
    pub status_callback_url: String,
    /// `PUBLIC_BASE_URL`, for the `MediaUrl`s Twilio fetches an operator's uploads from.
    pub public_base_url: String,
    /// See `Config::twilio_resume_grace`.
    pub resume_grace: Duration,
}

impl Deps {
    /// The conciergerie's AI settings as they are now (they change without telling the actors).
    fn tenant_ai(&self, tenant: ConciergerieId) -> TenantAi {
        self.tenants
            .get(tenant)
            .map_or(TenantAi::UNKNOWN, |t| TenantAi {
                mode: t.ai_mode,
                active: t.active,
            })
    }
}

pub struct ConversationActor {
    id: ConversationId,
    deps: Arc<Deps>,
    registry: Registry,
    /// Messages the registry has handed us that we have not yet handled.
    pending: Arc<AtomicUsize>,
    last_activity: Instant,
    /// `None` until the row is loaded.
    state: Option<Conversation>,
    /// Templates of operator sends not handed to the channel yet, by `client_ref`.
    templates: HashMap<String, ContentTemplate>,
    /// Another instance asked for the conversation: retire as soon as nothing is in flight.
    handing_over: bool,
    /// The linked stay's brief, for the summaries it publishes (`stay_brief.rs`).
    stay_brief: stay_brief::HeldBrief,
    /// Names of the members who wrote here, for the live `message.created` (rows hold only the
    /// author's id). Refreshed by each send or note, so a renamed member shows the new name.
    authors: HashMap<MemberId, String>,
}

impl ConversationActor {
    pub fn new(
        id: ConversationId,
        deps: Arc<Deps>,
        registry: Registry,
        pending: Arc<AtomicUsize>,
    ) -> Self {
        ConversationActor {
            id,
            deps,
            registry,
            pending,
            last_activity: Instant::now(),
            state: None,
            templates: HashMap::new(),
            handing_over: false,
            stay_brief: stay_brief::HeldBrief::default(),
            authors: HashMap::new(),
        }
    }

    /// Leaves if nothing is in flight or pending and `ready` (idle long enough, or handing over).
    fn retire_if_settled(&mut self, ready: bool, ctx: &mut Context<Self>) {
        let settled = self.state.as_ref().is_none_or(Conversation::is_settled);
        if settled && ready && self.registry.try_retire(self.id, &ctx.address()) {
            ctx.stop();
        }
    }

    /// Every message that came through the registry starts here.
    fn received(&mut self) {
        self.pending.fetch_sub(1, Ordering::SeqCst);
        self.last_activity = Instant::now();
    }

    fn tenant(&self) -> Option<ConciergerieId> {
        self.state
            .as_ref()
            .map(|s| ConciergerieId(s.row().conciergerie_id))
    }

    fn tenant_ai(&self) -> TenantAi {
        self.tenant()
            .map_or(TenantAi::UNKNOWN, |tenant| self.deps.tenant_ai(tenant))
    }

    fn publish(&self, event: ServerEvent) {
        if let Some(tenant) = self.tenant() {
            self.deps.fanout.broadcast(Audience::Tenant(tenant), event);
        }
    }

    /// Remembers who is writing, to name them in the live event; answers their id.
    fn author(&mut self, author: Option<MemberBrief>) -> Option<MemberId> {
        let author = author?;
        self.authors.insert(author.id, author.name);
        Some(author.id)
    }

    /// A stored message as the dashboards get it, its author named.
    fn wire_message(&self, row: message::Model) -> Message {
        let mut message = Message::from(row);
        message.author = message.author.and_then(|a| {
            self.authors.get(&a.id).map(|name| MemberBrief {
                id: a.id,
                name: name.clone(),
            })
        });
        message
    }

    fn summary(&self) -> Option<ConversationSummary> {
        let state = self.state.as_ref()?;
        let mode = self.tenant_ai().mode;
        let stay = self.stay_brief.get(state.row().stay_id);
        let mut summary = state.row().clone().into_summary(mode);
        summary.labels = state.labels().to_vec();
        Some(ConversationSummary { stay, ..summary })
    }

    /// The stay brief to read before the next summary is published, if the held one is not
    /// the linked stay's as of now.
    fn stay_brief_wanted(
        &self,
        now: chrono::DateTime<Utc>,
    ) -> Option<(ConciergerieId, stay_brief::BriefKey)> {
        let row = self.state.as_ref()?.row();
        let key =
            self.stay_brief
                .wanted(row.stay_id, db::stays::writes(), stay_brief::quarter(now))?;
        Some((ConciergerieId(row.conciergerie_id), key))
    }

    /// Runs effects that answer nobody (timers, internal results); failures are logged there.
    fn run_detached(&mut self, effects: Vec<Effect>, ctx: &mut Context<Self>) {
        if effects.is_empty() {
            return;
        }
        ctx.wait(self.run(effects).map(|_, _, _| ()));
    }
}

impl Actor for ConversationActor {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        ctx.set_mailbox_capacity(256);
        let db = self.deps.db.clone();
        let id = self.id;
        // Nothing is handled before the row is loaded and repaired.
        ctx.wait(
            async move {
                let loaded = db::conversations::load_with_unapplied(&db, id).await?;
                let labels = db::labels::of_conversation(&db, id).await?;
                // Replayed messages get the guest's stay as live ones do (`inbound::guest_stay`).
                let stay = match &loaded {
                    Some((row, unapplied)) if !unapplied.is_empty() => replay_stay(&db, row).await,
                    _ => None,
                };
                Ok::<_, AppError>(loaded.map(|(row, unapplied)| (row, unapplied, labels, stay)))
            }
                .into_actor(self)
                .map(|loaded, act, ctx| match loaded {
                    Ok(Some((row, unapplied, labels, stay))) => {
                        let mut state = Conversation::new(row, act.deps.rules);
                        state.labels_loaded(labels);
                        let linked = state.on_stay_found(stay);
                        act.state = Some(state);
                        if !unapplied.is_empty() {
                            tracing::info!(conversation_id = %act.id, count = unapplied.len(), "replaying guest messages the row did not reflect");
                        }
                        let tenant = act.tenant_ai();
                        let now = Utc::now();
                        let mut effects: Vec<Effect> = unapplied
                            .iter()
                            .flat_map(|m| {
                                act.state
                                    .as_mut()
                                    .map(|s| s.on_guest_message(m, None, tenant, now))
                                    .unwrap_or_default()
                            })
                            .collect();
                        if linked && !effects.contains(&Effect::SaveRow) {
                            effects.push(Effect::SaveRow);
                        }
                        if let Some(state) = act.state.as_mut() {
                            state.replayed();
                        }
                        act.run_detached(effects, ctx);
                    }
                    Ok(None) => {
                        tracing::warn!(conversation_id = %act.id, "no such conversation");
                        ctx.stop();
                    }
                    Err(e) => {
                        tracing::error!(conversation_id = %act.id, error = %e, "cannot load conversation");
                        ctx.stop();
                    }
                }),
        );
        let idle = self.deps.idle_timeout;
        let tick = (idle / 2).clamp(Duration::from_millis(50), Duration::from_secs(5));
        ctx.run_interval(tick, move |act, ctx| {
            let effects = act
                .state
                .as_mut()
                .map(|s| s.on_tick(Utc::now()))
                .unwrap_or_default();
            act.run_detached(effects, ctx);
            let ready = act.handing_over || act.last_activity.elapsed() >= idle;
            act.retire_if_settled(ready, ctx);
        });
    }

    fn stopped(&mut self, _ctx: &mut Self::Context) {
        let applied = self
            .state
            .as_ref()
            .and_then(|s| s.row().last_guest_message_id);
        self.registry.stopped(self.id, applied);
    }
}

/// The guest's current or next stay for the start-up replay; a failed lookup leaves the link as
/// it was, like a live message's.
async fn replay_stay(db: &DatabaseConnection, row: &entity::conversation::Model) -> Option<StayId> {
    let tenant = ConciergerieId(row.conciergerie_id);
    match crate::stays::link::stay_for_guest(db, tenant, &row.phone_number, Utc::now()).await {
        Ok(stay) => stay.map(|s| StayId(s.id)),
        Err(e) => {
            tracing::warn!(conversation_id = row.id, error = %e, "could not look up the guest's stay for the replay");
            None
        }
    }
}

type Reply<T> = AtomicResponse<ConversationActor, Result<T, AppError>>;

fn reply<T: 'static>(value: Result<T, AppError>) -> Reply<T> {
    AtomicResponse::new(Box::pin(actix::fut::ready(value)))
}

fn not_loaded() -> AppError {
    AppError::NotFound("conversation")
}

/// A guest message committed by ingest, the name the guest's profile carries, and the guest's
/// current or next stay as the inbound use case found it (the lookup is I/O, kept out of the
/// state machine).
#[derive(Message)]
#[rtype(result = "()")]
pub struct GuestMessage {
    pub message: message::Model,
    pub contact_name: Option<String>,
    pub stay: Option<StayId>,
}

impl Handler<GuestMessage> for ConversationActor {
    type Result = ();

    fn handle(&mut self, msg: GuestMessage, ctx: &mut Context<Self>) {
        self.received();
        let tenant = self.tenant_ai();
        let Some(state) = self.state.as_mut() else {
            // The start-up replay read it from the database, if the row exists at all.
            return;
        };
        let linked = state.on_stay_found(msg.stay);
        let mut effects =
            state.on_guest_message(&msg.message, msg.contact_name, tenant, Utc::now());
        if linked && !effects.contains(&Effect::SaveRow) {
            effects.push(Effect::SaveRow);
        }
        self.run_detached(effects, ctx);
    }
}

/// With several instances: guest messages stored in the database that this actor has not
/// applied yet — `message_id` (stored here or by another instance, possibly committed after a
/// newer one) and every guest message newer than the row's — applied in id order, so a guest's
/// messages sent one after the other are applied in that order whichever instance stored them.
#[derive(Message)]
#[rtype(result = "()")]
pub struct CatchUp {
    pub message_id: Option<MessageId>,
    pub contact_name: Option<String>,
    pub stay: Option<StayId>,
}

impl Handler<CatchUp> for ConversationActor {
    type Result = ();

    fn handle(&mut self, msg: CatchUp, ctx: &mut Context<Self>) {
        self.received();
        let Some(state) = self.state.as_ref() else {
            return;
        };
        let (db, id) = (self.deps.db.clone(), self.id);
        let after = state.row().last_guest_message_id;
        let also = msg.message_id;
        ctx.wait(
            async move { db::conversations::guest_messages_to_apply(&db, id, after, also).await }
                .into_actor(self)
                .map(move |found, act, ctx| {
                    let messages = match found {
                        Ok(messages) => messages,
                        Err(e) => {
                            // Stored all the same: a later catch-up or the sweep applies them.
                            tracing::warn!(conversation_id = %act.id, error = %e, "cannot read guest messages to apply");
                            return;
                        }
                    };
                    let tenant = act.tenant_ai();
                    let Some(state) = act.state.as_mut() else {
                        return;
                    };
                    let mut effects = Vec::new();
                    if state.on_stay_found(msg.stay) {
                        effects.push(Effect::SaveRow);
                    }
                    let named = msg.message_id.map(|m| m.0);
                    for message in &messages {
                        let name = (Some(message.id) == named)
                            .then(|| msg.contact_name.clone())
                            .flatten();
                        effects.extend(state.on_guest_message(message, name, tenant, Utc::now()));
                    }
                    // One row write (and one summary for the dashboards) for the whole catch-up.
                    let save = effects.contains(&Effect::SaveRow);
                    effects.retain(|e| *e != Effect::SaveRow);
                    if save {
                        effects.push(Effect::SaveRow);
                    }
                    act.run_detached(effects, ctx);
                }),
        );
    }
}

/// Another instance needs this conversation for an operator's action: finish what is in flight,
/// then retire (the lease goes back when the actor has stopped).
#[derive(Message)]
#[rtype(result = "()")]
pub struct HandOver;

impl Handler<HandOver> for ConversationActor {
    type Result = ();

    fn handle(&mut self, _: HandOver, ctx: &mut Context<Self>) {
        self.received();
        if self.handing_over {
            return;
        }
        self.handing_over = true;
        self.retire_if_settled(true, ctx);
        // Checked often until then: the other instance's operator is waiting.
        ctx.run_interval(Duration::from_millis(10), |act, ctx| {
            act.retire_if_settled(true, ctx)
        });
    }
}

/// The lease was lost (its connection dropped): another instance may run the conversation now,
/// so this actor stops at once, whatever it was doing.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Evict;

impl Handler<Evict> for ConversationActor {
    type Result = ();

    fn handle(&mut self, _: Evict, ctx: &mut Context<Self>) {
        ctx.stop();
    }
}

/// An operator's reply from the dashboard.
#[derive(Message)]
#[rtype(result = "Result<message::Model, AppError>")]
pub struct OperatorSend {
    pub body: String,
    pub client_ref: Option<String>,
    /// The operator sent (possibly edited) the AI's suggestion: not a takeover.
    pub from_suggestion: bool,
    /// Deliver as this approved template (allowed outside the 24 h window); needs `client_ref`.
    pub template: Option<ContentTemplate>,
    /// The team member sending it; `None` for the server's own sends (automations).
    pub author: Option<MemberBrief>,
    /// The operator's uploads sent with the reply (checked as theirs by the caller).
    pub media: Vec<StoredMedia>,
}

impl Handler<OperatorSend> for ConversationActor {
    type Result = Reply<message::Model>;

    fn handle(&mut self, msg: OperatorSend, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        let (db, id) = (self.deps.db.clone(), self.id);
        let client_ref = msg.client_ref.clone();
        // A retried send with the same key answers the first message instead of sending again.
        let earlier = async move {
            match client_ref {
                Some(key) => db::messages::find_by_client_ref(&db, id, &key).await,
                None => Ok(None),
            }
        };
        AtomicResponse::new(Box::pin(earlier.into_actor(self).then(
            move |earlier,
                  act,
                  _ctx|
                  -> ResponseActFuture<Self, Result<message::Model, AppError>> {
                match earlier {
                    Err(e) => return Box::pin(actix::fut::ready(Err(e))),
                    Ok(Some(first)) => return Box::pin(actix::fut::ready(Ok(first))),
                    Ok(None) => {}
                }
                if act.state.is_none() {
                    return Box::pin(actix::fut::ready(Err(not_loaded())));
                }
                // Kept until the message is stored and handed to the channel (`deliver`).
                let template = match (msg.template, &msg.client_ref) {
                    (Some(template), Some(key)) => {
                        act.templates.insert(key.clone(), template);
                        true
                    }
                    _ => false,
                };
                let author = act.author(msg.author);
                let Some(state) = act.state.as_mut() else {
                    return Box::pin(actix::fut::ready(Err(not_loaded())));
                };
                let reply = OperatorReply {
                    body: msg.body,
                    client_ref: msg.client_ref,
                    from_suggestion: msg.from_suggestion,
                    template,
                    author,
                    media: msg.media,
                };
                match state.on_operator_send(reply, Utc::now()) {
                    Err(SendRefused::OutsideWindow) => {
                        Box::pin(actix::fut::ready(Err(AppError::OutsideWhatsAppWindow)))
                    }
                    Ok(effects) => Box::pin(act.run(effects).map(|inserted, _, _| {
                        inserted?.into_iter().next().ok_or_else(|| {
                            AppError::Internal(anyhow::anyhow!("the reply was not stored"))
                        })
                    })),
                }
            },
        )))
    }
}

/// An operator's private note for colleagues: stored and published, never delivered.
#[derive(Message)]
#[rtype(result = "Result<message::Model, AppError>")]
pub struct AddNote {
    pub body: String,
    pub author: Option<MemberBrief>,
}

impl Handler<AddNote> for ConversationActor {
    type Result = Reply<message::Model>;

    fn handle(&mut self, msg: AddNote, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        let author = self.author(msg.author);
        let Some(state) = self.state.as_mut() else {
            return reply(Err(not_loaded()));
        };
        let effects = state.on_note(msg.body, author);
        AtomicResponse::new(Box::pin(self.run(effects).map(|inserted, _, _| {
            inserted?
                .into_iter()
                .next()
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the note was not stored")))
        })))
    }
}

/// The channel's answer for an outbound message.
#[derive(Message)]
#[rtype(result = "()")]
struct SendFinished {
    message_id: MessageId,
    result: Result<SendReceipt, SendFailure>,
    body: String,
    /// The reply's files, for the simulator's phone.
    media: Vec<protocol::conversations::Media>,
}

impl Handler<SendFinished> for ConversationActor {
    type Result = ();

    fn handle(&mut self, msg: SendFinished, ctx: &mut Context<Self>) {
        self.last_activity = Instant::now();
        let Some(state) = self.state.as_mut() else {
            return;
        };
        let delivered = msg.result.is_ok();
        let effects = state.on_send_result(msg.message_id, msg.result);
        let simulated = self.deps.channel.mode() == ChannelMode::Simulator && delivered;
        let (body, media) = (msg.body, msg.media);
        ctx.wait(self.run(effects).map(move |done, act, _| {
            // The simulator is the guest's phone: it shows what was sent.
            if done.is_ok() && simulated {
                if let Some(to) = act.state.as_ref().map(|s| s.row().phone_number.clone()) {
                    act.publish(ServerEvent::SimulatorReply { to, body, media });
                }
            }
        }));
    }
}

/// A delivery callback from the channel for one of this conversation's messages (possibly one
/// whose send has not answered yet: it is parked until then).
#[derive(Message)]
#[rtype(result = "Result<(), AppError>")]
pub struct StatusUpdate(pub StatusReport);

impl Handler<StatusUpdate> for ConversationActor {
    type Result = Reply<()>;

    fn handle(
        &mut self,
        StatusUpdate(report): StatusUpdate,
        _ctx: &mut Context<Self>,
    ) -> Self::Result {
        self.received();
        let Some(state) = self.state.as_ref() else {
            return reply(Err(not_loaded()));
        };
        // A message sent before this actor started is looked up once.
        let lookup = (!state.knows_sid(&report.sid)).then(|| {
            let db = self.deps.db.clone();
            let sid = report.sid.clone();
            async move { db::messages::find_by_external_id(&db, &sid).await }
        });
        let id = self.id;
        AtomicResponse::new(Box::pin(
            async move {
                match lookup {
                    Some(lookup) => lookup.await,
                    None => Ok(None),
                }
            }
            .into_actor(self)
            .then(
                move |found, act, _ctx| -> ResponseActFuture<Self, Result<(), AppError>> {
                    let found = match found {
                        Ok(found) => found,
                        Err(e) => return Box::pin(actix::fut::ready(Err(e))),
                    };
                    let Some(state) = act.state.as_mut() else {
                        return Box::pin(actix::fut::ready(Err(not_loaded())));
                    };
                    if let Some(row) = found.filter(|m| m.conversation_id == id.0) {
                        state.remember_delivery(report.sid.clone(), MessageId(row.id), row.status);
                    }
                    let effects = state.on_status(report, Utc::now());
                    Box::pin(act.run(effects).map(|done, _, _| done.map(drop)))
                },
            ),
        ))
    }
}

/// Operator controls: AI mode override, hand back to the AI, status, contact name (validated).
#[derive(Message)]
#[rtype(result = "Result<ConversationSummary, AppError>")]
pub struct Patch(pub ConversationPatch);

impl Handler<Patch> for ConversationActor {
    type Result = Reply<ConversationSummary>;

    fn handle(&mut self, Patch(mut patch): Patch, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        let tenant = self.tenant_ai();
        let Some(state) = self.state.as_mut() else {
            return reply(Err(not_loaded()));
        };
        // An assignment alone leaves the AI be (`on_patch` restarts it).
        let mut effects = match patch.assignee_id.take() {
            Some(assignee) => state.on_assign(assignee),
            None => Vec::new(),
        };
        if patch != ConversationPatch::default() {
            for effect in state.on_patch(patch, tenant, Utc::now()) {
                if !effects.contains(&effect) {
                    effects.push(effect);
                }
            }
        }
        AtomicResponse::new(Box::pin(self.run(effects).map(|done, act, _| {
            done?;
            act.summary().ok_or_else(not_loaded)
        })))
    }
}

/// The operator opened the conversation: its unread count drops to zero.
#[derive(Message)]
#[rtype(result = "Result<(), AppError>")]
pub struct MarkRead;

impl Handler<MarkRead> for ConversationActor {
    type Result = Reply<()>;

    fn handle(&mut self, _: MarkRead, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        let Some(state) = self.state.as_mut() else {
            return reply(Err(not_loaded()));
        };
        let effects = state.on_read();
        AtomicResponse::new(Box::pin(self.run(effects).map(|done, _, _| done.map(drop))))
    }
}

/// The operator dismissed the AI's proposed reply.
#[derive(Message)]
#[rtype(result = "Result<(), AppError>")]
pub struct DiscardSuggestion;

impl Handler<DiscardSuggestion> for ConversationActor {
    type Result = Reply<()>;

    fn handle(&mut self, _: DiscardSuggestion, _ctx: &mut Context<Self>) -> Self::Result {
        self.received();
        let Some(state) = self.state.as_mut() else {
            return reply(Err(not_loaded()));
        };
        let effects = state.on_discard_suggestion();
        AtomicResponse::new(Box::pin(self.run(effects).map(|done, _, _| done.map(drop))))
    }
}

/// The snooze sweep found this conversation's snooze due: it comes back to the inbox (live).
#[derive(Message)]
#[rtype(result = "()")]
pub struct Wake;

impl Handler<Wake> for ConversationActor {
    type Result = ();

    fn handle(&mut self, _: Wake, ctx: &mut Context<Self>) {
        self.received();
        let effects = self
            .state
            .as_mut()
            .map(|s| s.on_wake(Utc::now()))
            .unwrap_or_default();
        self.run_detached(effects, ctx);
    }
}
