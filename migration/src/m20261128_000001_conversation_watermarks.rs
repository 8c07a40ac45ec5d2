//! Two watermarks on a conversation, so its row can be rebuilt and the AI never decides twice:
//! `last_guest_message_id` is the newest guest message the row reflects (unread count, preview,
//! timestamps); `ai_decided_message_id` is the newest guest message the AI or an operator has dealt
//! with. Existing conversations start with both at their newest guest message.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000001_conversation_watermarks"
    }
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    LastGuestMessageId,
    AiDecidedMessageId,
}

const BACKFILL: &str = "UPDATE conversations SET \
     last_guest_message_id = (SELECT MAX(m.id) FROM messages m \
         WHERE m.conversation_id = conversations.id AND m.sender = 'client'), \
     ai_decided_message_id = (SELECT MAX(m.id) FROM messages m \
         WHERE m.conversation_id = conversations.id AND m.sender = 'client')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE. The initial migration builds its tables from
        // the current entities, so a fresh database already has the columns.
        for column in [
            Conversations::LastGuestMessageId,
            Conversations::AiDecidedMessageId,
        ] {
            if manager
                .has_column("conversations", &column.to_string())
                .await?
            {
                continue;
            }
            manager
                .alter_table(
                    Table::alter()
                        .table(Conversations::Table)
                        .add_column(ColumnDef::new(column).big_integer().null())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(BACKFILL)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Conversations::LastGuestMessageId,
            Conversations::AiDecidedMessageId,
        ] {
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
