//! The conciergerie form (create and edit): what the admin typed, the checks made before a round
//! trip (the same rules as the server, so most mistakes never leave the browser), and the body
//! sent — a full `NewConciergerie`, or a `ConciergeriePatch` with only what changed.

use protocol::admin::{ConciergeriePatch, NewConciergerie};
use protocol::auth::Conciergerie;
use protocol::AiMode;

use crate::api::Explain;
use crate::i18n::Lang;
use crate::i18n::Localized;

pub const NAME_MAX: usize = 120;
pub const PASSWORD_MIN: usize = 8;

#[derive(Debug, Clone, PartialEq)]
pub struct ConciergerieForm {
    pub name: String,
    pub email: String,
    /// Only when creating: resets have their own form.
    pub password: String,
    pub whatsapp_number: String,
    pub messaging_service_sid: String,
    pub ai_mode: AiMode,
    /// The daily AI budget in USD as typed; empty: no limit.
    pub ai_daily_budget: String,
}

impl Default for ConciergerieForm {
    fn default() -> Self {
        ConciergerieForm {
            name: String::new(),
            email: String::new(),
            password: String::new(),
            whatsapp_number: String::new(),
            messaging_service_sid: String::new(),
            ai_mode: AiMode::Auto,
            ai_daily_budget: String::new(),
        }
    }
}

/// The form's fields, named as the API names them (so a server error lands on the right one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Email,
    Password,
    WhatsappNumber,
    MessagingServiceSid,
    AiDailyBudget,
}

impl Field {
    pub fn api_name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Password => "password",
            Field::WhatsappNumber => "whatsapp_number",
            Field::MessagingServiceSid => "messaging_service_sid",
            Field::AiDailyBudget => "ai_daily_budget_usd",
        }
    }

    pub fn from_api(name: &str) -> Option<Field> {
        [
            Field::Name,
            Field::Email,
            Field::Password,
            Field::WhatsappNumber,
            Field::MessagingServiceSid,
            Field::AiDailyBudget,
        ]
        .into_iter()
        .find(|f| f.api_name() == name)
    }
}

/// Errors to show next to the fields, and one for the whole form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors {
    pub name: Option<String>,
    pub email: Option<String>,
    pub password: Option<String>,
    pub whatsapp_number: Option<String>,
    pub messaging_service_sid: Option<String>,
    pub ai_daily_budget: Option<String>,
    pub general: Option<String>,
}

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        *self == FieldErrors::default()
    }

    pub fn get(&self, field: Field) -> Option<&String> {
        match field {
            Field::Name => self.name.as_ref(),
            Field::Email => self.email.as_ref(),
            Field::Password => self.password.as_ref(),
            Field::WhatsappNumber => self.whatsapp_number.as_ref(),
            Field::MessagingServiceSid => self.messaging_service_sid.as_ref(),
            Field::AiDailyBudget => self.ai_daily_budget.as_ref(),
        }
    }

    pub fn set(&mut self, field: Field, message: String) {
        let slot = match field {
            Field::Name => &mut self.name,
            Field::Email => &mut self.email,
            Field::Password => &mut self.password,
            Field::WhatsappNumber => &mut self.whatsapp_number,
            Field::MessagingServiceSid => &mut self.messaging_service_sid,
            Field::AiDailyBudget => &mut self.ai_daily_budget,
        };
        *slot = Some(message);
    }

    /// The first field in error, to move the keyboard focus to.
    pub fn first(&self) -> Option<Field> {
        [
            Field::Name,
            Field::Email,
            Field::Password,
            Field::WhatsappNumber,
            Field::MessagingServiceSid,
            Field::AiDailyBudget,
        ]
        .into_iter()
        .find(|f| self.get(*f).is_some())
    }

    /// An API error, on the field it names when it names one of ours.
    pub fn from_api(err: &crate::api::ApiError, lang: Lang) -> FieldErrors {
        let mut errors = FieldErrors::default();
        let message = err.message(lang);
        match err.form_field().and_then(Field::from_api) {
            Some(field) => errors.set(field, message),
            None => errors.general = Some(message),
        }
        errors
    }
}

