//! `conversations.urgent`: the guest reported an emergency (leak, lock-out, no heating…) that no
//! operator has answered yet. The inbox lists these first. Existing conversations start not urgent.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000003_conversation_urgent"
    }
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Urgent,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The initial migration builds its tables from the current entities, so a fresh database
        // already has the column.
        if manager
            .has_column("conversations", &Conversations::Urgent.to_string())
            .await?
        {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .add_column(
                        ColumnDef::new(Conversations::Urgent)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .drop_column(Conversations::Urgent)
                    .to_owned(),
            )
            .await
    }
}
