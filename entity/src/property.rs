use sea_orm::entity::prelude::*;

/// A rental (logement) of one conciergerie.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "properties")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conciergerie_id: i64,
    pub name: String,
    pub address: String,
    /// `HH:MM`, local time of the property.
    pub check_in_time: String,
    pub check_out_time: String,
    pub arrival_instructions: String,
    /// IANA name (`Europe/Paris`): the zone its dates and times of day are in.
    #[sea_orm(default_value = "Europe/Paris")]
    pub time_zone: String,
    /// JSON array of feed URLs.
    pub ical_urls: Json,
    pub last_sync_at: Option<DateTimeUtc>,
    pub last_sync_error: Option<String>,
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
    #[sea_orm(has_many = "super::stay::Entity")]
    Stay,
}

impl Related<super::conciergerie::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Conciergerie.def()
    }
}

impl Related<super::stay::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Stay.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The feed URLs; a malformed value (never written by the server) reads as none.
    pub fn ical_urls(&self) -> Vec<String> {
        serde_json::from_value(self.ical_urls.clone()).unwrap_or_default()
    }
}
