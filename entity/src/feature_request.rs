use protocol::{FeatureStatus, Priority};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "feature_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The conciergerie that filed it; `None` for requests an admin filed.
    pub conciergerie_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub status: FeatureStatus,
    pub priority: Priority,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
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
}

impl Related<super::conciergerie::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Conciergerie.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
