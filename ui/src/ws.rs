//! The live connection: `GET /ws` (the admin app adds `?role=admin`), reconnected with exponential
//! backoff and jitter. Every (re)connection opens with `hello`, after which the app reloads from
//! REST, so whatever happened while the socket was down still shows up.

use std::cell::Cell;
use std::rc::Rc;

use protocol::events::{ServerEvent, WS_CLOSE_SESSION_ENDED};
use yew::prelude::*;

use crate::api::SessionEnd;

/// What the connection banner shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// First connection in progress.
    Connecting,
    Online,
    /// Lost; the next attempt is due at this many milliseconds since the epoch.
    Offline {
        retry_at_ms: i64,
        attempt: u32,
    },
}

const BASE_MS: f64 = 500.0;
const CAP_MS: f64 = 30_000.0;

/// Delay before reconnect attempt `attempt` (0-based): exponential, capped at 30 s, with "equal
/// jitter" (half fixed, half random) so a restarted server is not hit by every tab at once.
pub fn backoff_ms(attempt: u32, random01: f64) -> u32 {
    let exp = (BASE_MS * 2f64.powi(attempt.min(16) as i32)).min(CAP_MS);
    (exp / 2.0 + exp / 2.0 * random01.clamp(0.0, 1.0)) as u32
}

/// `ws://host/ws` or `wss://…` and the query, from the page's own origin (the admin app lives
/// under `/admin/`, the socket at the root).
pub fn url_for(protocol: &str, host: &str, query: &str) -> String {
    let scheme = if protocol == "https:" { "wss" } else { "ws" };
    format!("{scheme}://{host}{}{query}", protocol::paths::WS)
}

/// A close code that means "stop, the session is over": the server closes a revoked session's
/// socket with 4001, and reconnecting would only be refused again.
pub fn session_end_of(close_code: u16) -> Option<SessionEnd> {
    (close_code == WS_CLOSE_SESSION_ENDED).then_some(SessionEnd::Revoked)
}

/// Which socket to open and which session it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// Appended to `/ws`, e.g. `?role=admin`.
    pub query: &'static str,
    /// Asked when the socket fails, to tell an ended session from a server restart.
    pub session: crate::api::SessionPaths,
}

impl Endpoint {
    /// The dashboard's live events.
    pub const OPERATOR: Endpoint = Endpoint {
        query: "",
        session: crate::api::SessionPaths::OPERATOR,
    };

    /// The admin app's live events.
    pub const ADMIN: Endpoint = Endpoint {
        query: "?role=admin",
        session: crate::api::SessionPaths::ADMIN,
    };
}

thread_local! {
    /// The open socket's way out, while one is open: what the app says goes there, and is
    /// dropped while offline (it is only ever presence, which the next refresh repeats).
    static OUTBOX: std::cell::RefCell<Option<futures::channel::mpsc::UnboundedSender<String>>> =
        const { std::cell::RefCell::new(None) };
}

/// Says something to the server over the open live connection (presence: viewing, typing).
/// Answers `false`, and drops it, when no connection is open.
pub fn send(event: &protocol::presence::ClientEvent) -> bool {
    let Ok(text) = serde_json::to_string(event) else {
        return false;
    };
    OUTBOX.with(|outbox| {
        outbox
            .borrow()
            .as_ref()
            .is_some_and(|tx| tx.unbounded_send(text).is_ok())
    })
}

/// Stops the connection loop when dropped.
pub struct Connection {
    stopped: Rc<Cell<bool>>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.stopped.set(true);
    }
}

/// Opens the socket and keeps it open until the returned handle is dropped.
/// `on_gone` is called, once and instead of reconnecting, when the session is no longer valid.
pub fn connect(
    endpoint: Endpoint,
    on_event: Callback<ServerEvent>,
    on_state: Callback<LinkState>,
    on_gone: Callback<SessionEnd>,
) -> Connection {
    let stopped = Rc::new(Cell::new(false));
    #[cfg(target_arch = "wasm32")]
    yew::platform::spawn_local(run(endpoint, stopped.clone(), on_event, on_state, on_gone));
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (endpoint, on_event, on_state, on_gone);
    Connection { stopped }
}

/// Keeps the live connection open while the component is mounted: events go to `on_event` (the
/// one given at mount), a session found ended goes to the unauthorized handler, and the state is
/// returned for the connection banner.
#[hook]
pub fn use_live(endpoint: Endpoint, on_event: Callback<ServerEvent>) -> LinkState {
    let link = use_state(|| LinkState::Connecting);
    let set_link = link.setter();
    use_effect_with(endpoint, move |endpoint| {
        let on_state = Callback::from(move |s: LinkState| set_link.set(s));
        let on_gone = Callback::from(crate::api::session_ended);
        let connection = connect(*endpoint, on_event, on_state, on_gone);
        move || drop(connection)
    });
    *link
}

