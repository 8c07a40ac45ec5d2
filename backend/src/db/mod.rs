//! Database connection and migrations.
//!
//! SQLite is tuned for a server: WAL (readers never wait for the writer), `synchronous=NORMAL`
//! (durable at each checkpoint, safe against corruption), foreign keys on, and a busy timeout so a
//! second writer waits instead of failing.

pub mod activity;
pub mod attachments;
pub mod conversations;
pub mod faqs;
pub mod inbox;
pub mod ingest;
pub mod labels;
pub mod members;
pub mod messages;
pub mod pages;
pub mod properties;
pub mod search;
pub mod search_index;
pub mod stays;
pub mod usage;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use protocol::ConciergerieId;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PrimaryKeyTrait, QueryFilter,
    SqlxPostgresConnector, SqlxSqliteConnector, TransactionTrait,
};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::config::Config;
use crate::error::AppError;

pub async fn connect(config: &Config) -> anyhow::Result<DatabaseConnection> {
    if config.is_sqlite() {
        sqlite_pool(config, 8).await
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

/// The ingest writer's connection. On SQLite, one connection of its own: the writer never
/// queues behind readers for a pooled connection, and that connection's statement cache holds
/// the writer's few statements. On PostgreSQL (and an in-memory SQLite database, which a second
/// pool would not share), the main pool.
pub async fn connect_writer(
    config: &Config,
    main: &DatabaseConnection,
) -> anyhow::Result<DatabaseConnection> {
    let in_memory =
        config.database_url.contains(":memory:") || config.database_url.contains("mode=memory");
    if config.is_sqlite() && !in_memory {
        sqlite_pool(config, 1).await
    } else {
        Ok(main.clone())
    }
}

async fn sqlite_pool(config: &Config, connections: u32) -> anyhow::Result<DatabaseConnection> {
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
        .max_connections(connections)
        // A connection to a local file does not drop like a network one: pinging it before each
        // use only cost a round trip to its thread per query.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the SQLite database `{}`", config.database_url))?;
    Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

/// Where the database's schema stands against the migrations this build knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaState {
    Current,
    /// Migrations of this build not applied yet.
    Behind {
        pending: usize,
    },
    /// Applied migrations this build does not know: a newer build migrated the database.
    Ahead {
        unknown: Vec<String>,
    },
}

pub async fn schema_state(db: &DatabaseConnection) -> Result<SchemaState, sea_orm::DbErr> {
    let known: std::collections::HashSet<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let applied = Migrator::get_migration_models(db).await?;
    let unknown: Vec<String> = applied
        .iter()
        .filter(|m| !known.contains(&m.version))
        .map(|m| m.version.clone())
        .collect();
    if !unknown.is_empty() {
        return Ok(SchemaState::Ahead { unknown });
    }
    let pending = known.len() - applied.len();
    Ok(if pending == 0 {
        SchemaState::Current
    } else {
        SchemaState::Behind { pending }
    })
}

/// Applies the pending migrations. Refuses a schema newer than this build: an older binary
/// started after an upgrade (a rolling upgrade's old half restarting, a rollback) would otherwise
/// write rows the newer schema does not expect.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    let state = schema_state(db)
        .await
        .context("cannot read the applied migrations")?;
    if let SchemaState::Ahead { unknown } = state {
        anyhow::bail!(
            "the database schema is newer than this Majordome build: it has migration(s) {} that \
             this build does not know. Run the newer build (and `majordome migrate` with it); to go \
             back to this one, restore the backup taken before the upgrade",
            unknown.join(", ")
        );
    }
    Migrator::up(db, None)
        .await
        .context("database migration failed")
}

/// The advisory lock that serialises start-up work across instances ("majordom" in ASCII).
const STARTUP_LOCK: i64 = 7_881_697_849_768_177_517;

/// Runs `work` (migrations, seeding) while no other instance on this database runs its own:
/// instances started together on an empty PostgreSQL database would otherwise race to create the
/// same tables and seed the same first admin. The lock is a transaction-scoped advisory lock on a
/// connection of its own, released when the work is done (or the connection dies). SQLite has one
/// instance: nothing to serialise.
pub async fn exclusive_startup<T>(
    db: &DatabaseConnection,
    work: impl std::future::Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return work.await;
    }
    let lock = db.begin().await.context("cannot take the start-up lock")?;
    lock.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({STARTUP_LOCK})"))
        .await
        .context("cannot take the start-up lock")?;
    let result = work.await;
    lock.commit()
        .await
        .context("cannot release the start-up lock")?;
    result
}

/// `majordome migrate`.
pub async fn migrate_only(config: &Config) -> anyhow::Result<()> {
    let db = connect(config).await?;
    exclusive_startup(&db, migrate(&db)).await?;
    tracing::info!("migrations applied; the schema is current");
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
