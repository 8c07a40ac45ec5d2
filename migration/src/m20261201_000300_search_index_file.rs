//! SQLite: the full-text index leaves the main database for a file of its own, filled in batches
//! after messages are stored (`backend/src/db/search_index.rs`), instead of by a trigger inside
//! every ingest transaction.
//!
//! Measured (docs/BENCHMARKS.md, session 6): the trigger made every ingest commit write and merge
//! FTS5 segments under SQLite's single write lock, which cost about a fifth of the server's CPU
//! per webhook and doubled the webhook → dashboard p99; batches written into the same file still
//! held that lock long enough to show in the tail. In its own file the index has its own lock.
//!
//! This drops the index and its triggers from the main database; the server rebuilds the index
//! file from the messages at its next start (it is derived data).
//!
//! PostgreSQL is untouched: its `search_vector` is a generated column.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000300_search_index_file"
    }
}

const SQLITE_UP: &[&str] = &[
    "DROP TRIGGER IF EXISTS messages_fts_insert",
    "DROP TRIGGER IF EXISTS messages_fts_delete",
    "DROP TRIGGER IF EXISTS messages_fts_update",
    "DROP TABLE IF EXISTS messages_fts",
];

/// Back to the index of `m20261129_000202_inbox_search`, rebuilt from the messages.
const SQLITE_DOWN: &[&str] = &[
    "CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
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
