//! `members`: a conciergerie's team, one operator account each (issue 14). Every existing
//! conciergerie gets an owner member from its current login (email, password hash), so the login
//! that worked before the upgrade keeps working, now as the owner. Sessions record their member
//! (`sessions.member_id`; open operator sessions are handed to the owner, nobody is logged out)
//! and operator messages and notes their author (`messages.author_id`; older ones have none).
//!
//! `conciergeries.email` / `password_hash` stay (the initial table is frozen) but are no longer
//! read for logins. `member_id` and `author_id` are plain columns: SQLite cannot add a foreign
//! key to an existing table, and members are deactivated, never deleted.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000100_team_members"
    }
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
    ConciergerieId,
    Email,
    Name,
    PasswordHash,
    Role,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Conciergeries {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    MemberId,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    AuthorId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Members::Table)
                    .col(
                        ColumnDef::new(Members::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Members::ConciergerieId)
                            .big_integer()
                            .not_null(),
                    )
                    // Unique platform-wide: the email alone says whom a login is for.
                    .col(
                        ColumnDef::new(Members::Email)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Members::Name).string().not_null())
                    .col(ColumnDef::new(Members::PasswordHash).string().not_null())
                    .col(ColumnDef::new(Members::Role).text().not_null())
                    .col(ColumnDef::new(Members::Active).boolean().not_null())
                    .col(
                        ColumnDef::new(Members::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Members::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_members_conciergerie")
                            .from(Members::Table, Members::ConciergerieId)
                            .to(Conciergeries::Table, Conciergeries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_members_conciergerie")
                    .table(Members::Table)
                    .col(Members::ConciergerieId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(ColumnDef::new(Sessions::MemberId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Messages::Table)
                    .add_column(ColumnDef::new(Messages::AuthorId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        // The same SQL on SQLite and PostgreSQL: each conciergerie's login becomes its owner…
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO members \
               (conciergerie_id, email, name, password_hash, role, active, created_at, updated_at) \
             SELECT id, email, name, password_hash, 'owner', TRUE, created_at, updated_at \
             FROM conciergeries",
        )
        .await?;
        // …and the sessions open at the upgrade are that owner's.
        db.execute_unprepared(
            "UPDATE sessions SET member_id = \
               (SELECT members.id FROM members \
                WHERE members.conciergerie_id = sessions.conciergerie_id \
                  AND members.role = 'owner') \
             WHERE kind = 'operator'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Messages::Table)
                    .drop_column(Messages::AuthorId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .drop_column(Sessions::MemberId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Members::Table).to_owned())
            .await
    }
}
