//! Slows down password guessing without letting anyone lock anyone out.
//!
//! - **Per (email, client address)**: a few failures are free, then each further attempt must wait
//!   a delay that doubles with every failure (capped). Only that pair is slowed: the right
//!   password from another address always gets through, so nobody can lock an account by
//!   failing on purpose.
//! - **Per client address** (password spraying: one guess on many accounts): past a budget of
//!   failures in a window, the address may only log in to accounts that already logged in
//!   successfully from it. A busy office behind one address keeps working.
//!
//! On SQLite (one instance) the counts are kept in memory: a restart forgets, which is acceptable
//! for a brake on guessing. On PostgreSQL (any number of instances) they are kept in the
//! `login_throttle` table (see `postgres`), so guesses spread over instances are slowed as on one.
//! The attempt is charged before the (slow) password check and refunded on success, so a burst of
//! parallel guesses cannot all pass the check before any is counted.

mod postgres;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use dashmap::DashMap;

use super::client_addr::ClientAddr;

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures of one (email, address) pair before delays start.
    pub free_failures: u32,
    /// The first delay; each further failure doubles it.
    pub first_delay: Duration,
    pub max_delay: Duration,
    /// A pair's failures are forgotten after this long without one.
    pub forget_after: Duration,
    /// Failures from one address (any email) per `address_window` before spraying is suspected.
    pub address_failures: u32,
    pub address_window: Duration,
    /// How long a successful login makes an account "known" at an address.
    pub known_for: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            free_failures: 3,
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(15 * 60),
            forget_after: Duration::from_secs(60 * 60),
            address_failures: 30,
            address_window: Duration::from_secs(15 * 60),
            known_for: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct PairFailures {
    count: u32,
    last: Instant,
}

#[derive(Debug, Clone, Copy)]
struct WindowCount {
    count: u32,
    since: Instant,
}

type Pair = (String, ClientAddr);

/// Where the failure counts live.
pub enum LoginLimiter {
    Memory(MemoryLimiter),
    Postgres(postgres::PgLimiter),
}

impl LoginLimiter {
    /// In memory on SQLite; in the shared database on PostgreSQL.
    pub fn for_database(db: &sea_orm::DatabaseConnection, policy: Policy) -> Self {
        use sea_orm::ConnectionTrait;
        match db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => LoginLimiter::Postgres(postgres::PgLimiter::new(
                db.get_postgres_connection_pool().clone(),
                policy,
            )),
            _ => LoginLimiter::Memory(MemoryLimiter::new(policy)),
        }
    }

    /// Starts a login attempt: `Err(seconds to wait)` when it must wait, else the attempt is
    /// charged as a failure until `record_success` refunds it.
    pub async fn begin(&self, email: &str, addr: &ClientAddr) -> Result<(), u64> {
        match self {
            LoginLimiter::Memory(m) => m.begin(email, addr, Instant::now()),
            LoginLimiter::Postgres(pg) => pg.begin(&normalize(email), addr).await,
        }
    }

    pub async fn record_success(&self, email: &str, addr: &ClientAddr) {
        match self {
            LoginLimiter::Memory(m) => m.record_success(email, addr, Instant::now()),
            LoginLimiter::Postgres(pg) => pg.record_success(&normalize(email), addr).await,
        }
    }
}

/// How long a pair must still wait, from its failure count and the time since its last failure.
fn pair_wait(policy: &Policy, count: u32, since_last: Duration) -> Option<Duration> {
    if since_last >= policy.forget_after {
        return None;
    }
    let over = count.checked_sub(policy.free_failures)?;
    let delay = policy
        .first_delay
        .saturating_mul(2u32.saturating_pow(over.min(30)))
        .min(policy.max_delay);
    delay.checked_sub(since_last).filter(|d| !d.is_zero())
}

/// How long an address must still wait for an account, from its window's failure count and age,
/// and how long ago the account last logged in from it.
fn address_wait(
    policy: &Policy,
    count: u32,
    window_age: Duration,
    known_since: Option<Duration>,
) -> Option<Duration> {
    if count < policy.address_failures || window_age >= policy.address_window {
        return None;
    }
    let known = known_since.is_some_and(|ago| ago < policy.known_for);
    (!known).then(|| policy.address_window - window_age)
}

pub struct MemoryLimiter {
    policy: Policy,
    pairs: DashMap<Pair, PairFailures>,
    addresses: DashMap<ClientAddr, WindowCount>,
    /// (email, address) pairs that logged in successfully, with when.
    known: DashMap<Pair, Instant>,
    begin_lock: Mutex<()>,
}

impl Default for MemoryLimiter {
    fn default() -> Self {
        MemoryLimiter::new(Policy::default())
    }
}

/// Bounds the maps under a spray of distinct emails or addresses.
const MAX_ENTRIES: usize = 100_000;

impl MemoryLimiter {
    pub fn new(policy: Policy) -> Self {
        MemoryLimiter {
            policy,
            pairs: DashMap::new(),
            addresses: DashMap::new(),
            known: DashMap::new(),
            begin_lock: Mutex::new(()),
        }
    }

    /// Starts a login attempt: `Err(seconds to wait)` when it must wait, else the attempt is
    /// charged as a failure until `record_success` refunds it.
    pub fn begin(&self, email: &str, addr: &ClientAddr, now: Instant) -> Result<(), u64> {
        let _guard = self.begin_lock.lock().unwrap_or_else(|e| e.into_inner());
        let pair = (normalize(email), addr.clone());
        if let Some(wait) = self.pair_wait(&pair, now) {
            return Err(wait.as_secs().max(1));
        }
        if let Some(wait) = self.address_wait(&pair, now) {
            return Err(wait.as_secs().max(1));
        }
        self.charge(pair, now);
        Ok(())
    }

