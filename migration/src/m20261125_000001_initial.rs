//! The initial schema, as release 0.1.0 shipped it.
//!
//! Frozen: every table is spelled out column by column, so this migration keeps creating exactly
//! what 0.1.0 created whatever the entities become. It renders the same DDL as the entity-derived
//! version that 0.1.0 ran (`tests/schema.rs` checks it against a database written by 0.1.0), so a
//! fresh database and an upgraded one go through the same later migrations and end up alike. Any
//! change to these tables is a new migration.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000001_initial"
    }
}

#[derive(DeriveIden)]
enum Conciergeries {
    Table,
    Id,
    Name,
    Email,
    PasswordHash,
    WhatsappNumber,
    MessagingServiceSid,
    AiMode,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Admins {
    Table,
    Id,
    Email,
    PasswordHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    Kind,
    ConciergerieId,
    AdminId,
    ExpiresAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Conversations {
    Table,
    Id,
    ConciergerieId,
    PhoneNumber,
    ContactName,
    Status,
    AiModeOverride,
    AiPaused,
    AiPausedUntil,
    LastMessageAt,
    LastMessagePreview,
    LastClientMessageAt,
    LastSendFailed,
    UnreadCount,
    AiSuggestion,
    HandoffReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    ConversationId,
    Sender,
    Body,
    ExternalId,
    Status,
    ErrorCode,
    ErrorMessage,
    Media,
    Location,
    AiSuggestion,
    AiEngine,
    InputTokens,
    OutputTokens,
    CacheCreationTokens,
    CacheReadTokens,
    ClientRef,
    Notice,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Faqs {
    Table,
    Id,
    ConciergerieId,
    Question,
    Answer,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FeatureRequests {
    Table,
    Id,
    ConciergerieId,
    Title,
    Description,
    Status,
    Priority,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Templates {
    Table,
    Id,
    ConciergerieId,
    Shortcut,
    Body,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum UnroutedMessages {
    Table,
    Id,
    MessageSid,
    ToAddress,
    FromAddress,
    MessagingServiceSid,
    Body,
    Payload,
    ReceivedAt,
    AssignedConciergerieId,
}

// Column shapes as 0.1.0's entities produced them: `String` → varchar, the string-backed enums
// → text, `DateTimeUtc` → timestamp with time zone, `Json` → json.

fn id(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn varchar(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).string().not_null().to_owned()
}

fn varchar_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).string().to_owned()
}

fn text(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).text().not_null().to_owned()
}

fn text_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).text().to_owned()
}

fn boolean(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).boolean().not_null().to_owned()
}

fn bigint(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).big_integer().not_null().to_owned()
}

fn bigint_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).big_integer().to_owned()
}

fn timestamp(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn timestamp_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).timestamp_with_time_zone().to_owned()
}

fn json_null(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).json().to_owned()
}

/// A cascading foreign key, named as SeaORM named the entity relations (PostgreSQL keeps the
/// name; SQLite does not write it).
fn cascade(
    from_table: impl IntoIden + 'static,
    from_column: impl IntoIden + 'static,
    to_table: impl IntoIden + 'static,
    to_column: impl IntoIden + 'static,
    name: &str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from_table, from_column)
        .to(to_table, to_column)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn conciergeries() -> TableCreateStatement {
    Table::create()
        .table(Conciergeries::Table)
        .if_not_exists()
        .col(id(Conciergeries::Id))
        .col(varchar(Conciergeries::Name))
        .col(varchar(Conciergeries::Email).unique_key())
        .col(varchar(Conciergeries::PasswordHash))
        .col(varchar_null(Conciergeries::WhatsappNumber).unique_key())
        .col(varchar_null(Conciergeries::MessagingServiceSid))
        .col(text(Conciergeries::AiMode))
        .col(boolean(Conciergeries::Active))
        .col(timestamp(Conciergeries::CreatedAt))
        .col(timestamp(Conciergeries::UpdatedAt))
        .to_owned()
}

fn admins() -> TableCreateStatement {
    Table::create()
        .table(Admins::Table)
        .if_not_exists()
        .col(id(Admins::Id))
        .col(varchar(Admins::Email).unique_key())
        .col(varchar(Admins::PasswordHash))
        .col(timestamp(Admins::CreatedAt))
        .to_owned()
}

