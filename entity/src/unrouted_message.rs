use sea_orm::entity::prelude::*;

/// A webhook whose `To`/`MessagingServiceSid` matched no conciergerie. Kept whole (the raw form is
/// in `payload`) so an admin can assign the number and replay it into an inbox.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "unrouted_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub message_sid: String,
    pub to_address: String,
    pub from_address: String,
    pub messaging_service_sid: Option<String>,
    pub body: String,
    pub payload: Json,
    pub received_at: DateTimeUtc,
    /// Set once an admin assigned the number and the message joined that inbox.
    pub assigned_conciergerie_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
