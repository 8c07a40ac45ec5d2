use protocol::{StayOrigin, StaySource, StayStatus};
use sea_orm::entity::prelude::*;

/// A guest's booking (séjour) at one property.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "stays")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Denormalised from the property so every tenant-scoped query filters one column.
    pub conciergerie_id: i64,
    pub property_id: i64,
    pub guest_name: String,
    /// Same form as `conversations.phone_number` (no `whatsapp:` prefix), so they join.
    pub whatsapp_number: Option<String>,
    pub phone_last_digits: Option<String>,
    pub arrival: Date,
    pub departure: Date,
    pub guests: Option<i32>,
    pub source: StaySource,
    pub status: StayStatus,
    pub origin: StayOrigin,
    pub external_uid: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::property::Entity",
        from = "Column::PropertyId",
        to = "super::property::Column::Id"
    )]
    Property,
}

impl Related<super::property::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Property.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
