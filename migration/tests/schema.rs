//! The migrations against a database written by release 0.1.0 (`backend/tests/fixtures`): a new
//! database must be built exactly as the released ones were, so that both go through the same
//! later migrations and end up with one schema.

use std::path::{Path, PathBuf};

use majordome_migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};

const FIXTURE_0_1_0: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../backend/tests/fixtures/db-0.1.0.sqlite"
);

/// Every table and index as SQLite stores its definition: the text of the `CREATE` statement,
/// with whatever `ALTER TABLE` later changed in it.
async fn schema(db: &DatabaseConnection) -> Vec<(String, String, String)> {
    let rows = db
        .query_all(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT type, name, sql FROM sqlite_master \
             WHERE name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations' \
             ORDER BY type, name",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|row| {
            (
                row.try_get("", "type").unwrap(),
                row.try_get("", "name").unwrap(),
                row.try_get("", "sql").unwrap(),
            )
        })
        .collect()
}

async fn open(path: &Path) -> DatabaseConnection {
    Database::connect(format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .unwrap()
}

/// A writable copy of the 0.1.0 database (the fixture itself is read-only).
fn copy_of_fixture(dir: &Path) -> PathBuf {
    let path = dir.join("db-0.1.0.sqlite");
    std::fs::write(&path, std::fs::read(FIXTURE_0_1_0).unwrap()).unwrap();
    path
}

#[tokio::test]
async fn the_initial_migration_builds_what_release_0_1_0_built() {
    let dir = tempfile::tempdir().unwrap();
    let released = open(&copy_of_fixture(dir.path())).await;
    let fresh = open(&dir.path().join("fresh.sqlite")).await;

    Migrator::up(&fresh, Some(1)).await.unwrap();

    let expected = schema(&released).await;
    assert!(expected.iter().any(|(_, name, _)| name == "faqs"));
    assert_eq!(schema(&fresh).await, expected);
}

#[tokio::test]
async fn a_new_database_and_an_upgraded_0_1_0_database_end_with_the_same_schema() {
    let dir = tempfile::tempdir().unwrap();
    let upgraded = open(&copy_of_fixture(dir.path())).await;
    let fresh = open(&dir.path().join("fresh.sqlite")).await;

    Migrator::up(&upgraded, None).await.unwrap();
    Migrator::up(&fresh, None).await.unwrap();

    let expected = schema(&upgraded).await;
    assert!(expected.iter().any(|(_, name, _)| name == "stays"));
    assert_eq!(schema(&fresh).await, expected);
}
