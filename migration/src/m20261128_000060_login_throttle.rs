//! `login_throttle`: the login limiter's failure counts on PostgreSQL, shared by every instance
//! (see backend/src/auth/rate_limit/postgres.rs). Unused on SQLite, where one instance keeps them
//! in memory; created on both so the schema stays one.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000060_login_throttle"
    }
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Count,
    StartedAt,
    LastAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(LoginThrottle::Key)
                            .text()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(LoginThrottle::Count).integer().not_null())
                    .col(
                        ColumnDef::new(LoginThrottle::StartedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LoginThrottle::LastAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        // Pruning reads by age.
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("idx_login_throttle_last_at")
                    .table(LoginThrottle::Table)
                    .col(LoginThrottle::LastAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LoginThrottle::Table).to_owned())
            .await
    }
}
