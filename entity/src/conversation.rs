use protocol::{AiMode, ConversationStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "conversations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conciergerie_id: i64,
    /// The guest's address as Twilio sent it, minus `whatsapp:`; opaque (may be a username).
    pub phone_number: String,
    pub contact_name: Option<String>,
    pub status: ConversationStatus,
    pub ai_mode_override: Option<AiMode>,
    pub ai_paused: bool,
    /// When an operator's takeover lapses on its own and the AI may answer again.
    pub ai_paused_until: Option<DateTimeUtc>,
    pub last_message_at: Option<DateTimeUtc>,
    pub last_message_preview: Option<String>,
    pub last_client_message_at: Option<DateTimeUtc>,
    pub last_send_failed: bool,
    pub unread_count: i64,
    /// The AI's pending proposal in suggest mode.
    pub ai_suggestion: Option<String>,
    pub handoff_reason: Option<String>,
    pub created_at: DateTimeUtc,
    /// The newest guest message this row reflects; newer ones are replayed when the actor starts.
    pub last_guest_message_id: Option<i64>,
    /// The newest guest message the AI or an operator has dealt with; the AI only considers
    /// guest messages after it.
    pub ai_decided_message_id: Option<i64>,
    /// The guest reported an emergency no operator has answered yet; listed first in the inbox.
    #[sea_orm(default_value = false)]
    pub urgent: bool,
    /// The stay this conversation is about: the guest's current or next one, found by number.
    pub stay_id: Option<i64>,
    /// An operator linked or unlinked the stay by hand: the automatic link leaves it alone.
    #[sea_orm(default_value = false)]
    pub stay_link_manual: bool,
    /// Set aside until then (hidden from the open inbox); cleared when it wakes or the guest
    /// writes.
    pub snoozed_until: Option<DateTimeUtc>,
    /// The team member the conversation is assigned to, if any.
    pub assignee_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::conciergerie::Entity",
        from = "Column::ConciergerieId",
        to = "super::conciergerie::Column::Id",
        on_delete = "Cascade"
    )]
    Conciergerie,
    #[sea_orm(has_many = "super::message::Entity")]
    Message,
}

impl Related<super::conciergerie::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Conciergerie.def()
    }
}

impl Related<super::message::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Message.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
