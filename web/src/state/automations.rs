//! The automations screen's pure parts: the form's draft and what it sends, the sentence that
//! says when a message goes, and which scheduled messages the conversation shows.

use std::collections::BTreeMap;

use protocol::automations::{Automation, AutomationPatch, NewAutomation, ScheduledMessage};
use protocol::{AutomationAnchor, PropertyId, ScheduledStatus};
use ui::i18n::Lang;

/// What the automation form holds, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct AutomationDraft {
    pub name: String,
    /// `None`: every property.
    pub property: Option<PropertyId>,
    pub anchor: AutomationAnchor,
    /// Days from the anchor date, as typed (`-1` the day before).
    pub offset_days: String,
    pub send_time: String,
    pub body: String,
    pub content_sid: String,
    /// One placeholder a line: `1 = {{guest_name}}`.
    pub content_variables: String,
}

impl Default for AutomationDraft {
    fn default() -> Self {
        AutomationDraft {
            name: String::new(),
            property: None,
            anchor: AutomationAnchor::Arrival,
            offset_days: "-1".into(),
            send_time: "18:00".into(),
            body: String::new(),
            content_sid: String::new(),
            content_variables: String::new(),
        }
    }
}

/// A field the form refuses before asking the server, with the API's field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    Required(&'static str),
    OffsetNotANumber,
    /// The line of `content_variables` that is not `key = value`.
    VariableLine(usize),
}

impl DraftError {
    pub fn field(&self) -> &'static str {
        match self {
            DraftError::Required(field) => field,
            DraftError::OffsetNotANumber => "offset_days",
            DraftError::VariableLine(_) => "content_variables",
        }
    }
}

