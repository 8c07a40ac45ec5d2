//! `/shortcut` in the composer: which saved replies match, and inserting one.

use protocol::templates::Template;

use crate::format::fold;

/// The `/word` being typed at the end of the composer, if any (after a space or at the start).
pub fn slash_token(text: &str) -> Option<&str> {
    let start = text.rfind('/')?;
    let token = &text[start + 1..];
    let at_word_start = text[..start]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    (at_word_start && !token.contains(char::is_whitespace)).then_some(token)
}

/// Saved replies whose shortcut starts with the token (then those that contain it), best first.
pub fn matching<'a>(templates: &'a [Template], token: &str) -> Vec<&'a Template> {
    let q = fold(token);
    let mut starts: Vec<&Template> = Vec::new();
    let mut contains: Vec<&Template> = Vec::new();
    for t in templates {
        let s = fold(&t.shortcut);
        if s.starts_with(&q) {
            starts.push(t);
        } else if s.contains(&q) || (q.len() >= 3 && fold(&t.body).contains(&q)) {
            contains.push(t);
        }
    }
    // Shortest first once something is typed (the likeliest completion), else alphabetical.
    if q.is_empty() {
        starts.sort_by(|a, b| a.shortcut.cmp(&b.shortcut));
    } else {
        starts.sort_by(|a, b| {
            a.shortcut
                .len()
                .cmp(&b.shortcut.len())
                .then(a.shortcut.cmp(&b.shortcut))
        });
    }
    starts.extend(contains);
    starts
}

/// Replaces the trailing `/token` with the template's text.
pub fn insert(text: &str, template: &Template) -> String {
    match slash_token(text) {
        Some(token) => {
            let cut = text.len() - token.len() - 1;
            format!("{}{}", &text[..cut], template.body)
        }
        None if text.is_empty() || text.ends_with(char::is_whitespace) => {
            format!("{text}{}", template.body)
        }
        None => format!("{text} {}", template.body),
    }
}

/// The template whose shortcut is exactly the token, for Enter on `/wifi`.
pub fn exact<'a>(templates: &'a [Template], token: &str) -> Option<&'a Template> {
    templates
        .iter()
        .find(|t| t.shortcut.eq_ignore_ascii_case(token))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use protocol::TemplateId;

    fn tpl(id: i64, shortcut: &str, body: &str) -> Template {
        let at = chrono::Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
        Template {
            id: TemplateId(id),
            shortcut: shortcut.into(),
            body: body.into(),
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn slash_token_only_at_a_word_start() {
        assert_eq!(slash_token("/wi"), Some("wi"));
        assert_eq!(slash_token("Bonjour /wifi"), Some("wifi"));
        assert_eq!(slash_token("/"), Some(""));
        assert_eq!(slash_token("https://x.fr"), None);
        assert_eq!(slash_token("1/2"), None);
        assert_eq!(slash_token("/wifi merci"), None);
        assert_eq!(slash_token("pas de slash"), None);
    }

    #[test]
    fn matching_prefers_prefixes() {
        let ts = vec![
            tpl(1, "checkin", "Le check-in est à 16 h."),
            tpl(2, "wifi", "Le mot de passe Wi-Fi est sur le frigo."),
            tpl(3, "wifi-code", "Code : 1234"),
            tpl(
                4,
                "parking",
                "Place 12, niveau -1. Wifi du parking : aucun.",
            ),
        ];
        let names = |v: Vec<&Template>| v.iter().map(|t| t.shortcut.clone()).collect::<Vec<_>>();
        assert_eq!(names(matching(&ts, "wi")), vec!["wifi", "wifi-code"]);
        assert_eq!(
            names(matching(&ts, "WIFI")),
            vec!["wifi", "wifi-code", "parking"]
        );
        assert_eq!(
            names(matching(&ts, "")),
            vec!["checkin", "parking", "wifi", "wifi-code"]
        );
        assert_eq!(exact(&ts, "Wifi").unwrap().id, TemplateId(2));
    }

    #[test]
    fn insert_replaces_the_token() {
        let t = tpl(2, "wifi", "Le code est 1234.");
        assert_eq!(insert("Bonjour ! /wi", &t), "Bonjour ! Le code est 1234.");
        assert_eq!(insert("/wifi", &t), "Le code est 1234.");
        assert_eq!(insert("", &t), "Le code est 1234.");
        assert_eq!(insert("Bonjour", &t), "Bonjour Le code est 1234.");
    }
}
