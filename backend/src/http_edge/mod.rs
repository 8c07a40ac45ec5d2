//! What every HTTP request passes through before a handler: a deadline for its body and the
//! security headers of every answer; and the request rates some handlers check.

pub mod body_deadline;
pub mod request_limits;
pub mod security_headers;