#[cfg(target_arch = "wasm32")]
async fn run(
    endpoint: Endpoint,
    stopped: Rc<Cell<bool>>,
    on_event: Callback<ServerEvent>,
    on_state: Callback<LinkState>,
    on_gone: Callback<SessionEnd>,
) {
    use futures::StreamExt;
    use gloo_net::websocket::{futures::WebSocket, Message, WebSocketError};
    use gloo_timers::future::TimeoutFuture;

    let location = web_sys::window().expect("window").location();
    let url = url_for(
        &location.protocol().unwrap_or_default(),
        &location.host().unwrap_or_default(),
        endpoint.query,
    );
    let mut attempt: u32 = 0;
    loop {
        if stopped.get() {
            return;
        }
        if let Ok(ws) = WebSocket::open(&url) {
            let mut ws = Box::pin(ws);
            let mut online = false;
            let (tx, mut outbox) = futures::channel::mpsc::unbounded::<String>();
            OUTBOX.with(|o| *o.borrow_mut() = Some(tx));
            loop {
                // Wake up now and then to notice a logout even on a silent socket.
                let next = futures::future::select(
                    futures::future::select(ws.next(), outbox.next()),
                    TimeoutFuture::new(1_000),
                );
                let next = match next.await {
                    futures::future::Either::Left((
                        futures::future::Either::Right((Some(text), _)),
                        _,
                    )) => {
                        use futures::SinkExt;
                        // A failed send shows up as the socket failing, handled below.
                        let _ = ws.send(Message::Text(text)).await;
                        continue;
                    }
                    futures::future::Either::Left((
                        futures::future::Either::Left((read, _)),
                        _,
                    )) => futures::future::Either::Left((read, ())),
                    futures::future::Either::Left((
                        futures::future::Either::Right((None, _)),
                        _,
                    ))
                    | futures::future::Either::Right(_) => futures::future::Either::Right(()),
                };
                match next {
                    futures::future::Either::Left((Some(Ok(Message::Text(text))), _)) => {
                        if !online {
                            online = true;
                            attempt = 0;
                            on_state.emit(LinkState::Online);
                        }
                        match serde_json::from_str::<ServerEvent>(&text) {
                            Ok(event) => on_event.emit(event),
                            Err(e) => web_sys::console::warn_1(
                                &format!("ignoring unknown event: {e}").into(),
                            ),
                        }
                    }
                    futures::future::Either::Left((Some(Ok(Message::Bytes(_))), _)) => {}
                    futures::future::Either::Left((
                        Some(Err(WebSocketError::ConnectionClose(close))),
                        _,
                    )) => {
                        if let Some(why) = session_end_of(close.code) {
                            on_gone.emit(why);
                            return;
                        }
                    }
                    futures::future::Either::Left((Some(Err(_)), _)) => {}
                    futures::future::Either::Left((None, _)) => break,
                    futures::future::Either::Right(_) => {}
                }
                if stopped.get() {
                    OUTBOX.with(|o| *o.borrow_mut() = None);
                    return;
                }
            }
            OUTBOX.with(|o| *o.borrow_mut() = None);
        }
        if stopped.get() {
            return;
        }
        // A handshake refused for an expired session looks like any other failure: ask.
        if matches!(
            endpoint.session.me::<serde::de::IgnoredAny>().await,
            Err(crate::api::ApiError::Unauthorized)
        ) {
            on_gone.emit(SessionEnd::Expired);
            return;
        }
        let delay = backoff_ms(attempt, crate::clock::random());
        on_state.emit(LinkState::Offline {
            retry_at_ms: crate::clock::now().timestamp_millis() + i64::from(delay),
            attempt: attempt + 1,
        });
        attempt = attempt.saturating_add(1);
        let mut waited = 0;
        while waited < delay {
            if stopped.get() {
                return;
            }
            TimeoutFuture::new(250).await;
            waited += 250;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        assert_eq!(backoff_ms(0, 0.0), 250);
        assert_eq!(backoff_ms(0, 1.0), 500);
        assert_eq!(backoff_ms(3, 0.0), 2_000);
        assert_eq!(backoff_ms(20, 1.0), 30_000);
        assert_eq!(backoff_ms(20, 0.0), 15_000);
        let mut last = 0;
        for attempt in 0..8 {
            let d = backoff_ms(attempt, 1.0);
            assert!(d >= last);
            last = d;
        }
    }

    #[test]
    fn only_the_session_ended_close_code_stops_reconnecting() {
        assert_eq!(session_end_of(4001), Some(SessionEnd::Revoked));
        assert_eq!(session_end_of(1000), None);
        assert_eq!(session_end_of(1006), None);
        assert_eq!(session_end_of(1012), None);
    }

    #[test]
    fn ws_url_follows_the_page() {
        assert_eq!(
            url_for("http:", "localhost:3000", ""),
            "ws://localhost:3000/ws"
        );
        assert_eq!(
            url_for("https:", "admin.example.fr", "?role=admin"),
            "wss://admin.example.fr/ws?role=admin"
        );
    }
}
