//! What every HTTP request passes through before a handler: a deadline for its body and the
//! security headers of every answer.

pub mod body_deadline;
pub mod security_headers;
