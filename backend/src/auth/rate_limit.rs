//! Slows down password guessing: after too many failures for one email or one IP address within a
//! window, further attempts are refused (429) until the window has passed, even with the right
//! password. Kept in memory: a restart forgets, which is acceptable for a brake on guessing.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use dashmap::DashMap;

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub max_failures: u32,
    pub window: Duration,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    since: Instant,
}

pub struct LoginLimiter {
    per_email: Policy,
    per_ip: Policy,
    failures: DashMap<String, Failures>,
    /// Makes `begin`'s check-then-count one step, so a burst of parallel guesses cannot all pass
    /// the check before any of them is counted.
    begin_lock: Mutex<()>,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        LoginLimiter::new(
            Policy {
                max_failures: 5,
                window: Duration::from_secs(15 * 60),
            },
            Policy {
                max_failures: 30,
                window: Duration::from_secs(15 * 60),
            },
        )
    }
}

impl LoginLimiter {
    pub fn new(per_email: Policy, per_ip: Policy) -> Self {
        LoginLimiter {
            per_email,
            per_ip,
            failures: DashMap::new(),
            begin_lock: Mutex::new(()),
        }
    }

    /// `Err(seconds to wait)` when this email or IP is locked out.
    pub fn check(&self, email: &str, ip: &str, now: Instant) -> Result<(), u64> {
        let wait = [
            self.locked_for(&email_key(email), self.per_email, now),
            self.locked_for(&ip_key(ip), self.per_ip, now),
        ]
        .into_iter()
        .flatten()
        .max();
        match wait {
            Some(wait) => Err(wait.as_secs().max(1)),
            None => Ok(()),
        }
    }

    /// Starts a login attempt: `Err(seconds to wait)` when locked out, else the attempt is
    /// counted as a failure right away, before the (slow) password check, and refunded by
    /// `record_success`. Counting only after the check let concurrent guesses all get through.
    pub fn begin(&self, email: &str, ip: &str, now: Instant) -> Result<(), u64> {
        let _guard = self.begin_lock.lock().unwrap_or_else(|e| e.into_inner());
        self.check(email, ip, now)?;
        self.record_failure(email, ip, now);
        Ok(())
    }

    pub fn record_failure(&self, email: &str, ip: &str, now: Instant) {
        for (key, policy) in [
            (email_key(email), self.per_email),
            (ip_key(ip), self.per_ip),
        ] {
            let mut entry = self.failures.entry(key).or_insert(Failures {
                count: 0,
                since: now,
            });
            if now.duration_since(entry.since) >= policy.window {
                *entry = Failures {
                    count: 0,
                    since: now,
                };
            }
            entry.count += 1;
        }
        // Keep the map from growing without bound under a spray of distinct emails.
        if self.failures.len() > 100_000 {
            let longest = self.per_email.window.max(self.per_ip.window);
            self.failures
                .retain(|_, f| now.duration_since(f.since) < longest);
        }
    }

    /// A successful login clears the email's failures and refunds the IP the attempt `begin`
    /// charged (the IP's earlier failures stay: a shared office IP keeps its count against
    /// spraying).
    pub fn record_success(&self, email: &str, ip: &str) {
        self.failures.remove(&email_key(email));
        if let Some(mut entry) = self.failures.get_mut(&ip_key(ip)) {
            entry.count = entry.count.saturating_sub(1);
        }
    }

    fn locked_for(&self, key: &str, policy: Policy, now: Instant) -> Option<Duration> {
        let entry = self.failures.get(key)?;
        let elapsed = now.duration_since(entry.since);
        (entry.count >= policy.max_failures && elapsed < policy.window)
            .then(|| policy.window - elapsed)
    }
}

fn email_key(email: &str) -> String {
    format!("email:{}", email.trim().to_lowercase())
}

fn ip_key(ip: &str) -> String {
    format!("ip:{ip}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> LoginLimiter {
        LoginLimiter::new(
            Policy {
                max_failures: 3,
                window: Duration::from_secs(60),
            },
            Policy {
                max_failures: 5,
                window: Duration::from_secs(60),
            },
        )
    }

    #[test]
    fn locks_an_email_after_repeated_failures_until_the_window_passes() {
        let l = limiter();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.check("a@x.fr", "1.1.1.1", t0).is_ok());
            l.record_failure("a@x.fr", "1.1.1.1", t0);
        }
        assert_eq!(l.check("A@X.fr", "2.2.2.2", t0), Err(60));
        assert!(l.check("b@x.fr", "2.2.2.2", t0).is_ok());
        assert!(l
            .check("a@x.fr", "2.2.2.2", t0 + Duration::from_secs(61))
            .is_ok());
    }

    #[test]
    fn locks_an_ip_spraying_many_emails() {
        let l = limiter();
        let t0 = Instant::now();
        for i in 0..5 {
            l.record_failure(&format!("u{i}@x.fr"), "9.9.9.9", t0);
        }
        assert!(l.check("fresh@x.fr", "9.9.9.9", t0).is_err());
        assert!(l.check("fresh@x.fr", "8.8.8.8", t0).is_ok());
    }

    #[test]
    fn success_clears_the_email_count() {
        let l = limiter();
        let t0 = Instant::now();
        l.record_failure("a@x.fr", "1.1.1.1", t0);
        l.record_failure("a@x.fr", "1.1.1.1", t0);
        l.record_success("a@x.fr", "1.1.1.1");
        l.record_failure("a@x.fr", "1.1.1.1", t0);
        assert!(l.check("a@x.fr", "3.3.3.3", t0).is_ok());
    }

    #[test]
    fn begin_counts_the_attempt_before_the_password_is_checked() {
        let l = limiter();
        let t0 = Instant::now();
        // A burst: every attempt starts before any finishes.
        let admitted = (0..10)
            .filter(|_| l.begin("a@x.fr", "1.1.1.1", t0).is_ok())
            .count();
        assert_eq!(admitted, 3);
    }

    #[test]
    fn a_successful_attempt_costs_the_ip_nothing() {
        let l = limiter();
        let t0 = Instant::now();
        for i in 0..10 {
            let email = format!("u{i}@x.fr");
            assert!(l.begin(&email, "1.1.1.1", t0).is_ok(), "login {i}");
            l.record_success(&email, "1.1.1.1");
        }
    }
}
