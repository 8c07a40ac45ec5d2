//! Readable explanations for the Twilio error codes operators actually meet on WhatsApp.

pub fn describe(code: &str) -> Option<&'static str> {
    Some(match code {
        "63016" => "WhatsApp refused a free-form message outside the 24-hour window after the guest's last message; only an approved template can reopen the conversation",
        "63003" => "the guest's number is not reachable on WhatsApp",
        "63007" => "Twilio has no WhatsApp sender for this conciergerie's number",
        "63018" => "WhatsApp rate limit reached for this sender; try again shortly",
        "63024" => "WhatsApp could not deliver the message (invalid recipient)",
        "63032" => "the guest has opted out of messages from this business",
        "21211" => "the guest's address is not a valid number",
        "21408" => "this Twilio account may not send to the guest's region",
        "21610" => "the guest has unsubscribed (replied STOP)",
        "21614" => "the guest's number cannot receive messages",
        "20003" => "Twilio rejected Majordome's credentials (check TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN)",
        "20429" | "14107" => "Twilio is rate limiting this account; try again shortly",
        "30003" => "the guest's phone is unreachable or off",
        "30005" => "unknown destination: the number may not exist",
        "30006" => "the destination cannot receive this message",
        "30007" => "the carrier filtered the message",
        "30008" => "delivery failed for an unknown reason",
        _ => return None,
    })
}

/// A readable reason for a failed message: the known description, else Twilio's own text.
pub fn reason(code: Option<&str>, fallback: Option<&str>) -> String {
    code.and_then(describe)
        .map(str::to_owned)
        .or_else(|| fallback.map(str::to_owned))
        .unwrap_or_else(|| "the message could not be delivered".into())
}
