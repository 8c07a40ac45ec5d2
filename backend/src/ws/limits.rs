//! How many dashboards may hold a live socket: at most `per_token` per login session (a leaked
//! token cannot open thousands) and `per_audience` per conciergerie (and for the admins
//! together), so one tenant cannot take the server's file descriptors and memory from the others.
//! A socket holds a `SocketPermit` for its whole life; dropping it (the socket's actor is gone,
//! its memory released) gives the place back.
//!
//! Counted here for this instance, and, when several instances share a PostgreSQL database, also
//! across the cluster (`cluster::sockets`): the limits are the cluster's, whichever instance a
//! load balancer sends each socket to.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::actors::hub::Audience;
use crate::cluster::sockets::{ClusterSockets, Refusal};
use crate::error::AppError;

/// When a refused dashboard may try again.
const RETRY_AFTER_SECS: u64 = 5;

pub struct SocketLimits {
    per_token: usize,
    per_audience: usize,
    open: Mutex<Open>,
    cluster: Option<ClusterSockets>,
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
    /// Its row in the cluster's count, when there is one.
    cluster_row: Option<String>,
}

impl SocketLimits {
    pub fn new(per_token: usize, per_audience: usize, cluster: Option<ClusterSockets>) -> Self {
        SocketLimits {
            per_token,
            per_audience,
            open: Mutex::default(),
            cluster,
        }
    }

    /// The cluster's count, when sockets are counted across instances.
    pub fn cluster(&self) -> Option<&ClusterSockets> {
        self.cluster.as_ref()
    }

    /// Sockets open now, on every audience (their actors not yet dropped).
    pub fn open(&self) -> usize {
        self.lock().total
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Open> {
        // The counts stay consistent even if a holder panicked: every change is one statement.
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for a new socket, on this instance and (when clustered) in the cluster. If the
    /// cluster's count cannot be reached, the socket is let through on this instance's count
    /// alone (logged): dashboards must not depend on the count.
    pub async fn acquire(
        self: &Arc<Self>,
        token_hash: &str,
        audience: Audience,
    ) -> Result<SocketPermit, AppError> {
        let mut permit = self.acquire_here(token_hash, audience)?;
        if let Some(cluster) = &self.cluster {
            match cluster
                .admit(token_hash, audience, self.per_token, self.per_audience)
                .await
            {
                Ok(Ok(row)) => permit.cluster_row = Some(row),
                Ok(Err(refusal)) => return Err(refuse(refusal)),
                Err(e) => {
                    tracing::error!(error = %e, "cluster socket count unavailable; counted on this instance only");
                }
            }
        }
        Ok(permit)
    }

    /// A place among this instance's sockets.
    fn acquire_here(
        self: &Arc<Self>,
        token_hash: &str,
        audience: Audience,
    ) -> Result<SocketPermit, AppError> {
        let mut open = self.lock();
        if open.by_token.get(token_hash).copied().unwrap_or(0) >= self.per_token {
            return Err(refuse(Refusal::TooManyForToken));
        }
        if open.by_audience.get(&audience).copied().unwrap_or(0) >= self.per_audience {
            return Err(refuse(Refusal::TooManyForAudience));
        }
        *open.by_token.entry(token_hash.to_owned()).or_default() += 1;
        *open.by_audience.entry(audience).or_default() += 1;
        open.total += 1;
        Ok(SocketPermit {
            limits: self.clone(),
            token_hash: token_hash.to_owned(),
            audience,
            cluster_row: None,
        })
    }
}

fn refuse(refusal: Refusal) -> AppError {
    let message = match refusal {
        Refusal::TooManyForToken => {
            "too many live connections for this session: close another tab first"
        }
        Refusal::TooManyForAudience => "too many live connections for this account",
    };
    AppError::TooManyRequests {
        message: message.to_owned(),
        retry_after_secs: RETRY_AFTER_SECS,
    }
}

impl Drop for SocketPermit {
    fn drop(&mut self) {
        if let (Some(row), Some(cluster)) = (self.cluster_row.take(), &self.limits.cluster) {
            cluster.release(&row);
        }
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
        let limits = Arc::new(SocketLimits::new(2, 3, None));
        let first = limits.acquire_here("t1", A).unwrap();
        let _second = limits.acquire_here("t1", A).unwrap();
        assert!(
            limits.acquire_here("t1", A).is_err(),
            "a third socket on one token"
        );
        let _third = limits.acquire_here("t2", A).unwrap();
        assert!(
            limits.acquire_here("t3", A).is_err(),
            "a fourth for the tenant"
        );
        assert!(
            limits.acquire_here("t4", B).is_ok(),
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
            limits.acquire_here("t1", A).is_ok(),
            "a closed socket gives its place back"
        );
    }
}