fn sessions() -> TableCreateStatement {
    Table::create()
        .table(Sessions::Table)
        .if_not_exists()
        .col(id(Sessions::Id))
        .col(varchar(Sessions::TokenHash).unique_key())
        .col(text(Sessions::Kind))
        .col(bigint_null(Sessions::ConciergerieId))
        .col(bigint_null(Sessions::AdminId))
        .col(timestamp(Sessions::ExpiresAt))
        .col(timestamp(Sessions::CreatedAt))
        .foreign_key(&mut cascade(
            Sessions::Table,
            Sessions::ConciergerieId,
            Conciergeries::Table,
            Conciergeries::Id,
            "fk-sessions-conciergerie_id",
        ))
        .foreign_key(&mut cascade(
            Sessions::Table,
            Sessions::AdminId,
            Admins::Table,
            Admins::Id,
            "fk-sessions-admin_id",
        ))
        .to_owned()
}

fn conversations() -> TableCreateStatement {
    Table::create()
        .table(Conversations::Table)
        .if_not_exists()
        .col(id(Conversations::Id))
        .col(bigint(Conversations::ConciergerieId))
        .col(varchar(Conversations::PhoneNumber))
        .col(varchar_null(Conversations::ContactName))
        .col(text(Conversations::Status))
        .col(text_null(Conversations::AiModeOverride))
        .col(boolean(Conversations::AiPaused))
        .col(timestamp_null(Conversations::AiPausedUntil))
        .col(timestamp_null(Conversations::LastMessageAt))
        .col(varchar_null(Conversations::LastMessagePreview))
        .col(timestamp_null(Conversations::LastClientMessageAt))
        .col(boolean(Conversations::LastSendFailed))
        .col(bigint(Conversations::UnreadCount))
        .col(varchar_null(Conversations::AiSuggestion))
        .col(varchar_null(Conversations::HandoffReason))
        .col(timestamp(Conversations::CreatedAt))
        .foreign_key(&mut cascade(
            Conversations::Table,
            Conversations::ConciergerieId,
            Conciergeries::Table,
            Conciergeries::Id,
            "fk-conversations-conciergerie_id",
        ))
        .to_owned()
}

fn messages() -> TableCreateStatement {
    Table::create()
        .table(Messages::Table)
        .if_not_exists()
        .col(id(Messages::Id))
        .col(bigint(Messages::ConversationId))
        .col(text(Messages::Sender))
        .col(varchar(Messages::Body))
        .col(varchar_null(Messages::ExternalId).unique_key())
        .col(text(Messages::Status))
        .col(varchar_null(Messages::ErrorCode))
        .col(varchar_null(Messages::ErrorMessage))
        .col(json_null(Messages::Media))
        .col(json_null(Messages::Location))
        .col(varchar_null(Messages::AiSuggestion))
        .col(text_null(Messages::AiEngine))
        .col(bigint_null(Messages::InputTokens))
        .col(bigint_null(Messages::OutputTokens))
        .col(bigint_null(Messages::CacheCreationTokens))
        .col(bigint_null(Messages::CacheReadTokens))
        .col(varchar_null(Messages::ClientRef))
        .col(text_null(Messages::Notice))
        .col(timestamp(Messages::CreatedAt))
        .foreign_key(&mut cascade(
            Messages::Table,
            Messages::ConversationId,
            Conversations::Table,
            Conversations::Id,
            "fk-messages-conversation_id",
        ))
        .to_owned()
}

fn faqs() -> TableCreateStatement {
    Table::create()
        .table(Faqs::Table)
        .if_not_exists()
        .col(id(Faqs::Id))
        .col(bigint(Faqs::ConciergerieId))
        .col(varchar(Faqs::Question))
        .col(varchar(Faqs::Answer))
        .col(timestamp(Faqs::CreatedAt))
        .col(timestamp(Faqs::UpdatedAt))
        .foreign_key(&mut cascade(
            Faqs::Table,
            Faqs::ConciergerieId,
            Conciergeries::Table,
            Conciergeries::Id,
            "fk-faqs-conciergerie_id",
        ))
        .to_owned()
}

