//! Twilio's WhatsApp API: webhook parsing, signatures, the REST client and its error codes.

pub mod client;
pub mod errors;
pub mod inbound;
pub mod signature;

/// Twilio prefixes WhatsApp addresses with this; conversations store the address without it.
pub const WHATSAPP_PREFIX: &str = "whatsapp:";

/// `whatsapp:+336…` → `+336…`. Any other address (e.g. a WhatsApp username id) stays opaque.
pub fn strip_channel(address: &str) -> &str {
    address.strip_prefix(WHATSAPP_PREFIX).unwrap_or(address)
}

/// The address to send to: our stored guest address with the channel prefix restored.
pub fn with_channel(address: &str) -> String {
    if address.starts_with(WHATSAPP_PREFIX) {
        address.to_owned()
    } else {
        format!("{WHATSAPP_PREFIX}{address}")
    }
}
