//! Properties (logements), stays (séjours), and property-scoped FAQ entries.
//!
//! Spelled out column by column (not derived from the entities) so that this migration keeps
//! meaning what it meant when it was released, whatever the entities become.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000002_properties_and_stays"
    }
}

#[derive(DeriveIden)]
enum Properties {
    Table,
    Id,
    ConciergerieId,
    Name,
    Address,
    CheckInTime,
    CheckOutTime,
    ArrivalInstructions,
    IcalUrls,
    LastSyncAt,
    LastSyncError,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Stays {
    Table,
    Id,
    ConciergerieId,
    PropertyId,
    GuestName,
    WhatsappNumber,
    PhoneLastDigits,
    Arrival,
    Departure,
    Guests,
    Source,
    Status,
    Origin,
    ExternalUid,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Faqs {
    Table,
    PropertyId,
    Sensitive,
}

#[derive(DeriveIden)]
enum Conciergeries {
    Table,
    Id,
}

fn properties_table() -> TableCreateStatement {
    Table::create()
        .table(Properties::Table)
        .if_not_exists()
        .col(
            ColumnDef::new(Properties::Id)
                .big_integer()
                .not_null()
                .auto_increment()
                .primary_key(),
        )
        .col(
            ColumnDef::new(Properties::ConciergerieId)
                .big_integer()
                .not_null(),
        )
        .col(ColumnDef::new(Properties::Name).string().not_null())
        .col(ColumnDef::new(Properties::Address).string().not_null())
        .col(ColumnDef::new(Properties::CheckInTime).string().not_null())
        .col(ColumnDef::new(Properties::CheckOutTime).string().not_null())
        .col(
            ColumnDef::new(Properties::ArrivalInstructions)
                .text()
                .not_null(),
        )
        .col(ColumnDef::new(Properties::IcalUrls).json().not_null())
        .col(ColumnDef::new(Properties::LastSyncAt).timestamp_with_time_zone())
        .col(ColumnDef::new(Properties::LastSyncError).text())
        .col(
            ColumnDef::new(Properties::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(Properties::UpdatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(
            ForeignKey::create()
                .from(Properties::Table, Properties::ConciergerieId)
                .to(Conciergeries::Table, Conciergeries::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

fn stays_table() -> TableCreateStatement {
    Table::create()
        .table(Stays::Table)
        .if_not_exists()
        .col(
            ColumnDef::new(Stays::Id)
                .big_integer()
                .not_null()
                .auto_increment()
                .primary_key(),
        )
        .col(
            ColumnDef::new(Stays::ConciergerieId)
                .big_integer()
                .not_null(),
        )
        .col(ColumnDef::new(Stays::PropertyId).big_integer().not_null())
        .col(ColumnDef::new(Stays::GuestName).string().not_null())
        .col(ColumnDef::new(Stays::WhatsappNumber).string())
        .col(ColumnDef::new(Stays::PhoneLastDigits).string())
        .col(ColumnDef::new(Stays::Arrival).date().not_null())
        .col(ColumnDef::new(Stays::Departure).date().not_null())
        .col(ColumnDef::new(Stays::Guests).integer())
        .col(ColumnDef::new(Stays::Source).string().not_null())
        .col(ColumnDef::new(Stays::Status).string().not_null())
        .col(ColumnDef::new(Stays::Origin).string().not_null())
        .col(ColumnDef::new(Stays::ExternalUid).string())
        .col(
            ColumnDef::new(Stays::CreatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new(Stays::UpdatedAt)
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(
            ForeignKey::create()
                .from(Stays::Table, Stays::ConciergerieId)
                .to(Conciergeries::Table, Conciergeries::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        // A property with stays cannot be deleted (the API answers 409 first).
        .foreign_key(
            ForeignKey::create()
                .from(Stays::Table, Stays::PropertyId)
                .to(Properties::Table, Properties::Id)
                .on_delete(ForeignKeyAction::Restrict),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(properties_table()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_properties_tenant")
                    .table(Properties::Table)
                    .col(Properties::ConciergerieId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        manager.create_table(stays_table()).await?;
        // Listing by tenant and dates, and finding a guest's current or next stay.
        manager
            .create_index(
                Index::create()
                    .name("idx_stays_tenant_arrival")
                    .table(Stays::Table)
                    .col(Stays::ConciergerieId)
                    .col(Stays::Arrival)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stays_tenant_whatsapp")
                    .table(Stays::Table)
                    .col(Stays::ConciergerieId)
                    .col(Stays::WhatsappNumber)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        // One stay per calendar event and property: the iCal sync upserts on it. NULLs (stays
        // typed in by hand) do not collide.
        manager
            .create_index(
                Index::create()
                    .name("idx_stays_property_uid")
                    .table(Stays::Table)
                    .col(Stays::PropertyId)
                    .col(Stays::ExternalUid)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        // Release 0.1.0's initial migration derived the `faqs` table from the entity as it then
        // was; databases created after the entity grew these columns already have them, so
        // each one is added only where it is missing.
        if !manager.has_column("faqs", "property_id").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(Faqs::Table)
                        .add_column(ColumnDef::new(Faqs::PropertyId).big_integer().null())
                        .to_owned(),
                )
                .await?;
        }
        if !manager.has_column("faqs", "sensitive").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(Faqs::Table)
                        .add_column(
                            ColumnDef::new(Faqs::Sensitive)
                                .boolean()
                                .not_null()
                                .default(false),
                        )
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_faqs_property")
                    .table(Faqs::Table)
                    .col(Faqs::PropertyId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_faqs_property")
                    .table(Faqs::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Faqs::Sensitive, Faqs::PropertyId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Faqs::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Stays::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Properties::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