fn feature_requests() -> TableCreateStatement {
    Table::create()
        .table(FeatureRequests::Table)
        .if_not_exists()
        .col(id(FeatureRequests::Id))
        .col(bigint_null(FeatureRequests::ConciergerieId))
        .col(varchar(FeatureRequests::Title))
        .col(varchar(FeatureRequests::Description))
        .col(text(FeatureRequests::Status))
        .col(text(FeatureRequests::Priority))
        .col(timestamp(FeatureRequests::CreatedAt))
        .col(timestamp(FeatureRequests::UpdatedAt))
        .foreign_key(&mut cascade(
            FeatureRequests::Table,
            FeatureRequests::ConciergerieId,
            Conciergeries::Table,
            Conciergeries::Id,
            "fk-feature_requests-conciergerie_id",
        ))
        .to_owned()
}

fn templates() -> TableCreateStatement {
    Table::create()
        .table(Templates::Table)
        .if_not_exists()
        .col(id(Templates::Id))
        .col(bigint(Templates::ConciergerieId))
        .col(varchar(Templates::Shortcut))
        .col(varchar(Templates::Body))
        .col(timestamp(Templates::CreatedAt))
        .col(timestamp(Templates::UpdatedAt))
        .foreign_key(&mut cascade(
            Templates::Table,
            Templates::ConciergerieId,
            Conciergeries::Table,
            Conciergeries::Id,
            "fk-templates-conciergerie_id",
        ))
        .to_owned()
}

fn unrouted_messages() -> TableCreateStatement {
    Table::create()
        .table(UnroutedMessages::Table)
        .if_not_exists()
        .col(id(UnroutedMessages::Id))
        .col(varchar(UnroutedMessages::MessageSid).unique_key())
        .col(varchar(UnroutedMessages::ToAddress))
        .col(varchar(UnroutedMessages::FromAddress))
        .col(varchar_null(UnroutedMessages::MessagingServiceSid))
        .col(varchar(UnroutedMessages::Body))
        .col(ColumnDef::new(UnroutedMessages::Payload).json().not_null())
        .col(timestamp(UnroutedMessages::ReceivedAt))
        .col(bigint_null(UnroutedMessages::AssignedConciergerieId))
        .to_owned()
}

/// In creation order: a table comes after the tables its foreign keys point to.
fn tables() -> Vec<TableCreateStatement> {
    vec![
        conciergeries(),
        admins(),
        sessions(),
        conversations(),
        messages(),
        faqs(),
        feature_requests(),
        templates(),
        unrouted_messages(),
    ]
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden + 'static,
    columns: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table).if_not_exists();
    for column in columns {
        stmt.col(Alias::new(*column));
    }
    if unique {
        stmt.unique();
    }
    manager.create_index(stmt.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }

        // Webhook routing by messaging service.
        index(
            manager,
            "idx_conciergeries_msid",
            Conciergeries::Table,
            &["messaging_service_sid"],
            false,
        )
        .await?;
        // One conversation per guest address and tenant; also the inbound lookup.
        index(
            manager,
            "idx_conversations_tenant_phone",
            Conversations::Table,
            &["conciergerie_id", "phone_number"],
            true,
        )
        .await?;
        // The inbox: newest activity first.
        index(
            manager,
            "idx_conversations_tenant_activity",
            Conversations::Table,
            &["conciergerie_id", "last_message_at"],
            false,
        )
        .await?;
        // A thread, oldest first.
        index(
            manager,
            "idx_messages_conversation",
            Messages::Table,
            &["conversation_id", "id"],
            false,
        )
        .await?;
        // Idempotent operator sends.
        index(
            manager,
            "idx_messages_client_ref",
            Messages::Table,
            &["conversation_id", "client_ref"],
            true,
        )
        .await?;
        // Analytics by day.
        index(
            manager,
            "idx_messages_created",
            Messages::Table,
            &["created_at"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_faqs_tenant",
            Faqs::Table,
            &["conciergerie_id"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_feature_requests_tenant",
            FeatureRequests::Table,
            &["conciergerie_id"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_feature_requests_status",
            FeatureRequests::Table,
            &["status"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_templates_tenant_shortcut",
            Templates::Table,
            &["conciergerie_id", "shortcut"],
            true,
        )
        .await?;
        index(
            manager,
            "idx_sessions_expiry",
            Sessions::Table,
            &["expires_at"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_unrouted_to",
            UnroutedMessages::Table,
            &["to_address"],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Reverse creation order, so no foreign key points to a dropped table.
        for table in tables().into_iter().rev() {
            let name = table
                .get_table_name()
                .cloned()
                .expect("every create statement names its table");
            manager
                .drop_table(Table::drop().table(name).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
