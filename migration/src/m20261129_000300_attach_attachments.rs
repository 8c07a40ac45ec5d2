//! `attachments`: files operators upload to send to a guest (images and PDFs). Kept in the
//! database, not on a local disk, so every instance of a PostgreSQL cluster can serve the file
//! Twilio fetches (`GET /media/out/{id}`). The id is the public, unguessable part of that URL.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000300_attach_attachments"
    }
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    ConciergerieId,
    ConversationId,
    ContentType,
    Size,
    Data,
    CreatedAt,
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
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Attachments::Id)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Attachments::ConciergerieId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Attachments::ConversationId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Attachments::ContentType).text().not_null())
                    .col(ColumnDef::new(Attachments::Size).big_integer().not_null())
                    .col(ColumnDef::new(Attachments::Data).blob().not_null())
                    .col(
                        ColumnDef::new(Attachments::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk-attachments-conciergerie_id")
                            .from(Attachments::Table, Attachments::ConciergerieId)
                            .to(Conciergeries::Table, Conciergeries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk-attachments-conversation_id")
                            .from(Attachments::Table, Attachments::ConversationId)
                            .to(Conversations::Table, Conversations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Attachments::Table).to_owned())
            .await
    }
}
