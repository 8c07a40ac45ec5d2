//! argon2id password hashes. Hashing is CPU-heavy by design, so it runs on the blocking pool and
//! never stalls an async worker.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::error::AppError;

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(anyhow::anyhow!("argon2 hash: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
}

/// Checks `password` against a stored hash. With no stored hash (unknown account) it still spends
/// the same work against a dummy hash, so response time does not reveal which emails exist.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        ok && known
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

/// Computes the dummy hash now, at start-up, so that the first unknown-email logins do not pay
/// for it (a per-thread lazy hash once made them twice as slow as known ones).
pub async fn prepare_dummy_hash() -> Result<(), AppError> {
    tokio::task::spawn_blocking(|| {
        dummy_hash();
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))
}

static DUMMY_HASH: OnceLock<String> = OnceLock::new();
static DUMMY_HASHES_COMPUTED: AtomicUsize = AtomicUsize::new(0);

fn dummy_hash() -> &'static str {
    DUMMY_HASH.get_or_init(|| {
        DUMMY_HASHES_COMPUTED.fetch_add(1, Ordering::Relaxed);
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no such account", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// How many times this process computed the dummy hash (once, whatever the load): lets a test
/// check that unknown emails never pay for it.
pub fn dummy_hashes_computed() -> usize {
    DUMMY_HASHES_COMPUTED.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let h = hash("correct horse".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse".into(), Some(h.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong horse".into(), Some(h)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }
}
