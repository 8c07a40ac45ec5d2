//! Session tokens: 256 random bits, handed to the client once; the database keeps only their
//! SHA-256, so a leaked database holds no usable token.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub struct NewToken {
    /// Given to the client.
    pub plain: String,
    /// Stored.
    pub hash: String,
}

pub fn generate() -> NewToken {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let plain = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&plain);
    NewToken { plain, hash }
}

pub fn hash(plain: &str) -> String {
    let digest = Sha256::digest(plain.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let a = generate();
        let b = generate();
        assert_ne!(a.plain, b.plain);
        assert_eq!(a.plain.len(), 43); // 32 bytes, base64url without padding
        assert_eq!(a.hash, hash(&a.plain));
        assert_ne!(a.hash, a.plain);
        assert_eq!(a.hash.len(), 64);
    }
}
