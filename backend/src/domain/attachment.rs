//! What an operator may send as an attachment: images WhatsApp shows inline (JPEG, PNG, WebP,
//! GIF) and PDF documents, recognised from their first bytes — never from the name or the
//! `Content-Type` the browser claims — and no bigger than WhatsApp accepts.

use rand::RngCore;

/// WhatsApp's limit for images through Twilio (5 MB); we hold PDFs to the same bound.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// WhatsApp delivers one media file per message (the text is its caption).
pub const MAX_PER_MESSAGE: usize = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
    Gif,
    Pdf,
}

impl Kind {
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp => "image/webp",
            Kind::Gif => "image/gif",
            Kind::Pdf => "application/pdf",
        }
    }

    pub fn from_content_type(content_type: &str) -> Option<Kind> {
        let essence = content_type.split(';').next()?.trim().to_ascii_lowercase();
        [Kind::Jpeg, Kind::Png, Kind::Webp, Kind::Gif, Kind::Pdf]
            .into_iter()
            .find(|k| k.content_type() == essence)
    }

    pub fn is_image(self) -> bool {
        self != Kind::Pdf
    }

    /// The file's kind from its magic bytes, or `None` for anything we do not send.
    pub fn sniff(bytes: &[u8]) -> Option<Kind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Kind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Kind::Png)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(Kind::Gif)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Kind::Webp)
        } else if bytes.starts_with(b"%PDF-") {
            Some(Kind::Pdf)
        } else {
            None
        }
    }
}

/// A new attachment id: 128 random bits from the OS, as 32 hex digits. It is the only secret of
/// the public URL Twilio fetches, so it must not be guessable or enumerable.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `id` has the shape `new_id` makes (anything else is not looked up).
pub fn is_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_recognised_by_their_bytes() {
        assert_eq!(Kind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Some(Kind::Jpeg));
        assert_eq!(Kind::sniff(b"\x89PNG\r\n\x1a\n...."), Some(Kind::Png));
        assert_eq!(Kind::sniff(b"GIF89a...."), Some(Kind::Gif));
        assert_eq!(Kind::sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(Kind::Webp));
        assert_eq!(Kind::sniff(b"%PDF-1.7\n"), Some(Kind::Pdf));
        for other in [
            &b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"[..],
            b"<html><script>",
            b"MZ\x90\0",
            b"RIFF\x10\0\0\0WAVEfmt ",
            b"",
        ] {
            assert_eq!(Kind::sniff(other), None);
        }
    }

    #[test]
    fn declared_types_are_read_loosely() {
        assert_eq!(
            Kind::from_content_type("image/PNG; charset=x"),
            Some(Kind::Png)
        );
        assert_eq!(Kind::from_content_type("image/svg+xml"), None);
    }

    #[test]
    fn ids_are_128_random_bits() {
        let (a, b) = (new_id(), new_id());
        assert!(is_id(&a) && is_id(&b));
        assert_ne!(a, b);
        assert!(!is_id("../../etc/passwd"));
        assert!(!is_id(&a.to_uppercase()));
    }
}