impl AutomationDraft {
    pub fn of(a: &Automation) -> Self {
        AutomationDraft {
            name: a.name.clone(),
            property: a.property_id,
            anchor: a.anchor,
            offset_days: a.offset_days.to_string(),
            send_time: a.send_time.clone(),
            body: a.body.clone(),
            content_sid: a.content_sid.clone().unwrap_or_default(),
            content_variables: a
                .content_variables
                .iter()
                .map(|(k, v)| format!("{k} = {v}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// `1 = {{guest_name}}` lines (`:` works too); blank lines are ignored.
    fn variables(&self) -> Result<BTreeMap<String, String>, DraftError> {
        let mut out = BTreeMap::new();
        for (i, line) in self.content_variables.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once('=').or_else(|| line.split_once(':')) else {
                return Err(DraftError::VariableLine(i + 1));
            };
            let (key, value) = (key.trim(), value.trim());
            if key.is_empty() || value.is_empty() {
                return Err(DraftError::VariableLine(i + 1));
            }
            out.insert(key.to_owned(), value.to_owned());
        }
        Ok(out)
    }

    /// The rule to create; what the server checks further (time, SID, lengths) it answers by
    /// field.
    pub fn to_new(&self) -> Result<NewAutomation, DraftError> {
        if self.name.trim().is_empty() {
            return Err(DraftError::Required("name"));
        }
        if self.body.trim().is_empty() {
            return Err(DraftError::Required("body"));
        }
        if self.send_time.trim().is_empty() {
            return Err(DraftError::Required("send_time"));
        }
        let offset_days = self
            .offset_days
            .trim()
            .trim_start_matches('+')
            .parse()
            .map_err(|_| DraftError::OffsetNotANumber)?;
        let sid = self.content_sid.trim();
        Ok(NewAutomation {
            property_id: self.property,
            name: self.name.trim().to_owned(),
            anchor: self.anchor,
            offset_days,
            send_time: self.send_time.trim().to_owned(),
            body: self.body.trim().to_owned(),
            content_sid: (!sid.is_empty()).then(|| sid.to_owned()),
            content_variables: self.variables()?,
        })
    }

    /// Every field, so an emptied template or property is cleared too.
    pub fn to_patch(&self) -> Result<AutomationPatch, DraftError> {
        let new = self.to_new()?;
        Ok(AutomationPatch {
            property_id: Some(new.property_id),
            name: Some(new.name),
            anchor: Some(new.anchor),
            offset_days: Some(new.offset_days),
            send_time: Some(new.send_time),
            body: Some(new.body),
            content_sid: Some(new.content_sid),
            content_variables: Some(new.content_variables),
            enabled: None,
        })
    }
}

/// "La veille de l'arrivée à 18:00", "3 days after departure at 10:00".
pub fn timing(anchor: AutomationAnchor, offset_days: i32, send_time: &str, lang: Lang) -> String {
    let arrival = anchor == AutomationAnchor::Arrival;
    let n = offset_days.unsigned_abs();
    let day = match (lang, offset_days, arrival) {
        (Lang::Fr, 0, true) => "Le jour de l'arrivée".to_owned(),
        (Lang::Fr, 0, false) => "Le jour du départ".to_owned(),
        (Lang::Fr, -1, true) => "La veille de l'arrivée".to_owned(),
        (Lang::Fr, -1, false) => "La veille du départ".to_owned(),
        (Lang::Fr, 1, true) => "Le lendemain de l'arrivée".to_owned(),
        (Lang::Fr, 1, false) => "Le lendemain du départ".to_owned(),
        (Lang::Fr, o, a) => format!(
            "{n}\u{a0}jours {} {}",
            if o < 0 { "avant" } else { "après" },
            if a { "l'arrivée" } else { "le départ" }
        ),
        (Lang::En, 0, a) => format!("On the {} day", if a { "arrival" } else { "departure" }),
        (Lang::En, o, a) => format!(
            "{n} day{} {} {}",
            if n == 1 { "" } else { "s" },
            if o < 0 { "before" } else { "after" },
            if a { "arrival" } else { "departure" }
        ),
    };
    match lang {
        Lang::Fr => format!("{day} à {send_time} (heure du logement)"),
        Lang::En => format!("{day} at {send_time} (property's local time)"),
    }
}

/// What the conversation shows of a stay's scheduled messages: those still to go, and those
/// that did not go (skipped or failed), with their reason — not the ones sent (they are in the
/// thread) nor those an operator cancelled.
pub fn shown(rows: &[ScheduledMessage]) -> Vec<&ScheduledMessage> {
    rows.iter()
        .filter(|r| {
            matches!(
                r.status,
                ScheduledStatus::Pending | ScheduledStatus::Skipped | ScheduledStatus::Failed
            )
        })
        .collect()
}

/// The server's reason in the operator's language (known reasons; others as written).
pub fn reason(text: &str, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let known = if text.contains("never written") {
        Some((
            "Le voyageur n'a jamais écrit\u{a0}: seul un modèle WhatsApp approuvé (Content SID) peut lui parvenir, et cette automatisation n'en a pas",
            "The guest has never written: only an approved WhatsApp template (Content SID) can reach them, and this automation has none",
        ))
    } else if text.contains("24 h window") {
        Some((
            "Hors de la fenêtre de 24 h et l'automatisation n'a pas de modèle WhatsApp",
            "Outside the 24 h window and the automation has no WhatsApp template",
        ))
    } else if text.contains("stay was cancelled") {
        Some(("Le séjour a été annulé", "The stay was cancelled"))
    } else if text.contains("too late") {
        Some((
            "Trop tard pour l'envoyer (serveur arrêté à l'heure prévue)",
            "Too late to send (the server was down at the time)",
        ))
    } else if text.contains("no WhatsApp number") {
        Some((
            "Le séjour n'a pas de numéro WhatsApp",
            "The stay has no WhatsApp number",
        ))
    } else if text.contains("disabled") {
        Some((
            "L'automatisation est désactivée",
            "The automation is disabled",
        ))
    } else {
        None
    };
    match known {
        Some((f, e)) => (if fr { f } else { e }).to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> AutomationDraft {
        AutomationDraft {
            name: " Veille ".into(),
            body: "Bonjour {{guest_name}}".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_draft_becomes_the_rule_it_says() {
        let new = draft().to_new().unwrap();
        assert_eq!(new.name, "Veille");
        assert_eq!(
            (new.anchor, new.offset_days),
            (AutomationAnchor::Arrival, -1)
        );
        assert_eq!(new.content_sid, None);
        assert!(new.content_variables.is_empty());

        let mut templated = draft();
        templated.offset_days = "+2".into();
        templated.content_sid = " HXabc ".into();
        templated.content_variables = "1 = {{guest_name}}\n\n2: {{property.name}}".into();
        let new = templated.to_new().unwrap();
        assert_eq!(new.offset_days, 2);
        assert_eq!(new.content_sid.as_deref(), Some("HXabc"));
        assert_eq!(new.content_variables["1"], "{{guest_name}}");
        assert_eq!(new.content_variables["2"], "{{property.name}}");
    }

    #[test]
    fn a_draft_with_holes_names_the_field() {
        let mut d = draft();
        d.name = " ".into();
        assert_eq!(d.to_new().unwrap_err().field(), "name");
        let mut d = draft();
        d.offset_days = "veille".into();
        assert_eq!(d.to_new().unwrap_err(), DraftError::OffsetNotANumber);
        let mut d = draft();
        d.content_variables = "1 = ok\nnonsense".into();
        assert_eq!(d.to_new().unwrap_err(), DraftError::VariableLine(2));
    }

    #[test]
    fn an_edit_sends_every_field_so_cleared_ones_are_cleared() {
        let patch = draft().to_patch().unwrap();
        assert_eq!(patch.content_sid, Some(None), "the template removed");
        assert_eq!(patch.property_id, Some(None), "every property");
        assert_eq!(patch.enabled, None, "the switch is separate");
    }

    #[test]
    fn the_timing_reads_as_a_sentence() {
        use AutomationAnchor::*;
        assert_eq!(
            timing(Arrival, -1, "18:00", Lang::Fr),
            "La veille de l'arrivée à 18:00 (heure du logement)"
        );
        assert_eq!(
            timing(Departure, 3, "10:00", Lang::Fr),
            "3\u{a0}jours après le départ à 10:00 (heure du logement)"
        );
        assert_eq!(
            timing(Departure, 0, "08:00", Lang::En),
            "On the departure day at 08:00 (property's local time)"
        );
        assert_eq!(
            timing(Arrival, -1, "18:00", Lang::En),
            "1 day before arrival at 18:00 (property's local time)"
        );
    }

    #[test]
    fn known_reasons_are_translated_and_others_kept() {
        assert!(reason(
            "the guest has never written on WhatsApp: only an approved template",
            Lang::Fr
        )
        .starts_with("Le voyageur n'a jamais écrit"));
        assert_eq!(reason("something new", Lang::Fr), "something new");
        for text in [
            "never written",
            "24 h window",
            "stay was cancelled",
            "too late",
            "no WhatsApp number",
            "disabled",
        ] {
            assert!(ui::i18n::french_spacing_ok(&reason(text, Lang::Fr)));
        }
    }
}
