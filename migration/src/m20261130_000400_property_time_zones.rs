//! `properties.time_zone` and `conciergeries.time_zone`: IANA names (`Europe/Paris`). A property's
//! dates and times of day (check-in, automations, "arriving today") are read in its zone; a new
//! property takes its conciergerie's zone unless told otherwise. Every existing row gets
//! `Europe/Paris`, where the first conciergeries are.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000400_property_time_zones"
    }
}

#[derive(DeriveIden)]
enum Properties {
    Table,
}

#[derive(DeriveIden)]
enum Conciergeries {
    Table,
}

#[derive(DeriveIden)]
enum Col {
    TimeZone,
}

const DEFAULT_ZONE: &str = "Europe/Paris";

async fn add_zone(manager: &SchemaManager<'_>, table: impl Iden + 'static) -> Result<(), DbErr> {
    let name = table.to_string();
    // The initial migration builds `conciergeries` from the current entity, so a fresh database
    // already has that column.
    if manager
        .has_column(&name, &Col::TimeZone.to_string())
        .await?
    {
        return Ok(());
    }
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(
                    ColumnDef::new(Col::TimeZone)
                        .string_len(64)
                        .not_null()
                        .default(DEFAULT_ZONE),
                )
                .to_owned(),
        )
        .await
}

async fn drop_zone(manager: &SchemaManager<'_>, table: impl Iden + 'static) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .drop_column(Col::TimeZone)
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_zone(manager, Conciergeries::Table).await?;
        add_zone(manager, Properties::Table).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_zone(manager, Properties::Table).await?;
        drop_zone(manager, Conciergeries::Table).await
    }
}
