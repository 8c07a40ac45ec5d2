//! The initial schema.
//!
//! Tables are derived from the entities as they stood when this migration was written; any later
//! change to a table must be a new migration spelled out with `Table::alter()`, never an edit here.

use entity::{
    admin, conciergerie, conversation, faq, feature_request, message, session, template,
    unrouted_message,
};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{EntityTrait, Schema};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000001_initial"
    }
}

async fn create<E: EntityTrait>(manager: &SchemaManager<'_>, entity: E) -> Result<(), DbErr> {
    let schema = Schema::new(manager.get_database_backend());
    manager
        .create_table(
            schema
                .create_table_from_entity(entity)
                .if_not_exists()
                .to_owned(),
        )
        .await
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl Iden + 'static,
    columns: Vec<Alias>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table).if_not_exists();
    for column in columns {
        stmt.col(column);
    }
    if unique {
        stmt.unique();
    }
    manager.create_index(stmt.to_owned()).await
}

fn cols(names: &[&str]) -> Vec<Alias> {
    names.iter().map(|n| Alias::new(*n)).collect()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, conciergerie::Entity).await?;
        create(manager, admin::Entity).await?;
        create(manager, session::Entity).await?;
        create(manager, conversation::Entity).await?;
        create(manager, message::Entity).await?;
        create(manager, faq::Entity).await?;
        create(manager, feature_request::Entity).await?;
        create(manager, template::Entity).await?;
        create(manager, unrouted_message::Entity).await?;

        // Webhook routing by messaging service.
        index(
            manager,
            "idx_conciergeries_msid",
            conciergerie::Entity,
            cols(&["messaging_service_sid"]),
            false,
        )
        .await?;
        // One conversation per guest address and tenant; also the inbound lookup.
        index(
            manager,
            "idx_conversations_tenant_phone",
            conversation::Entity,
            cols(&["conciergerie_id", "phone_number"]),
            true,
        )
        .await?;
        // The inbox: newest activity first.
        index(
            manager,
            "idx_conversations_tenant_activity",
            conversation::Entity,
            cols(&["conciergerie_id", "last_message_at"]),
            false,
        )
        .await?;
        // A thread, oldest first.
        index(
            manager,
            "idx_messages_conversation",
            message::Entity,
            cols(&["conversation_id", "id"]),
            false,
        )
        .await?;
        // Idempotent operator sends.
        index(
            manager,
            "idx_messages_client_ref",
            message::Entity,
            cols(&["conversation_id", "client_ref"]),
            true,
        )
        .await?;
        // Analytics by day.
        index(
            manager,
            "idx_messages_created",
            message::Entity,
            cols(&["created_at"]),
            false,
        )
        .await?;
        index(
            manager,
            "idx_faqs_tenant",
            faq::Entity,
            cols(&["conciergerie_id"]),
            false,
        )
        .await?;
        index(
            manager,
            "idx_feature_requests_tenant",
            feature_request::Entity,
            cols(&["conciergerie_id"]),
            false,
        )
        .await?;
        index(
            manager,
            "idx_feature_requests_status",
            feature_request::Entity,
            cols(&["status"]),
            false,
        )
        .await?;
        index(
            manager,
            "idx_templates_tenant_shortcut",
            template::Entity,
            cols(&["conciergerie_id", "shortcut"]),
            true,
        )
        .await?;
        index(
            manager,
            "idx_sessions_expiry",
            session::Entity,
            cols(&["expires_at"]),
            false,
        )
        .await?;
        index(
            manager,
            "idx_unrouted_to",
            unrouted_message::Entity,
            cols(&["to_address"]),
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "unrouted_messages",
            "templates",
            "feature_requests",
            "faqs",
            "messages",
            "conversations",
            "sessions",
            "admins",
            "conciergeries",
        ] {
            manager
                .drop_table(
                    Table::drop()
                        .table(Alias::new(table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
