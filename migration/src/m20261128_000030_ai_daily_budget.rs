//! `conciergeries.ai_daily_budget_usd`: what the platform admin lets one conciergerie spend on
//! Claude per UTC day. `NULL` (every existing conciergerie) means no limit.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000030_ai_daily_budget"
    }
}

#[derive(DeriveIden)]
enum Conciergeries {
    Table,
    AiDailyBudgetUsd,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The initial migration builds its tables from the current entities, so a fresh database
        // already has the column.
        if manager
            .has_column(
                "conciergeries",
                &Conciergeries::AiDailyBudgetUsd.to_string(),
            )
            .await?
        {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Conciergeries::Table)
                    .add_column(
                        ColumnDef::new(Conciergeries::AiDailyBudgetUsd)
                            .double()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Conciergeries::Table)
                    .drop_column(Conciergeries::AiDailyBudgetUsd)
                    .to_owned(),
            )
            .await
    }
}
