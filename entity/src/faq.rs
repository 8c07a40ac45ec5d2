use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "faqs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conciergerie_id: i64,
    pub question: String,
    pub answer: String,
    /// `None`: shared by the whole conciergerie. Added by `m20261128_000002_property_faqs`.
    pub property_id: Option<i64>,
    /// Defaults to false in the schema, so writers that predate the column keep working.
    #[sea_orm(default_value = false)]
    pub sensitive: bool,
    /// The answer in other languages, `{"en": "…"}` (ISO 639-1 keys). Added by
    /// `m20261128_000020_faq_translations`.
    pub translations: Option<Json>,
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
