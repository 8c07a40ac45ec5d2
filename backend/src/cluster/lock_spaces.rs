//! The first keys of the application's two-key advisory locks (`pg_advisory_lock(int4, int4)`),
//! one per use, in one place so two uses never share a key. The one-key locks (migrations at
//! start-up, the login limiter's per-address lock) live in PostgreSQL's other key space.

/// A conversation's owner (`leases`): a session lock held while its actor runs.
pub const CONVERSATION_OWNER: i32 = 0x4d4a_0001;
/// Socket admission per audience (`sockets`): a transaction lock.
pub const SOCKET_ADMISSION: i32 = 0x4d4a_0002;
/// Guest-message inserts per conversation (`db::ingest`): a transaction lock, so that a
/// conversation's guest messages commit in id order on every instance.
pub const GUEST_INSERTS: i32 = 0x4d4a_0003;

/// A conversation id as the second key (ids stay far below 2³¹).
pub fn conversation_key(id: i64) -> i32 {
    (id & 0x7fff_ffff) as i32
}
