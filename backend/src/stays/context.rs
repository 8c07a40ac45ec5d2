//! What the AI may know for the guest of a linked stay: the stay and its property (for the
//! prompt and the `{{variables}}`), and the knowledge entries in the order they should win —
//! the property's own first, then the conciergerie's shared ones that the property does not
//! answer itself. Sensitive entries (door codes) only inside the access window.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use entity::{faq, property, stay};
use protocol::faqs::Translations;
use protocol::{ConciergerieId, PropertyId, StayId, StayStatus};
use sea_orm::ConnectionTrait;

use crate::ai::StayContext;
use crate::db;
use crate::domain::time_zone::TimeZone;
use crate::error::AppError;

pub struct GuestKnowledge {
    pub faqs: Vec<(String, String)>,
    /// The answers of `faqs` in other languages, at the same index.
    pub faq_translations: Vec<Translations>,
    pub stay: Option<StayContext>,
    /// Sensitive entries the guest may not read now (see `AiRequest::withheld`).
    pub withheld: Vec<(String, String)>,
}

/// `stay`: the conversation's linked stay, if any. A stay since deleted or cancelled counts as
/// none: the guest gets the shared, non-sensitive entries.
pub async fn for_conversation(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    stay: Option<StayId>,
    now: DateTime<Utc>,
    sensitive_lead: Duration,
) -> Result<GuestKnowledge, AppError> {
    let linked = match stay {
        Some(id) => match db::stays::find_owned(db, tenant, id).await {
            Ok(stay) if stay.status == StayStatus::Confirmed => Some(stay),
            Ok(_) | Err(AppError::NotFound(_)) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    let withheld = |entries: Vec<faq::Model>| {
        entries
            .into_iter()
            .filter(|f| f.sensitive)
            .map(|f| (f.question, f.answer))
            .collect()
    };
    let Some(stay) = linked else {
        let (faqs, faq_translations) = pairs(db::faqs::shared_and_public(db, tenant).await?);
        return Ok(GuestKnowledge {
            faqs,
            faq_translations,
            stay: None,
            withheld: withheld(db::faqs::list(db, tenant, None).await?),
        });
    };
    let property = db::properties::find_owned(db, tenant, PropertyId(stay.property_id)).await?;
    let zone = TimeZone::stored(&property.time_zone);
    let open = sensitive_open(&stay, &property.check_in_time, zone, now, sensitive_lead);
    let entries = db::faqs::for_property(db, tenant, PropertyId(property.id)).await?;
    let (readable, held): (Vec<_>, Vec<_>) =
        entries.into_iter().partition(|f| open || !f.sensitive);
    let (faqs, faq_translations) = pairs(ranked(readable));
    Ok(GuestKnowledge {
        faqs,
        faq_translations,
        stay: Some(context(&stay, &property, now)),
        withheld: withheld(held),
    })
}

/// The linked stay and its property for filling `{{variables}}`, if the stay is still confirmed.
pub async fn linked_context(
    db: &impl ConnectionTrait,
    tenant: ConciergerieId,
    stay: Option<StayId>,
    now: DateTime<Utc>,
) -> Result<Option<StayContext>, AppError> {
    let Some(id) = stay else {
        return Ok(None);
    };
    let stay = match db::stays::find_owned(db, tenant, id).await {
        Ok(stay) if stay.status == StayStatus::Confirmed => stay,
        Ok(_) | Err(AppError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let property = db::properties::find_owned(db, tenant, PropertyId(stay.property_id)).await?;
    Ok(Some(context(&stay, &property, now)))
}

/// Whether the guest of `stay` may read its property's sensitive entries at `now`: from `lead`
/// before the check-in time of the arrival day until the end of the departure day, both on the
/// property's wall clock (`zone`).
pub fn sensitive_open(
    stay: &stay::Model,
    check_in_time: &str,
    zone: TimeZone,
    now: DateTime<Utc>,
    lead: Duration,
) -> bool {
    let check_in = NaiveTime::parse_from_str(check_in_time, "%H:%M").unwrap_or(NaiveTime::MIN);
    let opens = zone.instant(stay.arrival, check_in) - lead;
    let closes = zone.instant(stay.departure + Duration::days(1), NaiveTime::MIN);
    opens <= now && now < closes
}

/// The property's entries first; a shared entry asking the same question as one of them is
/// dropped, so the AI never sees two wifi passwords.
fn ranked(entries: Vec<faq::Model>) -> Vec<faq::Model> {
    let (own, shared): (Vec<_>, Vec<_>) =
        entries.into_iter().partition(|f| f.property_id.is_some());
    let key = |q: &str| q.trim().to_lowercase();
    let answered: Vec<String> = own.iter().map(|f| key(&f.question)).collect();
    own.into_iter()
        .chain(
            shared
                .into_iter()
                .filter(|f| !answered.contains(&key(&f.question))),
        )
        .collect()
}

/// (question, answer) pairs for the AI, and each answer's translations at the same index.
fn pairs(entries: Vec<faq::Model>) -> (Vec<(String, String)>, Vec<Translations>) {
    entries
        .into_iter()
        .map(|f| {
            let translations = f
                .translations
                .and_then(|v| serde_json::from_value(v).ok())
                .unwrap_or_default();
            ((f.question, f.answer), translations)
        })
        .unzip()
}

/// `today` is the property's local date at `now`: "your check-in is tomorrow" is the guest's
/// tomorrow, not the server's.
fn context(stay: &stay::Model, property: &property::Model, now: DateTime<Utc>) -> StayContext {
    StayContext {
        guest_name: stay.guest_name.clone(),
        property_name: property.name.clone(),
        address: property.address.clone(),
        check_in_time: property.check_in_time.clone(),
        check_out_time: property.check_out_time.clone(),
        arrival: stay.arrival,
        departure: stay.departure,
        today: TimeZone::stored(&property.time_zone).today(now),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone as _};
    use protocol::stays::StayPhase;
    use protocol::{StayOrigin, StaySource};

    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
    }

    fn stay() -> stay::Model {
        stay::Model {
            id: 1,
            conciergerie_id: 1,
            property_id: 1,
            guest_name: "Alice".into(),
            whatsapp_number: Some("+33600000001".into()),
            phone_last_digits: None,
            arrival: day(20),
            departure: day(23),
            guests: None,
            source: StaySource::Direct,
            status: StayStatus::Confirmed,
            origin: StayOrigin::Manual,
            external_uid: None,
            created_at: at(1, 0),
            updated_at: at(1, 0),
        }
    }

    fn entry(question: &str, answer: &str, property: Option<i64>) -> faq::Model {
        faq::Model {
            id: 0,
            conciergerie_id: 1,
            question: question.into(),
            answer: answer.into(),
            property_id: property,
            sensitive: false,
            translations: None,
            created_at: at(1, 0),
            updated_at: at(1, 0),
        }
    }

    #[test]
    fn sensitive_entries_open_lead_hours_before_check_in_until_the_departure_day_ends() {
        let lead = Duration::hours(48);
        let utc = TimeZone::parse("time_zone", "UTC").unwrap();
        assert!(!sensitive_open(&stay(), "16:00", utc, at(18, 15), lead));
        assert!(sensitive_open(&stay(), "16:00", utc, at(18, 16), lead));
        assert!(sensitive_open(&stay(), "16:00", utc, at(23, 23), lead));
        assert!(!sensitive_open(&stay(), "16:00", utc, at(24, 0), lead));
        assert!(!sensitive_open(&stay(), "16:00", utc, at(10, 12), lead));
        // An unreadable check-in time counts from the start of the arrival day.
        assert!(sensitive_open(
            &stay(),
            "l'après-midi",
            utc,
            at(18, 0),
            lead
        ));
        // In Paris (UTC+1 in December) everything is an hour earlier in UTC.
        let paris = TimeZone::DEFAULT;
        assert!(!sensitive_open(&stay(), "16:00", paris, at(18, 14), lead));
        assert!(sensitive_open(&stay(), "16:00", paris, at(18, 15), lead));
        assert!(sensitive_open(&stay(), "16:00", paris, at(23, 22), lead));
        assert!(!sensitive_open(&stay(), "16:00", paris, at(23, 23), lead));
    }

    #[test]
    fn the_ais_today_is_the_propertys_date() {
        let property = |zone: &str| property::Model {
            id: 1,
            conciergerie_id: 1,
            name: "Studio".into(),
            address: String::new(),
            check_in_time: "16:00".into(),
            check_out_time: "11:00".into(),
            arrival_instructions: String::new(),
            time_zone: zone.into(),
            ical_urls: serde_json::json!([]),
            last_sync_at: None,
            last_sync_error: None,
            created_at: at(1, 0),
            updated_at: at(1, 0),
        };
        // 23:30 UTC on the 19th: the 20th (arrival day) in Paris, still the 19th in Martinique.
        let late = at(19, 23) + Duration::minutes(30);
        let paris = context(&stay(), &property("Europe/Paris"), late);
        assert_eq!((paris.today, paris.phase()), (day(20), StayPhase::InStay));
        let martinique = context(&stay(), &property("America/Martinique"), late);
        assert_eq!(
            (martinique.today, martinique.phase()),
            (day(19), StayPhase::BeforeArrival)
        );
    }

    #[test]
    fn the_property_entries_come_first_and_hide_the_shared_answer_to_the_same_question() {
        let (ranked, _) = pairs(ranked(vec![
            entry("Wifi ?", "shared wifi", None),
            entry("Parking ?", "rue Oberkampf", None),
            entry("wifi ? ", "canal wifi", Some(1)),
        ]));
        assert_eq!(
            ranked,
            vec![
                ("wifi ? ".to_owned(), "canal wifi".to_owned()),
                ("Parking ?".to_owned(), "rue Oberkampf".to_owned()),
            ]
        );
    }
}
