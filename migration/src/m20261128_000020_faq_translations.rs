//! `faqs.translations`: an entry's answer in other languages, a JSON object keyed by ISO 639-1
//! code (`{"en": "…", "es": "…"}`). The offline responder answers a guest in their language when
//! the entry has it. Existing entries start with none (`NULL`).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261128_000020_faq_translations"
    }
}

#[derive(DeriveIden)]
enum Faqs {
    Table,
    Translations,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The initial migration builds its tables from the current entities, so a fresh database
        // already has the column.
        if manager
            .has_column("faqs", &Faqs::Translations.to_string())
            .await?
        {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Faqs::Table)
                    .add_column(ColumnDef::new(Faqs::Translations).json().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Faqs::Table)
                    .drop_column(Faqs::Translations)
                    .to_owned(),
            )
            .await
    }
}
