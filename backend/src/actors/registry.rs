//! Conversation actors are created on demand and retire when idle. The registry maps a
//! conversation to its live actor and guarantees that a message is never handed to an actor that
//! is retiring: every send counts as pending under the map's lock, and an actor only leaves the
//! map (under the same lock) when nothing is pending for it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix::dev::{Request, ToEnvelope};
use actix::prelude::*;
use dashmap::DashMap;
use protocol::ConversationId;

use super::conversation::{ConversationActor, Deps};

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
}

impl Registry {
    pub fn new(deps: Arc<Deps>) -> Self {
        let arbiter = Arbiter::new().handle();
        Registry {
            inner: Arc::new(Inner {
                actors: DashMap::new(),
                deps,
                arbiter,
            }),
        }
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

    /// Fire and forget (still ordered with every other message to this conversation).
    pub fn do_send<M>(&self, id: ConversationId, msg: M)
    where
        M: Message + Send + 'static,
        M::Result: Send,
        ConversationActor: Handler<M>,
        <ConversationActor as Actor>::Context: ToEnvelope<ConversationActor, M>,
    {
        self.with_actor(id, |addr| addr.do_send(msg));
    }

    /// Request/response; the mailbox is bounded, so a flood waits here instead of piling up.
    pub fn send<M>(&self, id: ConversationId, msg: M) -> Request<ConversationActor, M>
    where
        M: Message + Send + 'static,
        M::Result: Send,
        ConversationActor: Handler<M>,
        <ConversationActor as Actor>::Context: ToEnvelope<ConversationActor, M>,
    {
        self.with_actor(id, |addr| addr.send(msg))
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

    /// Live actors (for benchmarks and health).
    pub fn len(&self) -> usize {
        self.inner.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inner.actors.is_empty()
    }
}
