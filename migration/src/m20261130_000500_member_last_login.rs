//! `members.last_login_at`: when the member last logged in (`NULL`: never since this column
//! exists). Shown to the platform admin with the team; sessions cannot tell it, they are deleted
//! at logout and revocation.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000500_member_last_login"
    }
}

#[derive(DeriveIden)]
enum Members {
    Table,
    LastLoginAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut column = ColumnDef::new(Members::LastLoginAt);
        crate::columns::add(
            manager,
            Members::Table,
            column.timestamp_with_time_zone().null(),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::columns::drop(manager, Members::Table, Members::LastLoginAt).await
    }
}
