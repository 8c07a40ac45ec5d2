//! Pure formatting: numbers, money, dates and "how long ago" in the admin's language and time
//! zone. `now` and the UTC offset are always arguments, so all of it is tested on the host.

use chrono::{Datelike, Duration, NaiveDateTime, Timelike};
use protocol::Timestamp;

use crate::i18n::Lang;

fn local(at: Timestamp, offset_minutes: i32) -> NaiveDateTime {
    at.naive_utc() + Duration::minutes(offset_minutes.into())
}

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

/// `1 234` / `1,234`.
pub fn thousands(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let digits: Vec<char> = n.unsigned_abs().to_string().chars().collect();
    let groups: Vec<String> = digits
        .rchunks(3)
        .rev()
        .map(|g| g.iter().collect())
        .collect();
    let out = groups.join(&sep.to_string());
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// `42 %` / `42%`.
pub fn percent(share: f64, lang: Lang) -> String {
    let v = (share.clamp(0.0, 1.0) * 100.0).round();
    match lang {
        Lang::Fr => format!("{v}\u{a0}%"),
        Lang::En => format!("{v}%"),
    }
}

/// `0,42 $` / `$0.42`; below a cent, `< 0,01 $` rather than a misleading zero.
pub fn usd(amount: f64, lang: Lang) -> String {
    if amount > 0.0 && amount < 0.005 {
        return match lang {
            Lang::Fr => "< 0,01\u{a0}$".to_owned(),
            Lang::En => "< $0.01".to_owned(),
        };
    }
    match lang {
        Lang::Fr => format!("{:.2}\u{a0}$", amount).replace('.', ","),
        Lang::En => format!("${amount:.2}"),
    }
}

/// `12,3 k` / `12.3k` for large token counts; exact below 10 000.
pub fn compact(n: i64, lang: Lang) -> String {
    let abs = n.unsigned_abs();
    let (value, unit) = match abs {
        0..=9_999 => return thousands(n, lang),
        10_000..=999_999 => (n as f64 / 1_000.0, "k"),
        _ => (n as f64 / 1_000_000.0, "M"),
    };
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text).to_owned();
    match lang {
        Lang::Fr => format!("{}\u{a0}{unit}", text.replace('.', ",")),
        Lang::En => format!("{text}{unit}"),
    }
}

/// Up to two initials for an avatar.
pub fn initials(name: &str) -> String {
    let letters: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "?".to_owned()
    } else {
        letters
    }
}

/// A stable hue for an avatar, so a conciergerie keeps its colour.
pub fn avatar_hue(seed: &str) -> u32 {
    seed.bytes().fold(2166136261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16777619)
    }) % 360
}

/// Folds case and French accents so `alpes cles` finds `Alpes Clés`.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

/// `whatsapp:+33612345678` → `+33 6 12 34 56 78` for French numbers, `+1 415 523 8886` for
/// North American ones, else `+` and the digits; anything unexpected is shown as it is.
pub fn phone(address: &str) -> String {
    let raw = address.strip_prefix("whatsapp:").unwrap_or(address);
    let Some(digits) = raw.strip_prefix('+') else {
        return raw.to_owned();
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return raw.to_owned();
    }
    if let Some(rest) = digits.strip_prefix("33").filter(|r| r.len() == 9) {
        let (first, pairs) = rest.split_at(1);
        let pairs: Vec<&str> = (0..4).map(|i| &pairs[i * 2..i * 2 + 2]).collect();
        return format!("+33 {first} {}", pairs.join(" "));
    }
    if let Some(rest) = digits.strip_prefix('1').filter(|r| r.len() == 10) {
        return format!("+1 {} {} {}", &rest[..3], &rest[3..6], &rest[6..]);
    }
    format!("+{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Timestamp {
        chrono::Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

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

    #[test]
    fn numbers_percentages_and_money() {
        assert_eq!(thousands(1_234_567, Lang::Fr), "1\u{202f}234\u{202f}567");
        assert_eq!(thousands(1_234, Lang::En), "1,234");
        assert_eq!(thousands(-12, Lang::En), "-12");
        assert_eq!(percent(0.834, Lang::Fr), "83\u{a0}%");
        assert_eq!(percent(1.2, Lang::En), "100%");
        assert_eq!(usd(1.5, Lang::Fr), "1,50\u{a0}$");
        assert_eq!(usd(1.5, Lang::En), "$1.50");
        assert_eq!(usd(0.0, Lang::En), "$0.00");
        assert_eq!(usd(0.001, Lang::Fr), "< 0,01\u{a0}$");
        assert_eq!(compact(9_999, Lang::En), "9,999");
        assert_eq!(compact(12_345, Lang::En), "12.3k");
        assert_eq!(compact(12_000, Lang::Fr), "12\u{a0}k");
        assert_eq!(compact(2_500_000, Lang::Fr), "2,5\u{a0}M");
    }

    #[test]
    fn phone_numbers_read_like_phone_numbers() {
        assert_eq!(phone("whatsapp:+33612345678"), "+33 6 12 34 56 78");
        assert_eq!(phone("whatsapp:+14155238886"), "+1 415 523 8886");
        assert_eq!(phone("whatsapp:+4915112345678"), "+4915112345678");
        assert_eq!(phone("whatsapp:CC.abc"), "CC.abc");
    }

    #[test]
    fn initials_hue_and_fold() {
        assert_eq!(initials("Alpes Clés & Co"), "AC");
        assert_eq!(initials("  "), "?");
        assert_eq!(avatar_hue("Demo"), avatar_hue("Demo"));
        assert!(avatar_hue("x") < 360);
        assert_eq!(fold("Éléonore À"), "eleonore a");
    }
}
