//! The login limiter's counts in PostgreSQL, shared by every instance.
//!
//! One row per counted thing in `login_throttle`, keyed by `Key`. `begin` runs in a transaction
//! holding an advisory lock on the client address, so parallel attempts from one address, on any
//! instances, are decided one after the other (as the in-memory limiter's lock does on one).
//! The decisions themselves are the in-memory limiter's (`pair_wait`, `address_wait`).

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::postgres::PgPool;
use sqlx::Row;

use super::{address_wait, pair_wait, ClientAddr, Policy};

/// What a `login_throttle` row counts.
enum Key<'a> {
    /// Failures of one email from one address.
    Pair(&'a str, &'a ClientAddr),
    /// Failures from one address in the current window.
    Address(&'a ClientAddr),
    /// The email logged in successfully from the address.
    Known(&'a str, &'a ClientAddr),
}

impl Key<'_> {
    fn render(&self) -> String {
        match self {
            Key::Pair(email, addr) => format!("pair {} {email}", addr.as_str()),
            Key::Address(addr) => format!("addr {}", addr.as_str()),
            Key::Known(email, addr) => format!("known {} {email}", addr.as_str()),
        }
    }
}

/// A row: its count, when it started, when it was last touched.
struct Counted {
    count: u32,
    started_at: DateTime<Utc>,
    last_at: DateTime<Utc>,
}

pub struct PgLimiter {
    pool: PgPool,
    policy: Policy,
}

fn age(now: DateTime<Utc>, then: DateTime<Utc>) -> Duration {
    (now - then).to_std().unwrap_or(Duration::ZERO)
}

impl PgLimiter {
    pub fn new(pool: PgPool, policy: Policy) -> Self {
        PgLimiter { pool, policy }
    }

    /// As `MemoryLimiter::begin`. A database failure lets the attempt through (logged): the
    /// password check still stands, and logins must not depend on the brake.
    #[tracing::instrument(skip_all)]
    pub async fn begin(&self, email: &str, addr: &ClientAddr) -> Result<(), u64> {
        match self.try_begin(email, addr, Utc::now()).await {
            Ok(decision) => decision,
            Err(e) => {
                tracing::error!(error = %e, "login limiter unavailable; attempt let through");
                Ok(())
            }
        }
    }

    async fn try_begin(
        &self,
        email: &str,
        addr: &ClientAddr,
        now: DateTime<Utc>,
    ) -> Result<Result<(), u64>, sqlx::Error> {
        let p = &self.policy;
        let (pair, address, known) = (
            Key::Pair(email, addr).render(),
            Key::Address(addr).render(),
            Key::Known(email, addr).render(),
        );
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
            .bind(&address)
            .execute(&mut *tx)
            .await?;
        let read = |key: &str| {
            sqlx::query("SELECT count, started_at, last_at FROM login_throttle WHERE key = $1")
                .bind(key.to_owned())
        };
        let row = |r: sqlx::postgres::PgRow| -> Result<Counted, sqlx::Error> {
            Ok(Counted {
                count: u32::try_from(r.try_get::<i32, _>("count")?).unwrap_or(0),
                started_at: r.try_get("started_at")?,
                last_at: r.try_get("last_at")?,
            })
        };
        let pair_row = read(&pair)
            .fetch_optional(&mut *tx)
            .await?
            .map(row)
            .transpose()?;
        let address_row = read(&address)
            .fetch_optional(&mut *tx)
            .await?
            .map(row)
            .transpose()?;
        let known_row = read(&known)
            .fetch_optional(&mut *tx)
            .await?
            .map(row)
            .transpose()?;

        let wait = pair_row
            .as_ref()
            .and_then(|f| pair_wait(p, f.count, age(now, f.last_at)))
            .or_else(|| {
                address_row.as_ref().and_then(|w| {
                    address_wait(
                        p,
                        w.count,
                        age(now, w.started_at),
                        known_row.as_ref().map(|k| age(now, k.last_at)),
                    )
                })
            });
        if let Some(wait) = wait {
            return Ok(Err(wait.as_secs().max(1)));
        }

        // Charge: the address's window (restarted when over) and the pair (forgotten when stale).
        let window = match address_row {
            Some(w) if age(now, w.started_at) < p.address_window => (w.count + 1, w.started_at),
            _ => (1, now),
        };
        let failures = match pair_row {
            Some(f) if age(now, f.last_at) < p.forget_after => (f.count + 1, f.started_at),
            _ => (1, now),
        };
        for (key, (count, started_at)) in [(&address, window), (&pair, failures)] {
            sqlx::query(
                "INSERT INTO login_throttle (key, count, started_at, last_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET \
                 count = EXCLUDED.count, started_at = EXCLUDED.started_at, \
                 last_at = EXCLUDED.last_at",
            )
            .bind(key)
            .bind(i32::try_from(count).unwrap_or(i32::MAX))
            .bind(started_at)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        // Rows nothing can read any more (the table stays bounded under a spray).
        let stale = now
            - chrono::Duration::from_std(p.forget_after.max(p.address_window))
                .unwrap_or(chrono::Duration::hours(1));
        let known_stale =
            now - chrono::Duration::from_std(p.known_for).unwrap_or(chrono::Duration::days(30));
        sqlx::query(
            "DELETE FROM login_throttle WHERE (key NOT LIKE 'known %' AND last_at < $1) \
             OR (key LIKE 'known %' AND last_at < $2)",
        )
        .bind(stale)
        .bind(known_stale)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// As `MemoryLimiter::record_success`.
    #[tracing::instrument(skip_all)]
    pub async fn record_success(&self, email: &str, addr: &ClientAddr) {
        if let Err(e) = self.try_record_success(email, addr, Utc::now()).await {
            tracing::error!(error = %e, "login limiter unavailable; success not recorded");
        }
    }

    async fn try_record_success(
        &self,
        email: &str,
        addr: &ClientAddr,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM login_throttle WHERE key = $1")
            .bind(Key::Pair(email, addr).render())
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE login_throttle SET count = GREATEST(count - 1, 0) WHERE key = $1")
            .bind(Key::Address(addr).render())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO login_throttle (key, count, started_at, last_at) VALUES ($1, 0, $2, $2) \
             ON CONFLICT (key) DO UPDATE SET last_at = EXCLUDED.last_at",
        )
        .bind(Key::Known(email, addr).render())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }
}
