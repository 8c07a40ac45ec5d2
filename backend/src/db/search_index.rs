//! SQLite's full-text index: a file of its own beside the database, filled in batches off the
//! ingest path.
//!
//! Indexing inside each ingest transaction (a trigger) made every webhook's commit write and
//! merge FTS5 segments under SQLite's single write lock; batches written into the main file
//! still held that lock long enough to show in the webhook → dashboard tail
//! (docs/BENCHMARKS.md, session 6). In `<database>.search` the index has its own lock and its
//! own connection: ingest never waits for it.
//!
//! The file holds derived data only: each message's words with its conciergerie and time, and
//! `index_state.indexed_up_to`, the highest message id indexed. `catch_up` reads what lies above
//! it from the main database (a read: no write lock there) every `SEARCH_INDEX_MS` and before
//! each search, so a search finds a message stored a moment ago. Message ids grow with each
//! insert and SQLite commits one writer at a time, so "above the watermark" is exactly "not
//! indexed yet". A missing file, or one built from another database (a restored backup, a new
//! database at the same path), is rebuilt from the messages. One catch-up at a time: two would
//! index the same rows twice.
//!
//! PostgreSQL keeps its index in a generated column, written with the row: nothing to do there.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, FromQueryResult,
    SqlxSqliteConnector, Statement, TransactionTrait, Value,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use tokio::sync::Mutex;

use crate::config::Config;
use crate::error::AppError;
use protocol::{ConciergerieId, Sender};

/// Messages read and indexed per transaction (four values each, far below SQLite's 32 766).
const CHUNK: i64 = 500;
const SQLITE: DatabaseBackend = DatabaseBackend::Sqlite;

#[derive(Clone)]
pub struct SearchIndex {
    main: DatabaseConnection,
    /// The index file's connection; `None` on PostgreSQL.
    index: Option<DatabaseConnection>,
    running: Arc<Mutex<()>>,
}

#[derive(FromQueryResult)]
struct Stored {
    id: i64,
    body: String,
    sender: Sender,
    conciergerie_id: i64,
    created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(FromQueryResult)]
struct Hit {
    id: i64,
}

impl SearchIndex {
    /// Opens (or creates) the index file of `config`'s SQLite database and checks that it was
    /// built from this database; on PostgreSQL, nothing to open.
    pub async fn open(config: &Config, main: DatabaseConnection) -> anyhow::Result<Self> {
        let index = if config.is_sqlite() {
            let index = connect(config).await?;
            prepare(&main, &index)
                .await
                .context("cannot prepare the search index")?;
            Some(index)
        } else {
            None
        };
        Ok(SearchIndex {
            main,
            index,
            running: Arc::new(Mutex::new(())),
        })
    }

    /// Indexes every message stored so far; returns how many were added.
    pub async fn catch_up(&self) -> Result<u64, AppError> {
        let Some(index) = &self.index else {
            return Ok(0);
        };
        let _one_at_a_time = self.running.lock().await;
        let mut added = 0;
        loop {
            let (indexed, read) = index_chunk(&self.main, index).await?;
            added += indexed;
            if read < CHUNK as u64 {
                return Ok(added);
            }
        }
    }

    /// On SQLite, the ids of `tenant`'s messages matching the FTS5 `query`, newest first;
    /// `None` on PostgreSQL (the caller queries the generated column).
    pub async fn matching(
        &self,
        tenant: ConciergerieId,
        query: &str,
        limit: u64,
    ) -> Result<Option<Vec<i64>>, AppError> {
        let Some(index) = &self.index else {
            return Ok(None);
        };
        let hits = Hit::find_by_statement(Statement::from_sql_and_values(
            SQLITE,
            "SELECT rowid AS id FROM messages_fts \
             WHERE messages_fts MATCH ? AND conciergerie_id = ? \
             ORDER BY created_at DESC, rowid DESC LIMIT ?",
            [query.into(), tenant.0.into(), (limit as i64).into()],
        ))
        .all(index)
        .await?;
        Ok(Some(hits.into_iter().map(|h| h.id).collect()))
    }

