use protocol::LabelColour;
use sea_orm::entity::prelude::*;

/// A coloured label of one conciergerie; its name is unique there.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "labels")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conciergerie_id: i64,
    pub name: String,
    pub colour: LabelColour,
    pub created_at: DateTimeUtc,
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
