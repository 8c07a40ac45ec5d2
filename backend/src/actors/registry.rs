//! Conversation actors are created on demand and retire when idle. The registry maps a
//! conversation to its live actor and guarantees that a message is never handed to an actor that
//! is retiring: every send counts as pending under the map's lock, and an actor only leaves the
//! map (under the same lock) when nothing is pending for it.
//!
//! With several instances (PostgreSQL), one actor in the whole cluster runs a conversation: an
//! instance starts one only while it holds the conversation's lease (`cluster::leases`). A guest
//! message stored here for a conversation owned elsewhere wakes its owner (`Signal::Wake`), which
//! applies it from the database; an operator's action here asks the owner to let the
//! conversation go (`Signal::Handover`) and runs here once the lease is free. Conversations
//! whose owner died are found by `sweep` and taken over.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use actix::dev::{Request, ToEnvelope};
use actix::prelude::*;
use dashmap::DashMap;
use protocol::{ConversationId, MessageId, StayId};

use super::conversation::{CatchUp, ConversationActor, Deps, Evict, GuestMessage, HandOver};
use crate::cluster::leases::Leases;
use crate::cluster::Signal;
use crate::error::AppError;

struct Entry {
    addr: Addr<ConversationActor>,
    pending: Arc<AtomicUsize>,
}

#[derive(Clone)]
pub struct Registry {
    inner: Arc<Inner>,
}

struct Inner {
    actors: DashMap<ConversationId, Entry>,
    deps: Arc<Deps>,
    /// Conversation actors live on their own thread, whichever HTTP worker created them.
    arbiter: ArbiterHandle,
    /// Who owns which conversation, when several instances may run (PostgreSQL).
    leases: Option<Leases>,
}

/// How long an operator's action waits for another instance to let its conversation go.
const TAKEOVER_WITHIN: Duration = Duration::from_secs(15);
/// How often the owner is asked again while waiting (the first request may meet an actor that
/// was just starting again).
const HANDOVER_REMINDER: Duration = Duration::from_millis(500);
const TAKEOVER_POLL: Duration = Duration::from_millis(20);

impl Registry {
    /// One instance: every conversation is this instance's.
    pub fn new(deps: Arc<Deps>) -> Self {
        Self::build(deps, None)
    }

    /// One of several instances: conversations are owned through `leases`.
    pub fn clustered(deps: Arc<Deps>, leases: Leases) -> Self {
        Self::build(deps, Some(leases))
    }

    fn build(deps: Arc<Deps>, leases: Option<Leases>) -> Self {
        let arbiter = Arbiter::new().handle();
        Registry {
            inner: Arc::new(Inner {
                actors: DashMap::new(),
                deps,
                arbiter,
                leases,
            }),
        }
    }

    pub fn is_clustered(&self) -> bool {
        self.inner.leases.is_some()
    }

    fn spawn(&self, id: ConversationId) -> Entry {
        let pending = Arc::new(AtomicUsize::new(0));
        let (deps, registry, counter) = (self.inner.deps.clone(), self.clone(), pending.clone());
        let addr = ConversationActor::start_in_arbiter(&self.inner.arbiter, move |_| {
            ConversationActor::new(id, deps, registry, counter)
        });
        Entry { addr, pending }
    }

    /// Runs `f` on the conversation's live actor (starting one if needed), with the send counted
    /// as pending while the map's lock is held.
    fn with_actor<R>(
        &self,
        id: ConversationId,
        f: impl FnOnce(&Addr<ConversationActor>) -> R,
    ) -> R {
        let mut entry = self
            .inner
            .actors
            .entry(id)
            .or_insert_with(|| self.spawn(id));
        if !entry.addr.connected() {
            *entry = self.spawn(id);
        }
        entry.pending.fetch_add(1, Ordering::SeqCst);
        f(&entry.addr)
    }

