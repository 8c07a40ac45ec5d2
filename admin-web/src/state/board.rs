//! The feature-request board across all conciergeries, kept live from `feature_request.*`
//! events. The stat cards are computed from the same list, so they can never disagree with it.

use std::collections::BTreeSet;
use std::rc::Rc;

use protocol::feature_requests::{FeatureRequest, FeatureRequestStats};
use protocol::{FeatureRequestId, FeatureStatus, Priority};
use yew::Reducible;

use crate::format::fold;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Board {
    /// Newest first.
    pub requests: Vec<FeatureRequest>,
    pub loaded: bool,
    /// Requests conciergeries filed while the board was open.
    pub fresh: BTreeSet<FeatureRequestId>,
    /// Bumped when the live connection (re)opens: the board reloads from REST.
    pub resync_seq: u32,
}

pub enum BoardAction {
    Loaded(Vec<FeatureRequest>),
    /// A request created or changed. `live` when it came over the WebSocket.
    Upsert {
        request: FeatureRequest,
        live: bool,
    },
    Deleted(FeatureRequestId),
    Resync,
}

impl Board {
    pub fn apply(&mut self, action: BoardAction) {
        match action {
            BoardAction::Loaded(list) => {
                self.requests = list;
                self.loaded = true;
                let ids: BTreeSet<_> = self.requests.iter().map(|r| r.id).collect();
                self.fresh.retain(|id| ids.contains(id));
            }
            BoardAction::Upsert { request, live } => {
                match self.requests.iter_mut().find(|r| r.id == request.id) {
                    // An event older than what we hold (it raced our own PATCH) is ignored.
                    Some(existing) if existing.updated_at > request.updated_at => {}
                    Some(existing) => *existing = request,
                    None => {
                        // An admin's own request may come back over the socket before the
                        // POST answers: only a conciergerie's is news.
                        if live && self.loaded && request.conciergerie_id.is_some() {
                            self.fresh.insert(request.id);
                        }
                        self.requests.push(request);
                    }
                }
            }
            BoardAction::Deleted(id) => {
                self.requests.retain(|r| r.id != id);
                self.fresh.remove(&id);
            }
            BoardAction::Resync => self.resync_seq = self.resync_seq.wrapping_add(1),
        }
        self.requests
            .sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    }

    pub fn stats(&self) -> FeatureRequestStats {
        let mut s = FeatureRequestStats {
            total: self.requests.len() as u64,
            ..Default::default()
        };
        for r in &self.requests {
            match r.status {
                FeatureStatus::Pending => s.pending += 1,
                FeatureStatus::InProgress => s.in_progress += 1,
                FeatureStatus::Completed => s.completed += 1,
                FeatureStatus::Rejected => s.rejected += 1,
            }
        }
        s
    }

    pub fn visible(&self, filter: &BoardFilter) -> Vec<&FeatureRequest> {
        self.requests.iter().filter(|r| filter.admits(r)).collect()
    }
}

impl Reducible for Board {
    type Action = BoardAction;

    fn reduce(self: Rc<Self>, action: BoardAction) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        s.apply(action);
        Rc::new(s)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardFilter {
    pub status: Option<FeatureStatus>,
    pub priority: Option<Priority>,
    /// Searched in the title, description and author.
    pub query: String,
}

impl BoardFilter {
    pub fn admits(&self, r: &FeatureRequest) -> bool {
        let q = fold(self.query.trim());
        self.status.is_none_or(|s| s == r.status)
            && self.priority.is_none_or(|p| p == r.priority)
            && (q.is_empty()
                || fold(&r.title).contains(&q)
                || fold(&r.description).contains(&q)
                || r.author.as_deref().is_some_and(|a| fold(a).contains(&q)))
    }

