//! The operator's feature requests, kept live from `feature_request.*` events.

use std::rc::Rc;

use protocol::feature_requests::FeatureRequest;
use protocol::FeatureRequestId;
use yew::Reducible;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeatureBoard {
    /// Newest first.
    pub requests: Vec<FeatureRequest>,
    pub loaded: bool,
}

pub enum FeatureAction {
    Loaded(Vec<FeatureRequest>),
    Upsert(FeatureRequest),
    Deleted(FeatureRequestId),
}

impl FeatureBoard {
    pub fn apply(&mut self, action: FeatureAction) {
        match action {
            FeatureAction::Loaded(list) => {
                self.requests = list;
                self.loaded = true;
            }
            FeatureAction::Upsert(fr) => match self.requests.iter_mut().find(|r| r.id == fr.id) {
                Some(existing) => *existing = fr,
                None => self.requests.push(fr),
            },
            FeatureAction::Deleted(id) => self.requests.retain(|r| r.id != id),
        }
        self.requests
            .sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    }
}

impl Reducible for FeatureBoard {
    type Action = FeatureAction;

    fn reduce(self: Rc<Self>, action: FeatureAction) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        s.apply(action);
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::inbox::tests::t;
    use protocol::{FeatureStatus, Priority};

    fn fr(id: i64, minute: u32, status: FeatureStatus) -> FeatureRequest {
        FeatureRequest {
            id: FeatureRequestId(id),
            conciergerie_id: None,
            author: None,
            title: format!("Idée {id}"),
            description: String::new(),
            status,
            priority: Priority::Medium,
            created_at: t(minute),
            updated_at: t(minute),
        }
    }

    #[test]
    fn live_updates_replace_and_delete() {
        let mut b = FeatureBoard::default();
        b.apply(FeatureAction::Loaded(vec![fr(
            1,
            1,
            FeatureStatus::Pending,
        )]));
        b.apply(FeatureAction::Upsert(fr(2, 2, FeatureStatus::Pending)));
        assert_eq!(b.requests[0].id, FeatureRequestId(2));
        b.apply(FeatureAction::Upsert(fr(1, 1, FeatureStatus::InProgress)));
        assert_eq!(b.requests[1].status, FeatureStatus::InProgress);
        b.apply(FeatureAction::Deleted(FeatureRequestId(2)));
        assert_eq!(b.requests.len(), 1);
    }
}
