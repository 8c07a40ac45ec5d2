//! Twilio's form-encoded webhooks, parsed into typed values.

use entity::convert::StoredMedia;
use protocol::conversations::Location;
use protocol::MessageStatus;

use crate::error::AppError;

/// `POST /webhook/whatsapp`: one guest message.
#[derive(Debug, Clone, PartialEq)]
pub struct InboundMessage {
    pub message_sid: String,
    pub account_sid: Option<String>,
    /// As Twilio sent it, e.g. `whatsapp:+33612345678`. Opaque: may be a username identifier.
    pub from: String,
    pub to: String,
    pub body: String,
    pub profile_name: Option<String>,
    pub wa_id: Option<String>,
    pub messaging_service_sid: Option<String>,
    /// Every `MediaUrl{n}` with its `MediaContentType{n}`, in order.
    pub media: Vec<StoredMedia>,
    pub location: Option<Location>,
}

fn get<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn non_empty(v: Option<&str>) -> Option<String> {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// WhatsApp carries at most ten attachments per message; anything above is not Twilio speaking.
pub const MAX_MEDIA: usize = 10;

/// Every `MediaUrl{n}` with its `MediaContentType{n}`, in order. Only the first `MAX_MEDIA`
/// indices are ever looked at: the declared `NumMedia` is checked, never looped on.
fn media(params: &[(String, String)]) -> Result<Vec<StoredMedia>, AppError> {
    let declared = get(params, "NumMedia").map(str::trim).unwrap_or("0");
    let too_many = || {
        AppError::BadRequest(format!(
            "NumMedia: a WhatsApp message carries at most {MAX_MEDIA} attachments"
        ))
    };
    // Compared as text first so a 30-digit count is refused, not overflowed.
    if declared.len() > 2 || declared.parse::<usize>().is_ok_and(|n| n > MAX_MEDIA) {
        return Err(too_many());
    }
    let beyond_the_limit = params.iter().any(|(k, _)| {
        let index = k
            .strip_prefix("MediaUrl")
            .or_else(|| k.strip_prefix("MediaContentType"));
        // All digits but not a small number (e.g. `MediaUrl10`, or 30 digits): past the limit.
        index.is_some_and(|n| {
            !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && n.parse::<usize>().map_or(true, |n| n >= MAX_MEDIA)
        })
    });
    if beyond_the_limit {
        return Err(too_many());
    }
    // Read every index below the limit, whatever NumMedia says: never drop an attachment sent.
    Ok((0..MAX_MEDIA)
        .filter_map(|i| {
            non_empty(get(params, &format!("MediaUrl{i}"))).map(|url| StoredMedia {
                url,
                content_type: non_empty(get(params, &format!("MediaContentType{i}")))
                    .unwrap_or_else(|| "application/octet-stream".into()),
                attachment: None,
            })
        })
        .collect())
}

fn required(params: &[(String, String)], key: &'static str) -> Result<String, AppError> {
    non_empty(get(params, key))
        .ok_or_else(|| AppError::validation(key, format!("the webhook has no {key}")))
}

impl InboundMessage {
    pub fn from_params(params: &[(String, String)]) -> Result<Self, AppError> {
        let message_sid = match non_empty(get(params, "MessageSid"))
            .or_else(|| non_empty(get(params, "SmsMessageSid")))
        {
            Some(sid) => sid,
            None => {
                return Err(AppError::validation(
                    "MessageSid",
                    "the webhook has no MessageSid",
                ))
            }
        };
        let media = media(params)?;
        let location = match (
            get(params, "Latitude").and_then(|v| v.trim().parse::<f64>().ok()),
            get(params, "Longitude").and_then(|v| v.trim().parse::<f64>().ok()),
        ) {
            (Some(latitude), Some(longitude))
                if (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude) =>
            {
                Some(Location {
                    latitude,
                    longitude,
                    label: non_empty(get(params, "Label")),
                    address: non_empty(get(params, "Address")),
                })
            }
            _ => None,
        };
        Ok(InboundMessage {
            message_sid,
            account_sid: non_empty(get(params, "AccountSid")),
            from: required(params, "From")?,
            to: required(params, "To")?,
            body: get(params, "Body").unwrap_or_default().to_owned(),
            profile_name: non_empty(get(params, "ProfileName")),
            wa_id: non_empty(get(params, "WaId")),
            messaging_service_sid: non_empty(get(params, "MessagingServiceSid")),
            media,
            location,
        })
    }

    /// One line for the inbox preview.
    pub fn preview(&self) -> String {
        preview_line(&self.body, self.location.is_some(), self.media.len())
    }
}

/// What the inbox shows for a guest message: its text, else what it carries.
pub fn preview_line(body: &str, has_location: bool, media: usize) -> String {
    if !body.trim().is_empty() {
        body.to_owned()
    } else if has_location {
        "📍 Position partagée".into()
    } else if media > 0 {
        format!("📎 {media} pièce(s) jointe(s)")
    } else {
        String::new()
    }
}

/// `POST /webhook/whatsapp/status`: a delivery callback.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusCallback {
    pub message_sid: String,
    pub status: MessageStatus,
    pub error_code: Option<String>,
    /// The guest (`whatsapp:+…`) and our sender: they find the conversation when the message's
    /// SID is not stored yet (the callback overtook our send's answer).
    pub to: Option<String>,
    pub from: Option<String>,
    pub messaging_service_sid: Option<String>,
}