    /// The highest message id in the index; `None` on PostgreSQL (indexed with the row).
    pub async fn indexed_up_to(&self) -> Result<Option<i64>, AppError> {
        let Some(index) = &self.index else {
            return Ok(None);
        };
        Ok(Some(watermark(index).await?))
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

/// `<database file>.search`, or a private in-memory database when the main one is in memory.
async fn connect(config: &Config) -> anyhow::Result<DatabaseConnection> {
    let main = SqliteConnectOptions::from_str(&config.database_url)
        .context("DATABASE_URL is not a valid SQLite URL")?;
    let in_memory =
        config.database_url.contains(":memory:") || config.database_url.contains("mode=memory");
    let options = if in_memory {
        SqliteConnectOptions::from_str("sqlite::memory:")?
    } else {
        let mut file = main.get_filename().as_os_str().to_owned();
        file.push(".search");
        SqliteConnectOptions::new()
            .filename(file)
            .create_if_missing(true)
    }
    .journal_mode(SqliteJournalMode::Wal)
    .synchronous(SqliteSynchronous::Normal)
    .busy_timeout(Duration::from_secs(10));
    // One connection, never recycled: an in-memory index lives as long as it does.
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .context("cannot open the search index file")?;
    Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

/// Creates the index's tables; starts it over when it was not built from `main` as it is now.
async fn prepare(main: &DatabaseConnection, index: &DatabaseConnection) -> Result<(), DbErr> {
    for sql in [
        "CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(\
            body, conciergerie_id UNINDEXED, created_at UNINDEXED, \
            tokenize = 'unicode61 remove_diacritics 2')",
        "CREATE TABLE IF NOT EXISTS index_state (\
            id INTEGER PRIMARY KEY CHECK (id = 1), \
            source TEXT NOT NULL, \
            indexed_up_to INTEGER NOT NULL)",
    ] {
        index.execute_unprepared(sql).await?;
    }
    let source = source_of(main).await?;
    let newest = main
        .query_one(Statement::from_string(
            SQLITE,
            "SELECT COALESCE(MAX(id), 0) FROM messages",
        ))
        .await?
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    let state = index
        .query_one(Statement::from_string(
            SQLITE,
            "SELECT source, indexed_up_to FROM index_state WHERE id = 1",
        ))
        .await?;
    let current = match state {
        Some(row) => {
            let (built_from, up_to): (String, i64) =
                (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
            // Ahead of the database: it was replaced by an older copy, whose next ids would
            // meet other messages' words.
            built_from == source && up_to <= newest
        }
        None => false,
    };
    if !current {
        tracing::info!("building the search index from the stored messages");
        let txn = index.begin().await?;
        txn.execute_unprepared("DELETE FROM messages_fts").await?;
        txn.execute(Statement::from_sql_and_values(
            SQLITE,
            "INSERT OR REPLACE INTO index_state (id, source, indexed_up_to) VALUES (1, ?, 0)",
            [source.into()],
        ))
        .await?;
        txn.commit().await?;
    }
    Ok(())
}

/// What tells this database from another: when its first migration was applied.
async fn source_of(main: &DatabaseConnection) -> Result<String, DbErr> {
    let row = main
        .query_one(Statement::from_string(
            SQLITE,
            "SELECT version || ':' || applied_at FROM seaql_migrations ORDER BY version LIMIT 1",
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get_by_index::<String>(0))
        .transpose()?
        .unwrap_or_default())
}

async fn watermark(index: &DatabaseConnection) -> Result<i64, DbErr> {
    Ok(index
        .query_one(Statement::from_string(
            SQLITE,
            "SELECT indexed_up_to FROM index_state WHERE id = 1",
        ))
        .await?
        .map(|row| row.try_get_by_index(0))
        .transpose()?
        .unwrap_or(0))
}

/// Indexes the next `CHUNK` stored messages (system records are read but not indexed: nobody
/// searches for them); returns (indexed, read).
async fn index_chunk(
    main: &DatabaseConnection,
    index: &DatabaseConnection,
) -> Result<(u64, u64), DbErr> {
    let up_to = watermark(index).await?;
    let stored = Stored::find_by_statement(Statement::from_sql_and_values(
        SQLITE,
        "SELECT m.id AS id, m.body AS body, m.sender AS sender, \
         c.conciergerie_id AS conciergerie_id, m.created_at AS created_at \
         FROM messages m JOIN conversations c ON c.id = m.conversation_id \
         WHERE m.id > ? ORDER BY m.id LIMIT ?",
        [up_to.into(), CHUNK.into()],
    ))
    .all(main)
    .await?;
    let Some(last) = stored.last().map(|m| m.id) else {
        return Ok((0, 0));
    };
    let rows: Vec<&Stored> = stored
        .iter()
        .filter(|m| m.sender != Sender::System)
        .collect();
    let txn = index.begin().await?;
    if !rows.is_empty() {
        // One statement for the chunk: each statement is a round trip to the connection's thread.
        let mut sql = String::from(
            "INSERT INTO messages_fts (rowid, body, conciergerie_id, created_at) VALUES ",
        );
        let mut values: Vec<Value> = Vec::with_capacity(rows.len() * 4);
        for (i, message) in rows.iter().enumerate() {
            sql.push_str(if i == 0 {
                "(?, ?, ?, ?)"
            } else {
                ", (?, ?, ?, ?)"
            });
            values.extend([
                message.id.into(),
                message.body.as_str().into(),
                message.conciergerie_id.into(),
                message.created_at.timestamp_micros().into(),
            ]);
        }
        txn.execute(Statement::from_sql_and_values(SQLITE, sql, values))
            .await?;
    }
    txn.execute(Statement::from_sql_and_values(
        SQLITE,
        "UPDATE index_state SET indexed_up_to = ? WHERE id = 1",
        [last.into()],
    ))
    .await?;
    txn.commit().await?;
    Ok((rows.len() as u64, stored.len() as u64))
}
