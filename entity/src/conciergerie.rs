use protocol::AiMode;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "conciergeries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: String,
    /// `whatsapp:+E164`; the `To` of the webhooks that belong to this conciergerie.
    #[sea_orm(unique)]
    pub whatsapp_number: Option<String>,
    pub messaging_service_sid: Option<String>,
    pub ai_mode: AiMode,
    pub active: bool,
    /// What Claude may cost this conciergerie per UTC day; `None`: no limit.
    pub ai_daily_budget_usd: Option<f64>,
    /// IANA name (`Europe/Paris`): the zone a new property gets unless told otherwise.
    #[sea_orm(default_value = "Europe/Paris")]
    pub time_zone: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::conversation::Entity")]
    Conversation,
    #[sea_orm(has_many = "super::faq::Entity")]
    Faq,
}

impl Related<super::conversation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Conversation.def()
    }
}

impl Related<super::faq::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Faq.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
