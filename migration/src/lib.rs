//! Schema migrations. The server runs them at start-up; `majordome migrate` runs them alone.

pub use sea_orm_migration::prelude::*;

mod columns;

mod m20261125_000001_initial;
mod m20261128_000001_conversation_watermarks;
mod m20261128_000002_properties_and_stays;
mod m20261128_000003_conversation_stay;
mod m20261128_000003_conversation_urgent;
mod m20261128_000010_automations;
mod m20261128_000020_faq_translations;
mod m20261128_000020_message_translations;
mod m20261128_000030_ai_daily_budget;
mod m20261128_000060_login_throttle;
mod m20261129_000100_team_members;
mod m20261129_000101_team_assignment;
mod m20261129_000201_inbox_labels_snooze;
mod m20261129_000202_inbox_search;
mod m20261129_000300_attach_attachments;
mod m20261130_000400_property_time_zones;
mod m20261130_000500_member_last_login;
mod m20261130_000600_cluster_ws_sockets;
mod m20261201_000300_search_index_file;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_initial::Migration),
            Box::new(m20261128_000001_conversation_watermarks::Migration),
            Box::new(m20261128_000002_properties_and_stays::Migration),
            Box::new(m20261128_000003_conversation_urgent::Migration),
            Box::new(m20261128_000003_conversation_stay::Migration),
            Box::new(m20261128_000020_faq_translations::Migration),
            Box::new(m20261128_000020_message_translations::Migration),
            Box::new(m20261128_000030_ai_daily_budget::Migration),
            Box::new(m20261128_000060_login_throttle::Migration),
            Box::new(m20261128_000010_automations::Migration),
            Box::new(m20261129_000100_team_members::Migration),
            Box::new(m20261129_000101_team_assignment::Migration),
            Box::new(m20261129_000201_inbox_labels_snooze::Migration),
            Box::new(m20261129_000202_inbox_search::Migration),
            Box::new(m20261129_000300_attach_attachments::Migration),
            Box::new(m20261130_000600_cluster_ws_sockets::Migration),
            Box::new(m20261130_000400_property_time_zones::Migration),
            Box::new(m20261130_000500_member_last_login::Migration),
            Box::new(m20261201_000300_search_index_file::Migration),
        ]
    }
}

/// The letters the PostgreSQL search column folds (accented → plain), which the search query
/// must fold the same way.
pub mod search_folding {
    pub use super::m20261129_000202_inbox_search::{ACCENTED, FOLDED};
}
