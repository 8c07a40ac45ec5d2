//! A conciergerie's team as the platform admin reads it: who can work now first (active, then by
//! role, then seniority), deactivated accounts last, and the line that sums it up.

use protocol::members::Member;
use protocol::MemberRole;

fn role_rank(role: MemberRole) -> u8 {
    match role {
        MemberRole::Owner => 0,
        MemberRole::Manager => 1,
        MemberRole::Agent => 2,
    }
}

/// Active members first, owners before managers before agents, then the oldest first (the order
/// the server gives, which the sort keeps for equals).
pub fn ordered(members: &[Member]) -> Vec<&Member> {
    let mut out: Vec<&Member> = members.iter().collect();
    out.sort_by_key(|m| (!m.active, role_rank(m.role)));
    out
}

/// How many can log in, and how many are deactivated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Headcount {
    pub active: usize,
    pub inactive: usize,
}

pub fn headcount(members: &[Member]) -> Headcount {
    let active = members.iter().filter(|m| m.active).count();
    Headcount {
        active,
        inactive: members.len() - active,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::state::fixtures::t;
    use protocol::MemberId;

    pub fn member(id: i64, name: &str, role: MemberRole, active: bool) -> Member {
        Member {
            id: MemberId(id),
            name: name.to_owned(),
            email: format!("{}@example.fr", name.to_lowercase()),
            role,
            active,
            created_at: t(id),
            last_login_at: None,
        }
    }

    #[test]
    fn who_can_work_comes_first_by_role_then_seniority() {
        let team = [
            member(1, "Camille", MemberRole::Owner, true),
            member(2, "Marc", MemberRole::Agent, true),
            member(3, "Léa", MemberRole::Manager, false),
            member(4, "Inès", MemberRole::Manager, true),
            member(5, "Paul", MemberRole::Agent, true),
        ];
        let names: Vec<&str> = ordered(&team).iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Camille", "Inès", "Marc", "Paul", "Léa"]);
        assert_eq!(
            headcount(&team),
            Headcount {
                active: 4,
                inactive: 1
            }
        );
        assert_eq!(headcount(&[]), Headcount::default());
    }
}
