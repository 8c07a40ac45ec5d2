//! What the operator narrowed the inbox to that the server can answer for: a property or phase,
//! and an assignee ("Mes conversations", "Non assignées"). While something is chosen the list
//! pages through `GET /api/conversations?…` with the same parameters, so that conversations not
//! loaded yet are found; `matches` still decides what shows, which keeps the list right as live
//! events arrive (a conversation assigned to me appears, one taken from me leaves).

use protocol::conversations::ConversationSummary;
use protocol::MemberId;

use super::stays::StayFilter;
use super::team::AssigneeFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Narrowing {
    pub stay: StayFilter,
    pub assignee: Option<AssigneeFilter>,
}

impl Narrowing {
    pub fn is_active(self) -> bool {
        self.stay.is_active() || self.assignee.is_some()
    }

    /// The server's first page of the narrowed inbox; `None` when nothing is narrowed.
    pub fn query(self) -> Option<String> {
        let mut params = self.stay.params();
        params.extend(self.assignee.map(|a| a.param().to_owned()));
        (!params.is_empty()).then(|| format!("/api/conversations?{}", params.join("&")))
    }

    /// `me` is the signed-in member (phases are on each stay's local date, as the server says).
    pub fn matches(self, c: &ConversationSummary, me: Option<MemberId>) -> bool {
        self.stay.matches(c) && self.assignee.is_none_or(|a| a.matches(c, me))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::inbox::tests::conv;
    use crate::state::stays::tests::brief;
    use crate::state::stays::PhaseFilter;
    use protocol::PropertyId;

    #[test]
    fn the_server_is_asked_with_every_chosen_filter() {
        assert_eq!(Narrowing::default().query(), None);
        let mine = Narrowing {
            assignee: Some(AssigneeFilter::Mine),
            ..Default::default()
        };
        assert_eq!(
            mine.query().as_deref(),
            Some("/api/conversations?assignee=me")
        );
        let both = Narrowing {
            stay: StayFilter {
                property: Some(PropertyId(3)),
                phase: Some(PhaseFilter::InStay),
            },
            assignee: Some(AssigneeFilter::Unassigned),
        };
        assert_eq!(
            both.query().as_deref(),
            Some("/api/conversations?property_id=3&phase=in_stay&assignee=none")
        );
        let stay_only = Narrowing {
            stay: StayFilter {
                property: None,
                phase: Some(PhaseFilter::ArrivingToday),
            },
            assignee: None,
        };
        assert_eq!(
            stay_only.query().as_deref(),
            Some("/api/conversations?phase=arriving_today")
        );
    }

    #[test]
    fn live_assignments_move_conversations_in_and_out() {
        let me = Some(MemberId(2));
        let mine = Narrowing {
            assignee: Some(AssigneeFilter::Mine),
            ..Default::default()
        };
        let mut c = conv(1, 1);
        assert!(!mine.matches(&c, me));
        // A colleague assigns it to me: it belongs at once.
        c.assignee_id = Some(MemberId(2));
        assert!(mine.matches(&c, me));
        // Both filters at once: mine and at property 1.
        let at_one = Narrowing {
            stay: StayFilter {
                property: Some(PropertyId(1)),
                phase: None,
            },
            ..mine
        };
        assert!(!at_one.matches(&c, me), "no stay");
        c.stay = Some(brief(1, 10, 12));
        assert!(at_one.matches(&c, me));
        // Taken from me: it leaves.
        c.assignee_id = None;
        assert!(!mine.matches(&c, me));
        assert!(Narrowing::default().matches(&c, me));
    }
}
