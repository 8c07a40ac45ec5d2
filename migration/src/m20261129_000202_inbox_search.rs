//! Full-text search over message bodies, accent- and case-insensitive, backfilled for the
//! messages already stored.
//!
//! SQLite: an FTS5 index over `messages.body` (external content, `unicode61 remove_diacritics 2`)
//! kept in sync by triggers — the ingest writer inserts messages with multi-row statements, and
//! a trigger covers every writer without touching them.
//!
//! PostgreSQL: a stored generated `tsvector` column (`simple` configuration, so no stemming or
//! stop words: a conciergerie's messages are in every language) over the body lowered and folded
//! with `translate()` — `unaccent` is an extension a managed database may not offer, and it is
//! not immutable, so a generated column could not use it. The search folds its query the same
//! way (`backend/src/db/search.rs` holds the same letters). Adding the column fills it for
//! existing rows.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000202_inbox_search"
    }
}

/// Accented letters and what they fold to, one for one (`translate()` maps characters, not
/// strings), lower and upper case (`lower()` leaves non-ASCII letters alone under the `C`
/// collation). Kept equal to `backend/src/db/search.rs`.
pub const ACCENTED: &str =
    "àáâãäåāăąçćčďèéêëēĕėęěìíîïĩīįıñńňòóôõöøōőùúûüũūůűųýÿźżžÀÁÂÃÄÅĀĂĄÇĆČĎÈÉÊËĒĔĖĘĚÌÍÎÏĨĪĮIÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŨŪŮŰŲÝŸŹŻŽ";
pub const FOLDED: &str =
    "aaaaaaaaacccdeeeeeeeeeiiiiiiiinnnoooooooouuuuuuuuuyyzzzaaaaaaaaacccdeeeeeeeeeiiiiiiiinnnoooooooouuuuuuuuuyyzzz";

const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS messages_fts_insert AFTER INSERT ON messages BEGIN INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF body ON messages BEGIN INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body); INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body); END",
    // The backfill: reads every stored message.
    "INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS messages_fts_update",
    "DROP TRIGGER IF EXISTS messages_fts_delete",
    "DROP TRIGGER IF EXISTS messages_fts_insert",
    "DROP TABLE IF EXISTS messages_fts",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for sql in SQLITE_UP {
                    db.execute_unprepared(sql).await?;
                }
            }
            DatabaseBackend::Postgres => {
                assert_eq!(ACCENTED.chars().count(), FOLDED.chars().count());
                db.execute_unprepared(&format!(
                    "ALTER TABLE messages ADD COLUMN IF NOT EXISTS search_vector tsvector \
                     GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, \
                     translate(lower(body), '{ACCENTED}', '{FOLDED}'))) STORED"
                ))
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX IF NOT EXISTS idx_messages_search_vector \
                     ON messages USING GIN (search_vector)",
                )
                .await?;
            }
            other => {
                return Err(DbErr::Migration(format!(
                    "full-text search is not built for {other:?}"
                )))
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for sql in SQLITE_DOWN {
                    db.execute_unprepared(sql).await?;
                }
            }
            _ => {
                db.execute_unprepared("DROP INDEX IF EXISTS idx_messages_search_vector")
                    .await?;
                db.execute_unprepared("ALTER TABLE messages DROP COLUMN IF EXISTS search_vector")
                    .await?;
            }
        }
        Ok(())
    }
}
