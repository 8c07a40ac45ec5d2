//! The conciergerie list: loaded with its activity, patched in place after an edit, searched and
//! sorted on the client (a platform has tens of tenants, not millions).

use std::cmp::Ordering;
use std::rc::Rc;

use protocol::admin::ConciergerieOverview;
use protocol::auth::Conciergerie;
use yew::Reducible;

use crate::format::fold;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConciergerieList {
    pub items: Vec<ConciergerieOverview>,
    pub loaded: bool,
}

pub enum ConciergerieAction {
    Loaded(Vec<ConciergerieOverview>),
    /// A new conciergerie: no activity yet.
    Created(Conciergerie),
    /// Its settings changed (edit, deactivation, a number assigned); its activity did not.
    Updated(Conciergerie),
}

impl ConciergerieList {
    pub fn apply(&mut self, action: ConciergerieAction) {
        match action {
            ConciergerieAction::Loaded(items) => {
                self.items = items;
                self.loaded = true;
            }
            ConciergerieAction::Created(c) | ConciergerieAction::Updated(c) => {
                match self.items.iter_mut().find(|o| o.conciergerie.id == c.id) {
                    Some(o) => o.conciergerie = c,
                    None => self.items.push(ConciergerieOverview {
                        conciergerie: c,
                        conversations: 0,
                        messages_last_7_days: 0,
                        ai_share: 0.0,
                        last_activity_at: None,
                        ai_spend_today_usd: 0.0,
                        members: 1,
                    }),
                }
            }
        }
    }

    pub fn get(&self, id: protocol::ConciergerieId) -> Option<&ConciergerieOverview> {
        self.items.iter().find(|o| o.conciergerie.id == id)
    }

    pub fn summary(&self) -> Summary {
        Summary {
            total: self.items.len(),
            active: self.items.iter().filter(|o| o.conciergerie.active).count(),
            messages_last_7_days: self.items.iter().map(|o| o.messages_last_7_days).sum(),
            conversations: self.items.iter().map(|o| o.conversations).sum(),
        }
    }
}

impl Reducible for ConciergerieList {
    type Action = ConciergerieAction;

    fn reduce(self: Rc<Self>, action: ConciergerieAction) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        s.apply(action);
        Rc::new(s)
    }
}

