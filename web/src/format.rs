//! Pure formatting: times in the operator's time zone, durations, WhatsApp's 24 h window,
//! readable delivery failures. `now` and the UTC offset are always arguments.

use chrono::{Datelike, Duration, Timelike};
use protocol::conversations::Message;
use protocol::Timestamp;

use crate::i18n::{Lang, Localized};

// The toolkit's formatting, for the screens that have always found it here.
pub use ui::format::{avatar_hue, fold, initials, local, percent, thousands, usd};

/// WhatsApp allows free-form replies for this long after the guest's last message.
pub const REPLY_WINDOW_HOURS: i64 = 24;

/// `14:05`.
pub fn clock_time(at: Timestamp, offset_minutes: i32) -> String {
    let t = local(at, offset_minutes);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn month_name(lang: Lang, month0: u32) -> &'static str {
    match lang {
        Lang::Fr => MONTHS_FR[month0 as usize % 12],
        Lang::En => MONTHS_EN[month0 as usize % 12],
    }
}

fn weekday_name(lang: Lang, from_monday: u32) -> &'static str {
    match lang {
        Lang::Fr => WEEKDAYS_FR[from_monday as usize % 7],
        Lang::En => WEEKDAYS_EN[from_monday as usize % 7],
    }
}

/// Whole local days between `at` and `now` (0 = today, 1 = yesterday).
fn days_ago(at: Timestamp, now: Timestamp, offset_minutes: i32) -> i64 {
    let a = local(at, offset_minutes).date();
    let n = local(now, offset_minutes).date();
    (n - a).num_days()
}

/// The time shown in the inbox: `14:05` today, `Hier`, a weekday this week, else a date.
pub fn list_time(at: Timestamp, now: Timestamp, offset_minutes: i32, lang: Lang) -> String {
    let t = local(at, offset_minutes);
    match days_ago(at, now, offset_minutes) {
        ..=0 => clock_time(at, offset_minutes),
        1 => lang.t().yesterday.to_owned(),
        2..=6 => capitalize(weekday_name(lang, t.weekday().num_days_from_monday())),
        _ => match lang {
            Lang::Fr => format!("{:02}/{:02}/{:02}", t.day(), t.month(), t.year() % 100),
            Lang::En => format!("{}/{}/{:02}", t.month(), t.day(), t.year() % 100),
        },
    }
}

/// The separator between days in a chat: `Aujourd'hui`, `Hier`, `lundi 3 mars 2025`.
pub fn day_label(at: Timestamp, now: Timestamp, offset_minutes: i32, lang: Lang) -> String {
    let t = local(at, offset_minutes);
    match days_ago(at, now, offset_minutes) {
        ..=0 => lang.t().today.to_owned(),
        1 => lang.t().yesterday.to_owned(),
        _ => {
            let weekday = weekday_name(lang, t.weekday().num_days_from_monday());
            let month = month_name(lang, t.month0());
            match lang {
                Lang::Fr => format!("{} {} {} {}", weekday, t.day(), month, t.year()),
                Lang::En => format!("{}, {} {}, {}", weekday, month, t.day(), t.year()),
            }
        }
    }
}

/// `3 mars 2025` / `March 3, 2025`.
pub fn long_date(at: Timestamp, offset_minutes: i32, lang: Lang) -> String {
    let t = local(at, offset_minutes);
    match lang {
        Lang::Fr => format!("{} {} {}", t.day(), month_name(lang, t.month0()), t.year()),
        Lang::En => format!("{} {}, {}", month_name(lang, t.month0()), t.day(), t.year()),
    }
}

