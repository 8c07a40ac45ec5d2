//! The guest simulator's phone: the thread each simulated guest sees.

use protocol::conversations::Media;
use std::collections::HashMap;
use std::rc::Rc;

use protocol::Timestamp;
use yew::Reducible;

/// `whatsapp:+33 6 12` and `+3361 2` name the same guest.
pub fn normalize_number(raw: &str) -> String {
    let raw = raw.trim();
    let raw = raw.strip_prefix("whatsapp:").unwrap_or(raw);
    raw.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A plausible E.164 number (or WhatsApp's opaque ids, which the simulator does not need).
pub fn is_valid_number(raw: &str) -> bool {
    let n = normalize_number(raw);
    let digits = n.strip_prefix('+').unwrap_or(&n);
    n.starts_with('+')
        && (8..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
}

#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    Sending,
    Sent,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PhoneMessage {
    pub key: u64,
    /// Written by the guest (right side of the phone) or received (left side).
    pub from_guest: bool,
    pub body: String,
    /// Files received with a reply (an operator's upload).
    pub media: Vec<Media>,
    pub at: Timestamp,
    pub delivery: Delivery,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimulatorState {
    pub threads: HashMap<String, Vec<PhoneMessage>>,
    next_key: u64,
}

pub enum SimulatorAction {
    GuestSending {
        number: String,
        key: u64,
        body: String,
        at: Timestamp,
    },
    GuestSent {
        number: String,
        key: u64,
    },
    GuestFailed {
        number: String,
        key: u64,
        reason: String,
    },
    /// `simulator.reply`: the AI or an operator answered this guest.
    Reply {
        to: String,
        body: String,
        media: Vec<Media>,
        at: Timestamp,
    },
    /// The conversation's history, when the phone opens on a guest who already wrote.
    Seed {
        number: String,
        messages: Vec<(bool, String, Timestamp)>,
    },
}

impl SimulatorState {
    pub fn thread(&self, number: &str) -> &[PhoneMessage] {
        self.threads
            .get(&normalize_number(number))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn apply(&mut self, action: SimulatorAction) {
        match action {
            SimulatorAction::GuestSending {
                number,
                key,
                body,
                at,
            } => self.push(&number, key, true, body, at, Delivery::Sending),
            SimulatorAction::GuestSent { number, key } => {
                self.set_delivery(&number, key, Delivery::Sent)
            }
            SimulatorAction::GuestFailed {
                number,
                key,
                reason,
            } => self.set_delivery(&number, key, Delivery::Failed(reason)),
            SimulatorAction::Reply {
                to,
                body,
                media,
                at,
            } => {
                self.next_key += 1;
                let key = u64::MAX / 2 + self.next_key;
                self.push(&to, key, false, body, at, Delivery::Sent);
                if let Some(last) = self
                    .threads
                    .get_mut(&normalize_number(&to))
                    .and_then(|t| t.last_mut())
                {
                    last.media = media;
                }
            }
            SimulatorAction::Seed { number, messages } => {
                let thread = self.threads.entry(normalize_number(&number)).or_default();
                if thread.is_empty() {
                    for (i, (from_guest, body, at)) in messages.into_iter().enumerate() {
                        thread.push(PhoneMessage {
                            key: u64::MAX / 4 + i as u64,
                            from_guest,
                            body,
                            media: Vec::new(),
                            at,
                            delivery: Delivery::Sent,
                        });
                    }
                }
            }
        }
    }

    fn push(
        &mut self,
        number: &str,
        key: u64,
        from_guest: bool,
        body: String,
        at: Timestamp,
        delivery: Delivery,
    ) {
        self.threads
            .entry(normalize_number(number))
            .or_default()
            .push(PhoneMessage {
                key,
                from_guest,
                body,
                media: Vec::new(),
                at,
                delivery,
            });
    }

    fn set_delivery(&mut self, number: &str, key: u64, delivery: Delivery) {
        if let Some(m) = self
            .threads
            .get_mut(&normalize_number(number))
            .and_then(|t| t.iter_mut().find(|m| m.key == key))
        {
            m.delivery = delivery;
        }
    }
}

impl Reducible for SimulatorState {
    type Action = SimulatorAction;

    fn reduce(self: Rc<Self>, action: SimulatorAction) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        s.apply(action);
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::inbox::tests::t;

    #[test]
    fn numbers_normalize() {
        assert_eq!(normalize_number(" whatsapp:+33 6 12 34 "), "+3361234");
        assert!(is_valid_number("+33 6 12 34 56 78"));
        assert!(is_valid_number("whatsapp:+14155238886"));
        assert!(!is_valid_number("0612345678"));
        assert!(!is_valid_number("+33abc"));
    }

    #[test]
    fn guest_messages_and_replies_share_a_thread() {
        let mut s = SimulatorState::default();
        s.apply(SimulatorAction::GuestSending {
            number: "+33 6 11".into(),
            key: 1,
            body: "Bonjour".into(),
            at: t(1),
        });
        s.apply(SimulatorAction::Reply {
            to: "whatsapp:+33611".into(),
            body: "Bonjour, que puis-je faire pour vous ?".into(),
            media: Vec::new(),
            at: t(2),
        });
        s.apply(SimulatorAction::GuestSent {
            number: "+33611".into(),
            key: 1,
        });
        let thread = s.thread("+33611");
        assert_eq!(thread.len(), 2);
        assert!(thread[0].from_guest && thread[0].delivery == Delivery::Sent);
        assert!(!thread[1].from_guest);
        s.apply(SimulatorAction::GuestFailed {
            number: "+33611".into(),
            key: 1,
            reason: "nope".into(),
        });
        assert_eq!(
            s.thread("+33611")[0].delivery,
            Delivery::Failed("nope".into())
        );
        // Seeding never overwrites a live thread.
        s.apply(SimulatorAction::Seed {
            number: "+33611".into(),
            messages: vec![(true, "old".into(), t(0))],
        });
        assert_eq!(s.thread("+33611").len(), 2);
        s.apply(SimulatorAction::Seed {
            number: "+33622".into(),
            messages: vec![(true, "old".into(), t(0))],
        });
        assert_eq!(s.thread("+33622").len(), 1);
    }
}
