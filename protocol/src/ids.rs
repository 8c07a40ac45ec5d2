use serde::{Deserialize, Serialize};

macro_rules! id_types {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )+};
}

id_types!(
    /// A tenant: one conciergerie company.
    ConciergerieId,
    /// A platform administrator.
    AdminId,
    /// One guest thread inside a conciergerie.
    ConversationId,
    MessageId,
    FaqId,
    FeatureRequestId,
    TemplateId,
    /// A webhook that matched no conciergerie, kept for an admin to assign.
    UnroutedMessageId,
    /// A rental (logement) managed by a conciergerie.
    PropertyId,
    /// A guest's booking (séjour) at one property.
    StayId,
    /// A message rule timed from stays (e.g. the day before arrival at 18:00).
    AutomationId,
    /// One automation's message for one stay.
    ScheduledId,
    /// A coloured label a conciergerie puts on conversations.
    LabelId,
    /// One operator account of a conciergerie's team.
    MemberId,
);
