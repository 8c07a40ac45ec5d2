//! Working as a team, as pure state: "Mes conversations", and who is viewing or typing where.
//! A presence is shown while it keeps being repeated (`PresenceActivity::lasts_secs`): the server
//! stores nothing, so a colleague who closes their tab simply fades out.

use std::rc::Rc;

use protocol::conversations::ConversationSummary;
use protocol::members::{Member, MemberBrief};
use protocol::presence::PresenceActivity;
use protocol::{ConversationId, MemberId};
use yew::Reducible;

/// "Mes conversations": the conversations assigned to `me`.
pub fn assigned_to(c: &ConversationSummary, me: MemberId) -> bool {
    c.assignee_id == Some(me)
}

/// The inbox narrowed by assignee, as the server's `?assignee=` does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssigneeFilter {
    /// "Mes conversations": assigned to the signed-in member.
    Mine,
    /// "Non assignées": nobody's yet.
    Unassigned,
}

impl AssigneeFilter {
    pub const ALL: [AssigneeFilter; 2] = [AssigneeFilter::Mine, AssigneeFilter::Unassigned];

    /// The server's parameter (`me` is resolved by the server from the session).
    pub fn param(self) -> &'static str {
        match self {
            AssigneeFilter::Mine => "assignee=me",
            AssigneeFilter::Unassigned => "assignee=none",
        }
    }

    /// Whether a conversation belongs, as it is now (a live assignment moves it in or out).
    pub fn matches(self, c: &ConversationSummary, me: Option<MemberId>) -> bool {
        match self {
            AssigneeFilter::Mine => me.is_some_and(|me| assigned_to(c, me)),
            AssigneeFilter::Unassigned => c.assignee_id.is_none(),
        }
    }
}

/// The name of a conversation's assignee, if they are on the team list.
pub fn assignee_name(c: &ConversationSummary, members: &[Member]) -> Option<String> {
    let id = c.assignee_id?;
    members.iter().find(|m| m.id == id).map(|m| m.name.clone())
}

#[derive(Debug, Clone, PartialEq)]
struct Seen {
    conversation_id: ConversationId,
    member: MemberBrief,
    activity: PresenceActivity,
    /// Milliseconds since the epoch after which it is no longer shown.
    until_ms: i64,
}

/// Colleagues' presences as last heard, per conversation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PresenceBoard {
    seen: Vec<Seen>,
}

/// Who is in one conversation now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Present {
    pub viewing: Vec<String>,
    pub typing: Vec<String>,
}

impl Present {
    pub fn is_empty(&self) -> bool {
        self.viewing.is_empty() && self.typing.is_empty()
    }
}

pub struct Heard {
    pub conversation_id: ConversationId,
    pub member: MemberBrief,
    pub activity: PresenceActivity,
    pub now_ms: i64,
}

impl PresenceBoard {
    pub fn heard(&mut self, h: Heard) {
        let until_ms = h.now_ms + h.activity.lasts_secs() * 1000;
        self.seen.retain(|s| s.until_ms > h.now_ms);
        // One conversation viewed at a time: viewing another one ends the previous.
        if h.activity == PresenceActivity::Viewing {
            self.seen.retain(|s| {
                !(s.member.id == h.member.id
                    && s.activity == PresenceActivity::Viewing
                    && s.conversation_id != h.conversation_id)
            });
        }
        match self.seen.iter_mut().find(|s| {
            s.member.id == h.member.id
                && s.conversation_id == h.conversation_id
                && s.activity == h.activity
        }) {
            Some(s) => {
                s.until_ms = until_ms;
                s.member.name = h.member.name;
            }
            None => self.seen.push(Seen {
                conversation_id: h.conversation_id,
                member: h.member,
                activity: h.activity,
                until_ms,
            }),
        }
    }

    /// The colleagues (never `me`) viewing or typing in `id` now; someone typing is not also
    /// listed as viewing.
    pub fn in_conversation(
        &self,
        id: ConversationId,
        me: Option<MemberId>,
        now_ms: i64,
    ) -> Present {
        let live = |activity: PresenceActivity| {
            self.seen.iter().filter(move |s| {
                s.conversation_id == id
                    && s.activity == activity
                    && s.until_ms > now_ms
                    && Some(s.member.id) != me
            })
        };
        let typing: Vec<&Seen> = live(PresenceActivity::Typing).collect();
        let mut present = Present {
            typing: typing.iter().map(|s| s.member.name.clone()).collect(),
            viewing: live(PresenceActivity::Viewing)
                .filter(|v| !typing.iter().any(|t| t.member.id == v.member.id))
                .map(|s| s.member.name.clone())
                .collect(),
        };
        present.typing.sort();
        present.viewing.sort();
        present
    }
}

