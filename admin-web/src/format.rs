//! Pure formatting: numbers, money, dates and "how long ago" in the admin's language and time
//! zone. `now` and the UTC offset are always arguments, so all of it is tested on the host.

use chrono::{Datelike, Timelike};
use protocol::Timestamp;

use crate::i18n::{Lang, Localized};

// The toolkit's formatting, for the screens that have always found it here.
pub use ui::format::{avatar_hue, compact, fold, initials, local, percent, phone, thousands, usd};

const MONTHS_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `3 mars 2025` / `Mar 3, 2025`.
pub fn date(at: Timestamp, offset_minutes: i32, lang: Lang) -> String {
    let t = local(at, offset_minutes);
    match lang {
        Lang::Fr => format!(
            "{} {} {}",
            t.day(),
            MONTHS_FR[t.month0() as usize],
            t.year()
        ),
        Lang::En => format!(
            "{} {}, {}",
            MONTHS_EN[t.month0() as usize],
            t.day(),
            t.year()
        ),
    }
}

/// `3 mars 2025, 14:05` / `Mar 3, 2025, 14:05`.
pub fn date_time(at: Timestamp, offset_minutes: i32, lang: Lang) -> String {
    let t = local(at, offset_minutes);
    format!(
        "{}, {:02}:{:02}",
        date(at, offset_minutes, lang),
        t.hour(),
        t.minute()
    )
}

/// How long ago, for activity columns: `à l'instant`, `il y a 5 min`, `il y a 3 h`, `hier`,
/// `il y a 4 j`, then the date.
pub fn ago(at: Timestamp, now: Timestamp, offset_minutes: i32, lang: Lang) -> String {
    let secs = (now - at).num_seconds().max(0);
    let days = (local(now, offset_minutes).date() - local(at, offset_minutes).date()).num_days();
    match (lang, secs) {
        (Lang::Fr, 0..=59) => "à l'instant".to_owned(),
        (Lang::En, 0..=59) => "just now".to_owned(),
        (Lang::Fr, 60..=3599) => format!("il y a {} min", secs / 60),
        (Lang::En, 60..=3599) => format!("{} min ago", secs / 60),
        _ if days <= 0 => match lang {
            Lang::Fr => format!("il y a {} h", secs / 3600),
            Lang::En => format!("{} h ago", secs / 3600),
        },
        _ if days == 1 => lang.t().yesterday.to_owned(),
        _ if days < 7 => match lang {
            Lang::Fr => format!("il y a {days} j"),
            Lang::En => format!("{days} days ago"),
        },
        _ => date(at, offset_minutes, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ui::format::utc as at;

    #[test]
    fn dates_in_both_languages_and_time_zones() {
        let t = at(2025, 3, 7, 23, 30);
        assert_eq!(date(t, 0, Lang::Fr), "7 mars 2025");
        assert_eq!(
            date(t, 60, Lang::Fr),
            "8 mars 2025",
            "Paris is already on the 8th"
        );
        assert_eq!(date(t, 0, Lang::En), "Mar 7, 2025");
        assert_eq!(date_time(t, 60, Lang::En), "Mar 8, 2025, 00:30");
    }

    #[test]
    fn ago_counts_minutes_hours_then_days() {
        let now = at(2025, 3, 10, 15, 0);
        assert_eq!(
            ago(at(2025, 3, 10, 14, 59), now, 0, Lang::Fr),
            "il y a 1 min"
        );
        assert_eq!(ago(now, now, 0, Lang::En), "just now");
        assert_eq!(ago(at(2025, 3, 10, 9, 0), now, 0, Lang::Fr), "il y a 6 h");
        assert_eq!(ago(at(2025, 3, 9, 9, 0), now, 0, Lang::Fr), "hier");
        assert_eq!(ago(at(2025, 3, 6, 9, 0), now, 0, Lang::En), "4 days ago");
        assert_eq!(ago(at(2025, 2, 1, 9, 0), now, 0, Lang::Fr), "1 févr. 2025");
        // A clock slightly behind the server's never says "in the future".
        assert_eq!(ago(at(2025, 3, 10, 15, 1), now, 0, Lang::Fr), "à l'instant");
    }
}
