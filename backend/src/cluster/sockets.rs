//! The dashboards' live sockets counted across the cluster, so `WS_MAX_PER_TOKEN` and
//! `WS_MAX_PER_CONCIERGERIE` hold for the whole cluster and not once per instance (a load
//! balancer spreads one tenant's, or one leaked token's, sockets over every instance).
//!
//! Each open socket is a row of `ws_sockets`, written by the instance that holds it. A socket is
//! admitted in a transaction holding an advisory lock on its audience (a token belongs to one
//! audience, so both counts are decided under that one lock), as the login limiter decides
//! attempts under a lock on the address.
//!
//! Rows outlive a dead instance (SIGKILL gives no chance to delete them), so every instance
//! refreshes its rows' `seen_at` every `HEARTBEAT`, and rows not refreshed for `STALE_AFTER` are
//! not counted (and deleted when met). The refresh is also the repair: it writes every live
//! socket's row back (one a failed delete or a database outage left out) and deletes this
//! instance's rows whose socket is gone (a delete that failed).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::postgres::PgPool;
use tokio::task::JoinHandle;

use super::lock_spaces::SOCKET_ADMISSION as NAMESPACE;
use crate::actors::hub::Audience;

/// How often an instance tells the others its sockets are still open.
pub const HEARTBEAT: Duration = Duration::from_secs(20);
/// A row not refreshed for this long belongs to an instance that is gone.
const STALE_AFTER_SECS: i64 = 60;

static NEXT_SOCKET: AtomicU64 = AtomicU64::new(1);

/// One socket's row.
#[derive(Debug, Clone)]
struct Row {
    token_hash: String,
    audience: String,
}

/// The cluster's socket registry, seen from one instance; cheap to clone.
#[derive(Clone)]
pub struct ClusterSockets {
    pool: PgPool,
    /// This process's name in `ws_sockets.instance` (random per start).
    instance: Arc<str>,
    /// The sockets this instance holds now: the truth the heartbeat writes back.
    live: Arc<Mutex<HashMap<String, Row>>>,
    heartbeat: Arc<Mutex<Option<JoinHandle<()>>>>,
}

/// Why the cluster refused a new socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooManyForToken,
    TooManyForAudience,
}

fn audience_key(audience: Audience) -> String {
    match audience {
        Audience::Tenant(id) => format!("tenant:{}", id.0),
        Audience::Admins => "admins".to_owned(),
    }
}

