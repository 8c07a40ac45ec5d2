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
use serde::{Deserialize, Serialize};

/// Who may see an event. Serialisable: other instances receive it with the event (`cluster`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// The session's credentials were revoked: close it for good.
    Revoked,
}

pub type SessionId = u64;

#[derive(Message)]
#[rtype(result = "()")]
pub struct Connect {
    pub id: SessionId,
    pub audience: Audience,
    /// The stored hash of the token the socket authenticated with.
    pub token_hash: String,
    pub recipient: Recipient<Push>,
}

/// Which open sockets lose their session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Revocation {
    /// One session (logout), by its stored token hash.
    Token(String),
    /// Every operator session of a conciergerie (deactivation, password reset).
    Tenant(ConciergerieId),
}

/// Closes the sockets whose session was revoked; sent right after the database revocation.
#[derive(Message)]
#[rtype(result = "()")]
pub struct Revoke(pub Revocation);

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

/// Closes sessions so their clients reconnect (possibly to another instance) and resync from
/// REST: every session (`None`: shutdown, lost cluster feed) or one audience's (an event too
/// large to travel between instances).
#[derive(Message)]
#[rtype(result = "usize")]
pub struct EvictAll {
    pub audience: Option<Audience>,
}

/// How many sessions are connected (for health and benchmarks).
#[derive(Message)]
#[rtype(result = "usize")]
pub struct CountSessions;

/// The hub's bookkeeping, kept free of actix so it can be tested directly.
pub struct Sessions<R> {
    by_id: HashMap<SessionId, Entry<R>>,
}

struct Entry<R> {
    audience: Audience,
    token_hash: String,
    recipient: R,
}

impl<R> Default for Sessions<R> {
    fn default() -> Self {
        Sessions {
            by_id: HashMap::new(),
        }
    }
}

impl<R> Sessions<R> {
    pub fn insert(&mut self, id: SessionId, audience: Audience, token_hash: String, recipient: R) {
        self.by_id.insert(
            id,
            Entry {
                audience,
                token_hash,
                recipient,
            },
        );
    }

    pub fn remove(&mut self, id: SessionId) -> Option<R> {
        self.by_id.remove(&id).map(|e| e.recipient)
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
            .filter(move |(_, e)| e.audience == audience)
            .map(|(id, e)| (*id, &e.recipient))
    }

    /// Removes and returns the sessions of `audience` (every session for `None`).
    pub fn drain(&mut self, audience: Option<Audience>) -> Vec<R> {
        let ended: Vec<SessionId> = self
            .by_id
            .iter()
            .filter(|(_, e)| audience.is_none_or(|a| e.audience == a))
            .map(|(id, _)| *id)
            .collect();
        ended.into_iter().filter_map(|id| self.remove(id)).collect()
    }

    /// Removes and returns the sessions a revocation ends.
    pub fn revoke(&mut self, revocation: &Revocation) -> Vec<R> {
        let ended: Vec<SessionId> = self
            .by_id
            .iter()
            .filter(|(_, e)| match revocation {
                Revocation::Token(hash) => e.token_hash == *hash,
                Revocation::Tenant(id) => e.audience == Audience::Tenant(*id),
            })
            .map(|(id, _)| *id)
            .collect();
        ended.into_iter().filter_map(|id| self.remove(id)).collect()
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
        self.sessions
            .insert(msg.id, msg.audience, msg.token_hash, msg.recipient);
    }
}

impl Handler<Revoke> for SessionHub {
    type Result = ();

    fn handle(&mut self, msg: Revoke, _: &mut Context<Self>) {
        for recipient in self.sessions.revoke(&msg.0) {
            // Unbounded send: a full mailbox must not keep a revoked socket open.
            recipient.do_send(Push::Revoked);
        }
    }
}

impl Handler<EvictAll> for SessionHub {
    type Result = usize;

    fn handle(&mut self, msg: EvictAll, _: &mut Context<Self>) -> usize {
        let evicted = self.sessions.drain(msg.audience);
        for recipient in &evicted {
            // Unbounded send: a full mailbox must not keep the socket open.
            recipient.do_send(Push::Evict);
        }
        evicted.len()
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
        let recipients: Vec<_> = self.sessions.audience(msg.audience).collect();
        if recipients.is_empty() {
            // Nobody is watching (the common case under a webhook flood at night): the event is
            // not even serialised.
            return;
        }
        let text: Arc<str> = match serde_json::to_string(&msg.event) {
            Ok(text) => text.into(),
            Err(e) => {
                tracing::error!(error = %e, "cannot serialise an event");
                return;
            }
        };
        let mut lagging = Vec::new();
        for (id, recipient) in recipients {
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
        s.insert(1, Audience::Tenant(ConciergerieId(1)), "t1".into(), "a");
        s.insert(2, Audience::Tenant(ConciergerieId(2)), "t2".into(), "b");
        s.insert(3, Audience::Admins, "t3".into(), "admin");
        s.insert(4, Audience::Tenant(ConciergerieId(1)), "t4".into(), "c");
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

    #[test]
    fn revocation_ends_one_token_or_a_whole_tenant_and_nobody_else() {
        let mut s = Sessions::default();
        s.insert(1, Audience::Tenant(ConciergerieId(1)), "t1".into(), "a");
        s.insert(2, Audience::Tenant(ConciergerieId(1)), "t2".into(), "b");
        s.insert(3, Audience::Tenant(ConciergerieId(2)), "t3".into(), "c");
        s.insert(4, Audience::Admins, "t4".into(), "admin");
        assert_eq!(s.revoke(&Revocation::Token("t2".into())), vec!["b"]);
        assert_eq!(s.revoke(&Revocation::Tenant(ConciergerieId(1))), vec!["a"]);
        assert!(s.revoke(&Revocation::Token("nope".into())).is_empty());
        assert_eq!(s.len(), 2);
    }
}