    /// Fire and forget (still ordered with every other message to this conversation), for a
    /// conversation this instance owns (always, with one instance).
    fn do_send<M>(&self, id: ConversationId, msg: M)
    where
        M: Message + Send + 'static,
        M::Result: Send,
        ConversationActor: Handler<M>,
        <ConversationActor as Actor>::Context: ToEnvelope<ConversationActor, M>,
    {
        self.with_actor(id, |addr| addr.do_send(msg));
    }

    /// Runs `f` on the live actor of a conversation this instance owns, starting one if the
    /// conversation's lease can be taken. Gives `f` back when another instance owns it.
    async fn with_owned<R, F>(&self, id: ConversationId, f: F) -> Result<Result<R, F>, AppError>
    where
        F: FnOnce(&Addr<ConversationActor>) -> R,
    {
        let Some(leases) = &self.inner.leases else {
            return Ok(Ok(self.with_actor(id, f)));
        };
        let mut f = Some(f);
        for _ in 0..3 {
            if let Some(done) = self.with_live(id, &mut f) {
                return Ok(Ok(done));
            }
            if !leases.acquire(id).await? {
                return Ok(Err(f.take().expect("not run")));
            }
            // Each actor started holds the lease once; a race lost here gives the hold back.
            let mut started = false;
            self.inner
                .actors
                .entry(id)
                .and_modify(|e| {
                    if !e.addr.connected() {
                        *e = self.spawn(id);
                        started = true;
                    }
                })
                .or_insert_with(|| {
                    started = true;
                    self.spawn(id)
                });
            if !started {
                leases.release(id).await;
            }
        }
        Err(AppError::Unavailable(
            "the conversation's actor keeps stopping".into(),
        ))
    }

    /// Runs `f` on the conversation's actor if one is live here.
    fn with_live<R, F>(&self, id: ConversationId, f: &mut Option<F>) -> Option<R>
    where
        F: FnOnce(&Addr<ConversationActor>) -> R,
    {
        let entry = self.inner.actors.get(&id)?;
        if !entry.addr.connected() {
            return None;
        }
        entry.pending.fetch_add(1, Ordering::SeqCst);
        Some((f.take()?)(&entry.addr))
    }

    /// A guest message ingest has committed, for the conversation's actor wherever it runs.
    pub async fn guest_message(&self, id: ConversationId, msg: GuestMessage) {
        if !self.is_clustered() {
            return self.do_send(id, msg);
        }
        let (message_id, contact_name, stay) =
            (MessageId(msg.message.id), msg.contact_name, msg.stay);
        let catch_up = CatchUp {
            message_id: Some(message_id),
            contact_name: contact_name.clone(),
            stay,
        };
        match self.with_owned(id, |addr| addr.do_send(catch_up)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => self.inner.deps.fanout.send(Signal::Wake {
                conversation_id: id,
                message_id,
                contact_name,
                stay,
            }),
            // Stored all the same: the sweep finds the unapplied message.
            Err(e) => {
                tracing::warn!(conversation_id = %id, error = %e, "guest message left for the sweep")
            }
        }
    }

    /// Request/response; the mailbox is bounded, so a flood waits here instead of piling up.
    /// With several instances, the conversation is first taken over from its owner.
    pub async fn request<M>(&self, id: ConversationId, msg: M) -> Result<M::Result, AppError>
    where
        M: Message + Send + 'static,
        M::Result: Send,
        ConversationActor: Handler<M>,
        <ConversationActor as Actor>::Context: ToEnvelope<ConversationActor, M>,
    {
        let mut send = move |addr: &Addr<ConversationActor>| -> Request<ConversationActor, M> {
            addr.send(msg)
        };
        let deadline = tokio::time::Instant::now() + TAKEOVER_WITHIN;
        let mut reminded: Option<tokio::time::Instant> = None;
        let request = loop {
            match self.with_owned(id, send).await? {
                Ok(request) => break request,
                Err(back) => send = back,
            }
            let now = tokio::time::Instant::now();
            if now >= deadline {
                return Err(AppError::Unavailable(
                    "the conversation is busy on another instance".into(),
                ));
            }
            if reminded.is_none_or(|at| now.duration_since(at) >= HANDOVER_REMINDER) {
                self.inner.deps.fanout.send(Signal::Handover {
                    conversation_id: id,
                });
                reminded = Some(now);
            }
            tokio::time::sleep(TAKEOVER_POLL).await;
        };
        request
            .await
            .map_err(|e| AppError::Internal(anyhow::anyhow!("conversation actor unavailable: {e}")))
    }

