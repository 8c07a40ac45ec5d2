//! Where stays come from besides an operator's hands: a CSV file (`csv_import`) and the
//! properties' calendar feeds (`ical` reads one, `fetch` downloads it, `sync` applies it) — and
//! which stay a guest's conversation is about (`link`).

pub mod context;
pub mod csv_import;
pub mod fetch;
pub mod ical;
pub mod link;
pub mod sync;
