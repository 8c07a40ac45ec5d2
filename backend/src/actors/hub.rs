//! The session hub: knows every connected dashboard and whom it belongs to, and sends each event
//! only to the sessions allowed to see it. Events are serialised once per broadcast.
//!
//! A slow client never slows the others: delivery is a non-blocking `try_send` into the session's
//! bounded mailbox; a session whose mailbox is full is dropped (told to reconnect), and on
//! reconnect the dashboard resynchronises from the REST API, so nothing is hidden from it.

use std::collections::HashMap;
use std::sync::Arc;

use actix::prelude::*;
use protocol::events::ServerEvent;
use protocol::ConciergerieId;

/// Who may see an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The operators of one conciergerie.
    Tenant(ConciergerieId),
    /// Platform admins.
    Admins,
}

/// What the hub hands a session.
#[derive(Debug, Clone, Message)]
#[rtype(result = "()")]
pub enum Push {
    /// A serialised `ServerEvent`.
    Event(Arc<str>),
    /// The session fell behind: close it so the client reconnects and resyncs.
    Evict,
}

pub type SessionId = u64;

#[derive(Message)]
#[rtype(result = "()")]
pub struct Connect {
    pub id: SessionId,
    pub audience: Audience,
    pub recipient: Recipient<Push>,
}

#[derive(Message)]
#[rtype(result = "()")]
pub struct Disconnect {
    pub id: SessionId,
}

#[derive(Message, Clone)]
#[rtype(result = "()")]
pub struct Broadcast {
    pub audience: Audience,
    pub event: ServerEvent,
}

/// How many sessions are connected (for health and benchmarks).
#[derive(Message)]
#[rtype(result = "usize")]
pub struct CountSessions;

/// The hub's bookkeeping, kept free of actix so it can be tested directly.
pub struct Sessions<R> {
    by_id: HashMap<SessionId, (Audience, R)>,
}

impl<R> Default for Sessions<R> {
    fn default() -> Self {
        Sessions {
            by_id: HashMap::new(),
        }
    }
}

impl<R> Sessions<R> {
    pub fn insert(&mut self, id: SessionId, audience: Audience, recipient: R) {
        self.by_id.insert(id, (audience, recipient));
    }

    pub fn remove(&mut self, id: SessionId) -> Option<R> {
        self.by_id.remove(&id).map(|(_, r)| r)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The sessions that may see an event for `audience`.
    pub fn audience(&self, audience: Audience) -> impl Iterator<Item = (SessionId, &R)> {
        self.by_id
            .iter()
            .filter(move |(_, (a, _))| *a == audience)
            .map(|(id, (_, r))| (*id, r))
    }
}

#[derive(Default)]
pub struct SessionHub {
    sessions: Sessions<Recipient<Push>>,
}

impl Actor for SessionHub {
    type Context = Context<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        // Broadcasts come from every conversation; let bursts queue rather than block them.
        ctx.set_mailbox_capacity(16_384);
    }
}

impl Handler<Connect> for SessionHub {
    type Result = ();

    fn handle(&mut self, msg: Connect, _: &mut Context<Self>) {
        // `hello` goes out once the session is registered: a client that resyncs from REST on
        // `hello` cannot miss an event published after its resync started.
        if let Ok(hello) = serde_json::to_string(&ServerEvent::Hello) {
            let _ = msg.recipient.try_send(Push::Event(hello.into()));
        }
        self.sessions.insert(msg.id, msg.audience, msg.recipient);
    }
}

impl Handler<Disconnect> for SessionHub {
    type Result = ();

    fn handle(&mut self, msg: Disconnect, _: &mut Context<Self>) {
        self.sessions.remove(msg.id);
    }
}

impl Handler<CountSessions> for SessionHub {
    type Result = usize;

    fn handle(&mut self, _: CountSessions, _: &mut Context<Self>) -> usize {
        self.sessions.len()
    }
}

impl Handler<Broadcast> for SessionHub {
    type Result = ();

    fn handle(&mut self, msg: Broadcast, _: &mut Context<Self>) {
        let text: Arc<str> = match serde_json::to_string(&msg.event) {
            Ok(text) => text.into(),
            Err(e) => {
                tracing::error!(error = %e, "cannot serialise an event");
                return;
            }
        };
        let mut lagging = Vec::new();
        for (id, recipient) in self.sessions.audience(msg.audience) {
            if recipient.try_send(Push::Event(text.clone())).is_err() {
                lagging.push(id);
            }
        }
        for id in lagging {
            if let Some(recipient) = self.sessions.remove(id) {
                tracing::info!(
                    session = id,
                    "dropping a WebSocket session that fell behind"
                );
                recipient.do_send(Push::Evict);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenant_sees_only_its_own_sessions() {
        let mut s = Sessions::default();
        s.insert(1, Audience::Tenant(ConciergerieId(1)), "a");
        s.insert(2, Audience::Tenant(ConciergerieId(2)), "b");
        s.insert(3, Audience::Admins, "admin");
        s.insert(4, Audience::Tenant(ConciergerieId(1)), "c");
        let mut one: Vec<_> = s
            .audience(Audience::Tenant(ConciergerieId(1)))
            .map(|(_, r)| *r)
            .collect();
        one.sort();
        assert_eq!(one, vec!["a", "c"]);
        assert_eq!(
            s.audience(Audience::Admins)
                .map(|(_, r)| *r)
                .collect::<Vec<_>>(),
            vec!["admin"]
        );
        s.remove(1);
        assert_eq!(s.audience(Audience::Tenant(ConciergerieId(1))).count(), 1);
        assert_eq!(s.len(), 3);
    }
}
