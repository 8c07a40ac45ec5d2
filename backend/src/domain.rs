//! Validated values that the API accepts. Parsing happens once at the edge; past it, the types
//! guarantee the value is well-formed.

use crate::error::AppError;

pub mod attachment;
pub mod property;
pub mod stay;
pub mod time_zone;

/// A WhatsApp sender as Twilio spells it: `whatsapp:+E164`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WhatsAppNumber(String);

impl WhatsAppNumber {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        let Some(number) = raw.strip_prefix("whatsapp:+") else {
            return Err(format!("`{raw}` must look like whatsapp:+33612345678"));
        };
        let digits_ok = number.chars().all(|c| c.is_ascii_digit());
        if !digits_ok || !(7..=15).contains(&number.len()) || number.starts_with('0') {
            return Err(format!(
                "`{raw}` is not an E.164 number (whatsapp:+ then 7 to 15 digits)"
            ));
        }
        Ok(WhatsAppNumber(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A login email, trimmed and lower-cased so `Demo@Example.com` and `demo@example.com` are one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let email = raw.trim().to_lowercase();
        let valid = email.len() <= 254
            && !email.contains(char::is_whitespace)
            && matches!(email.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains('@'));
        if valid {
            Ok(Email(email))
        } else {
            Err(AppError::validation(
                "email",
                format!("`{}` is not a valid email address", raw.trim()),
            ))
        }
    }

    /// For lookups at login, where a malformed email simply matches nobody.
    pub fn normalize(raw: &str) -> String {
        raw.trim().to_lowercase()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A new password: long enough to be worth hashing.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_LEN: usize = 8;

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        if raw.chars().count() < Self::MIN_LEN {
            return Err(AppError::validation(
                "password",
                format!(
                    "the password must have at least {} characters",
                    Self::MIN_LEN
                ),
            ));
        }
        if raw.len() > 256 {
            return Err(AppError::validation(
                "password",
                "the password is too long (256 bytes at most)",
            ));
        }
        Ok(NewPassword(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A required piece of text: trimmed, not empty, at most `max` characters.
pub fn required_text(field: &'static str, raw: &str, max: usize) -> Result<String, AppError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(AppError::validation(
            field,
            format!("{field} must not be empty"),
        ));
    }
    if text.chars().count() > max {
        return Err(AppError::validation(
            field,
            format!("{field} is too long ({max} characters at most)"),
        ));
    }
    Ok(text.to_owned())
}

/// Optional text: trimmed, at most `max` characters, may be empty.
pub fn optional_text(field: &'static str, raw: &str, max: usize) -> Result<String, AppError> {
    let text = raw.trim();
    if text.chars().count() > max {
        return Err(AppError::validation(
            field,
            format!("{field} is too long ({max} characters at most)"),
        ));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whatsapp_numbers_must_be_e164_with_prefix() {
        assert!(WhatsAppNumber::parse("whatsapp:+33612345678").is_ok());
        assert!(WhatsAppNumber::parse("+33612345678").is_err());
        assert!(WhatsAppNumber::parse("whatsapp:+33 6 12").is_err());
        assert!(WhatsAppNumber::parse("whatsapp:+0612345678").is_err());
        assert!(WhatsAppNumber::parse("whatsapp:+1234567890123456").is_err());
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse(" Demo@Example.COM ").unwrap().as_str(),
            "demo@example.com"
        );
        for bad in ["", "nobody", "a@b", "a@.com", "a b@c.com", "@c.com"] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(required_text("title", "  hi ", 10).unwrap(), "hi");
        assert!(required_text("title", "   ", 10).is_err());
        assert!(required_text("title", "x".repeat(11).as_str(), 10).is_err());
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse("long enough").is_ok());
    }
}