/// Twilio's message statuses onto ours.
pub fn parse_status(raw: &str) -> Option<MessageStatus> {
    Some(match raw.trim().to_ascii_lowercase().as_str() {
        "accepted" | "scheduled" | "queued" => MessageStatus::Queued,
        "sending" => MessageStatus::Sending,
        "sent" => MessageStatus::Sent,
        "delivered" => MessageStatus::Delivered,
        "read" => MessageStatus::Read,
        "undelivered" => MessageStatus::Undelivered,
        "failed" | "canceled" => MessageStatus::Failed,
        "received" | "receiving" => MessageStatus::Received,
        _ => return None,
    })
}

impl StatusCallback {
    pub fn from_params(params: &[(String, String)]) -> Result<Self, AppError> {
        let message_sid = required(params, "MessageSid")?;
        let raw =
            non_empty(get(params, "MessageStatus")).or_else(|| non_empty(get(params, "SmsStatus")));
        let raw = raw.ok_or_else(|| {
            AppError::validation("MessageStatus", "the callback has no MessageStatus")
        })?;
        let status = parse_status(&raw).ok_or_else(|| {
            AppError::validation("MessageStatus", format!("unknown status `{raw}`"))
        })?;
        Ok(StatusCallback {
            message_sid,
            status,
            error_code: non_empty(get(params, "ErrorCode")).filter(|c| c != "0"),
            to: non_empty(get(params, "To")),
            from: non_empty(get(params, "From")),
            messaging_service_sid: non_empty(get(params, "MessagingServiceSid")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn keeps_every_attachment_and_the_profile_name() {
        let msg = InboundMessage::from_params(&p(&[
            ("MessageSid", "SM1"),
            ("From", "whatsapp:+33612345678"),
            ("To", "whatsapp:+14155238886"),
            ("Body", ""),
            ("NumMedia", "3"),
            ("MediaUrl0", "https://api.twilio.com/m/0"),
            ("MediaContentType0", "image/jpeg"),
            ("MediaUrl1", "https://api.twilio.com/m/1"),
            ("MediaContentType1", "image/png"),
            ("MediaUrl2", "https://api.twilio.com/m/2"),
            ("MediaContentType2", "application/pdf"),
            ("ProfileName", "Camille"),
        ]))
        .unwrap();
        assert_eq!(msg.media.len(), 3);
        assert_eq!(msg.media[2].content_type, "application/pdf");
        assert_eq!(msg.profile_name.as_deref(), Some("Camille"));
        assert_eq!(msg.preview(), "📎 3 pièce(s) jointe(s)");
    }

    #[test]
    fn more_than_ten_attachments_is_refused_without_looping_on_the_count() {
        let base = [
            ("MessageSid", "SM1"),
            ("From", "whatsapp:+33612345678"),
            ("To", "whatsapp:+14155238886"),
        ];
        for declared in ["11", "999999999999", "99999999999999999999999999"] {
            let mut pairs = base.to_vec();
            pairs.push(("NumMedia", declared));
            let err = InboundMessage::from_params(&p(&pairs)).unwrap_err();
            assert!(matches!(err, AppError::BadRequest(m) if m.starts_with("NumMedia")));
        }
        let mut pairs = base.to_vec();
        pairs.extend([
            ("NumMedia", "1"),
            ("MediaUrl10", "https://api.twilio.com/m"),
        ]);
        assert!(InboundMessage::from_params(&p(&pairs)).is_err());
        let mut pairs = base.to_vec();
        pairs.extend([
            ("NumMedia", "10"),
            ("MediaUrl9", "https://api.twilio.com/m/9"),
        ]);
        let msg = InboundMessage::from_params(&p(&pairs)).unwrap();
        assert_eq!(msg.media.len(), 1);
    }

    #[test]
    fn reads_locations_and_opaque_senders() {
        let msg = InboundMessage::from_params(&p(&[
            ("MessageSid", "SM2"),
            ("From", "whatsapp:CC.abc123"),
            ("To", "whatsapp:+14155238886"),
            ("Latitude", "48.8584"),
            ("Longitude", "2.2945"),
            ("Label", "Tour Eiffel"),
        ]))
        .unwrap();
        assert_eq!(msg.from, "whatsapp:CC.abc123");
        let loc = msg.location.unwrap();
        assert_eq!((loc.latitude, loc.longitude), (48.8584, 2.2945));
        assert_eq!(loc.label.as_deref(), Some("Tour Eiffel"));
    }

    #[test]
    fn a_webhook_without_sid_or_sender_is_rejected_with_the_field() {
        let err =
            InboundMessage::from_params(&p(&[("From", "whatsapp:+1"), ("To", "x")])).unwrap_err();
        assert!(matches!(
            err,
            AppError::Validation {
                field: Some("MessageSid"),
                ..
            }
        ));
        let err =
            InboundMessage::from_params(&p(&[("MessageSid", "SM1"), ("To", "x")])).unwrap_err();
        assert!(matches!(
            err,
            AppError::Validation {
                field: Some("From"),
                ..
            }
        ));
    }

    #[test]
    fn status_callbacks_map_twilio_statuses() {
        let cb = StatusCallback::from_params(&p(&[
            ("MessageSid", "SM1"),
            ("MessageStatus", "undelivered"),
            ("ErrorCode", "63016"),
        ]))
        .unwrap();
        assert_eq!(cb.status, MessageStatus::Undelivered);
        assert_eq!(cb.error_code.as_deref(), Some("63016"));
        assert_eq!(parse_status("read"), Some(MessageStatus::Read));
        assert_eq!(parse_status("weird"), None);
    }
}
