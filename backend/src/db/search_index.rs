//! The SQLite full-text index, filled in batches off the ingest path.
//!
//! Indexing inside each ingest transaction (a trigger) made every webhook's commit write and
//! merge FTS5 segments; indexing a thousand stored messages at once costs far less per message.
//! `messages_fts_progress.indexed_up_to` is the highest message id in the index (migration
//! `m20261201_000300_search_index_catch_up`); `catch_up` indexes everything above it. It runs every
//! `SEARCH_INDEX_MS` in the background and before each search, so a search finds a message stored
//! a moment ago. One catch-up at a time: two would index the same rows twice.
//!
//! PostgreSQL keeps its index in a generated column, written with the row: nothing to do there.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement, TransactionTrait,
};
use tokio::sync::Mutex;

use crate::error::AppError;

/// Messages indexed per transaction: bounds how long the write lock is held against ingest.
const CHUNK: i64 = 2_000;

#[derive(Clone)]
pub struct SearchIndex {
    db: DatabaseConnection,
    running: Arc<Mutex<()>>,
}

impl SearchIndex {
    pub fn new(db: DatabaseConnection) -> Self {
        SearchIndex {
            db,
            running: Arc::new(Mutex::new(())),
        }
    }

    /// Indexes every message stored so far; returns how many were added.
    pub async fn catch_up(&self) -> Result<u64, AppError> {
        if self.db.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(0);
        }
        let _one_at_a_time = self.running.lock().await;
        let mut added = 0;
        loop {
            let chunk = self.index_chunk().await?;
            added += chunk;
            if chunk < CHUNK as u64 {
                return Ok(added);
            }
        }
    }

    async fn index_chunk(&self) -> Result<u64, DbErr> {
        let backend = DatabaseBackend::Sqlite;
        let txn = self.db.begin().await?;
        let inserted = txn
            .execute(Statement::from_sql_and_values(
                backend,
                "INSERT INTO messages_fts(rowid, body) \
                 SELECT id, body FROM messages \
                 WHERE id > (SELECT indexed_up_to FROM messages_fts_progress WHERE id = 1) \
                 ORDER BY id LIMIT ?",
                [CHUNK.into()],
            ))
            .await?
            .rows_affected();
        if inserted > 0 {
            txn.execute(Statement::from_sql_and_values(
                backend,
                "UPDATE messages_fts_progress SET indexed_up_to = \
                 (SELECT MAX(id) FROM (SELECT id FROM messages WHERE id > indexed_up_to \
                 ORDER BY id LIMIT ?)) WHERE id = 1",
                [CHUNK.into()],
            ))
            .await?;
        }
        txn.commit().await?;
        Ok(inserted)
    }

    /// Runs `catch_up` every `every`.
    pub fn spawn(self, every: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(every);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                match self.catch_up().await {
                    Ok(0) => {}
                    Ok(added) => tracing::debug!(added, "messages added to the search index"),
                    Err(e) => tracing::warn!(error = %e, "search index catch-up failed"),
                }
            }
        })
    }
}