/// Turns what people type (`+33 6 12 34 56 78`, `0033…`, `whatsapp:+33…`) into Twilio's
/// `whatsapp:+E164`. Anything else is returned trimmed, for the check to reject.
pub fn normalize_number(raw: &str) -> String {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return String::new();
    }
    let rest = trimmed
        .strip_prefix("whatsapp:")
        .map(str::trim)
        .unwrap_or(trimmed);
    let compact: String = rest
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
        .collect();
    let e164 = match compact.strip_prefix("00") {
        Some(international) => format!("+{international}"),
        None => compact,
    };
    if e164.starts_with('+') {
        format!("whatsapp:{e164}")
    } else {
        trimmed.to_owned()
    }
}

/// `whatsapp:+` then 7 to 15 digits, the first not 0 (the server's rule).
pub fn number_is_valid(number: &str) -> bool {
    number.strip_prefix("whatsapp:+").is_some_and(|digits| {
        (7..=15).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

/// `MG` then 32 letters or digits.
pub fn sid_is_valid(sid: &str) -> bool {
    sid.starts_with("MG") && sid.len() == 34 && sid.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Largest daily AI budget the server accepts, in USD.
pub const BUDGET_MAX: f64 = 100_000.0;

/// A typed budget: `Some(None)` when empty (no limit), `None` when it is not an amount the
/// server accepts. A comma works as the decimal separator.
pub fn parse_budget(raw: &str) -> Option<Option<f64>> {
    let raw = raw.trim().trim_end_matches('$').trim();
    if raw.is_empty() {
        return Some(None);
    }
    match raw.replace(',', ".").parse::<f64>() {
        Ok(usd) if usd.is_finite() && (0.0..=BUDGET_MAX).contains(&usd) => Some(Some(usd)),
        _ => None,
    }
}

/// Something with one `@` and a dotted domain: the server has the final word.
pub fn email_is_valid(email: &str) -> bool {
    let email = email.trim();
    !email.contains(char::is_whitespace)
        && matches!(email.split_once('@'), Some((local, domain))
            if !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
                && !domain.ends_with('.') && !domain.contains('@'))
}

impl ConciergerieForm {
    /// The form prefilled for editing `c`.
    pub fn from_existing(c: &Conciergerie) -> Self {
        ConciergerieForm {
            name: c.name.clone(),
            email: c.email.clone(),
            password: String::new(),
            whatsapp_number: c.whatsapp_number.clone().unwrap_or_default(),
            messaging_service_sid: c.messaging_service_sid.clone().unwrap_or_default(),
            ai_mode: c.ai_mode,
            ai_daily_budget: c
                .ai_daily_budget_usd
                .map(|usd| usd.to_string())
                .unwrap_or_default(),
        }
    }

    /// Client-side checks; `creating` adds the initial password.
    pub fn validate(&self, creating: bool, lang: Lang) -> FieldErrors {
        let t = lang.t();
        let mut e = FieldErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            e.name = Some(t.field_required.to_owned());
        } else if name.chars().count() > NAME_MAX {
            e.name = Some(t.too_long.to_owned());
        }
        if self.email.trim().is_empty() {
            e.email = Some(t.field_required.to_owned());
        } else if !email_is_valid(&self.email) {
            e.email = Some(t.email_invalid.to_owned());
        }
        if creating && self.password.chars().count() < PASSWORD_MIN {
            e.password = Some(t.password_too_short.to_owned());
        }
        let number = normalize_number(&self.whatsapp_number);
        if !number.is_empty() && !number_is_valid(&number) {
            e.whatsapp_number = Some(t.number_invalid.to_owned());
        }
        let sid = self.messaging_service_sid.trim();
        if !sid.is_empty() && !sid_is_valid(sid) {
            e.messaging_service_sid = Some(t.sid_invalid.to_owned());
        }
        if parse_budget(&self.ai_daily_budget).is_none() {
            e.ai_daily_budget = Some(t.budget_invalid.to_owned());
        }
        e
    }

    pub fn to_new(&self) -> NewConciergerie {
        let optional = |s: String| (!s.is_empty()).then_some(s);
        NewConciergerie {
            name: self.name.trim().to_owned(),
            email: self.email.trim().to_owned(),
            password: self.password.clone(),
            whatsapp_number: optional(normalize_number(&self.whatsapp_number)),
            messaging_service_sid: optional(self.messaging_service_sid.trim().to_owned()),
            ai_mode: Some(self.ai_mode),
        }
    }

    /// Only what changed; an emptied number or SID is sent as `""`, which clears it.
    pub fn to_patch(&self, original: &Conciergerie) -> ConciergeriePatch {
        let changed = |new: String, old: &str| (new != old).then_some(new);
        ConciergeriePatch {
            name: changed(self.name.trim().to_owned(), &original.name),
            email: changed(self.email.trim().to_lowercase(), &original.email),
            whatsapp_number: changed(
                normalize_number(&self.whatsapp_number),
                original.whatsapp_number.as_deref().unwrap_or_default(),
            ),
            messaging_service_sid: changed(
                self.messaging_service_sid.trim().to_owned(),
                original
                    .messaging_service_sid
                    .as_deref()
                    .unwrap_or_default(),
            ),
            ai_mode: (self.ai_mode != original.ai_mode).then_some(self.ai_mode),
            active: None,
            ai_daily_budget_usd: parse_budget(&self.ai_daily_budget)
                .filter(|budget| *budget != original.ai_daily_budget_usd),
        }
    }
}

/// Letters and digits people cannot confuse when reading a password aloud (no 0/O, 1/l/I).
const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A 14-character password for an initial account or a reset, from the alphabet above
/// (≈ 81 bits). `random` yields numbers in `[0, 1)`: in the browser, `crypto.getRandomValues`.
pub fn generate_password(mut random: impl FnMut() -> f64) -> String {
    (0..14)
        .map(|_| {
            let i = (random() * PASSWORD_ALPHABET.len() as f64) as usize;
            PASSWORD_ALPHABET[i.min(PASSWORD_ALPHABET.len() - 1)] as char
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use crate::state::fixtures::conciergerie;
    use protocol::error::ErrorDetail;

    #[test]
    fn numbers_are_normalised_to_twilios_format() {
        assert_eq!(
            normalize_number(" +33 6 12 34 56 78 "),
            "whatsapp:+33612345678"
        );
        assert_eq!(normalize_number("0033612345678"), "whatsapp:+33612345678");
        assert_eq!(
            normalize_number("whatsapp:+1 (415) 523-8886"),
            "whatsapp:+14155238886"
        );
        assert_eq!(normalize_number("06 12 34 56 78"), "06 12 34 56 78");
        assert_eq!(normalize_number("  "), "");
        assert!(number_is_valid("whatsapp:+33612345678"));
        assert!(!number_is_valid("whatsapp:+0612345678"));
        assert!(!number_is_valid("whatsapp:+123"));
        assert!(!number_is_valid("+33612345678"));
    }

    #[test]
    fn validation_mirrors_the_server() {
        let form = ConciergerieForm {
            name: "  ".into(),
            email: "nobody".into(),
            password: "short".into(),
            whatsapp_number: "06 12 34 56 78".into(),
            messaging_service_sid: "MG123".into(),
            ai_mode: AiMode::Auto,
            ai_daily_budget: String::new(),
        };
        let e = form.validate(true, Lang::Fr);
        assert_eq!(e.name.as_deref(), Some(Lang::Fr.t().field_required));
        assert_eq!(e.email.as_deref(), Some(Lang::Fr.t().email_invalid));
        assert_eq!(e.password.as_deref(), Some(Lang::Fr.t().password_too_short));
        assert_eq!(
            e.whatsapp_number.as_deref(),
            Some(Lang::Fr.t().number_invalid)
        );
        assert_eq!(
            e.messaging_service_sid.as_deref(),
            Some(Lang::Fr.t().sid_invalid)
        );
        assert_eq!(e.first(), Some(Field::Name));
        // Editing does not ask for a password; optional fields may stay empty.
        let ok = ConciergerieForm {
            name: "Alpes Clés".into(),
            email: "ops@alpes.example".into(),
            ..Default::default()
        };
        assert!(ok.validate(false, Lang::En).is_empty());
        assert!(ok.validate(true, Lang::En).password.is_some());
        let sid = format!("MG{}", "a".repeat(32));
        assert!(sid_is_valid(&sid));
    }

    #[test]
    fn a_new_conciergerie_carries_every_field() {
        let form = ConciergerieForm {
            name: " Alpes Clés ".into(),
            email: "ops@alpes.example".into(),
            password: "alpes-secret".into(),
            whatsapp_number: "+33 4 55 55 55 55".into(),
            messaging_service_sid: String::new(),
            ai_mode: AiMode::Suggest,
            ai_daily_budget: String::new(),
        };
        let body = form.to_new();
        assert_eq!(body.name, "Alpes Clés");
        assert_eq!(
            body.whatsapp_number.as_deref(),
            Some("whatsapp:+33455555555")
        );
        assert_eq!(body.messaging_service_sid, None);
        assert_eq!(body.ai_mode, Some(AiMode::Suggest));
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["password"], "alpes-secret");
    }

    #[test]
    fn an_edit_sends_only_what_changed() {
        let original = conciergerie(3, "Azur");
        let unchanged = ConciergerieForm::from_existing(&original);
        assert_eq!(unchanged.to_patch(&original), ConciergeriePatch::default());
        let mut form = unchanged.clone();
        form.name = "Azur Conciergerie".into();
        form.whatsapp_number = String::new();
        form.ai_mode = AiMode::Off;
        let patch = form.to_patch(&original);
        assert_eq!(patch.name.as_deref(), Some("Azur Conciergerie"));
        assert_eq!(patch.whatsapp_number.as_deref(), Some(""), "cleared");
        assert_eq!(patch.ai_mode, Some(AiMode::Off));
        assert_eq!(patch.email, None);
        assert_eq!(patch.messaging_service_sid, None);
        let json = serde_json::to_string(&patch).unwrap();
        assert!(
            !json.contains("email") && !json.contains("active"),
            "{json}"
        );
    }

    #[test]
    fn the_daily_budget_is_set_changed_and_cleared() {
        let mut original = conciergerie(3, "Azur");
        let mut form = ConciergerieForm::from_existing(&original);
        assert_eq!(form.ai_daily_budget, "");
        form.ai_daily_budget = "2,50 $".into();
        assert!(form.validate(false, Lang::Fr).is_empty());
        assert_eq!(
            form.to_patch(&original).ai_daily_budget_usd,
            Some(Some(2.5))
        );
        original.ai_daily_budget_usd = Some(2.5);
        let same = ConciergerieForm::from_existing(&original);
        assert_eq!(same.ai_daily_budget, "2.5");
        assert_eq!(
            same.to_patch(&original).ai_daily_budget_usd,
            None,
            "unchanged"
        );
        let mut cleared = same.clone();
        cleared.ai_daily_budget = " ".into();
        let patch = cleared.to_patch(&original);
        assert_eq!(patch.ai_daily_budget_usd, Some(None));
        assert!(
            serde_json::to_string(&patch)
                .unwrap()
                .contains(r#""ai_daily_budget_usd":null"#),
            "null removes the limit"
        );
        for bad in ["-1", "abc", "1e9"] {
            cleared.ai_daily_budget = bad.into();
            assert_eq!(
                cleared.validate(false, Lang::En).ai_daily_budget.as_deref(),
                Some(Lang::En.t().budget_invalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn server_errors_land_on_their_field() {
        let err = ApiError::Status {
            status: 409,
            detail: Some(ErrorDetail {
                code: "conflict".into(),
                message: "a conciergerie already uses the email ops@alpes.example".into(),
                field: None,
            }),
        };
        let e = FieldErrors::from_api(&err, Lang::Fr);
        assert_eq!(e.email.as_deref(), Some(Lang::Fr.t().err_email_taken));
        assert!(e.general.is_none());
        let e = FieldErrors::from_api(&ApiError::Network, Lang::En);
        assert_eq!(e.general.as_deref(), Some(Lang::En.t().err_network));
    }

    #[test]
    fn generated_passwords_are_long_and_unambiguous() {
        let mut seed = 0.0;
        let pw = generate_password(|| {
            seed = (seed + 0.37) % 1.0;
            seed
        });
        assert_eq!(pw.chars().count(), 14);
        assert!(pw.chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(!pw.contains(['0', 'O', '1', 'l', 'I']));
        assert_eq!(generate_password(|| 0.999_999).len(), 14);
    }
}