    pub fn is_active(&self) -> bool {
        self.status.is_some() || self.priority.is_some() || !self.query.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::t;
    use protocol::ConciergerieId;

    fn fr(id: i64, minute: i64, status: FeatureStatus, priority: Priority) -> FeatureRequest {
        FeatureRequest {
            id: FeatureRequestId(id),
            conciergerie_id: Some(ConciergerieId(1)),
            author: Some("Conciergerie Démo".into()),
            title: format!("Idée {id}"),
            description: String::new(),
            status,
            priority,
            created_at: t(minute),
            updated_at: t(minute),
        }
    }

    #[test]
    fn live_events_insert_replace_and_delete_and_stats_follow() {
        let mut b = Board::default();
        b.apply(BoardAction::Loaded(vec![fr(
            1,
            1,
            FeatureStatus::Pending,
            Priority::Low,
        )]));
        b.apply(BoardAction::Upsert {
            request: fr(2, 2, FeatureStatus::Pending, Priority::High),
            live: true,
        });
        assert_eq!(b.requests[0].id, FeatureRequestId(2), "newest first");
        assert!(b.fresh.contains(&FeatureRequestId(2)));
        let mut started = fr(1, 1, FeatureStatus::InProgress, Priority::Low);
        started.updated_at = t(5);
        b.apply(BoardAction::Upsert {
            request: started,
            live: true,
        });
        assert!(
            !b.fresh.contains(&FeatureRequestId(1)),
            "an update is not new"
        );
        let s = b.stats();
        assert_eq!((s.total, s.pending, s.in_progress), (2, 1, 1));
        b.apply(BoardAction::Deleted(FeatureRequestId(2)));
        assert_eq!(b.requests.len(), 1);
        assert!(b.fresh.is_empty());
        assert_eq!(b.stats().pending, 0);
    }

    #[test]
    fn a_stale_event_does_not_undo_a_newer_change() {
        let mut b = Board::default();
        let mut done = fr(1, 1, FeatureStatus::Completed, Priority::Low);
        done.updated_at = t(10);
        b.apply(BoardAction::Loaded(vec![done]));
        let mut stale = fr(1, 1, FeatureStatus::InProgress, Priority::Low);
        stale.updated_at = t(4);
        b.apply(BoardAction::Upsert {
            request: stale,
            live: true,
        });
        assert_eq!(b.requests[0].status, FeatureStatus::Completed);
    }

    #[test]
    fn requests_created_here_or_before_loading_are_not_marked_new() {
        let mut b = Board::default();
        b.apply(BoardAction::Upsert {
            request: fr(1, 1, FeatureStatus::Pending, Priority::Low),
            live: true,
        });
        assert!(b.fresh.is_empty(), "not loaded yet");
        b.apply(BoardAction::Loaded(vec![]));
        b.apply(BoardAction::Upsert {
            request: fr(2, 2, FeatureStatus::Pending, Priority::Low),
            live: false,
        });
        assert!(b.fresh.is_empty());
        let mut by_admin = fr(3, 3, FeatureStatus::Pending, Priority::Low);
        by_admin.conciergerie_id = None;
        b.apply(BoardAction::Upsert {
            request: by_admin,
            live: true,
        });
        assert!(
            b.fresh.is_empty(),
            "the admin's own request, echoed by the socket"
        );
    }

    #[test]
    fn filters_combine_status_priority_and_text() {
        let mut b = Board::default();
        let mut pdf = fr(3, 3, FeatureStatus::Pending, Priority::High);
        pdf.title = "Export PDF".into();
        pdf.author = Some("Alpes Clés".into());
        b.apply(BoardAction::Loaded(vec![
            fr(1, 1, FeatureStatus::Pending, Priority::Low),
            fr(2, 2, FeatureStatus::Completed, Priority::High),
            pdf,
        ]));
        let high = BoardFilter {
            priority: Some(Priority::High),
            ..Default::default()
        };
        assert_eq!(b.visible(&high).len(), 2);
        let pending_high = BoardFilter {
            status: Some(FeatureStatus::Pending),
            ..high.clone()
        };
        assert_eq!(b.visible(&pending_high).len(), 1);
        let by_author = BoardFilter {
            query: "alpes cles".into(),
            ..Default::default()
        };
        assert_eq!(b.visible(&by_author)[0].title, "Export PDF");
        assert!(by_author.is_active());
        assert!(!BoardFilter::default().is_active());
    }
}
