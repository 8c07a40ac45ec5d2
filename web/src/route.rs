//! Where the operator is, kept in the URL hash so a reload or the phone's back button works.

use protocol::ConversationId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Inbox,
    Faq,
    Settings,
    Analytics,
    Ideas,
    /// Logements: the rentals, their check-in details and their own knowledge entries.
    Properties,
    /// Séjours: bookings, by hand or from a CSV file.
    Stays,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Inbox,
        Tab::Faq,
        Tab::Settings,
        Tab::Analytics,
        Tab::Ideas,
        Tab::Properties,
        Tab::Stays,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Route {
    pub tab: Tab,
    /// The open conversation (inbox only).
    pub conversation: Option<ConversationId>,
}

impl Route {
    pub fn inbox(conversation: Option<ConversationId>) -> Self {
        Route {
            tab: Tab::Inbox,
            conversation,
        }
    }

    pub fn tab(tab: Tab) -> Self {
        Route {
            tab,
            conversation: None,
        }
    }

    /// `#/c/12`, `#/faq`, …; anything unknown is the inbox.
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/');
        match (parts.next(), parts.next()) {
            (Some("c"), Some(id)) => Route::inbox(id.parse().ok()),
            (Some("faq"), _) => Route::tab(Tab::Faq),
            (Some("settings"), _) => Route::tab(Tab::Settings),
            (Some("analytics"), _) => Route::tab(Tab::Analytics),
            (Some("ideas"), _) => Route::tab(Tab::Ideas),
            (Some("properties"), _) => Route::tab(Tab::Properties),
            (Some("stays"), _) => Route::tab(Tab::Stays),
            _ => Route::default(),
        }
    }

    pub fn to_hash(self) -> String {
        match (self.tab, self.conversation) {
            (Tab::Inbox, Some(id)) => format!("#/c/{id}"),
            (Tab::Inbox, None) => "#/".to_owned(),
            (Tab::Faq, _) => "#/faq".to_owned(),
            (Tab::Settings, _) => "#/settings".to_owned(),
            (Tab::Analytics, _) => "#/analytics".to_owned(),
            (Tab::Ideas, _) => "#/ideas".to_owned(),
            (Tab::Properties, _) => "#/properties".to_owned(),
            (Tab::Stays, _) => "#/stays".to_owned(),
        }
    }
}

impl ui::location::HashRoute for Route {
    fn from_hash(hash: &str) -> Self {
        Route::parse(hash)
    }

    fn hash(&self) -> String {
        self.to_hash()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        for r in [
            Route::inbox(None),
            Route::inbox(Some(ConversationId(12))),
            Route::tab(Tab::Faq),
            Route::tab(Tab::Settings),
            Route::tab(Tab::Analytics),
            Route::tab(Tab::Ideas),
            Route::tab(Tab::Properties),
            Route::tab(Tab::Stays),
        ] {
            assert_eq!(Route::parse(&r.to_hash()), r);
        }
        assert_eq!(Route::parse(""), Route::default());
        assert_eq!(Route::parse("#/c/abc"), Route::inbox(None));
        assert_eq!(Route::parse("#/nowhere"), Route::default());
    }
}
