use serde::{Deserialize, Serialize};

/// Returned when a string is not one of an enum's wire values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVariant {
    pub kind: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} `{}`", self.kind, self.value)
    }
}

impl std::error::Error for UnknownVariant {}

/// A closed set of snake_case wire values, stored as text by the server.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $s:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "orm", sea_orm(rs_type = "String", db_type = "Text"))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $s)]
                #[cfg_attr(feature = "orm", sea_orm(string_value = $s))]
                $variant,
            )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownVariant;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($s => Ok($name::$variant),)+
                    _ => Err(UnknownVariant { kind: stringify!($name), value: s.to_owned() }),
                }
            }
        }
    };
}

wire_enum!(
    /// Who wrote a message.
    Sender {
        /// The guest, on WhatsApp.
        Client = "client",
        /// The AI concierge.
        Ai = "ai",
        /// A human operator of the conciergerie.
        Concierge = "concierge",
        /// Majordome itself (hand-off notes, mode changes).
        System = "system",
        /// An operator's private note: shown to colleagues, never sent to the guest.
        Note = "note",
    }
);

impl Sender {
    /// Messages that go out to the guest.
    pub fn is_outbound(self) -> bool {
        matches!(self, Sender::Ai | Sender::Concierge)
    }
}

wire_enum!(
    /// How the AI concierge behaves.
    AiMode {
        /// Replies are sent to the guest automatically.
        Auto = "auto",
        /// Replies are proposed to the operator, who sends, edits or discards them.
        Suggest = "suggest",
        /// No AI on this conversation or conciergerie.
        Off = "off",
    }
);

wire_enum!(
    /// Lifecycle of one message. Inbound messages are `received`; outbound ones move
    /// `pending → queued → sending → sent → delivered → read`, or end `failed`/`undelivered`.
    MessageStatus {
        Received = "received",
        /// Stored, not yet accepted by the channel.
        Pending = "pending",
        Queued = "queued",
        Sending = "sending",
        Sent = "sent",
        Delivered = "delivered",
        Read = "read",
        Failed = "failed",
        Undelivered = "undelivered",
    }
);

impl MessageStatus {
    /// Position on the happy path; delivery callbacks may arrive out of order and a status never
    /// moves backwards. Failures rank above everything but `read`'s confirmation of delivery.
    pub fn rank(self) -> u8 {
        match self {
            MessageStatus::Received => 0,
            MessageStatus::Pending => 1,
            MessageStatus::Queued => 2,
            MessageStatus::Sending => 3,
            MessageStatus::Sent => 4,
            MessageStatus::Delivered => 5,
            MessageStatus::Read => 6,
            MessageStatus::Failed | MessageStatus::Undelivered => 7,
        }
    }

    pub fn is_failure(self) -> bool {
        matches!(self, MessageStatus::Failed | MessageStatus::Undelivered)
    }
}

wire_enum!(
    /// Where a conversation stands for the operators.
    ConversationStatus {
        Open = "open",
        /// The AI handed off: an operator must look at it.
        NeedsHuman = "needs_human",
        Closed = "closed",
    }
);

wire_enum!(
    /// What a `system` message records, so it can be shown and counted without parsing text; on
    /// an `ai` message, `holding` marks the holding message of a hand-off (not an answer).
    Notice {
        /// The AI handed the conversation to a human.
        Handoff = "handoff",
        /// The AI failed (after retries) and the conversation went to a human.
        AiFailure = "ai_failure",
        /// On an AI message: what the guest reads while a human takes over.
        Holding = "holding",
    }
);

wire_enum!(
    FeatureStatus {
        Pending = "pending",
        InProgress = "in_progress",
        Completed = "completed",
        Rejected = "rejected",
    }
);

wire_enum!(
    Priority {
        Low = "low",
        Medium = "medium",
        High = "high",
    }
);

wire_enum!(
    /// Where outbound messages go.
    ChannelMode {
        /// Twilio's WhatsApp API.
        Twilio = "twilio",
        /// The built-in guest simulator (no Twilio credentials configured).
        Simulator = "simulator",
    }
);

