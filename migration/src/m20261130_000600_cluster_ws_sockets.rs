//! `ws_sockets`: the dashboards' open WebSockets on PostgreSQL, one row per socket written by the
//! instance holding it, so the socket limits count the whole cluster (see
//! backend/src/cluster/sockets.rs). Unused on SQLite, where one instance counts in memory;
//! created on both so the schema stays one.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000600_cluster_ws_sockets"
    }
}

#[derive(DeriveIden)]
enum WsSockets {
    Table,
    Id,
    Instance,
    TokenHash,
    Audience,
    SeenAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WsSockets::Table)
                    .if_not_exists()
                    .col(text(WsSockets::Id).primary_key())
                    .col(text(WsSockets::Instance))
                    .col(text(WsSockets::TokenHash))
                    .col(text(WsSockets::Audience))
                    .col(timestamp_with_time_zone(WsSockets::SeenAt))
                    .to_owned(),
            )
            .await?;
        // Admission counts by audience; the heartbeat works on one instance's rows.
        for (name, column) in [
            ("idx_ws_sockets_audience", WsSockets::Audience),
            ("idx_ws_sockets_instance", WsSockets::Instance),
        ] {
            manager
                .create_index(
                    Index::create()
                        .if_not_exists()
                        .name(name)
                        .table(WsSockets::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WsSockets::Table).to_owned())
            .await
    }
}
