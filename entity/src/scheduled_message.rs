use protocol::ScheduledStatus;
use sea_orm::entity::prelude::*;

/// One automation's message for one stay (unique pair), and what became of it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "scheduled_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conciergerie_id: i64,
    pub automation_id: i64,
    pub stay_id: i64,
    pub due_at: DateTimeUtc,
    pub status: ScheduledStatus,
    pub conversation_id: Option<i64>,
    pub message_id: Option<i64>,
    pub reason: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
