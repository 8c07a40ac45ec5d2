//! Pure formatting both apps need: numbers, money, phone numbers, names, in the user's language
//! and time zone. `now` and the UTC offset are always arguments, so all of it is tested on the
//! host.

use chrono::{Duration, NaiveDateTime};
use protocol::Timestamp;

use crate::i18n::Lang;

/// The wall-clock time at `at` in a zone `offset_minutes` ahead of UTC.
pub fn local(at: Timestamp, offset_minutes: i32) -> NaiveDateTime {
    at.naive_utc() + Duration::minutes(offset_minutes.into())
}

/// A UTC instant from its parts: the fixtures and tests of both apps write times this way.
pub fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Timestamp {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .expect("a valid date and time")
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
