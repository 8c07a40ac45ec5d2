use protocol::GuestLanguage;
use sea_orm::entity::prelude::*;

/// A guest message's language and its French translation, computed once (`text` stays empty
/// offline or for a French message). Kept apart from `messages` so the ingest hot path and its
/// rows are untouched.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "message_translations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub message_id: i64,
    pub language: GuestLanguage,
    pub text: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::message::Entity",
        from = "Column::MessageId",
        to = "super::message::Column::Id",
        on_delete = "Cascade"
    )]
    Message,
}

impl ActiveModelBehavior for ActiveModel {}
