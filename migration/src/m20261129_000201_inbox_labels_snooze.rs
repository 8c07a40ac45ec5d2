//! Labels (`labels`, unique name per conciergerie, a colour from a fixed palette), labels on
//! conversations (`conversation_labels`, removed with their label or conversation), and
//! `conversations.snoozed_until` (set aside until then; the snooze sweep wakes it).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000201_inbox_labels_snooze"
    }
}

#[derive(DeriveIden)]
enum Labels {
    Table,
    Id,
    ConciergerieId,
    Name,
    Colour,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ConversationLabels {
    Table,
    ConversationId,
    LabelId,
}

#[derive(DeriveIden)]
enum Conciergeries {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
    SnoozedUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Labels::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Labels::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Labels::ConciergerieId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Labels::Name).string().not_null())
                    .col(ColumnDef::new(Labels::Colour).string().not_null())
                    .col(
                        ColumnDef::new(Labels::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Labels::Table, Labels::ConciergerieId)
                            .to(Conciergeries::Table, Conciergeries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_labels_conciergerie_name")
                    .table(Labels::Table)
                    .col(Labels::ConciergerieId)
                    .col(Labels::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConversationLabels::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(ConversationLabels::ConversationId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConversationLabels::LabelId)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ConversationLabels::ConversationId)
                            .col(ConversationLabels::LabelId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ConversationLabels::Table,
                                ConversationLabels::ConversationId,
                            )
                            .to(Conversations::Table, Conversations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ConversationLabels::Table, ConversationLabels::LabelId)
                            .to(Labels::Table, Labels::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The inbox's `?label=` filter looks conversations up by label.
        manager
            .create_index(
                Index::create()
                    .name("idx_conversation_labels_label")
                    .table(ConversationLabels::Table)
                    .col(ConversationLabels::LabelId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .add_column(
                        ColumnDef::new(Conversations::SnoozedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // The snooze sweep asks for the due ones every few seconds.
        manager
            .create_index(
                Index::create()
                    .name("idx_conversations_snoozed_until")
                    .table(Conversations::Table)
                    .col(Conversations::SnoozedUntil)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_conversations_snoozed_until")
                    .table(Conversations::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Conversations::Table)
                    .drop_column(Conversations::SnoozedUntil)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ConversationLabels::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Labels::Table).to_owned())
            .await
    }
}