impl ClusterSockets {
    /// Starts the heartbeat of this instance's rows.
    pub fn start(pool: PgPool) -> Self {
        let sockets = ClusterSockets {
            pool,
            instance: format!("{:016x}", rand::random::<u64>()).into(),
            live: Arc::default(),
            heartbeat: Arc::default(),
        };
        let beating = sockets.clone();
        let task = tokio::spawn(async move {
            let mut every = tokio::time::interval(HEARTBEAT);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                if let Err(e) = beating.refresh().await {
                    tracing::warn!(error = %e, "cannot refresh this instance's socket rows");
                }
            }
        });
        *sockets.lock_heartbeat() = Some(task);
        sockets
    }

    fn lock_live(&self) -> std::sync::MutexGuard<'_, HashMap<String, Row>> {
        // Every change is one map operation: the map stays consistent if a holder panicked.
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_heartbeat(&self) -> std::sync::MutexGuard<'_, Option<JoinHandle<()>>> {
        self.heartbeat.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stops the heartbeat and deletes this instance's rows (the server stopped).
    pub async fn stop(&self) {
        if let Some(task) = self.lock_heartbeat().take() {
            task.abort();
        }
        self.lock_live().clear();
        if let Err(e) = sqlx::query("DELETE FROM ws_sockets WHERE instance = $1")
            .bind(&*self.instance)
            .execute(&self.pool)
            .await
        {
            tracing::warn!(error = %e, "cannot delete this instance's socket rows");
        }
    }

    /// Counts the cluster's live sockets of `token_hash` and of `audience`, and registers a new
    /// one when both stay within their limits: its id, to give back to `release`.
    #[tracing::instrument(skip_all)]
    pub async fn admit(
        &self,
        token_hash: &str,
        audience: Audience,
        per_token: usize,
        per_audience: usize,
    ) -> Result<Result<String, Refusal>, sqlx::Error> {
        let audience = audience_key(audience);
        let mut txn = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
            .bind(NAMESPACE)
            .bind(&audience)
            .execute(&mut *txn)
            .await?;
        sqlx::query(
            "DELETE FROM ws_sockets WHERE audience = $1 \
             AND seen_at < now() - make_interval(secs => $2)",
        )
        .bind(&audience)
        .bind(STALE_AFTER_SECS as f64)
        .execute(&mut *txn)
        .await?;
        let (for_token, for_audience): (i64, i64) = sqlx::query_as(
            "SELECT count(*) FILTER (WHERE token_hash = $1), count(*) \
             FROM ws_sockets WHERE audience = $2",
        )
        .bind(token_hash)
        .bind(&audience)
        .fetch_one(&mut *txn)
        .await?;
        if let Some(refusal) = refusal(for_token, for_audience, per_token, per_audience) {
            return Ok(Err(refusal));
        }
        let socket = format!(
            "{}-{}",
            self.instance,
            NEXT_SOCKET.fetch_add(1, Ordering::Relaxed)
        );
        sqlx::query(
            "INSERT INTO ws_sockets (id, instance, token_hash, audience, seen_at) \
             VALUES ($1, $2, $3, $4, now())",
        )
        .bind(&socket)
        .bind(&*self.instance)
        .bind(token_hash)
        .bind(&audience)
        .execute(&mut *txn)
        .await?;
        // Registered before the commit: a heartbeat in between writes the row again, never
        // deletes it.
        self.lock_live().insert(
            socket.clone(),
            Row {
                token_hash: token_hash.to_owned(),
                audience,
            },
        );
        if let Err(e) = txn.commit().await {
            self.lock_live().remove(&socket);
            return Err(e);
        }
        Ok(Ok(socket))
    }

    /// The socket closed: its place is given back (in the background; the heartbeat repairs a
    /// delete that failed).
    pub fn release(&self, socket: &str) {
        if self.lock_live().remove(socket).is_none() {
            return;
        }
        let (pool, socket) = (self.pool.clone(), socket.to_owned());
        tokio::spawn(async move {
            if let Err(e) = sqlx::query("DELETE FROM ws_sockets WHERE id = $1")
                .bind(&socket)
                .execute(&pool)
                .await
            {
                tracing::warn!(error = %e, "cannot delete a closed socket's row");
            }
        });
    }

    /// Writes this instance's live rows back with a fresh `seen_at` and deletes its rows whose
    /// socket is gone.
    async fn refresh(&self) -> Result<(), sqlx::Error> {
        let (mut ids, mut tokens, mut audiences) = (Vec::new(), Vec::new(), Vec::new());
        for (id, row) in self.lock_live().iter() {
            ids.push(id.clone());
            tokens.push(row.token_hash.clone());
            audiences.push(row.audience.clone());
        }
        let mut txn = self.pool.begin().await?;
        // Only rows older than a socket admitted while this ran (its row is fresh, and was not
        // in the snapshot above).
        sqlx::query(
            "DELETE FROM ws_sockets WHERE instance = $1 AND NOT (id = ANY($2)) \
             AND seen_at < now() - make_interval(secs => $3)",
        )
        .bind(&*self.instance)
        .bind(&ids)
        .bind(HEARTBEAT.as_secs_f64() / 2.0)
        .execute(&mut *txn)
        .await?;
        sqlx::query(
            "INSERT INTO ws_sockets (id, instance, token_hash, audience, seen_at) \
             SELECT id, $1, token_hash, audience, now() \
             FROM unnest($2::text[], $3::text[], $4::text[]) AS s(id, token_hash, audience) \
             ON CONFLICT (id) DO UPDATE SET seen_at = now()",
        )
        .bind(&*self.instance)
        .bind(&ids)
        .bind(&tokens)
        .bind(&audiences)
        .execute(&mut *txn)
        .await?;
        txn.commit().await
    }
}

/// The decision, from the counts of the sockets already open.
fn refusal(
    for_token: i64,
    for_audience: i64,
    per_token: usize,
    per_audience: usize,
) -> Option<Refusal> {
    let reached = |count: i64, limit: usize| usize::try_from(count).unwrap_or(usize::MAX) >= limit;
    if reached(for_token, per_token) {
        Some(Refusal::TooManyForToken)
    } else if reached(for_audience, per_audience) {
        Some(Refusal::TooManyForAudience)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_limit_is_named_before_the_audience_limit() {
        assert_eq!(refusal(0, 0, 8, 200), None);
        assert_eq!(refusal(7, 199, 8, 200), None);
        assert_eq!(refusal(8, 8, 8, 200), Some(Refusal::TooManyForToken));
        assert_eq!(refusal(8, 200, 8, 200), Some(Refusal::TooManyForToken));
        assert_eq!(refusal(1, 200, 8, 200), Some(Refusal::TooManyForAudience));
    }

    #[test]
    fn audiences_have_distinct_keys() {
        use protocol::ConciergerieId;
        assert_eq!(
            audience_key(Audience::Tenant(ConciergerieId(7))),
            "tenant:7"
        );
        assert_eq!(audience_key(Audience::Admins), "admins");
        assert_ne!(
            audience_key(Audience::Tenant(ConciergerieId(1))),
            audience_key(Audience::Admins)
        );
    }
}
