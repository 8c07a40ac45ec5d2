//! The stay side of the inbox: which conversations the property and phase filters keep, and how
//! a stay's dates read.

use chrono::{Datelike, NaiveDate};
use protocol::conversations::ConversationSummary;
use protocol::stays::{StayBrief, StayPhase};
use protocol::PropertyId;

use crate::i18n::Lang;

/// The inbox's phase filter, as the issue names them (the server's `?phase=` has the same two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseFilter {
    /// The stay starts today.
    ArrivingToday,
    /// From the arrival day to the departure day, both included.
    InStay,
}

impl PhaseFilter {
    pub const ALL: [PhaseFilter; 2] = [PhaseFilter::ArrivingToday, PhaseFilter::InStay];

    /// The `<select>` value.
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseFilter::ArrivingToday => "arriving_today",
            PhaseFilter::InStay => "in_stay",
        }
    }

    pub fn parse(value: &str) -> Option<PhaseFilter> {
        PhaseFilter::ALL.into_iter().find(|p| p.as_str() == value)
    }
}

/// What the operator narrowed the inbox to; the default keeps everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StayFilter {
    pub property: Option<PropertyId>,
    pub phase: Option<PhaseFilter>,
}

impl StayFilter {
    pub fn is_active(self) -> bool {
        self.property.is_some() || self.phase.is_some()
    }

    /// The server's parameters for it (`property_id=`, `phase=`; none when nothing is
    /// filtered), so that the filter also finds conversations not loaded yet.
    pub fn params(self) -> Vec<String> {
        let mut params = Vec::new();
        if let Some(property) = self.property {
            params.push(format!("property_id={property}"));
        }
        if let Some(phase) = self.phase {
            params.push(format!("phase={}", phase.as_str()));
        }
        params
    }

    /// On each stay's own "today": its property's local date, which the server sends with the
    /// brief (`local_date`) since properties may be in different time zones.
    pub fn matches(self, c: &ConversationSummary) -> bool {
        if !self.is_active() {
            return true;
        }
        let Some(stay) = &c.stay else {
            return false;
        };
        let property = self.property.is_none_or(|p| p == stay.property_id);
        let phase = match self.phase {
            None => true,
            Some(PhaseFilter::ArrivingToday) => stay.arrival == stay.local_date,
            Some(PhaseFilter::InStay) => {
                StayPhase::on(stay.arrival, stay.departure, stay.local_date) == StayPhase::InStay
            }
        };
        property && phase
    }
}

/// `28/11 → 01/12` (French) or `11/28 → 12/01`: short enough for a list row.
pub fn short_dates(arrival: NaiveDate, departure: NaiveDate, lang: Lang) -> String {
    let day = |d: NaiveDate| match lang {
        Lang::Fr => format!("{:02}/{:02}", d.day(), d.month()),
        Lang::En => format!("{:02}/{:02}", d.month(), d.day()),
    };
    format!("{} → {}", day(arrival), day(departure))
}

/// The stay's line in the list: property and dates.
pub fn hint(stay: &StayBrief, lang: Lang) -> String {
    format!(
        "{} · {}",
        stay.property_name,
        short_dates(stay.arrival, stay.departure, lang)
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::state::inbox::tests::conv;
    use protocol::StayId;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_filter_is_asked_of_the_server_with_its_parameters() {
        assert!(StayFilter::default().params().is_empty());
        let both = StayFilter {
            property: Some(PropertyId(3)),
            phase: Some(PhaseFilter::InStay),
        };
        assert_eq!(both.params(), ["property_id=3", "phase=in_stay"]);
        let today = StayFilter {
            phase: Some(PhaseFilter::ArrivingToday),
            ..Default::default()
        };
        assert_eq!(today.params(), ["phase=arriving_today"]);
    }

    /// A brief read on 10 December at its property.
    pub fn brief(property: i64, arrival: u32, departure: u32) -> StayBrief {
        StayBrief {
            id: StayId(property * 100 + i64::from(arrival)),
            property_id: PropertyId(property),
            property_name: format!("Logement {property}"),
            guest_name: "Alice".into(),
            arrival: day(arrival),
            departure: day(departure),
            phase: StayPhase::on(day(arrival), day(departure), day(10)),
            local_date: day(10),
        }
    }

    #[test]
    fn filters_keep_the_conversations_of_a_property_and_a_phase() {
        let mut arriving = conv(1, 1);
        arriving.stay = Some(brief(1, 10, 12));
        let mut staying = conv(2, 2);
        staying.stay = Some(brief(2, 8, 10));
        let mut later = conv(3, 3);
        later.stay = Some(brief(1, 20, 22));
        let without = conv(4, 4);
        let all = [&arriving, &staying, &later, &without];
        let kept = |f: StayFilter| {
            all.iter()
                .filter(|c| f.matches(c))
                .map(|c| c.id.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(kept(StayFilter::default()), [1, 2, 3, 4]);
        let first = Some(PropertyId(1));
        assert_eq!(
            kept(StayFilter {
                property: first,
                phase: None
            }),
            [1, 3]
        );
        let phase = |p| StayFilter {
            property: None,
            phase: Some(p),
        };
        assert_eq!(kept(phase(PhaseFilter::ArrivingToday)), [1]);
        // The departure day is still part of the stay.
        assert_eq!(kept(phase(PhaseFilter::InStay)), [1, 2]);
        assert_eq!(
            kept(StayFilter {
                property: Some(PropertyId(2)),
                phase: Some(PhaseFilter::ArrivingToday)
            }),
            Vec::<i64>::new()
        );
    }

    #[test]
    fn arriving_today_is_on_the_propertys_own_date() {
        // 23:30 UTC on the 9th: already the 10th in Paris, still the 9th in Martinique.
        let mut paris = conv(1, 1);
        paris.stay = Some(brief(1, 10, 12));
        let mut martinique = conv(2, 2);
        martinique.stay = Some(StayBrief {
            local_date: day(9),
            phase: StayPhase::BeforeArrival,
            ..brief(2, 10, 12)
        });
        let arriving = StayFilter {
            property: None,
            phase: Some(PhaseFilter::ArrivingToday),
        };
        assert!(arriving.matches(&paris));
        assert!(!arriving.matches(&martinique));
    }

    #[test]
    fn dates_read_in_the_operators_order() {
        assert_eq!(short_dates(day(28), day(31), Lang::Fr), "28/12 → 31/12");
        assert_eq!(short_dates(day(28), day(31), Lang::En), "12/28 → 12/31");
        assert_eq!(PhaseFilter::parse("in_stay"), Some(PhaseFilter::InStay));
        assert_eq!(PhaseFilter::parse("x"), None);
    }
}
