//! The ingest writer: one task owns inbound-message writes and commits them in groups.
//!
//! A webhook is acknowledged only once its message is committed. SQLite allows one writer at a
//! time, so instead of one transaction per webhook, whatever is waiting when the writer is free
//! goes into one transaction, written with a few multi-row statements (see `batch.rs`), and every
//! waiter is answered after the commit. Under load this amortises both the commit and the
//! statements over the batch; with no load a batch is a single message and nothing waits.
//!
//! Ingest stores guest messages and creates a conversation row when the guest is new; it never
//! updates an existing conversation row on its own. The conversation's actor owns that row; it
//! hands each event's writes — its replies and notices, delivery states, AI suggestions, and the
//! row as it now holds it — to this task (`conversation`) as one unit, so that they ride in the
//! same transactions instead of competing for SQLite's write lock one event at a time (a thousand
//! AI replies at once are a few commits, not a thousand).

mod batch;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{conversation, message};
use protocol::conversations::TokenUsage;
use protocol::{AiEngine, ConciergerieId, ConversationId, MessageStatus};
use sea_orm::DatabaseConnection;
use tokio::sync::{mpsc, oneshot};

use self::batch::{ConversationCache, Written};
use crate::db::messages::NewOutgoing;
use crate::error::AppError;

/// Largest group committed at once; bounds the time the write lock is held.
const MAX_BATCH: usize = 512;
/// Waiting webhooks beyond this get backpressure (their handlers wait for room).
const QUEUE: usize = 4096;
const PREVIEW_CHARS: usize = 120;

/// A guest message to store, already routed to its conciergerie.
#[derive(Debug, Clone)]
pub struct NewInbound {
    pub tenant: ConciergerieId,
    /// Guest address without the `whatsapp:` prefix.
    pub address: String,
    pub contact_name: Option<String>,
    pub external_id: String,
    pub body: String,
    pub preview: String,
    pub media: Option<serde_json::Value>,
    pub location: Option<serde_json::Value>,
    pub received_at: DateTime<Utc>,
}

/// A webhook that matched no conciergerie.
#[derive(Debug, Clone)]
pub struct NewUnrouted {
    pub message_sid: String,
    pub to: String,
    pub from: String,
    pub messaging_service_sid: Option<String>,
    pub body: String,
    pub payload: serde_json::Value,
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub enum Ingested {
    Stored {
        conversation_id: ConversationId,
        message: Box<message::Model>,
    },
    /// Twilio retried a webhook we already have (same `MessageSid`): nothing was written.
    Duplicate,
}

type Reply<T> = oneshot::Sender<Result<T, AppError>>;

/// One thing to write, with everyone waiting for it. Two webhooks with the same `MessageSid` in
/// one batch become one entry with two waiters: one row, both acknowledged.
enum Entry {
    Inbound(NewInbound, Vec<Reply<Ingested>>),
    Unrouted(NewUnrouted, Vec<Reply<()>>),
    Conversation(ConversationWrites, Vec<Reply<Vec<message::Model>>>),
}

enum Op {
    Inbound(NewInbound, Reply<Ingested>),
    Unrouted(NewUnrouted, Reply<()>),
    Conversation(ConversationWrites, Reply<Vec<message::Model>>),
}

/// One event of a conversation actor: its message writes, in order, and its row as it now holds
/// it (every column but the row's identity), committed together.
#[derive(Debug, Clone)]
pub struct ConversationWrites {
    pub conversation: ConversationId,
    pub messages: Vec<MessageWrite>,
    pub row: Option<conversation::Model>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub enum MessageWrite {
    /// A reply, a notice or a note; the inserted row comes back to the actor.
    Insert(NewOutgoing),
    /// An outbound message's delivery state (and its channel id, once known).
    Status {
        message_id: i64,
        external_id: Option<String>,
        status: MessageStatus,
        error: Option<(Option<String>, Option<String>)>,
    },
    /// The AI's proposal, and what it cost, on the guest message it answers.
    Suggestion {
        guest_message_id: i64,
        body: String,
        engine: AiEngine,
        usage: Option<TokenUsage>,
    },
}

#[derive(Clone)]
pub struct IngestWriter {
    tx: mpsc::Sender<Op>,
}

impl IngestWriter {
    pub fn start(db: DatabaseConnection) -> Self {
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, rx));
        IngestWriter { tx }
    }

