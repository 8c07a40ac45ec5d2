//! Automations (messages timed from stays) and the scheduled messages they plan, one per
//! automation and stay — the unique pair is what makes a message planned and sent once.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000010_automations"
    }
}

#[derive(DeriveIden)]
enum Automations {
    Table,
    Id,
    ConciergerieId,
    PropertyId,
    Name,
    Anchor,
    OffsetDays,
    SendTime,
    Body,
    ContentSid,
    ContentVariables,
    Enabled,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ScheduledMessages {
    Table,
    Id,
    ConciergerieId,
    AutomationId,
    StayId,
    DueAt,
    Status,
    ConversationId,
    MessageId,
    Reason,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Conciergeries {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Properties {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Stays {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Automations::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Automations::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Automations::ConciergerieId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Automations::PropertyId).big_integer())
                    .col(ColumnDef::new(Automations::Name).string().not_null())
                    .col(ColumnDef::new(Automations::Anchor).string().not_null())
                    .col(ColumnDef::new(Automations::OffsetDays).integer().not_null())
                    .col(ColumnDef::new(Automations::SendTime).string().not_null())
                    .col(ColumnDef::new(Automations::Body).text().not_null())
                    .col(ColumnDef::new(Automations::ContentSid).string())
                    .col(ColumnDef::new(Automations::ContentVariables).text())
                    .col(ColumnDef::new(Automations::Enabled).boolean().not_null())
                    .col(
                        ColumnDef::new(Automations::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Automations::Table, Automations::ConciergerieId)
                            .to(Conciergeries::Table, Conciergeries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Automations::Table, Automations::PropertyId)
                            .to(Properties::Table, Properties::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScheduledMessages::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(ScheduledMessages::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ScheduledMessages::ConciergerieId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ScheduledMessages::AutomationId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ScheduledMessages::StayId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ScheduledMessages::DueAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ScheduledMessages::Status)
                            .string()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ScheduledMessages::ConversationId).big_integer())
                    .col(ColumnDef::new(ScheduledMessages::MessageId).big_integer())
                    .col(ColumnDef::new(ScheduledMessages::Reason).text())
                    .col(
                        ColumnDef::new(ScheduledMessages::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ScheduledMessages::Table, ScheduledMessages::AutomationId)
                            .to(Automations::Table, Automations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ScheduledMessages::Table, ScheduledMessages::StayId)
                            .to(Stays::Table, Stays::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("scheduled_messages_once_per_stay")
                    .table(ScheduledMessages::Table)
                    .col(ScheduledMessages::AutomationId)
                    .col(ScheduledMessages::StayId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("scheduled_messages_due")
                    .table(ScheduledMessages::Table)
                    .col(ScheduledMessages::Status)
                    .col(ScheduledMessages::DueAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ScheduledMessages::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Automations::Table).to_owned())
            .await
    }
}
