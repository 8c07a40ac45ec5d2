//! Which stay a guest's conversation is about: the guest's current or next stay booked under
//! their WhatsApp number, else — when a calendar feed gave only the last digits of a phone — the
//! one stay whose digits end the guest's number. Two such candidates mean we cannot tell, so
//! nothing is linked rather than risk giving one guest another's door code.

use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use dashmap::DashMap;
use entity::stay;
use protocol::{ConciergerieId, StayId};
use sea_orm::ConnectionTrait;

use crate::db;
use crate::error::AppError;

pub async fn stay_for_guest(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Option<stay::Model>, AppError> {
    if let Some(stay) = db::stays::current_or_next_for_guest(db, tenant, address, now).await? {
        return Ok(Some(stay));
    }
    let mut candidates = db::stays::match_by_last_digits(db, tenant, address, now).await?;
    Ok(match candidates.len() {
        1 => candidates.pop(),
        _ => None,
    })
}

/// `stay_for_guest` for every guest message, answered from memory while nothing could have
/// changed: a guest writes many messages a day, stays change rarely, and two queries per message
/// on the ingest path cost more than the insert itself. An answer is reused on the same UTC day
/// (a property's local midnight falls within `MAX_AGE` of being seen), while
/// no stay has been written (`db::stays::writes`: by this process, or by another instance of a
/// PostgreSQL cluster, which says so through the fan-out's `StaysChanged`), and for at most
/// `MAX_AGE` — the bound on staleness should that signal be lost.
pub struct GuestStays {
    found: DashMap<(ConciergerieId, String), Found>,
}

#[derive(Debug, Clone, Copy)]
struct Found {
    writes: u64,
    day: NaiveDate,
    at: Instant,
    stay: Option<StayId>,
}

impl GuestStays {
    const MAX_AGE: Duration = Duration::from_secs(60);
    /// Beyond this many guests the cache starts over rather than grow without bound.
    const MAX_GUESTS: usize = 100_000;

    pub fn new() -> Self {
        GuestStays {
            found: DashMap::new(),
        }
    }

    pub async fn stay_for(
        &self,
        db: &impl ConnectionTrait,
        tenant: ConciergerieId,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<StayId>, AppError> {
        let today = now.date_naive();
        // Read before the query: a write landing during it makes this answer stale at once.
        let writes = db::stays::writes();
        let key = (tenant, address.to_owned());
        if let Some(found) = self.found.get(&key) {
            if found.writes == writes && found.day == today && found.at.elapsed() < Self::MAX_AGE {
                return Ok(found.stay);
            }
        }
        let stay = stay_for_guest(db, tenant, address, now)
            .await?
            .map(|s| StayId(s.id));
        if self.found.len() >= Self::MAX_GUESTS {
            self.found.clear();
        }
        self.found.insert(
            key,
            Found {
                writes,
                day: today,
                at: Instant::now(),
                stay,
            },
        );
        Ok(stay)
    }
}

impl Default for GuestStays {
    fn default() -> Self {
        Self::new()
    }
}