    /// Work found waiting (start-up, sweep): done here if this instance owns the conversation or
    /// can take it, left alone if a live instance owns it (that owner has it in hand). Answers
    /// whether it was handed to an actor here.
    pub async fn resume<M>(&self, id: ConversationId, msg: M) -> Result<bool, AppError>
    where
        M: Message + Send + 'static,
        M::Result: Send,
        ConversationActor: Handler<M>,
        <ConversationActor as Actor>::Context: ToEnvelope<ConversationActor, M>,
    {
        Ok(self.with_owned(id, |addr| addr.do_send(msg)).await?.is_ok())
    }

    /// `Signal::Wake` from another instance: applied if the actor runs here. If it has just
    /// stopped, `stopped` looks for what it missed.
    pub fn woken(
        &self,
        id: ConversationId,
        message_id: MessageId,
        contact_name: Option<String>,
        stay: Option<StayId>,
    ) {
        let mut send = Some(|addr: &Addr<ConversationActor>| {
            addr.do_send(CatchUp {
                message_id: Some(message_id),
                contact_name,
                stay,
            })
        });
        self.with_live(id, &mut send);
    }

    /// `Signal::Handover` from another instance.
    pub fn hand_over(&self, id: ConversationId) {
        let mut send = Some(|addr: &Addr<ConversationActor>| addr.do_send(HandOver));
        self.with_live(id, &mut send);
    }

    /// An actor stopped. With several instances its lease goes back, once its events have left
    /// (so the next owner's never overtake them); then a guest message another instance stored
    /// in the meantime (its wake found no actor here) is picked up.
    pub(super) fn stopped(&self, id: ConversationId, applied_through: Option<i64>) {
        let Some(leases) = self.inner.leases.clone() else {
            return;
        };
        let registry = self.clone();
        actix::spawn(async move {
            registry.inner.deps.fanout.flush().await;
            leases.release(id).await;
            let db = &registry.inner.deps.db;
            match crate::db::conversations::has_guest_messages_after(db, id, applied_through).await
            {
                Ok(true) => {
                    let catch_up = CatchUp {
                        message_id: None,
                        contact_name: None,
                        stay: None,
                    };
                    if let Err(e) = registry.resume(id, catch_up).await {
                        tracing::warn!(conversation_id = %id, error = %e, "guest message left for the sweep");
                    }
                }
                Ok(false) => {}
                Err(e) => {
                    tracing::warn!(conversation_id = %id, error = %e, "cannot check for missed guest messages")
                }
            }
        });
    }

    /// The server stopped: its conversations are free for the other instances.
    pub fn stop_leases(&self) {
        if let Some(leases) = &self.inner.leases {
            leases.stop();
        }
    }

    /// The lease connection was lost: no conversation is this instance's any more.
    pub fn stop_all(&self) {
        self.inner.actors.retain(|_, entry| {
            entry.addr.do_send(Evict);
            false
        });
    }

    /// Called by an idle actor: leaves the map only if nothing is pending for it.
    pub(super) fn try_retire(&self, id: ConversationId, addr: &Addr<ConversationActor>) -> bool {
        self.inner
            .actors
            .remove_if(&id, |_, e| {
                &e.addr == addr && e.pending.load(Ordering::SeqCst) == 0
            })
            .is_some()
    }

    /// Whether the conversation's actor runs here (then it has its work in hand).
    pub fn is_live(&self, id: ConversationId) -> bool {
        self.inner
            .actors
            .get(&id)
            .is_some_and(|e| e.addr.connected())
    }

    /// Live actors (for benchmarks and health).
    pub fn len(&self) -> usize {
        self.inner.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inner.actors.is_empty()
    }
}
