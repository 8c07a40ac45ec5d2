//! One dashboard connection: a thin transport between the hub's `Push`es and the socket, plus a
//! heartbeat so dead connections are noticed and dropped.

use std::time::{Duration, Instant};

use actix::prelude::*;
use actix_web_actors::ws;

use protocol::events::{ServerEvent, WS_CLOSE_SESSION_ENDED};
use protocol::members::MemberBrief;
use protocol::presence::ClientEvent;

use super::limits::SocketPermit;
use crate::actors::hub::{Audience, Connect, Disconnect, Push, SessionHub, SessionId};
use crate::cluster::Fanout;

/// A client repeating the same presence faster than this is not listened to (a stuck key must not
/// flood the team's sockets).
const PRESENCE_MIN_INTERVAL: Duration = Duration::from_millis(750);

/// What an operator's socket may say about its member: who they are, and where it goes (every
/// dashboard of the conciergerie, on every instance).
pub struct Presence {
    pub member: MemberBrief,
    pub fanout: Fanout,
}

const HEARTBEAT: Duration = Duration::from_secs(5);
const CLIENT_TIMEOUT: Duration = Duration::from_secs(15);
/// Events waiting for a slow socket; past this the hub drops the session (see `hub`).
const MAILBOX: usize = 512;

pub struct WsSession {
    id: SessionId,
    audience: Audience,
    token_hash: String,
    /// When the session behind the socket expires; the socket closes then.
    expires_in: Duration,
    hub: Addr<SessionHub>,
    last_seen: Instant,
    /// This socket's place under the connection limits, given back when the actor is dropped.
    _permit: SocketPermit,
    /// `None` for admin sockets, which say nothing.
    presence: Option<Presence>,
    last_presence: Option<(ClientEvent, Instant)>,
}

impl WsSession {
    pub fn new(
        id: SessionId,
        audience: Audience,
        token_hash: String,
        expires_in: Duration,
        hub: Addr<SessionHub>,
        permit: SocketPermit,
        presence: Option<Presence>,
    ) -> Self {
        WsSession {
            id,
            audience,
            token_hash,
            expires_in,
            hub,
            last_seen: Instant::now(),
            _permit: permit,
            presence,
            last_presence: None,
        }
    }

    /// A presence said by the client goes to its conciergerie's dashboards. Anything else the
    /// client sends is ignored: the socket is a feed, not an API.
    fn on_text(&mut self, text: &str) {
        let (Some(presence), Audience::Tenant(tenant)) = (&self.presence, self.audience) else {
            return;
        };
        let Ok(event) = serde_json::from_str::<ClientEvent>(text) else {
            return;
        };
        let now = Instant::now();
        if self
            .last_presence
            .is_some_and(|(last, at)| last == event && now - at < PRESENCE_MIN_INTERVAL)
        {
            return;
        }
        self.last_presence = Some((event, now));
        // The conversation id is not checked against the tenant: the event only ever reaches
        // this conciergerie's own dashboards, which know no other tenant's ids.
        presence.fanout.broadcast(
            Audience::Tenant(tenant),
            ServerEvent::PresenceUpdated {
                conversation_id: event.conversation_id(),
                member: presence.member.clone(),
                activity: event.activity(),
            },
        );
    }

    fn end_session(ctx: &mut ws::WebsocketContext<Self>, why: &str) {
        ctx.close(Some(ws::CloseReason {
            code: ws::CloseCode::Other(WS_CLOSE_SESSION_ENDED),
            description: Some(why.into()),
        }));
        ctx.stop();
    }
}

impl Actor for WsSession {
    type Context = ws::WebsocketContext<Self>;

    fn started(&mut self, ctx: &mut Self::Context) {
        ctx.set_mailbox_capacity(MAILBOX);
        ctx.run_interval(HEARTBEAT, |act, ctx| {
            if act.last_seen.elapsed() > CLIENT_TIMEOUT {
                tracing::debug!(session = act.id, "WebSocket heartbeat timed out");
                ctx.stop();
            } else {
                ctx.ping(b"");
            }
        });
        ctx.run_later(self.expires_in, |act, ctx| {
            tracing::debug!(session = act.id, "WebSocket session expired");
            Self::end_session(ctx, "session expired");
        });
        self.hub.do_send(Connect {
            id: self.id,
            audience: self.audience,
            token_hash: self.token_hash.clone(),
            recipient: ctx.address().recipient(),
        });
    }

    fn stopping(&mut self, _: &mut Self::Context) -> Running {
        self.hub.do_send(Disconnect { id: self.id });
        Running::Stop
    }
}

impl Handler<Push> for WsSession {
    type Result = ();

    fn handle(&mut self, msg: Push, ctx: &mut Self::Context) {
        match msg {
            Push::Event(text) => ctx.text(&*text),
            Push::Evict => {
                ctx.close(Some(ws::CloseReason {
                    code: ws::CloseCode::Again,
                    description: Some("too far behind: reconnect and resync".into()),
                }));
                ctx.stop();
            }
            Push::Revoked => Self::end_session(ctx, "session revoked"),
        }
    }
}

impl StreamHandler<Result<ws::Message, ws::ProtocolError>> for WsSession {
    fn handle(&mut self, msg: Result<ws::Message, ws::ProtocolError>, ctx: &mut Self::Context) {
        self.last_seen = Instant::now();
        match msg {
            Ok(ws::Message::Ping(payload)) => ctx.pong(&payload),
            Ok(ws::Message::Close(reason)) => {
                ctx.close(reason);
                ctx.stop();
            }
            Ok(ws::Message::Text(text)) => self.on_text(&text),
            // Anything else the client says only proves it is alive.
            Ok(
                ws::Message::Pong(_)
                | ws::Message::Binary(_)
                | ws::Message::Continuation(_)
                | ws::Message::Nop,
            ) => {}
            Err(e) => {
                tracing::debug!(session = self.id, error = %e, "WebSocket protocol error");
                ctx.stop();
            }
        }
    }
}
