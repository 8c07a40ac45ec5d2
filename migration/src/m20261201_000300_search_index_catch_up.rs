//! SQLite: messages enter the full-text index in batches, after they are stored, instead of by a
//! trigger inside every ingest transaction.
//!
//! The insert trigger of `m20261129_000202_inbox_search` made every webhook's commit also write
//! the FTS5 segment of its batch (and merge segments), which measured about a fifth of the
//! server's CPU per webhook. Now `messages_fts_progress` holds the highest message id already
//! indexed; the server indexes what lies above it every second, and before every search, so a
//! search still finds a message stored a moment ago (`backend/src/db/search_index.rs`). Message
//! ids grow with each insert and SQLite commits one writer at a time, so "above the watermark" is
//! exactly "not indexed yet".
//!
//! The delete and update triggers stay, guarded: a message not indexed yet has nothing in the
//! index to remove (removing absent terms would corrupt an external-content FTS5 table).
//!
//! PostgreSQL is untouched: its `search_vector` is a generated column.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000300_search_index_catch_up"
    }
}

const SQLITE_UP: &[&str] = &[
    "DROP TRIGGER IF EXISTS messages_fts_insert",
    "DROP TRIGGER IF EXISTS messages_fts_delete",
    "DROP TRIGGER IF EXISTS messages_fts_update",
    "CREATE TABLE IF NOT EXISTS messages_fts_progress (\
        id INTEGER PRIMARY KEY CHECK (id = 1), \
        indexed_up_to INTEGER NOT NULL)",
    // Everything stored so far went through the insert trigger.
    "INSERT OR REPLACE INTO messages_fts_progress (id, indexed_up_to) \
        VALUES (1, COALESCE((SELECT MAX(id) FROM messages), 0))",
    "CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages \
        WHEN old.id <= (SELECT indexed_up_to FROM messages_fts_progress WHERE id = 1) BEGIN \
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF body ON messages \
        WHEN old.id <= (SELECT indexed_up_to FROM messages_fts_progress WHERE id = 1) BEGIN \
        INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); \
        INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body); END",
];

/// Back to the trigger of `m20261129_000202`, with the index rebuilt so that the messages the
/// batches had not reached are in it.
const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS messages_fts_update",
    "DROP TRIGGER IF EXISTS messages_fts_delete",
    "DROP TABLE IF EXISTS messages_fts_progress",
    "CREATE TRIGGER IF NOT EXISTS messages_fts_insert AFTER INSERT ON messages BEGIN INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF body ON messages BEGIN INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body); END",
    "INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')",
];

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    if manager.get_database_backend() != DatabaseBackend::Sqlite {
        return Ok(());
    }
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, SQLITE_DOWN).await
    }
}
