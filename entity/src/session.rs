use sea_orm::entity::prelude::*;

/// Who a session belongs to. Operator and admin sessions never stand in for each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum SessionKind {
    #[sea_orm(string_value = "operator")]
    Operator,
    #[sea_orm(string_value = "admin")]
    Admin,
}

/// A login session. Only the SHA-256 of the bearer token is stored, so a database leak does not
/// leak usable tokens.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub kind: SessionKind,
    pub conciergerie_id: Option<i64>,
    pub admin_id: Option<i64>,
    /// For operator sessions: the team member who logged in.
    pub member_id: Option<i64>,
    pub expires_at: DateTimeUtc,
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
    #[sea_orm(
        belongs_to = "super::admin::Entity",
        from = "Column::AdminId",
        to = "super::admin::Column::Id",
        on_delete = "Cascade"
    )]
    Admin,
}

impl ActiveModelBehavior for ActiveModel {}