wire_enum!(
    /// What writes AI replies.
    AiEngine {
        /// Anthropic's Messages API.
        Claude = "claude",
        /// The built-in FAQ retrieval responder (no Anthropic key configured).
        OfflineFaq = "offline_faq",
    }
);

wire_enum!(
    /// Where a booking was made.
    StaySource {
        Direct = "direct",
        Airbnb = "airbnb",
        Booking = "booking",
        Vrbo = "vrbo",
        Other = "other",
    }
);

wire_enum!(
    StayStatus {
        Confirmed = "confirmed",
        Cancelled = "cancelled",
    }
);

wire_enum!(
    /// How a stay entered Majordome; only `ical` stays are updated and cancelled by the feeds.
    StayOrigin {
        /// Typed in by an operator (REST or dashboard).
        Manual = "manual",
        /// A line of a CSV import.
        Csv = "csv",
        /// An event of one of the property's iCal feeds.
        Ical = "ical",
    }
);

wire_enum!(
    /// The six languages the concierge understands guests in (ISO 639-1 codes on the wire).
    GuestLanguage {
        French = "fr",
        English = "en",
        Spanish = "es",
        German = "de",
        Italian = "it",
        Portuguese = "pt",
    }
);

wire_enum!(
    /// The stay date an automation is timed from.
    AutomationAnchor {
        Arrival = "arrival",
        Departure = "departure",
    }
);

wire_enum!(
    /// Where a scheduled message stands; only `pending` ones are still to be sent.
    ScheduledStatus {
        Pending = "pending",
        /// Claimed by a run: being sent (a crash leaves it here; the next run finishes it).
        Sending = "sending",
        Sent = "sent",
        /// Not sent on purpose: the stay was cancelled, or the time passed beyond the lateness.
        Skipped = "skipped",
        /// Cancelled by an operator.
        Cancelled = "cancelled",
        /// The channel refused it (e.g. outside WhatsApp's 24 h window).
        Failed = "failed",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_values_round_trip_through_json_and_from_str() {
        for s in Sender::ALL {
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(s.as_str().parse::<Sender>().unwrap(), *s);
        }
        assert_eq!(
            "in_progress".parse::<FeatureStatus>().unwrap(),
            FeatureStatus::InProgress
        );
        assert!("bogus".parse::<AiMode>().is_err());
    }

    #[test]
    fn status_rank_never_lets_read_fall_back_to_sent() {
        assert!(MessageStatus::Read.rank() > MessageStatus::Sent.rank());
        assert!(MessageStatus::Delivered.rank() > MessageStatus::Queued.rank());
        assert!(MessageStatus::Failed.is_failure());
    }
}

wire_enum!(
    /// A label's colour, from a fixed palette so every label reads well on the dashboard's
    /// light chips.
    LabelColour {
        Grey = "grey",
        Red = "red",
        Orange = "orange",
        Yellow = "yellow",
        Green = "green",
        Teal = "teal",
        Blue = "blue",
        Purple = "purple",
        Pink = "pink",
    }
);

wire_enum!(
    /// `GET /api/conversations?view=`: which part of the inbox. Without it every conversation is
    /// listed (the behaviour before closing and snoozing existed).
    InboxView {
        /// Not closed and not snoozed: what still needs attention.
        Open = "open",
        /// Set aside until a time that has not come yet.
        Snoozed = "snoozed",
        Closed = "closed",
    }
);

wire_enum!(
    /// What a member of a conciergerie's team may do. Only an owner manages the team (invites,
    /// roles, deactivation); every member answers guests, writes notes and takes assignments.
    MemberRole {
        /// Runs the conciergerie: manages the team. The login the conciergerie was created with.
        Owner = "owner",
        /// A senior operator: sees the whole team, cannot change it.
        Manager = "manager",
        /// An operator.
        Agent = "agent",
    }
);

impl MemberRole {
    /// Invite, change roles, deactivate: the owner's alone.
    pub fn manages_members(self) -> bool {
        self == MemberRole::Owner
    }
}