    /// The password was right: the pair starts afresh, the address gets its attempt back, and
    /// the account is known at this address from now on.
    pub fn record_success(&self, email: &str, addr: &ClientAddr, now: Instant) {
        let pair = (normalize(email), addr.clone());
        self.pairs.remove(&pair);
        if let Some(mut entry) = self.addresses.get_mut(addr) {
            entry.count = entry.count.saturating_sub(1);
        }
        self.known.insert(pair, now);
    }

    fn pair_wait(&self, pair: &Pair, now: Instant) -> Option<Duration> {
        let failures = *self.pairs.get(pair)?;
        pair_wait(
            &self.policy,
            failures.count,
            now.duration_since(failures.last),
        )
    }

    fn address_wait(&self, pair: &Pair, now: Instant) -> Option<Duration> {
        let window = *self.addresses.get(&pair.1)?;
        let known_since = self.known.get(pair).map(|at| now.duration_since(*at));
        address_wait(
            &self.policy,
            window.count,
            now.duration_since(window.since),
            known_since,
        )
    }

    fn charge(&self, pair: Pair, now: Instant) {
        let mut window = self.addresses.entry(pair.1.clone()).or_insert(WindowCount {
            count: 0,
            since: now,
        });
        if now.duration_since(window.since) >= self.policy.address_window {
            *window = WindowCount {
                count: 0,
                since: now,
            };
        }
        window.count += 1;
        drop(window);
        let mut failures = self.pairs.entry(pair).or_insert(PairFailures {
            count: 0,
            last: now,
        });
        if now.duration_since(failures.last) >= self.policy.forget_after {
            failures.count = 0;
        }
        failures.count += 1;
        failures.last = now;
        drop(failures);
        self.prune(now);
    }

    fn prune(&self, now: Instant) {
        let p = self.policy;
        if self.pairs.len() > MAX_ENTRIES {
            self.pairs
                .retain(|_, f| now.duration_since(f.last) < p.forget_after);
        }
        if self.addresses.len() > MAX_ENTRIES {
            self.addresses
                .retain(|_, w| now.duration_since(w.since) < p.address_window);
        }
        if self.known.len() > MAX_ENTRIES {
            self.known
                .retain(|_, at| now.duration_since(*at) < p.known_for);
        }
    }
}

fn normalize(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> ClientAddr {
        ClientAddr::from_ip(s.parse().unwrap())
    }

    fn limiter() -> MemoryLimiter {
        MemoryLimiter::new(Policy {
            free_failures: 3,
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            forget_after: Duration::from_secs(600),
            address_failures: 5,
            address_window: Duration::from_secs(60),
            known_for: Duration::from_secs(3600),
        })
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn delays_grow_per_pair_and_never_reach_another_address() {
        let l = limiter();
        let (a, b) = (addr("1.1.1.1"), addr("2.2.2.2"));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.begin("x@y.fr", &a, t0).is_ok());
        }
        // Fourth failure: wait 1 s, then 2 s, then 4 s...
        assert_eq!(l.begin("X@y.fr", &a, t0), Err(1));
        assert!(l.begin("x@y.fr", &a, t0 + secs(1)).is_ok());
        assert_eq!(l.begin("x@y.fr", &a, t0 + secs(1)), Err(2));
        assert!(l.begin("x@y.fr", &a, t0 + secs(3)).is_ok());
        assert_eq!(l.begin("x@y.fr", &a, t0 + secs(3)), Err(4));
        // The same account from elsewhere is not slowed at all.
        assert!(l.begin("x@y.fr", &b, t0 + secs(3)).is_ok());
        // Capped.
        let mut t = t0 + secs(3);
        for _ in 0..20 {
            t += secs(61);
            assert!(l.begin("x@y.fr", &a, t).is_ok());
        }
        assert_eq!(l.begin("x@y.fr", &a, t), Err(60));
    }

    #[test]
    fn spraying_from_one_address_cannot_lock_out_accounts_known_there() {
        let l = limiter();
        let office = addr("9.9.9.9");
        let t0 = Instant::now();
        assert!(l.begin("colleague@y.fr", &office, t0).is_ok());
        l.record_success("colleague@y.fr", &office, t0);
        for i in 0..5 {
            assert!(l.begin(&format!("u{i}@y.fr"), &office, t0).is_ok());
        }
        assert!(l.begin("stranger@y.fr", &office, t0).is_err());
        assert!(l.begin("colleague@y.fr", &office, t0).is_ok());
        assert!(l.begin("stranger@y.fr", &addr("8.8.8.8"), t0).is_ok());
        assert!(l.begin("stranger@y.fr", &office, t0 + secs(61)).is_ok());
    }

    #[test]
    fn a_burst_is_charged_before_any_password_is_checked() {
        let l = limiter();
        let t0 = Instant::now();
        let a = addr("1.1.1.1");
        let admitted = (0..10)
            .filter(|_| l.begin("a@x.fr", &a, t0).is_ok())
            .count();
        assert_eq!(admitted, 3);
    }

    #[test]
    fn successful_logins_cost_the_address_nothing() {
        let l = limiter();
        let t0 = Instant::now();
        let a = addr("1.1.1.1");
        for i in 0..10 {
            let email = format!("u{i}@x.fr");
            assert!(l.begin(&email, &a, t0).is_ok(), "login {i}");
            l.record_success(&email, &a, t0);
        }
    }
}
