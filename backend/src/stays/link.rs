//! Which stay a guest's conversation is about: the guest's current or next stay booked under
//! their WhatsApp number, else — when a calendar feed gave only the last digits of a phone — the
//! one stay whose digits end the guest's number. Two such candidates mean we cannot tell, so
//! nothing is linked rather than risk giving one guest another's door code.

use chrono::NaiveDate;
use entity::stay;
use protocol::ConciergerieId;
use sea_orm::ConnectionTrait;

use crate::db;
use crate::error::AppError;

pub async fn stay_for_guest(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    address: &str,
    today: NaiveDate,
) -> Result<Option<stay::Model>, AppError> {
    if let Some(stay) = db::stays::current_or_next_for_guest(db, tenant, address, today).await? {
        return Ok(Some(stay));
    }
    let mut candidates = db::stays::match_by_last_digits(db, tenant, address, today).await?;
    Ok(match candidates.len() {
        1 => candidates.pop(),
        _ => None,
    })
}
