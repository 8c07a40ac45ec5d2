//! Which page the admin is on, kept in the URL hash so a reload or the back button works.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Page {
    #[default]
    Conciergeries,
    Features,
    Unrouted,
    Health,
}

impl Page {
    pub const ALL: [Page; 4] = [
        Page::Conciergeries,
        Page::Features,
        Page::Unrouted,
        Page::Health,
    ];

    /// `#/features`, …; anything unknown is the conciergeries.
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split('/').next() {
            Some("features") => Page::Features,
            Some("unrouted") => Page::Unrouted,
            Some("health") => Page::Health,
            _ => Page::Conciergeries,
        }
    }

    pub fn to_hash(self) -> &'static str {
        match self {
            Page::Conciergeries => "#/conciergeries",
            Page::Features => "#/features",
            Page::Unrouted => "#/unrouted",
            Page::Health => "#/health",
        }
    }
}

impl ui::location::HashRoute for Page {
    fn from_hash(hash: &str) -> Self {
        Page::parse(hash)
    }

    fn hash(&self) -> String {
        self.to_hash().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_round_trip_and_unknown_is_the_default() {
        for p in Page::ALL {
            assert_eq!(Page::parse(p.to_hash()), p);
        }
        assert_eq!(Page::parse(""), Page::Conciergeries);
        assert_eq!(Page::parse("#/nowhere"), Page::Conciergeries);
        assert_eq!(Page::parse("#/health/extra"), Page::Health);
    }
}
