//! Majordome's operator dashboard: a live WhatsApp inbox with an AI concierge, in Yew.
//!
//! - [`api`] and [`ws`] talk to the server, using only the `protocol` crate's types.
//! - [`state`] holds the pure reducers (inbox, simulator, feature board) the components render;
//!   they are where the tricky ordering and dedupe rules live, so they are unit-tested.
//! - [`components`] has one file per component; [`i18n`] the French and English texts.
//!
//! `main.rs` only calls [`run`].

pub mod api;
pub mod clock;
pub mod components;
pub mod format;
pub mod i18n;
pub mod route;
pub mod state;
pub mod ws;

/// Mounts the dashboard on `<body>`.
pub fn run() {
    yew::Renderer::<components::app::App>::new().render();
}
