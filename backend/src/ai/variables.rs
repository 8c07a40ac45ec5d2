//! `{{variables}}` in FAQ answers and templates, filled in when the AI sends an answer:
//! `{{guest_name}}`, `{{property.name}}`, `{{property.check_in_time}}`,
//! `{{property.check_out_time}}`, `{{stay.arrival}}`, `{{stay.departure}}` (dates as
//! `YYYY-MM-DD`).
//!
//! In AI answers, a known variable with nothing to fill it (no linked stay) is removed together
//! with the space before it, so "Bonjour {{guest_name}}, ..." reads "Bonjour, ...". An operator's
//! own reply ([`fill_for_operator`]) keeps it as written instead: the operator sees in the thread
//! what could not be filled rather than a sentence silently cut short. An unknown name is always
//! left as written: it is most likely a typo the operator should see, not something to hide.

use super::StayContext;

const OPEN: &str = "{{";
const CLOSE: &str = "}}";

/// What becomes of a known variable when there is no stay to fill it from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unfilled {
    Remove,
    Keep,
}

/// For AI answers: unfillable known variables are removed.
pub fn fill(text: &str, stay: Option<&StayContext>) -> String {
    fill_with(text, stay, Unfilled::Remove)
}

/// For an operator's reply or saved template: nothing the operator wrote disappears.
pub fn fill_for_operator(text: &str, stay: Option<&StayContext>) -> String {
    fill_with(text, stay, Unfilled::Keep)
}

/// Whether `text` has anything that looks like a variable (spares the stay lookup otherwise).
pub fn has_variables(text: &str) -> bool {
    text.find(OPEN)
        .is_some_and(|start| text[start..].contains(CLOSE))
}

fn fill_with(text: &str, stay: Option<&StayContext>, unfilled: Unfilled) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let Some(len) = rest[start + OPEN.len()..].find(CLOSE) else {
            break;
        };
        let name = rest[start + OPEN.len()..start + OPEN.len() + len].trim();
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len() + len + CLOSE.len()..];
        match value(name, stay) {
            Some(Some(value)) => out.push_str(&value),
            Some(None) if unfilled == Unfilled::Keep => {
                out.push_str(&rest[start..start + OPEN.len() + len + CLOSE.len()])
            }
            Some(None) => {
                // Removed: do not leave "Bonjour ," behind.
                if after.starts_with([' ', ',', '.', '!', '?', '\n']) || after.is_empty() {
                    let trimmed = out.trim_end_matches(' ').len();
                    out.truncate(trimmed);
                }
            }
            None => out.push_str(&rest[start..start + OPEN.len() + len + CLOSE.len()]),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `None`: not a variable we know. `Some(None)`: known, but no stay to take it from.
fn value(name: &str, stay: Option<&StayContext>) -> Option<Option<String>> {
    let pick: fn(&StayContext) -> String = match name {
        "guest_name" => |s| s.guest_name.clone(),
        "property.name" => |s| s.property_name.clone(),
        "property.check_in_time" => |s| s.check_in_time.clone(),
        "property.check_out_time" => |s| s.check_out_time.clone(),
        "stay.arrival" => |s| s.arrival.to_string(),
        "stay.departure" => |s| s.departure.to_string(),
        _ => return None,
    };
    Some(stay.map(pick))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn stay() -> StayContext {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        StayContext {
            guest_name: "Alice Martin".into(),
            property_name: "Studio Canal".into(),
            address: "3 quai de Jemmapes".into(),
            check_in_time: "16:00".into(),
            check_out_time: "11:00".into(),
            arrival: day(10),
            departure: day(12),
            today: day(9),
        }
    }

    #[test]
    fn known_variables_are_filled_from_the_stay() {
        let text = "Bonjour {{guest_name}}, bienvenue à {{ property.name }} : arrivée le \
                    {{stay.arrival}} dès {{property.check_in_time}}, départ le {{stay.departure}} \
                    avant {{property.check_out_time}}.";
        assert_eq!(
            fill(text, Some(&stay())),
            "Bonjour Alice Martin, bienvenue à Studio Canal : arrivée le 2026-12-10 dès 16:00, \
             départ le 2026-12-12 avant 11:00."
        );
    }

    #[test]
    fn without_a_stay_known_variables_are_removed_cleanly() {
        assert_eq!(
            fill("Bonjour {{guest_name}}, le wifi est « Canal ».", None),
            "Bonjour, le wifi est « Canal »."
        );
        assert_eq!(fill("Merci {{guest_name}}", None), "Merci");
    }

    #[test]
    fn an_operator_reply_keeps_what_cannot_be_filled() {
        assert_eq!(
            fill_for_operator("Bonjour {{guest_name}}, code {{door_code}}.", None),
            "Bonjour {{guest_name}}, code {{door_code}}."
        );
        assert_eq!(
            fill_for_operator("Bonjour {{guest_name}}, code {{door_code}}.", Some(&stay())),
            "Bonjour Alice Martin, code {{door_code}}."
        );
        assert!(has_variables("a {{x}} b"));
        assert!(!has_variables("a {{ b"));
        assert!(!has_variables("a }} {{ b"));
    }

    #[test]
    fn unknown_variables_and_unclosed_braces_are_left_as_written() {
        assert_eq!(
            fill("Code {{door_code}} pour {{guest_name}}", Some(&stay())),
            "Code {{door_code}} pour Alice Martin"
        );
        assert_eq!(
            fill("Prix {{ guest_name", Some(&stay())),
            "Prix {{ guest_name"
        );
    }
}
