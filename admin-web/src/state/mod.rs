//! Pure state: reducers and form logic the components dispatch to, with no browser APIs, so
//! every rule (sorting, live updates, validation, what a PATCH carries) is unit-tested on the host.

pub mod board;
pub mod conciergerie_form;
pub mod conciergeries;
pub mod health;
pub mod team;
pub mod unrouted;

#[cfg(test)]
pub(crate) mod fixtures {
    use chrono::TimeZone;
    use protocol::auth::Conciergerie;
    use protocol::{AiMode, ConciergerieId, Timestamp};

    /// 2025-03-10 10:00 UTC plus `minutes`.
    pub fn t(minutes: i64) -> Timestamp {
        chrono::Utc.with_ymd_and_hms(2025, 3, 10, 10, 0, 0).unwrap()
            + chrono::Duration::minutes(minutes)
    }

    pub fn conciergerie(id: i64, name: &str) -> Conciergerie {
        Conciergerie {
            id: ConciergerieId(id),
            name: name.to_owned(),
            email: format!("ops{id}@example.com"),
            whatsapp_number: Some(format!("whatsapp:+3361234560{id}")),
            messaging_service_sid: None,
            ai_mode: AiMode::Auto,
            active: true,
            ai_daily_budget_usd: None,
            created_at: t(0),
        }
    }
}
