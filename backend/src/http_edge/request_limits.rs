//! Request rates, on top of the login throttle (`auth::rate_limit`), with `governor`'s token
//! buckets (GCRA):
//! - the guest simulator, per conciergerie: each simulated message may start an AI call;
//! - the unauthenticated login endpoints, per client address (`TRUSTED_PROXY`-aware): each
//!   attempt costs an argon2 hash, so a flood of them is a cheap way to burn the server's CPU;
//! - the public attachment files (`/media/out/{id}`), per client address: the only public
//!   endpoint that reads the database and answers with data (a whole file, loaded in memory).
//!   Twilio fetches each file once per send, from many addresses, far below the limit.
//!
//! Past a limit the answer is `429` with `Retry-After`. Signed Twilio webhooks are not limited
//! here: Twilio's legitimate bursts come from few addresses, and refusing them would delay guests
//! (an unsigned one costs one HMAC before its `403`). Nor are `/healthz` and `/readyz`: a load
//! balancer must never be refused, and each costs a `SELECT 1`.

use std::hash::Hash;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use protocol::ConciergerieId;

use crate::auth::client_addr::ClientAddr;
use crate::error::AppError;

/// Keys kept before the idle ones are forgotten.
const MAX_KEYS: usize = 10_000;

/// Requests per minute and burst, from the configuration (0 turns a limit off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub per_minute: u32,
    pub burst: u32,
}

struct Limiter<K: Hash + Eq + Clone> {
    what: &'static str,
    buckets: Option<DefaultKeyedRateLimiter<K>>,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    fn new(what: &'static str, rate: Rate) -> Self {
        let buckets = NonZeroU32::new(rate.per_minute).map(|per_minute| {
            let burst = NonZeroU32::new(rate.burst).unwrap_or(per_minute);
            RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst))
        });
        Limiter { what, buckets }
    }

    fn check(&self, key: &K) -> Result<(), AppError> {
        let Some(buckets) = &self.buckets else {
            return Ok(());
        };
        if buckets.len() > MAX_KEYS {
            buckets.retain_recent();
        }
        buckets.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            AppError::TooManyRequests {
                message: format!("too many {}", self.what),
                // Rounded up: retrying at the announced second must succeed.
                retry_after_secs: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
            }
        })
    }
}

pub struct RequestLimits {
    simulator: Limiter<ConciergerieId>,
    logins: Limiter<ClientAddr>,
    media: Limiter<ClientAddr>,
}

impl RequestLimits {
    pub fn new(simulator: Rate, logins: Rate, media: Rate) -> Self {
        RequestLimits {
            simulator: Limiter::new("simulated guest messages", simulator),
            logins: Limiter::new("login requests from this address", logins),
            media: Limiter::new("file requests from this address", media),
        }
    }

    pub fn media(&self, addr: &ClientAddr) -> Result<(), AppError> {
        self.media.check(addr)
    }

    pub fn simulator(&self, tenant: ConciergerieId) -> Result<(), AppError> {
        self.simulator.check(&tenant)
    }

    pub fn login(&self, addr: &ClientAddr) -> Result<(), AppError> {
        self.logins.check(addr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_refusals_that_say_when_to_retry() {
        let limits = RequestLimits::new(
            Rate {
                per_minute: 6,
                burst: 2,
            },
            Rate {
                per_minute: 0,
                burst: 0,
            },
            Rate {
                per_minute: 0,
                burst: 0,
            },
        );
        let t = ConciergerieId(1);
        assert!(limits.simulator(t).is_ok());
        assert!(limits.simulator(t).is_ok());
        match limits.simulator(t) {
            Err(AppError::TooManyRequests {
                retry_after_secs, ..
            }) => assert!((1..=10).contains(&retry_after_secs), "{retry_after_secs}"),
            other => panic!("{other:?}"),
        }
        assert!(
            limits.simulator(ConciergerieId(2)).is_ok(),
            "each conciergerie has its own bucket"
        );
        let addr = ClientAddr::unknown();
        assert!(
            (0..100).all(|_| limits.login(&addr).is_ok()),
            "0 turns a limit off"
        );
    }
}
