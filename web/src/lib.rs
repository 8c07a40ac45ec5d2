//! Majordome's operator dashboard: a live WhatsApp inbox with an AI concierge, in Yew.
//!
//! - [`api`] and [`ws`] talk to the server, using only the `protocol` crate's types; the
//!   machinery (fetch, errors, reconnection) is the shared `ui` toolkit's.
//! - [`state`] holds the pure reducers (inbox, simulator, feature board) the components render;
//!   they are where the tricky ordering and dedupe rules live, so they are unit-tested.
//! - [`components`] has one file per component; [`i18n`] the French and English texts.
//!
//! `main.rs` only calls [`run`].

pub mod api;
pub mod components;
pub mod format;
pub mod i18n;
pub mod notify;
pub mod reasons;
pub mod route;
pub mod state;

// The toolkit's modules, under the names the components have always used.
pub use ui::{clock, ws};

/// Mounts the dashboard on `<body>`.
pub fn run() {
    yew::Renderer::<components::app::App>::new().render();
}
