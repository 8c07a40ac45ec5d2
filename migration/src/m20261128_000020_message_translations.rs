//! `message_translations`: a guest message's language and its French translation (with Claude),
//! computed once when a dashboard first shows the message. One row per message, deleted with it.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000020_message_translations"
    }
}

#[derive(DeriveIden)]
enum MessageTranslations {
    Table,
    MessageId,
    Language,
    Text,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MessageTranslations::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(MessageTranslations::MessageId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(MessageTranslations::Language)
                            .text()
                            .not_null(),
                    )
                    .col(ColumnDef::new(MessageTranslations::Text).text().null())
                    .col(
                        ColumnDef::new(MessageTranslations::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk-message_translations-message_id")
                            .from(MessageTranslations::Table, MessageTranslations::MessageId)
                            .to(Messages::Table, Messages::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MessageTranslations::Table).to_owned())
            .await
    }
}
