//! The stay a conversation is about: `stay_id` (nullable; cleared when the stay is deleted) and
//! `stay_link_manual`, set when an operator linked or unlinked by hand so the automatic link
//! never overrides their choice.
//!
//! No foreign-key constraint, on purpose: the conversation actor writes its in-memory row without
//! re-reading it, so an `ON DELETE SET NULL` would be undone (or, on PostgreSQL, refused) at its
//! next write; and SQLite cannot add one with ALTER TABLE anyway. A stay id that no longer exists
//! reads as "no stay" (every lookup goes through the tenant's stays).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000003_conversation_stay"
    }
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    StayId,
    StayLinkManual,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Not needed on databases these migrations built; it keeps a hand-patched development
        // database (columns added while this was being written) from failing the start-up.
        if !manager.has_column("conversations", "stay_id").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(Conversations::Table)
                        .add_column(ColumnDef::new(Conversations::StayId).big_integer().null())
                        .to_owned(),
                )
                .await?;
        }
        if !manager
            .has_column("conversations", "stay_link_manual")
            .await?
        {
            manager
                .alter_table(
                    Table::alter()
                        .table(Conversations::Table)
                        .add_column(
                            ColumnDef::new(Conversations::StayLinkManual)
                                .boolean()
                                .not_null()
                                .default(false),
                        )
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Conversations::StayId, Conversations::StayLinkManual] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Conversations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
