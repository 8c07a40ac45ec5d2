//! Webhooks that matched no conciergerie, grouped by the number they were sent to: assigning is
//! per number (every waiting message for it moves), so that is how the page shows them.

use std::rc::Rc;

use protocol::admin::{ConciergerieOverview, UnroutedMessage};
use protocol::auth::Conciergerie;
use protocol::Timestamp;
use yew::Reducible;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unrouted {
    pub messages: Vec<UnroutedMessage>,
    pub loaded: bool,
}

pub enum UnroutedAction {
    Loaded(Vec<UnroutedMessage>),
    /// The number now belongs to a conciergerie: its messages left the list.
    Assigned {
        to: String,
    },
}

impl Unrouted {
    pub fn apply(&mut self, action: UnroutedAction) {
        match action {
            UnroutedAction::Loaded(messages) => {
                self.messages = messages;
                self.loaded = true;
            }
            UnroutedAction::Assigned { to } => self.messages.retain(|m| m.to != to),
        }
    }

    pub fn groups(&self) -> Vec<NumberGroup> {
        group_by_number(&self.messages)
    }
}

impl Reducible for Unrouted {
    type Action = UnroutedAction;

    fn reduce(self: Rc<Self>, action: UnroutedAction) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        s.apply(action);
        Rc::new(s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumberGroup {
    /// The number the guests wrote to, `whatsapp:+…`.
    pub to: String,
    /// Oldest first, as they will appear in the inbox.
    pub messages: Vec<UnroutedMessage>,
    /// Distinct guests who wrote.
    pub senders: usize,
    pub latest: Timestamp,
    /// The messaging service Twilio named, if any (a hint about which tenant it is).
    pub messaging_service_sid: Option<String>,
}

/// Groups by `to`, the group with the most recent message first.
pub fn group_by_number(messages: &[UnroutedMessage]) -> Vec<NumberGroup> {
    let mut groups: Vec<NumberGroup> = Vec::new();
    for m in messages {
        let group = match groups.iter_mut().position(|g| g.to == m.to) {
            Some(i) => &mut groups[i],
            None => {
                groups.push(NumberGroup {
                    to: m.to.clone(),
                    messages: Vec::new(),
                    senders: 0,
                    latest: m.received_at,
                    messaging_service_sid: None,
                });
                groups.last_mut().expect("just pushed")
            }
        };
        group.latest = group.latest.max(m.received_at);
        if group.messaging_service_sid.is_none() {
            group.messaging_service_sid = m.messaging_service_sid.clone();
        }
        group.messages.push(m.clone());
    }
    for g in &mut groups {
        g.messages
            .sort_by(|a, b| a.received_at.cmp(&b.received_at).then(a.id.cmp(&b.id)));
        let mut from: Vec<&str> = g.messages.iter().map(|m| m.from.as_str()).collect();
        from.sort_unstable();
        from.dedup();
        g.senders = from.len();
    }
    groups.sort_by(|a, b| b.latest.cmp(&a.latest).then(a.to.cmp(&b.to)));
    groups
}

/// Why a conciergerie cannot take a number (the server would refuse it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// It already has another number; change that first.
    HasNumber(String),
}

/// Every conciergerie, with whether it can receive `number`, in name order.
pub fn candidates(
    conciergeries: &[ConciergerieOverview],
    number: &str,
) -> Vec<(Conciergerie, Option<Blocked>)> {
    let mut list: Vec<(Conciergerie, Option<Blocked>)> = conciergeries
        .iter()
        .map(|o| {
            let c = o.conciergerie.clone();
            let blocked = match c.whatsapp_number.as_deref() {
                Some(current) if current != number => Some(Blocked::HasNumber(current.to_owned())),
                _ => None,
            };
            (c, blocked)
        })
        .collect();
    list.sort_by(|a, b| {
        a.1.is_some()
            .cmp(&b.1.is_some())
            .then_with(|| crate::format::fold(&a.0.name).cmp(&crate::format::fold(&b.0.name)))
    });
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::{conciergerie, t};
    use protocol::UnroutedMessageId;

    fn msg(id: i64, to: &str, from: &str, minute: i64) -> UnroutedMessage {
        UnroutedMessage {
            id: UnroutedMessageId(id),
            to: to.into(),
            from: from.into(),
            body: format!("message {id}"),
            message_sid: format!("SM{id:032}"),
            messaging_service_sid: None,
            received_at: t(minute),
        }
    }

    #[test]
    fn messages_group_by_number_latest_group_first() {
        let list = vec![
            msg(4, "whatsapp:+33455555555", "whatsapp:+33611111111", 9),
            msg(3, "whatsapp:+33100000000", "whatsapp:+33622222222", 5),
            msg(2, "whatsapp:+33455555555", "whatsapp:+33611111111", 2),
            msg(1, "whatsapp:+33455555555", "whatsapp:+33633333333", 1),
        ];
        let groups = group_by_number(&list);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].to, "whatsapp:+33455555555");
        assert_eq!(groups[0].messages.len(), 3);
        assert_eq!(
            groups[0].messages[0].id,
            UnroutedMessageId(1),
            "oldest first"
        );
        assert_eq!(groups[0].senders, 2);
        assert_eq!(groups[0].latest, t(9));
        assert_eq!(groups[1].senders, 1);
    }

    #[test]
    fn assigning_removes_every_message_for_the_number() {
        let mut u = Unrouted::default();
        u.apply(UnroutedAction::Loaded(vec![
            msg(2, "whatsapp:+33455555555", "a", 2),
            msg(1, "whatsapp:+33100000000", "b", 1),
            msg(3, "whatsapp:+33455555555", "c", 3),
        ]));
        u.apply(UnroutedAction::Assigned {
            to: "whatsapp:+33455555555".into(),
        });
        assert_eq!(u.messages.len(), 1);
        assert_eq!(u.groups()[0].to, "whatsapp:+33100000000");
    }

    #[test]
    fn a_conciergerie_with_another_number_is_not_a_candidate() {
        let overview = |c: Conciergerie| ConciergerieOverview {
            conciergerie: c,
            conversations: 0,
            messages_last_7_days: 0,
            ai_share: 0.0,
            last_activity_at: None,
            ai_spend_today_usd: 0.0,
            members: 1,
        };
        let mut free = conciergerie(2, "Azur");
        free.whatsapp_number = None;
        let busy = conciergerie(1, "Alpes");
        let mut owner = conciergerie(3, "Bretagne");
        owner.whatsapp_number = Some("whatsapp:+33455555555".into());
        let list = candidates(
            &[overview(busy), overview(free), overview(owner)],
            "whatsapp:+33455555555",
        );
        let names: Vec<&str> = list.iter().map(|(c, _)| c.name.as_str()).collect();
        assert_eq!(names, ["Azur", "Bretagne", "Alpes"], "available first");
        assert_eq!(list[0].1, None);
        assert_eq!(list[1].1, None, "it already has this very number");
        assert_eq!(
            list[2].1,
            Some(Blocked::HasNumber("whatsapp:+33612345601".into()))
        );
    }
}
