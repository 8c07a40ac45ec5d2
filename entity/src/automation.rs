use protocol::AutomationAnchor;
use sea_orm::entity::prelude::*;

/// A message timed from stays: `offset_days` from the arrival or departure date, at `send_time`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "automations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conciergerie_id: i64,
    /// `None`: every property of the conciergerie.
    pub property_id: Option<i64>,
    pub name: String,
    pub anchor: AutomationAnchor,
    pub offset_days: i32,
    /// `HH:MM`, UTC.
    pub send_time: String,
    pub body: String,
    /// The approved WhatsApp template sent instead when the 24 h window is closed.
    pub content_sid: Option<String>,
    /// The template's placeholders as a JSON object (`{"1":"{{guest_name}}"}`).
    pub content_variables: Option<String>,
    pub enabled: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
