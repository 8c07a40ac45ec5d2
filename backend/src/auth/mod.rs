//! Who is calling: password hashing, session tokens, the request extractors for operator and admin
//! sessions, and the limiter that slows down password guessing.

pub mod client_addr;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod token;

pub use session::{AdminSession, OperatorSession, SessionFor};
