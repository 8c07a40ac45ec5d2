//! Where stays come from besides an operator's hands: a CSV file (`csv_import`) and the
//! properties' calendar feeds (`ical` reads one, `fetch` downloads it, `sync` applies it).

pub mod csv_import;
pub mod fetch;
pub mod ical;
pub mod sync;
