use protocol::{AiEngine, MessageStatus, Notice, Sender};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conversation_id: i64,
    pub sender: Sender,
    pub body: String,
    /// Twilio's MessageSid (inbound and outbound). Unique, so a retried webhook is stored once.
    #[sea_orm(unique)]
    pub external_id: Option<String>,
    pub status: MessageStatus,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    /// `[{"url": …, "content_type": …}]` as Twilio sent them (every `MediaUrl{n}`).
    pub media: Option<Json>,
    /// `{"latitude", "longitude", "label", "address"}` for location messages.
    pub location: Option<Json>,
    /// The AI's proposed reply to this guest message (suggest mode).
    pub ai_suggestion: Option<String>,
    pub ai_engine: Option<AiEngine>,
    pub input_tokens: Option<i64>,
    pub output_tokens: Option<i64>,
    pub cache_creation_tokens: Option<i64>,
    pub cache_read_tokens: Option<i64>,
    /// The client's idempotency key for an operator reply: a retried POST finds the first copy
    /// instead of sending again. Unique per conversation.
    pub client_ref: Option<String>,
    /// For system messages: the event they record.
    pub notice: Option<Notice>,
    /// For operator replies and notes: the team member who wrote it.
    pub author_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::conversation::Entity",
        from = "Column::ConversationId",
        to = "super::conversation::Column::Id",
        on_delete = "Cascade"
    )]
    Conversation,
}

impl Related<super::conversation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Conversation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