    /// Stores a guest message; returns once it is committed.
    pub async fn inbound(&self, new: NewInbound) -> Result<Ingested, AppError> {
        self.call(|reply| Op::Inbound(new, reply)).await
    }

    pub async fn unrouted(&self, new: NewUnrouted) -> Result<(), AppError> {
        self.call(|reply| Op::Unrouted(new, reply)).await
    }

    /// For the conversation's actor: one event's writes; returns the inserted messages once
    /// committed. The actor waits for each unit before its next event, so a conversation has at
    /// most one unit in flight and a batch never holds two versions of its row.
    pub async fn conversation(
        &self,
        writes: ConversationWrites,
    ) -> Result<Vec<message::Model>, AppError> {
        self.call(|reply| Op::Conversation(writes, reply)).await
    }

    async fn call<T>(&self, op: impl FnOnce(Reply<T>) -> Op) -> Result<T, AppError> {
        let (reply, rx) = oneshot::channel();
        self.tx.send(op(reply)).await.map_err(|_| stopped())?;
        rx.await.map_err(|_| stopped())?
    }
}

fn stopped() -> AppError {
    AppError::Unavailable("the ingest writer has stopped".into())
}

async fn run(db: DatabaseConnection, mut rx: mpsc::Receiver<Op>) {
    let mut ops = Vec::with_capacity(MAX_BATCH);
    let mut cache = ConversationCache::default();
    let mut clock = Utc::now();
    while rx.recv_many(&mut ops, MAX_BATCH).await > 0 {
        // Messages are stamped when their batch is written, never earlier than the previous
        // batch: ids and times then sort the same way (the handlers' own clocks race each other
        // on the way into the queue).
        clock = clock.max(Utc::now());
        let entries = group(std::mem::take(&mut ops), clock);
        commit(&db, &mut cache, entries).await;
    }
}

/// Merges same-`MessageSid` webhooks (and same-conversation saves, last one wins) into one entry.
fn group(ops: Vec<Op>, now: DateTime<Utc>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::with_capacity(ops.len());
    let mut inbound: HashMap<String, usize> = HashMap::new();
    let mut unrouted: HashMap<String, usize> = HashMap::new();
    for op in ops {
        match op {
            Op::Inbound(mut new, reply) => match inbound.get(&new.external_id) {
                Some(&i) => {
                    if let Entry::Inbound(_, waiters) = &mut entries[i] {
                        waiters.push(reply);
                    }
                }
                None => {
                    new.received_at = now;
                    inbound.insert(new.external_id.clone(), entries.len());
                    entries.push(Entry::Inbound(new, vec![reply]));
                }
            },
            Op::Unrouted(new, reply) => match unrouted.get(&new.message_sid) {
                Some(&i) => {
                    if let Entry::Unrouted(_, waiters) = &mut entries[i] {
                        waiters.push(reply);
                    }
                }
                None => {
                    unrouted.insert(new.message_sid.clone(), entries.len());
                    entries.push(Entry::Unrouted(new, vec![reply]));
                }
            },
            Op::Conversation(writes, reply) => {
                entries.push(Entry::Conversation(writes, vec![reply]))
            }
        }
    }
    entries
}

/// Writes the entries in one transaction. If the database refuses it, the batch is retried in
/// halves, down to single entries, so that one bad entry fails alone and its neighbours stand.
async fn commit(db: &DatabaseConnection, cache: &mut ConversationCache, mut entries: Vec<Entry>) {
    // Ranges of `entries` still to write; the whole batch first.
    let mut pending = Vec::with_capacity(8);
    pending.push(0..entries.len());
    while let Some(range) = pending.pop() {
        let slice = &entries[range.clone()];
        match batch::write(db, cache, slice).await {
            Ok(written) => {
                tracing::debug!(size = range.len(), "ingest batch committed");
                for (entry, outcome) in entries[range].iter_mut().zip(written) {
                    answer(entry, Ok(outcome));
                }
            }
            Err(e) if range.len() > 1 => {
                tracing::warn!(error = %e, size = range.len(), "ingest batch refused; retrying in halves");
                let mid = range.start + range.len() / 2;
                pending.push(mid..range.end);
                pending.push(range.start..mid);
            }
            Err(e) => {
                // The webhook gets an error, so Twilio retries it later.
                tracing::error!(error = %e, "could not store an inbound entry");
                answer(&mut entries[range.start], Err(()));
            }
        }
    }
}