/// The figures above the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub total: usize,
    pub active: usize,
    pub messages_last_7_days: u64,
    pub conversations: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    Conversations,
    Messages,
    AiShare,
    LastActivity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// Clicking a column: the same column flips; a new one starts with what is most useful
    /// (names A→Z, figures biggest first).
    pub fn toggle(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort {
                key,
                descending: !self.descending,
            }
        } else {
            Sort {
                key,
                descending: key != SortKey::Name,
            }
        }
    }

    /// `aria-sort` for a column header.
    pub fn aria(self, key: SortKey) -> &'static str {
        match (self.key == key, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

/// Does the conciergerie match a search on its name, email or number?
pub fn matches(o: &ConciergerieOverview, query: &str) -> bool {
    let q = fold(query.trim());
    if q.is_empty() {
        return true;
    }
    let c = &o.conciergerie;
    // A phone number is typed in many ways (`+33 6 12…`, `+33.6.12…`): compare its digits.
    let number = q.strip_prefix("whatsapp:").unwrap_or(&q);
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let looks_like_number = digits.len() >= 3
        && number
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-.()".contains(ch));
    fold(&c.name).contains(&q)
        || c.email.contains(&q)
        || (looks_like_number
            && c.whatsapp_number
                .as_deref()
                .is_some_and(|n| n.contains(&digits)))
}

/// The rows to show, searched then sorted; ties keep a stable order by name then id.
pub fn visible<'a>(
    items: &'a [ConciergerieOverview],
    query: &str,
    sort: Sort,
) -> Vec<&'a ConciergerieOverview> {
    let mut rows: Vec<&ConciergerieOverview> = items.iter().filter(|o| matches(o, query)).collect();
    let by_name = |a: &ConciergerieOverview, b: &ConciergerieOverview| {
        fold(&a.conciergerie.name)
            .cmp(&fold(&b.conciergerie.name))
            .then(a.conciergerie.id.cmp(&b.conciergerie.id))
    };
    rows.sort_by(|a, b| {
        let primary = match sort.key {
            SortKey::Name => Ordering::Equal,
            SortKey::Conversations => a.conversations.cmp(&b.conversations),
            SortKey::Messages => a.messages_last_7_days.cmp(&b.messages_last_7_days),
            SortKey::AiShare => a.ai_share.total_cmp(&b.ai_share),
            SortKey::LastActivity => a.last_activity_at.cmp(&b.last_activity_at),
        };
        let primary = if sort.key == SortKey::Name {
            by_name(a, b)
        } else {
            primary
        };
        let primary = if sort.descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| by_name(a, b))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::{conciergerie, t};

    fn overview(id: i64, name: &str, messages: u64, last: Option<i64>) -> ConciergerieOverview {
        ConciergerieOverview {
            conciergerie: conciergerie(id, name),
            conversations: messages / 2,
            messages_last_7_days: messages,
            ai_share: messages as f64 / 100.0,
            last_activity_at: last.map(t),
            ai_spend_today_usd: 0.0,
            members: 1,
        }
    }

    fn names(rows: &[&ConciergerieOverview]) -> Vec<String> {
        rows.iter().map(|o| o.conciergerie.name.clone()).collect()
    }

    #[test]
    fn edits_keep_the_activity_and_creations_start_empty() {
        let mut list = ConciergerieList::default();
        list.apply(ConciergerieAction::Loaded(vec![overview(
            1,
            "Demo",
            40,
            Some(5),
        )]));
        let mut edited = conciergerie(1, "Démo Conciergerie");
        edited.active = false;
        list.apply(ConciergerieAction::Updated(edited));
        assert_eq!(list.items.len(), 1);
        assert_eq!(list.items[0].conciergerie.name, "Démo Conciergerie");
        assert_eq!(list.items[0].messages_last_7_days, 40);
        list.apply(ConciergerieAction::Created(conciergerie(2, "Alpes Clés")));
        assert_eq!(list.items[1].messages_last_7_days, 0);
        assert_eq!(list.items[1].last_activity_at, None);
        let s = list.summary();
        assert_eq!((s.total, s.active, s.messages_last_7_days), (2, 1, 40));
    }

    #[test]
    fn search_folds_accents_and_matches_numbers_by_digits() {
        let items = vec![
            overview(1, "Alpes Clés", 3, None),
            overview(2, "Azur", 1, None),
        ];
        assert_eq!(
            names(&visible(&items, "cles", Sort::default())),
            ["Alpes Clés"]
        );
        assert_eq!(names(&visible(&items, "ops2@", Sort::default())), ["Azur"]);
        assert_eq!(
            names(&visible(&items, "+33 6 12 34 56 02", Sort::default())),
            ["Azur"]
        );
        assert_eq!(visible(&items, "  ", Sort::default()).len(), 2);
    }

    #[test]
    fn sorting_by_column_with_stable_ties() {
        let items = vec![
            overview(1, "Bretagne", 10, Some(30)),
            overview(2, "azur", 50, None),
            overview(3, "Corse", 10, Some(60)),
        ];
        let by_name = Sort::default();
        assert_eq!(
            names(&visible(&items, "", by_name)),
            ["azur", "Bretagne", "Corse"]
        );
        let busiest = by_name.toggle(SortKey::Messages);
        assert!(busiest.descending);
        assert_eq!(
            names(&visible(&items, "", busiest)),
            ["azur", "Bretagne", "Corse"]
        );
        let quietest = busiest.toggle(SortKey::Messages);
        assert_eq!(
            names(&visible(&items, "", quietest)),
            ["Bretagne", "Corse", "azur"]
        );
        let recent = by_name.toggle(SortKey::LastActivity);
        assert_eq!(
            names(&visible(&items, "", recent)),
            ["Corse", "Bretagne", "azur"]
        );
        assert_eq!(recent.aria(SortKey::LastActivity), "descending");
        assert_eq!(recent.aria(SortKey::Name), "none");
        assert_eq!(
            by_name.toggle(SortKey::Name).aria(SortKey::Name),
            "descending"
        );
    }
}
