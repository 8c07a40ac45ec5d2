//! Platform health figures derived from `GET /api/admin/health`: totals over the period and the
//! per-conciergerie usage table, most expensive first.

use protocol::admin::{PlatformHealth, TenantUsage};

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    pub messages: u64,
    pub guest: u64,
    pub ai: u64,
    pub team: u64,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub cost_usd: f64,
}

pub fn totals(h: &PlatformHealth) -> Totals {
    let mut t = Totals::default();
    for d in &h.days {
        t.guest += d.client;
        t.ai += d.ai;
        t.team += d.concierge;
    }
    t.messages = t.guest + t.ai + t.team;
    for u in &h.per_conciergerie {
        t.input_tokens += u.input_tokens;
        t.output_tokens += u.output_tokens;
        t.cost_usd += u.estimated_cost_usd;
    }
    t
}

/// Share of outbound messages that failed to reach the guest, 0–1 (`None` with nothing sent).
pub fn failure_rate(h: &PlatformHealth) -> Option<f64> {
    let sent: u64 = h.days.iter().map(|d| d.ai + d.concierge).sum();
    (sent > 0).then(|| h.send_failures as f64 / sent as f64)
}

/// The usage table: most expensive first, then busiest, then by name.
pub fn usage_rows(h: &PlatformHealth) -> Vec<&TenantUsage> {
    let mut rows: Vec<&TenantUsage> = h.per_conciergerie.iter().collect();
    rows.sort_by(|a, b| {
        b.estimated_cost_usd
            .total_cmp(&a.estimated_cost_usd)
            .then(b.messages.cmp(&a.messages))
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::analytics::DailyCount;
    use protocol::ConciergerieId;

    fn usage(id: i64, name: &str, messages: u64, cost: f64) -> TenantUsage {
        TenantUsage {
            conciergerie_id: ConciergerieId(id),
            name: name.into(),
            messages,
            ai_messages: messages / 2,
            input_tokens: 1_000 * id,
            output_tokens: 100 * id,
            estimated_cost_usd: cost,
        }
    }

    fn health() -> PlatformHealth {
        PlatformHealth {
            days: vec![
                DailyCount {
                    day: "2025-03-01".into(),
                    client: 5,
                    ai: 3,
                    concierge: 1,
                },
                DailyCount {
                    day: "2025-03-02".into(),
                    client: 2,
                    ai: 1,
                    concierge: 0,
                },
            ],
            send_failures: 1,
            handoffs: 2,
            ai_errors: 1,
            unrouted: 0,
            per_conciergerie: vec![
                usage(1, "Demo", 10, 0.02),
                usage(2, "Alpes", 4, 0.5),
                usage(3, "Azur", 12, 0.02),
            ],
        }
    }

    #[test]
    fn totals_add_up_days_and_tenants() {
        let t = totals(&health());
        assert_eq!((t.messages, t.guest, t.ai, t.team), (12, 7, 4, 1));
        assert_eq!((t.input_tokens, t.output_tokens), (6_000, 600));
        assert!((t.cost_usd - 0.54).abs() < 1e-9);
        assert_eq!(failure_rate(&health()), Some(0.2));
        let quiet = PlatformHealth {
            days: vec![],
            ..health()
        };
        assert_eq!(failure_rate(&quiet), None);
    }

    #[test]
    fn usage_is_sorted_by_cost_then_traffic() {
        let h = health();
        let names: Vec<&str> = usage_rows(&h).iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["Alpes", "Azur", "Demo"]);
    }
}
