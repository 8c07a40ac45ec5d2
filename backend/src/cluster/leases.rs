//! Which instance owns a conversation, on PostgreSQL: a session-level advisory lock per
//! conversation, held on one dedicated connection for as long as this instance runs the
//! conversation's actor.
//!
//! PostgreSQL does the hard part. Only one session can hold a lock, and a session's locks go with
//! it: when an instance dies (even SIGKILL), its connection closes and every conversation it owned
//! is free at once for the others to take over. Nothing here is a clustering protocol of our own.
//!
//! One task owns the connection and handles the requests in order. An instance may run a second
//! actor for a conversation while the first is still stopping (the registry allows it), so locks
//! are counted here: PostgreSQL's lock is taken on the first holder and released with the last.
//! If the connection is lost, every lock went with it: `on_lost` stops every local actor before
//! anything is granted again.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use protocol::ConversationId;
use sqlx::postgres::{PgConnection, PgPool};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::error::AppError;

use super::lock_spaces::CONVERSATION_OWNER as NAMESPACE;

enum Command {
    /// Grants the conversations this instance may own: those it holds already and those whose
    /// lock was free.
    Acquire {
        ids: Vec<ConversationId>,
        reply: oneshot::Sender<Result<Vec<ConversationId>, AppError>>,
    },
    /// One holder is done; answers once PostgreSQL's lock is released (when it was the last).
    Release {
        id: ConversationId,
        done: oneshot::Sender<()>,
    },
}

/// The handle the registry uses; cheap to clone.
#[derive(Clone)]
pub struct Leases {
    commands: mpsc::UnboundedSender<Command>,
    task: Arc<JoinHandle<()>>,
}

impl Leases {
    /// Starts the task that owns the lock connection. `on_lost` runs when the connection (and so
    /// every lock) was lost: the caller must stop every actor it runs.
    pub fn start(pool: PgPool, on_lost: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (commands, queue) = mpsc::unbounded_channel();
        let task = Arc::new(tokio::spawn(run(pool, queue, on_lost)));
        Leases { commands, task }
    }

    /// Closes the lock connection (the server stopped): every conversation is free at once.
    pub fn stop(&self) {
        self.task.abort();
    }

    /// Whether this instance owns the conversation now (taking its lock if it was free).
    pub async fn acquire(&self, id: ConversationId) -> Result<bool, AppError> {
        Ok(!self.acquire_many(vec![id]).await?.is_empty())
    }

    /// The conversations among `ids` this instance owns now.
    pub async fn acquire_many(
        &self,
        ids: Vec<ConversationId>,
    ) -> Result<Vec<ConversationId>, AppError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(Command::Acquire { ids, reply })
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }

    /// Gives up one hold of the conversation; returns once the lock is released if it was the last.
    pub async fn release(&self, id: ConversationId) {
        let (done, released) = oneshot::channel();
        if self.commands.send(Command::Release { id, done }).is_ok() {
            let _ = released.await;
        }
    }
}

fn stopped() -> AppError {
    AppError::Unavailable("conversation ownership is not available (shutting down)".into())
}

/// The lock connection and how many local holders each conversation has.
struct Held {
    /// Detached from the pool: the locks must die with it, never go back to the pool.
    connection: Option<PgConnection>,
    counts: HashMap<ConversationId, usize>,
}

async fn run(
    pool: PgPool,
    mut queue: mpsc::UnboundedReceiver<Command>,
    on_lost: Arc<dyn Fn() + Send + Sync>,
) {
    let mut held = Held {
        connection: None,
        counts: HashMap::new(),
    };
    while let Some(command) = queue.recv().await {
        match command {
            Command::Acquire { ids, reply } => {
                let result = acquire(&pool, &mut held, ids).await;
                if result.is_err() {
                    lost(&mut held, &on_lost);
                }
                let _ = reply.send(result);
            }
            Command::Release { id, done } => {
                if let Err(e) = release(&mut held, id).await {
                    tracing::warn!(conversation_id = %id, error = %e, "cannot release a conversation lock");
                    lost(&mut held, &on_lost);
                }
                let _ = done.send(());
            }
        }
    }
}

/// Every lock went with the connection: forget them, and have every actor stopped.
fn lost(held: &mut Held, on_lost: &Arc<dyn Fn() + Send + Sync>) {
    if held.connection.take().is_some() || !held.counts.is_empty() {
        tracing::error!(
            conversations = held.counts.len(),
            "the conversation lock connection was lost: this instance's actors stop"
        );
        held.counts.clear();
        on_lost();
    }
}

async fn connection<'a>(
    pool: &PgPool,
    held: &'a mut Held,
) -> Result<&'a mut PgConnection, AppError> {
    if held.connection.is_none() {
        let fresh = tokio::time::timeout(Duration::from_secs(5), pool.acquire())
            .await
            .map_err(|_| AppError::Unavailable("no database connection for locks".into()))?
            .map_err(|e| AppError::Internal(e.into()))?;
        held.connection = Some(fresh.detach());
    }
    Ok(held.connection.as_mut().expect("just set"))
}

async fn acquire(
    pool: &PgPool,
    held: &mut Held,
    ids: Vec<ConversationId>,
) -> Result<Vec<ConversationId>, AppError> {
    let (mut granted, wanted): (Vec<_>, Vec<_>) =
        ids.into_iter().partition(|id| held.counts.contains_key(id));
    if !wanted.is_empty() {
        let keys: Vec<i64> = wanted.iter().map(|id| id.0).collect();
        let connection = connection(pool, held).await?;
        // One round trip for the whole set; the key is the id's low 31 bits (ids stay far below).
        let taken: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM unnest($1::int8[]) AS id \
             WHERE pg_try_advisory_lock($2, (id & 2147483647)::int4)",
        )
        .bind(&keys)
        .bind(NAMESPACE)
        .fetch_all(&mut *connection)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
        granted.extend(taken.into_iter().map(ConversationId));
    }
    for id in &granted {
        *held.counts.entry(*id).or_default() += 1;
    }
    Ok(granted)
}

async fn release(held: &mut Held, id: ConversationId) -> Result<(), AppError> {
    let Some(count) = held.counts.get_mut(&id) else {
        // Lost with the connection meanwhile: nothing is held.
        return Ok(());
    };
    *count -= 1;
    if *count > 0 {
        return Ok(());
    }
    held.counts.remove(&id);
    let Some(connection) = held.connection.as_mut() else {
        return Ok(());
    };
    sqlx::query("SELECT pg_advisory_unlock($1, ($2 & 2147483647)::int4)")
        .bind(NAMESPACE)
        .bind(id.0)
        .execute(&mut *connection)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(())
}