/// The local calendar day of `at`, to group messages.
pub fn local_day(at: Timestamp, offset_minutes: i32) -> chrono::NaiveDate {
    local(at, offset_minutes).date()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `42 s`, `3 min`, `1 h 20`, `2 j 3 h`.
pub fn duration_short(secs: f64, lang: Lang) -> String {
    let secs = secs.max(0.0).round() as i64;
    let day = match lang {
        Lang::Fr => "j",
        Lang::En => "d",
    };
    if secs < 60 {
        format!("{secs} s")
    } else if secs < 3600 {
        format!("{} min", secs / 60)
    } else if secs < 86_400 {
        let m = (secs % 3600) / 60;
        if m == 0 {
            format!("{} h", secs / 3600)
        } else {
            format!("{} h {:02}", secs / 3600, m)
        }
    } else {
        format!("{} {day} {} h", secs / 86_400, (secs % 86_400) / 3600)
    }
}

/// Where a conversation stands with WhatsApp's 24 h free-form window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyWindow {
    /// Free-form replies are allowed for this many more seconds.
    Open { remaining_secs: i64 },
    /// The guest's last message is more than 24 h old.
    Closed,
    /// The guest never wrote (a conversation the operator started): nothing can be sent freely.
    NeverOpened,
}

impl ReplyWindow {
    pub fn compute(last_client_message_at: Option<Timestamp>, now: Timestamp) -> Self {
        match last_client_message_at {
            None => ReplyWindow::NeverOpened,
            Some(at) => {
                let remaining = (at + Duration::hours(REPLY_WINDOW_HOURS) - now).num_seconds();
                if remaining > 0 {
                    ReplyWindow::Open {
                        remaining_secs: remaining,
                    }
                } else {
                    ReplyWindow::Closed
                }
            }
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, ReplyWindow::Open { .. })
    }

    /// Less than two hours left: worth a warning colour.
    pub fn closing_soon(self) -> bool {
        matches!(self, ReplyWindow::Open { remaining_secs } if remaining_secs < 2 * 3600)
    }
}

/// `3 h 12` left in the window.
pub fn window_remaining(remaining_secs: i64) -> String {
    let h = remaining_secs / 3600;
    let m = (remaining_secs % 3600) / 60;
    // No-break spaces: "23 h 59" never splits over two lines.
    if h == 0 {
        format!("{m}\u{a0}min")
    } else {
        format!("{h}\u{a0}h\u{a0}{m:02}")
    }
}

/// A readable reason for a failed delivery: the known Twilio codes in the operator's language,
/// else the server's explanation, else the bare code.
pub fn failure_reason(code: Option<&str>, message: Option<&str>, lang: Lang) -> String {
    let t = lang.t();
    let known = match code {
        Some("63016") => Some(t.err_63016),
        Some("63003") | Some("63024") | Some("21211") | Some("21614") => Some(t.err_bad_number),
        Some("30003") | Some("30005") | Some("30006") => Some(t.err_unreachable),
        Some("30007") => Some(t.err_filtered),
        Some("63018") | Some("20429") => Some(t.err_rate_limited),
        Some("63112") | Some("63049") => Some(t.err_blocked),
        _ => None,
    };
    match (known, message.filter(|m| !m.trim().is_empty()), code) {
        (Some(k), _, Some(c)) => format!("{k} ({c})"),
        (Some(k), _, None) => k.to_owned(),
        (None, Some(m), Some(c)) => format!("{m} ({c})"),
        (None, Some(m), None) => m.to_owned(),
        (None, None, Some(c)) => format!("{} ({c})", t.err_unknown),
        (None, None, None) => t.err_unknown.to_owned(),
    }
}

/// One line for the inbox from a message: its text, or what it carries.
pub fn preview_of(message: &Message) -> String {
    let body = message.body.trim();
    if !body.is_empty() {
        return body.lines().next().unwrap_or(body).to_owned();
    }
    if let Some(loc) = &message.location {
        return format!("📍 {}", loc.label.as_deref().unwrap_or("Position"));
    }
    match message.media.first() {
        Some(m) if m.content_type.starts_with("image/") => "📷 Photo".to_owned(),
        Some(m) if m.content_type.starts_with("audio/") => "🎤 Audio".to_owned(),
        Some(m) if m.content_type.starts_with("video/") => "🎬 Vidéo".to_owned(),
        Some(_) => "📎".to_owned(),
        None => String::new(),
    }
}

