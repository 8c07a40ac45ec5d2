//! `conversations.assignee_id`: the team member a conversation is assigned to (`NULL`: nobody).
//! Written by the conversation actor like every other column of its row. No foreign key: the
//! actor writes its in-memory row without re-reading (see `conversations.stay_id`), and members
//! are deactivated, never deleted.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000101_team_assignment"
    }
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    ConciergerieId,
    AssigneeId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .add_column(
                        ColumnDef::new(Conversations::AssigneeId)
                            .big_integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // "Mes conversations": one member's conversations within the tenant.
        manager
            .create_index(
                Index::create()
                    .name("idx_conversations_assignee")
                    .table(Conversations::Table)
                    .col(Conversations::ConciergerieId)
                    .col(Conversations::AssigneeId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_conversations_assignee")
                    .table(Conversations::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .drop_column(Conversations::AssigneeId)
                    .to_owned(),
            )
            .await
    }
}
