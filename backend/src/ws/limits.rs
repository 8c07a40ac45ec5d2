//! How many dashboards may hold a live socket: at most `per_token` per login session (a leaked
//! token cannot open thousands) and `per_audience` per conciergerie (and for the admins
//! together), so one tenant cannot take the server's file descriptors and memory from the others.
//! A socket holds a `SocketPermit` for its whole life; dropping it (the socket's actor is gone,
//! its memory released) gives the place back.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::actors::hub::Audience;
use crate::error::AppError;

/// When a refused dashboard may try again.
const RETRY_AFTER_SECS: u64 = 5;

pub struct SocketLimits {
    per_token: usize,
    per_audience: usize,
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    by_token: HashMap<String, usize>,
    by_audience: HashMap<Audience, usize>,
    total: usize,
}

/// One open socket's place, given back on drop.
pub struct SocketPermit {
    limits: Arc<SocketLimits>,
    token_hash: String,
    audience: Audience,
}

impl SocketLimits {
    pub fn new(per_token: usize, per_audience: usize) -> Self {
        SocketLimits {
            per_token,
            per_audience,
            open: Mutex::default(),
        }
    }

    /// Sockets open now, on every audience (their actors not yet dropped).
    pub fn open(&self) -> usize {
        self.lock().total
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Open> {
        // The counts stay consistent even if a holder panicked: every change is one statement.
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn acquire(
        self: &Arc<Self>,
        token_hash: &str,
        audience: Audience,
    ) -> Result<SocketPermit, AppError> {
        let mut open = self.lock();
        let refuse = |message: &str| AppError::TooManyRequests {
            message: message.to_owned(),
            retry_after_secs: RETRY_AFTER_SECS,
        };
        if open.by_token.get(token_hash).copied().unwrap_or(0) >= self.per_token {
            return Err(refuse(
                "too many live connections for this session: close another tab first",
            ));
        }
        if open.by_audience.get(&audience).copied().unwrap_or(0) >= self.per_audience {
            return Err(refuse("too many live connections for this account"));
        }
        *open.by_token.entry(token_hash.to_owned()).or_default() += 1;
        *open.by_audience.entry(audience).or_default() += 1;
        open.total += 1;
        Ok(SocketPermit {
            limits: self.clone(),
            token_hash: token_hash.to_owned(),
            audience,
        })
    }
}

impl Drop for SocketPermit {
    fn drop(&mut self) {
        let mut open = self.limits.lock();
        let release = |count: Option<&mut usize>| match count {
            Some(n) if *n > 1 => {
                *n -= 1;
                false
            }
            _ => true,
        };
        if release(open.by_token.get_mut(&self.token_hash)) {
            open.by_token.remove(&self.token_hash);
        }
        if release(open.by_audience.get_mut(&self.audience)) {
            open.by_audience.remove(&self.audience);
        }
        open.total = open.total.saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use protocol::ConciergerieId;

    use super::*;

    const A: Audience = Audience::Tenant(ConciergerieId(1));
    const B: Audience = Audience::Tenant(ConciergerieId(2));

    #[test]
    fn sockets_are_counted_per_token_and_per_audience_until_dropped() {
        let limits = Arc::new(SocketLimits::new(2, 3));
        let first = limits.acquire("t1", A).unwrap();
        let _second = limits.acquire("t1", A).unwrap();
        assert!(
            limits.acquire("t1", A).is_err(),
            "a third socket on one token"
        );
        let _third = limits.acquire("t2", A).unwrap();
        assert!(limits.acquire("t3", A).is_err(), "a fourth for the tenant");
        assert!(
            limits.acquire("t4", B).is_ok(),
            "another tenant is not affected"
        );
        assert_eq!(
            limits.open(),
            3,
            "the refused and dropped ones are not counted"
        );
        drop(first);
        assert_eq!(limits.open(), 2);
        assert!(
            limits.acquire("t1", A).is_ok(),
            "a closed socket gives its place back"
        );
    }
}