/// OpenStreetMap link centred on a shared location.
pub fn osm_url(latitude: f64, longitude: f64) -> String {
    format!(
        "https://www.openstreetmap.org/?mlat={latitude:.6}&mlon={longitude:.6}#map=17/{latitude:.6}/{longitude:.6}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ui::format::utc as at;

    #[test]
    fn list_time_is_clock_today_then_yesterday_weekday_date() {
        let now = at(2025, 3, 12, 15, 0); // a Wednesday
        assert_eq!(list_time(at(2025, 3, 12, 9, 5), now, 0, Lang::Fr), "09:05");
        assert_eq!(list_time(at(2025, 3, 11, 23, 0), now, 0, Lang::Fr), "Hier");
        assert_eq!(
            list_time(at(2025, 3, 11, 23, 0), now, 0, Lang::En),
            "Yesterday"
        );
        assert_eq!(
            list_time(at(2025, 3, 9, 8, 0), now, 0, Lang::Fr),
            "Dimanche"
        );
        assert_eq!(
            list_time(at(2025, 2, 1, 8, 0), now, 0, Lang::Fr),
            "01/02/25"
        );
        assert_eq!(list_time(at(2025, 2, 1, 8, 0), now, 0, Lang::En), "2/1/25");
    }

    #[test]
    fn local_offset_moves_the_day_boundary() {
        let now = at(2025, 3, 12, 10, 0);
        // 23:30 UTC the day before is 00:30 today in Paris (UTC+1).
        let late = at(2025, 3, 11, 23, 30);
        assert_eq!(list_time(late, now, 60, Lang::Fr), "00:30");
        assert_eq!(list_time(late, now, 0, Lang::Fr), "Hier");
    }

    #[test]
    fn day_labels() {
        let now = at(2025, 3, 12, 10, 0);
        assert_eq!(day_label(now, now, 0, Lang::Fr), "Aujourd'hui");
        assert_eq!(
            day_label(at(2025, 3, 3, 10, 0), now, 0, Lang::Fr),
            "lundi 3 mars 2025"
        );
        assert_eq!(
            day_label(at(2025, 3, 3, 10, 0), now, 0, Lang::En),
            "Monday, March 3, 2025"
        );
        assert_eq!(long_date(at(2025, 3, 3, 10, 0), 0, Lang::Fr), "3 mars 2025");
        assert_eq!(
            long_date(at(2025, 3, 3, 10, 0), 0, Lang::En),
            "March 3, 2025"
        );
    }

    #[test]
    fn reply_window_opens_for_24_hours() {
        let now = at(2025, 3, 12, 10, 0);
        assert_eq!(ReplyWindow::compute(None, now), ReplyWindow::NeverOpened);
        let w = ReplyWindow::compute(Some(at(2025, 3, 12, 9, 0)), now);
        assert_eq!(
            w,
            ReplyWindow::Open {
                remaining_secs: 23 * 3600
            }
        );
        assert!(w.is_open() && !w.closing_soon());
        let soon = ReplyWindow::compute(Some(at(2025, 3, 11, 11, 0)), now);
        assert!(soon.closing_soon());
        assert_eq!(
            ReplyWindow::compute(Some(at(2025, 3, 11, 10, 0)), now),
            ReplyWindow::Closed
        );
        assert_eq!(window_remaining(3 * 3600 + 12 * 60 + 5), "3\u{a0}h\u{a0}12");
        assert_eq!(window_remaining(59 * 60), "59\u{a0}min");
    }

    #[test]
    fn failure_reasons_are_readable() {
        let r = failure_reason(Some("63016"), Some("Failed to send"), Lang::Fr);
        assert!(r.contains("24 h") && r.ends_with("(63016)"), "{r}");
        assert_eq!(
            failure_reason(None, Some("Carrier said no"), Lang::En),
            "Carrier said no"
        );
        assert_eq!(
            failure_reason(Some("99999"), None, Lang::En),
            "Delivery failed (99999)"
        );
    }

    #[test]
    fn durations_and_numbers() {
        assert_eq!(duration_short(42.4, Lang::Fr), "42 s");
        assert_eq!(duration_short(185.0, Lang::Fr), "3 min");
        assert_eq!(duration_short(4800.0, Lang::Fr), "1 h 20");
        assert_eq!(duration_short(3600.0, Lang::En), "1 h");
        assert_eq!(duration_short(90_000.0, Lang::En), "1 d 1 h");
    }
}
