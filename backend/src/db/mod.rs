//! Database connection and migrations.
//!
//! SQLite is tuned for a server: WAL (readers never wait for the writer), `synchronous=NORMAL`
//! (durable at each checkpoint, safe against corruption), foreign keys on, and a busy timeout so a
//! second writer waits instead of failing.

pub mod activity;
pub mod conversations;
pub mod faqs;
pub mod ingest;
pub mod messages;
pub mod pages;
pub mod properties;
pub mod stays;
pub mod usage;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use protocol::ConciergerieId;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PrimaryKeyTrait, QueryFilter,
    SqlxPostgresConnector, SqlxSqliteConnector,
};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::config::Config;
use crate::error::AppError;

pub async fn connect(config: &Config) -> anyhow::Result<DatabaseConnection> {
    if config.is_sqlite() {
        let options = SqliteConnectOptions::from_str(&config.database_url)
            .with_context(|| {
                format!(
                    "DATABASE_URL `{}` is not a valid SQLite URL",
                    config.database_url
                )
            })?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .with_context(|| {
                format!("cannot open the SQLite database `{}`", config.database_url)
            })?;
        Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
    } else {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(&config.database_url)
            .await
            .context("cannot connect to PostgreSQL (DATABASE_URL)")?;
        Ok(SqlxPostgresConnector::from_sqlx_postgres_pool(pool))
    }
}

pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None)
        .await
        .context("database migration failed")
}

/// `majordome migrate`.
pub async fn migrate_only(config: &Config) -> anyhow::Result<()> {
    let db = connect(config).await?;
    migrate(&db).await?;
    tracing::info!("migrations applied");
    Ok(())
}

/// One row of a conciergerie's own table (`owner` is its conciergerie column). Another tenant's
/// id is a 404, exactly like an id that does not exist, so ids reveal nothing across tenants.
pub async fn find_owned<E>(
    db: &impl ConnectionTrait,
    owner: E::Column,
    tenant: ConciergerieId,
    id: i64,
    what: &'static str,
) -> Result<E::Model, AppError>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i64>,
{
    E::find_by_id(id)
        .filter(owner.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(AppError::NotFound(what))
}
