use sea_orm::entity::prelude::*;

/// A file an operator uploaded to send to a guest. `id` is random (128 bits, hex): it is the
/// public part of `/media/out/{id}`, the URL Twilio fetches without credentials.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub conciergerie_id: i64,
    /// The conversation it was uploaded for: it can only be sent there.
    pub conversation_id: i64,
    pub content_type: String,
    pub size: i64,
    pub data: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