fn answer(entry: &mut Entry, outcome: Result<Written, ()>) {
    let failed = || AppError::Unavailable("could not store the message; retry".into());
    match entry {
        Entry::Inbound(_, waiters) => {
            for (i, reply) in waiters.drain(..).enumerate() {
                // The first waiter gets what was stored; a same-sid twin is a duplicate.
                let result = match &outcome {
                    Err(()) => Err(failed()),
                    Ok(Written::Inbound(ingested)) if i == 0 => Ok(ingested.clone()),
                    Ok(_) => Ok(Ingested::Duplicate),
                };
                let _ = reply.send(result);
            }
        }
        Entry::Unrouted(_, waiters) => {
            for reply in waiters.drain(..) {
                let _ = reply.send(outcome.as_ref().map(|_| ()).map_err(|()| failed()));
            }
        }
        Entry::Conversation(_, waiters) => {
            for reply in waiters.drain(..) {
                let _ = reply.send(match &outcome {
                    Ok(Written::Conversation(inserted)) => Ok(inserted.clone()),
                    Ok(_) => Ok(Vec::new()),
                    Err(()) => Err(failed()),
                });
            }
        }
    }
}

pub fn preview(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > PREVIEW_CHARS {
        format!("{}…", line.chars().take(PREVIEW_CHARS).collect::<String>())
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inbound(sid: &str) -> NewInbound {
        NewInbound {
            tenant: ConciergerieId(1),
            address: "+33612345678".into(),
            contact_name: None,
            external_id: sid.into(),
            body: "Bonjour".into(),
            preview: "Bonjour".into(),
            media: None,
            location: None,
            received_at: Utc::now(),
        }
    }

    #[test]
    fn the_same_sid_twice_in_a_batch_is_one_entry_answered_twice() {
        let (a, mut a_rx) = oneshot::channel();
        let (b, mut b_rx) = oneshot::channel();
        let (c, _c_rx) = oneshot::channel();
        let ops = vec![
            Op::Inbound(inbound("SM1"), a),
            Op::Inbound(inbound("SM2"), c),
            Op::Inbound(inbound("SM1"), b),
        ];
        let mut entries = group(ops, Utc::now());
        assert_eq!(entries.len(), 2);
        let message = message::Model {
            id: 7,
            conversation_id: 3,
            sender: protocol::Sender::Client,
            body: "Bonjour".into(),
            external_id: Some("SM1".into()),
            status: protocol::MessageStatus::Received,
            error_code: None,
            error_message: None,
            media: None,
            location: None,
            ai_suggestion: None,
            ai_engine: None,
            input_tokens: None,
            output_tokens: None,
            cache_creation_tokens: None,
            cache_read_tokens: None,
            client_ref: None,
            notice: None,
            author_id: None,
            created_at: Utc::now(),
        };
        answer(
            &mut entries[0],
            Ok(Written::Inbound(Ingested::Stored {
                conversation_id: ConversationId(3),
                message: Box::new(message),
            })),
        );
        assert!(matches!(
            a_rx.try_recv(),
            Ok(Ok(Ingested::Stored {
                conversation_id: ConversationId(3),
                ..
            }))
        ));
        assert!(matches!(b_rx.try_recv(), Ok(Ok(Ingested::Duplicate))));
    }

    #[test]
    fn a_failed_entry_fails_every_waiter() {
        let (a, mut a_rx) = oneshot::channel();
        let (b, mut b_rx) = oneshot::channel();
        let ops = vec![
            Op::Inbound(inbound("SM1"), a),
            Op::Inbound(inbound("SM1"), b),
        ];
        let mut entries = group(ops, Utc::now());
        answer(&mut entries[0], Err(()));
        assert!(matches!(a_rx.try_recv(), Ok(Err(AppError::Unavailable(_)))));
        assert!(matches!(b_rx.try_recv(), Ok(Err(AppError::Unavailable(_)))));
    }

    #[test]
    fn messages_are_stamped_with_their_batch_time() {
        let (a, _a_rx) = oneshot::channel();
        let mut early = inbound("SM1");
        early.received_at = Utc::now() + chrono::Duration::hours(1);
        let now = Utc::now();
        let entries = group(vec![Op::Inbound(early, a)], now);
        assert!(matches!(&entries[0], Entry::Inbound(new, _) if new.received_at == now));
    }

    #[test]
    fn previews_are_one_short_line() {
        assert_eq!(preview("Bonjour\n\nà  tous"), "Bonjour à tous");
        let long = "a".repeat(300);
        assert_eq!(preview(&long).chars().count(), 121);
    }
}