impl Reducible for PresenceBoard {
    type Action = Heard;

    fn reduce(self: Rc<Self>, action: Heard) -> Rc<Self> {
        let mut board = Rc::unwrap_or_clone(self);
        board.heard(action);
        Rc::new(board)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::inbox::tests::conv;

    fn member(id: i64, name: &str) -> MemberBrief {
        MemberBrief {
            id: MemberId(id),
            name: name.into(),
        }
    }

    fn heard(conv: i64, who: MemberBrief, activity: PresenceActivity, at_secs: i64) -> Heard {
        Heard {
            conversation_id: ConversationId(conv),
            member: who,
            activity,
            now_ms: at_secs * 1000,
        }
    }

    #[test]
    fn colleagues_show_while_repeated_then_fade_and_never_oneself() {
        let mut board = PresenceBoard::default();
        board.heard(heard(1, member(2, "Marc"), PresenceActivity::Viewing, 0));
        board.heard(heard(1, member(3, "Léa"), PresenceActivity::Typing, 0));
        board.heard(heard(1, member(9, "Moi"), PresenceActivity::Typing, 0));
        let now = board.in_conversation(ConversationId(1), Some(MemberId(9)), 1_000);
        assert_eq!(now.viewing, ["Marc"]);
        assert_eq!(now.typing, ["Léa"]);
        assert!(board
            .in_conversation(ConversationId(2), None, 1_000)
            .is_empty());
        // Typing fades first; viewing lasts longer; both end without a refresh.
        let later = board.in_conversation(ConversationId(1), Some(MemberId(9)), 6_000);
        assert_eq!(later.typing, Vec::<String>::new());
        assert_eq!(later.viewing, ["Marc"]);
        assert!(board
            .in_conversation(ConversationId(1), Some(MemberId(9)), 13_000)
            .is_empty());
        // A refresh keeps it on.
        board.heard(heard(1, member(2, "Marc"), PresenceActivity::Viewing, 10));
        assert_eq!(
            board
                .in_conversation(ConversationId(1), None, 20_000)
                .viewing,
            ["Marc"]
        );
    }

    #[test]
    fn viewing_another_conversation_leaves_the_first_and_typing_implies_viewing() {
        let mut board = PresenceBoard::default();
        board.heard(heard(1, member(2, "Marc"), PresenceActivity::Viewing, 0));
        board.heard(heard(2, member(2, "Marc"), PresenceActivity::Viewing, 1));
        assert!(board
            .in_conversation(ConversationId(1), None, 2_000)
            .is_empty());
        board.heard(heard(2, member(2, "Marc"), PresenceActivity::Typing, 2));
        let now = board.in_conversation(ConversationId(2), None, 3_000);
        assert_eq!(now.typing, ["Marc"]);
        assert!(now.viewing.is_empty(), "listed once, as typing");
    }

    #[test]
    fn mes_conversations_are_those_assigned_to_me() {
        let me = Some(MemberId(2));
        let mut c = conv(1, 0);
        assert!(!assigned_to(&c, MemberId(2)));
        assert!(AssigneeFilter::Unassigned.matches(&c, me));
        assert!(!AssigneeFilter::Mine.matches(&c, me));
        c.assignee_id = Some(MemberId(2));
        assert!(assigned_to(&c, MemberId(2)));
        assert!(!assigned_to(&c, MemberId(3)));
        assert!(AssigneeFilter::Mine.matches(&c, me));
        assert!(!AssigneeFilter::Unassigned.matches(&c, me));
        // A colleague's conversation is neither mine nor unassigned.
        c.assignee_id = Some(MemberId(3));
        assert!(!AssigneeFilter::Mine.matches(&c, me));
        assert!(!AssigneeFilter::Unassigned.matches(&c, me));
        // Without a session's member nothing is "mine".
        c.assignee_id = Some(MemberId(2));
        assert!(!AssigneeFilter::Mine.matches(&c, None));
        assert_eq!(AssigneeFilter::Mine.param(), "assignee=me");
        assert_eq!(AssigneeFilter::Unassigned.param(), "assignee=none");
    }
}
